// The names an export writes: each live object's manifest identity after the prefix rewrite, checked for
// collisions (a manifest cannot hold two objects with one identity), plus id → name lookups for references.
import { RefusedError } from '../errors.js';
import { MANIFEST_KEYS, stripEndpointSuffix, type Kind, type Live, type LiveState } from '../model.js';

export interface Rename {
  from: string;
  to: string;
}

export interface NamedObject<L extends Live = Live> {
  live: L;
  /** The identity written to the manifest. */
  name: string;
  /** True when the live object has no name and is written under `<kind>-<id>`. */
  unnamed: boolean;
  /** The live name before the prefix rewrite, when the rewrite changed it. */
  renamedFrom?: string;
}

/**
 * The written identity of a live object; null for an endpoint whose username lacks Plivo's 12-digit suffix,
 * which no manifest entry can match (the planner never adopts one), so it cannot be exported. The prefix rewrite applies to real names and endpoint usernames, not
 * to the `<kind>-<id>` identity of an unnamed object: that one is derived from the source account's id.
 */
export function nameLiveObject(live: Live, rename?: Rename): NamedObject | null {
  let own: string;
  // A number is its own identity: digits the account holds, which no prefix rewrite applies to.
  if (live.kind === 'number') return { live, name: live.number, unnamed: false };
  if (live.kind === 'endpoint') {
    const base = stripEndpointSuffix(live.username);
    if (base === null) return null;
    own = base;
  } else if (live.name === null || live.name === '') return { live, name: `${live.kind}-${live.id}`, unnamed: true };
  else own = live.name;
  if (rename && own.startsWith(rename.from)) {
    const name = rename.to + own.slice(rename.from.length);
    if (name !== own) return { live, name, unnamed: false, renamedFrom: own };
  }
  return { live, name: own, unnamed: false };
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface NamedState {
  /** Per kind, sorted by identity. */
  named: Map<Kind, NamedObject[]>;
  /** Objects no manifest can describe (see nameLiveObject), in the order read. */
  unmatchable: Live[];
}

/**
 * Names every object of the given kinds and sorts each kind by identity. Throws RefusedError naming every id
 * when two objects of a kind would be written under one identity.
 */
export function nameLiveState(live: LiveState, kinds: readonly Kind[], rename?: Rename): NamedState {
  const named = new Map<Kind, NamedObject[]>();
  const unmatchable: Live[] = [];
  const collisions: string[] = [];
  for (const kind of kinds) {
    const objects: NamedObject[] = [];
    for (const l of live[kind] as Live[]) {
      const n = nameLiveObject(l, rename);
      if (n) objects.push(n);
      else unmatchable.push(l);
    }
    objects.sort((a, b) => compareNames(a.name, b.name) || compareNames(a.live.id, b.live.id));
    for (let i = 0; i < objects.length; ) {
      let j = i + 1;
      while (j < objects.length && objects[j].name === objects[i].name) j++;
      if (j - i > 1) collisions.push(describeCollision(kind, objects.slice(i, j)));
      i = j;
    }
    named.set(kind, objects);
  }
  if (collisions.length > 0) {
    throw new RefusedError(
      `cannot export: live objects share an identity, and a manifest cannot tell them apart:\n${collisions.join('\n')}`,
      rename
        ? `Rename or delete all but one of each in the account, choose another --rename-to, or leave the kind out with --kinds; then export again.`
        : `Rename or delete all but one of each in the account (or leave the kind out with --kinds), then export again.`,
    );
  }
  return { named, unmatchable };
}

function describeCollision(kind: Kind, objects: NamedObject[]): string {
  const ids = objects.map((o) => {
    if (o.renamedFrom !== undefined) return `${o.live.id} (named "${o.renamedFrom}")`;
    if (o.live.kind === 'endpoint') return `${o.live.id} (username "${o.live.username}")`;
    if (o.unnamed) return `${o.live.id} (unnamed)`;
    return o.live.id;
  });
  return `  ${MANIFEST_KEYS[kind]} "${objects[0].name}": ids ${ids.join(', ')}`;
}
