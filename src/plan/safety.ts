// Safety refusals: deletes that would break what uses the object (a trunk, a number), deletes of too much at
// once, identities that two live objects claim, and entries of a kind plivo-sync never creates that the account
// lacks.
import { MANIFEST_KEYS, desiredIdentity, liveIdentity } from '../model.js';
import type { Desired, Kind, Live } from '../model.js';
import type { Change, ObjectRef, PlanOptions, Refusal } from './types.js';
import { compareIds } from './view.js';

export function refOf(l: Live): ObjectRef {
  return { kind: l.kind, id: l.id, name: liveIdentity(l) };
}

/** `trunk main (42)`; a number is its own id, so just `number 14155551234`. */
function describe(l: Live): string {
  const identity = liveIdentity(l);
  return identity === l.id ? `${l.kind} ${identity}` : `${l.kind} ${identity} (${l.id})`;
}

/** What deleting an object does to its users, and how to proceed; keyed by the deleted object's kind. */
interface InUseText {
  /** "uses" or "routes to". */
  verb: string;
  why: string;
  /** When every user is in the manifest. */
  managedHint: string;
  /** When some user is not. */
  unmanagedHint: string;
}

const PARENT_HINTS = (kind: Kind): Pick<InUseText, 'managedHint' | 'unmanagedHint'> => ({
  unmanagedHint:
    `Keep the ${kind} (add it to the manifest or drop ${MANIFEST_KEYS[kind]} from --prune), ` +
    `or manage the trunk: add it to the manifest without this reference, or prune trunks too ` +
    `(--prune ${MANIFEST_KEYS[kind]},trunks).`,
  managedHint: `Keep the ${kind} in the manifest, or change the trunk's entry so it no longer uses it.`,
});

const IN_USE: Partial<Record<Kind, InUseText>> = {
  uri: { verb: 'uses', why: 'Plivo deletes a trunk together with a URI it uses', ...PARENT_HINTS('uri') },
  credential: { verb: 'uses', why: 'the trunk would lose its authentication', ...PARENT_HINTS('credential') },
  ipacl: { verb: 'uses', why: 'the trunk would lose its authentication', ...PARENT_HINTS('ipacl') },
  trunk: {
    verb: 'routes to',
    why: 'Plivo detaches a number from a deleted trunk, and the number then stops answering calls',
    managedHint: "Keep the trunk in the manifest, or route the number to another inbound trunk in its entry.",
    unmanagedHint:
      'Keep the trunk (add it to the manifest or drop trunks from --prune), or route the numbers elsewhere first: ' +
      'add them to the manifest with another inbound trunk, or change them in the Plivo console.',
  },
};

/**
 * A delete while live objects still use it after the plan: trunks using a uri/credential/ipacl, numbers routed
 * to a trunk. `remaining` are those users: not deleted by the plan, and not pointed elsewhere by their entry.
 */
export function refuseInUse(target: Live, remaining: readonly Live[], managed: (u: Live) => boolean): Refusal {
  const users = [...remaining].sort((a, b) => compareIds(a.id, b.id));
  const anyUnmanaged = users.some((u) => !managed(u));
  const list = users.map((u) => `${managed(u) ? '' : 'unmanaged '}${describe(u)}`).join(', ');
  const text = IN_USE[target.kind];
  if (text === undefined) throw new Error(`internal: nothing can use a ${target.kind}`);
  return {
    code: 'in-use',
    message: `${describe(target)} would be deleted while ${list} still ${text.verb} it: ${text.why}.`,
    objects: [refOf(target), ...users.map(refOf)],
    hint: anyUnmanaged ? text.unmanagedHint : text.managedHint,
    overridable: false,
  };
}

const NOT_IN_ACCOUNT_HINT: Partial<Record<Kind, string>> = {
  number:
    'plivo-sync routes numbers but never buys them: buy or port the number first (Plivo console → Phone Numbers), ' +
    'or check its digits (country code first, no "+"); then plan again.',
};

/** A manifest entry of a kind plivo-sync never creates (a phone number) that the account does not hold. */
export function refuseNotInAccount(d: Desired): Refusal {
  const identity = desiredIdentity(d);
  return {
    code: 'not-in-account',
    message: `${d.kind} ${identity} is not in the account; ${MANIFEST_KEYS[d.kind]} are never created by plivo-sync.`,
    objects: [{ kind: d.kind, id: null, name: identity }],
    hint: NOT_IN_ACCOUNT_HINT[d.kind] ?? `Create the ${d.kind} outside plivo-sync, or remove it from the manifest.`,
    overridable: false,
  };
}

/**
 * Deletes of more than the threshold fraction of a kind's live objects (when it has enough of them) are
 * refused; with --force they go through with a warning instead.
 */
export function checkMassDelete(
  kind: Kind,
  deletes: readonly Change[],
  liveCount: number,
  options: PlanOptions,
): { refusal?: Refusal; warning?: string } {
  const { fraction, minObjects } = options.deleteThreshold;
  if (liveCount < minObjects || deletes.length <= fraction * liveCount) return {};
  const share = `${deletes.length} of ${liveCount} live ${MANIFEST_KEYS[kind]} (${Math.round((100 * deletes.length) / liveCount)}%)`;
  if (options.force) return { warning: `deleting ${share}: allowed by --force.` };
  return {
    refusal: {
      code: 'mass-delete',
      message: `the plan deletes ${share}, more than the ${Math.round(fraction * 100)}% allowed at once.`,
      objects: deletes.map((c) => ({ kind: c.kind, id: c.id, name: c.name })),
      hint: 'Check the manifest and --prune; if these deletes are intended, run again with --force.',
      overridable: true,
    },
  };
}

/** Two or more live objects claim one identity that the plan would act on: never guess which one is meant. */
export function refuseAmbiguous(kind: Kind, identity: string, lives: readonly Live[]): Refusal {
  const ids = lives.map((l) => l.id).sort(compareIds);
  const claim = kind === 'endpoint' ? `the username ${identity} + 12 digits` : `the name "${identity}"`;
  return {
    code: 'ambiguous-identity',
    message: `${ids.length} live ${MANIFEST_KEYS[kind]} have ${claim} (ids ${ids.join(', ')}); no change is planned for it.`,
    objects: ids.map((id) => ({ kind, id, name: identity })),
    hint:
      kind === 'endpoint'
        ? 'Delete the extra endpoints in the Plivo console so that one remains, then plan again.'
        : `Rename or delete the extra ${MANIFEST_KEYS[kind]} in the Plivo console so that the name is unique, then plan again.`,
    overridable: false,
  };
}
