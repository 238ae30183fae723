// The planner: desired state + live state + options → a Plan (changes in execution order, unmanaged objects,
// refusals, warnings). Pure: no I/O, environment, clock or randomness.
import { KINDS, KIND_TRAITS, desiredIdentity, liveIdentity } from '../model.js';
import type { Desired, DesiredState, Kind, Live, LiveState } from '../model.js';
import { changeKey } from './types.js';
import type { Change, ObjectRef, Plan, PlanOptions, PlanSummary, Refusal, RefusalCode } from './types.js';
import { indexDesired, indexLive, matchIdentity, nameOfId, refersTo } from './identity.js';
import type { LiveIndex } from './identity.js';
import { diffObject } from './diff.js';
import type { ObjectDiff, Resolver } from './diff.js';
import { RotateRequest, warnAboutPasswords } from './secrets.js';
import { decideFate } from './ownership.js';
import { REFERRING_KINDS, REFS, dependOnParents, dependOnUsers, indexUsers, orderChanges } from './order.js';
import { checkMassDelete, refOf, refuseAmbiguous, refuseInUse, refuseNotInAccount } from './safety.js';
import { compareIds, compareText, readField, viewDesired, viewLive } from './view.js';

function createChange(d: Desired): Change {
  const after = viewDesired(d);
  const name = desiredIdentity(d);
  return {
    key: changeKey(d.kind, name),
    action: 'create',
    kind: d.kind,
    name,
    id: null,
    before: null,
    after,
    changed: Object.keys(after).filter((f) => after[f] !== null),
    depends_on: [],
    notes: [],
  };
}

function updateChange(d: Desired, l: Live, diff: ObjectDiff, index: LiveIndex): Change {
  const name = desiredIdentity(d);
  return {
    key: changeKey(d.kind, name),
    action: 'update',
    kind: d.kind,
    name,
    id: l.id,
    before: viewLive(l, d, (kind, id) => nameOfId(index, kind, id)),
    after: viewDesired(d),
    changed: diff.changed,
    depends_on: [],
    notes: diff.notes,
  };
}

function deleteChange(l: Live, index: LiveIndex): Change {
  const name = liveIdentity(l);
  return {
    key: changeKey(l.kind, name),
    action: 'delete',
    kind: l.kind,
    name,
    id: l.id,
    before: viewLive(l, null, (kind, id) => nameOfId(index, kind, id)),
    after: null,
    changed: [],
    depends_on: [],
    notes: [],
  };
}

const REFUSAL_ORDER: Record<RefusalCode, number> = { 'ambiguous-identity': 0, 'not-in-account': 1, 'in-use': 2, 'mass-delete': 3 };

function compareRefs(a: ObjectRef, b: ObjectRef): number {
  return (
    KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
    compareText(a.name ?? '', b.name ?? '') ||
    compareIds(a.id ?? '', b.id ?? '')
  );
}

function summarize(changes: readonly Change[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0 };
  for (const c of changes) summary[c.action]++;
  return summary;
}

/** The keys `--rotate` may name: manifest objects that have a password. */
function rotatableKeys(desired: DesiredState): Set<string> {
  const keys = new Set<string>();
  for (const kind of ['uri', 'credential', 'endpoint'] as const) {
    for (const d of desired[kind]) if (d.password !== null) keys.add(changeKey(kind, desiredIdentity(d)));
  }
  return keys;
}

export function planChanges(desired: DesiredState, live: LiveState, options: PlanOptions): Plan {
  const index = indexLive(live);
  const resolve: Resolver = (kind, name, id) => refersTo(index, kind, name, id);
  const rotate = new RotateRequest(options.rotate);
  // Kinds that are never deleted stay so whatever the options say (validation refuses them earlier).
  const prune = new Set<Kind>(options.prune.filter((k) => KIND_TRAITS[k].deletable));

  const changes = new Map<string, Change>();
  /** The update or delete planned for a live object. */
  const changeOfLive = new Map<Live, Change>();
  /** The manifest entry a live trunk or number uniquely matches (only those are asked about: they hold references). */
  const entryOfLive = new Map<Live, Desired>();
  const unmanaged: ObjectRef[] = [];
  const refusals: Refusal[] = [];
  const warnings: string[] = [];
  const blind = { 'write-only': 0, 'no-hash': 0 };
  const add = (c: Change, l?: Live): void => {
    changes.set(c.key, c);
    if (l) changeOfLive.set(l, c);
  };

  for (const kind of KINDS) {
    const wanted = indexDesired(desired, kind);
    for (const [identity, d] of wanted) {
      const lives = index[kind].byIdentity.get(identity) ?? [];
      if (lives.length > 1) {
        refusals.push(refuseAmbiguous(kind, identity, lives));
      } else if (lives.length === 0) {
        if (KIND_TRAITS[kind].creatable) add(createChange(d));
        else refusals.push(refuseNotInAccount(d));
      } else {
        const l = lives[0];
        if (REFS[kind].length > 0) entryOfLive.set(l, d);
        const diff = diffObject(d, l, resolve, rotate);
        if (diff.blind) blind[diff.blind]++;
        if (diff.changed.length > 0) add(updateChange(d, l, diff, index), l);
      }
    }

    // Unmanaged objects, grouped by the identity a delete would carry: two deletes must not share a key.
    const doomed = new Map<string, Live[]>();
    for (const l of live[kind] as Live[]) {
      const identity = matchIdentity(l);
      const fate = decideFate(identity === null ? undefined : wanted.get(identity), prune.has(kind));
      // Only what --prune could delete is listed: an account's thousands of other numbers are not news.
      if (fate === 'keep' && KIND_TRAITS[kind].deletable) unmanaged.push(refOf(l));
      if (fate !== 'delete') continue;
      const same = doomed.get(liveIdentity(l));
      if (same) same.push(l);
      else doomed.set(liveIdentity(l), [l]);
    }
    for (const [identity, lives] of doomed) {
      if (lives.length > 1) refusals.push(refuseAmbiguous(kind, identity, lives));
      else add(deleteChange(lives[0], index), lives[0]);
    }
  }

  // Dependencies, and deletes that would leave a live trunk or number pointing at nothing.
  const users = indexUsers(REFERRING_KINDS.flatMap((k) => live[k] as Live[]));
  const stillUses = (u: Live, kind: Kind, id: string): boolean => {
    if (changeOfLive.get(u)?.action === 'delete') return false;
    const entry = entryOfLive.get(u);
    if (entry === undefined) return true; // unmanaged, or ambiguous: nothing planned changes it
    return REFS[u.kind].some((ref) => {
      const name = readField(entry, ref.field) as string | null;
      return ref.target === kind && name !== null && resolve(kind, name, id);
    });
  };
  const entries = new Map(REFERRING_KINDS.map((k) => [k, indexDesired(desired, k)]));
  for (const c of changes.values()) {
    const byName = entries.get(c.kind);
    if (byName && c.action !== 'delete') dependOnParents(c, byName.get(c.name) as Desired, changes);
  }
  for (const c of changes.values()) {
    if (c.action !== 'delete') continue;
    const using = users.get(`${c.kind}:${c.id}`);
    if (using === undefined) continue;
    dependOnUsers(c, using.map((u) => changeOfLive.get(u)));
    const remaining = using.filter((u) => stillUses(u, c.kind, c.id as string));
    if (remaining.length > 0) {
      const target = index[c.kind].byId.get(c.id as string) as Live;
      refusals.push(refuseInUse(target, remaining, (u) => entryOfLive.has(u)));
    }
  }

  const ordered = orderChanges([...changes.values()]);
  for (const kind of KINDS) {
    const deletes = ordered.filter((c) => c.kind === kind && c.action === 'delete');
    const mass = checkMassDelete(kind, deletes, live[kind].length, options);
    if (mass.refusal) refusals.push(mass.refusal);
    if (mass.warning) warnings.push(mass.warning);
  }

  // The set of rotatable keys costs a string per manifest object: build it only when some key was named.
  const named = options.rotate.some((r) => r !== 'all');
  warnings.push(...warnAboutPasswords(blind, named ? rotate.unknownKeys(rotatableKeys(desired)) : []));

  unmanaged.sort(compareRefs);
  for (const r of refusals) r.objects.sort(compareRefs);
  refusals.sort(
    (a, b) => REFUSAL_ORDER[a.code] - REFUSAL_ORDER[b.code] || compareRefs(a.objects[0], b.objects[0]),
  );
  return { changes: ordered, unmanaged, refusals, warnings, summary: summarize(ordered) };
}
