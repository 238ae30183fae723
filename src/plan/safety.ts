// Safety refusals: deletes that would break a trunk, deletes of too much at once, and identities that two
// live objects claim.
import { MANIFEST_KEYS, liveIdentity } from '../model.js';
import type { Kind, Live, LiveTrunk } from '../model.js';
import type { Change, ObjectRef, PlanOptions, Refusal } from './types.js';
import { compareIds } from './view.js';

export function refOf(l: Live): ObjectRef {
  return { kind: l.kind, id: l.id, name: liveIdentity(l) };
}

function describe(l: Live): string {
  return `${l.kind} ${liveIdentity(l)} (${l.id})`;
}

const IN_USE_WHY: Partial<Record<Kind, string>> = {
  uri: 'Plivo deletes a trunk together with a URI it uses',
  credential: 'the trunk would lose its authentication',
  ipacl: 'the trunk would lose its authentication',
};

/**
 * A uri/credential/ipacl delete while live trunks still use it after the plan. `remaining` are those
 * trunks: not deleted by the plan, and not pointed elsewhere by their manifest entry.
 */
export function refuseInUse(target: Live, remaining: readonly LiveTrunk[], managed: (t: LiveTrunk) => boolean): Refusal {
  const trunks = [...remaining].sort((a, b) => compareIds(a.id, b.id));
  const anyUnmanaged = trunks.some((t) => !managed(t));
  const list = trunks.map((t) => `${managed(t) ? '' : 'unmanaged '}${describe(t)}`).join(', ');
  const hint = anyUnmanaged
    ? `Keep the ${target.kind} (add it to the manifest or drop ${MANIFEST_KEYS[target.kind]} from --prune), ` +
      `or manage the trunk: add it to the manifest without this reference, or prune trunks too ` +
      `(--prune ${MANIFEST_KEYS[target.kind]},trunks).`
    : `Keep the ${target.kind} in the manifest, or change the trunk's entry so it no longer uses it.`;
  return {
    code: 'in-use',
    message: `${describe(target)} would be deleted while ${list} still uses it: ${IN_USE_WHY[target.kind]}.`,
    objects: [refOf(target), ...trunks.map(refOf)],
    hint,
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
