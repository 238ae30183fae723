// Dependencies between changes and their execution order: referenced objects before what will use them (parents
// before trunks, trunks before the numbers routed to them), users before the objects they stop using, then a
// deterministic topological order.
import { KINDS } from '../model.js';
import type { Desired, Kind, Live } from '../model.js';
import { changeKey } from './types.js';
import type { Action, Change } from './types.js';
import { FIELD_SPECS, compareText, readField } from './view.js';

export interface RefField {
  field: string;
  target: Kind;
}

/** Each kind's fields that reference other objects, with the kind each points at (from FIELD_SPECS). */
export const REFS: Readonly<Record<Kind, readonly RefField[]>> = Object.fromEntries(
  KINDS.map((k) => [k, FIELD_SPECS[k].filter((s) => s.type === 'ref').map((s) => ({ field: s.field, target: s.target as Kind }))]),
) as Record<Kind, RefField[]>;

/** The trunk fields that reference other objects, with the kind each points at. */
export const TRUNK_REFS = REFS.trunk;

/** The kinds whose objects reference others (trunks, numbers). */
export const REFERRING_KINDS: readonly Kind[] = KINDS.filter((k) => REFS[k].length > 0);

/** Live objects (trunks, numbers) by the objects they reference now, keyed `kind:id`; each user once per key. */
export function indexUsers(objects: readonly Live[]): Map<string, Live[]> {
  const users = new Map<string, Live[]>();
  for (const o of objects) {
    for (const ref of REFS[o.kind]) {
      const id = readField(o, `${ref.field}_id`) as string | null;
      if (id === null || id === '') continue;
      const key = `${ref.target}:${id}`;
      const list = users.get(key);
      // A trunk using one URI as primary and fallback is one user.
      if (!list) users.set(key, [o]);
      else if (list[list.length - 1] !== o) list.push(o);
    }
  }
  return users;
}

function addDependency(change: Change, on: Change | undefined): void {
  if (on && on.action !== 'delete' && !change.depends_on.includes(on.key)) change.depends_on.push(on.key);
}

/** A create/update waits for the create/update of every object it will reference. */
export function dependOnParents(change: Change, d: Desired, changes: ReadonlyMap<string, Change>): void {
  for (const ref of REFS[d.kind]) {
    const name = readField(d, ref.field) as string | null;
    if (name !== null && name !== '') addDependency(change, changes.get(changeKey(ref.target, name)));
  }
}

/**
 * A delete waits for the update or delete of every live object that uses it now (`users` are those objects'
 * changes, each object once): a uri/credential/ipacl for its trunks, a trunk for the numbers routed to it.
 */
export function dependOnUsers(change: Change, users: readonly (Change | undefined)[]): void {
  for (const u of users) if (u) change.depends_on.push(u.key);
}

const PHASE: Record<Action, number> = { create: 0, update: 0, delete: 1 };

function compareChanges(a: Change, b: Change): number {
  return (
    PHASE[a.action] - PHASE[b.action] ||
    KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
    compareText(a.name, b.name)
  );
}

/** A binary min-heap of positions in the ranked list: Kahn's algorithm always takes the best-ranked ready change. */
class RankHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }

  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Sorts depends_on and returns the changes in execution order: every change after all it depends on, ties
 * broken by phase (creates and updates, then deletes), kind order and name. Throws on a cycle, which the
 * dependency rules above cannot produce.
 */
export function orderChanges(changes: readonly Change[]): Change[] {
  const ranked = [...changes].sort(compareChanges);
  const rankOf = new Map(ranked.map((c, i) => [c.key, i]));
  const waiting = ranked.map((c) => c.depends_on.length);
  const dependents: number[][] = ranked.map(() => []);
  ranked.forEach((c, i) => {
    c.depends_on.sort((a, b) => (rankOf.get(a) ?? 0) - (rankOf.get(b) ?? 0));
    for (const dep of c.depends_on) {
      const j = rankOf.get(dep);
      if (j === undefined) throw new Error(`internal: ${c.key} depends on ${dep}, which is not in the plan`);
      dependents[j].push(i);
    }
  });
  const ready = new RankHeap();
  waiting.forEach((n, i) => n === 0 && ready.push(i));
  const ordered: Change[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    ordered.push(ranked[i]);
    for (const j of dependents[i]) if (--waiting[j] === 0) ready.push(j);
  }
  if (ordered.length !== ranked.length) throw new Error('internal: the plan has a dependency cycle');
  return ordered;
}
