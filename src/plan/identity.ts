// Matching live objects to manifest entries: indexes of the live state by id and by identity.
import { KINDS, desiredIdentity, liveIdentity, stripEndpointSuffix } from '../model.js';
import type { Desired, DesiredState, Kind, Live, LiveState } from '../model.js';

export interface KindIndex {
  byId: Map<string, Live>;
  /** Only objects that a manifest entry can match (see matchIdentity). */
  byIdentity: Map<string, Live[]>;
}

export type LiveIndex = Record<Kind, KindIndex>;

/**
 * The identity a manifest entry matches, or null when none can: an endpoint matches only when its username is
 * the manifest's username plus exactly 12 digits, so one without that suffix is never adopted by accident.
 */
export function matchIdentity(l: Live): string | null {
  if (l.kind === 'endpoint') return stripEndpointSuffix(l.username);
  return liveIdentity(l);
}

export function indexLive(live: LiveState): LiveIndex {
  const index = {} as LiveIndex;
  for (const kind of KINDS) {
    const byId = new Map<string, Live>();
    const byIdentity = new Map<string, Live[]>();
    for (const l of live[kind]) {
      byId.set(l.id, l);
      const identity = matchIdentity(l);
      if (identity === null) continue;
      const same = byIdentity.get(identity);
      if (same) same.push(l);
      else byIdentity.set(identity, [l]);
    }
    index[kind] = { byId, byIdentity };
  }
  return index;
}

/** Manifest entries of one kind by identity. Validation guarantees identities are unique within a kind. */
export function indexDesired(desired: DesiredState, kind: Kind): Map<string, Desired> {
  const byIdentity = new Map<string, Desired>();
  for (const d of desired[kind] as Desired[]) {
    const identity = desiredIdentity(d);
    if (byIdentity.has(identity)) {
      throw new Error(`internal: the desired state has two ${kind} entries named "${identity}"`);
    }
    byIdentity.set(identity, d);
  }
  return byIdentity;
}

/**
 * Whether a manifest reference (a name) stands for the live object `id`: false when the plan creates the
 * object, which therefore has no id yet.
 */
export function refersTo(index: LiveIndex, kind: Kind, name: string, id: string): boolean {
  return (index[kind].byIdentity.get(name) ?? []).some((l) => l.id === id);
}

/** How a plan shows a live reference: the referenced object's identity, or `(missing <id>)`. */
export function nameOfId(index: LiveIndex, kind: Kind, id: string): string {
  const target = index[kind].byId.get(id);
  return target ? liveIdentity(target) : `(missing ${id})`;
}
