// The dependency graph of a plan's changes: checks that it can be executed, and says who depends on whom.
import { RefusedError } from '../errors.js';
import type { Change } from '../plan/types.js';

export interface ChangeGraph {
  /** key → keys of the changes that list it in depends_on, in plan order. */
  dependents: Map<string, string[]>;
  /** key → number of distinct changes it waits for. */
  waitsFor: Map<string, number>;
}

const HINT = 'Compute a fresh plan with `plivo-sync plan` (a saved plan must not be edited by hand).';

/**
 * Builds the graph, refusing a plan that could never finish: duplicate keys, a depends_on naming no change of
 * the plan, or a cycle. Apply checks this itself because a saved plan.json may come from anywhere.
 */
export function buildGraph(changes: readonly Change[]): ChangeGraph {
  const dependents = new Map<string, string[]>();
  const waitsFor = new Map<string, number>();
  for (const c of changes) {
    if (dependents.has(c.key)) throw new RefusedError(`the plan lists ${c.key} twice`, HINT);
    dependents.set(c.key, []);
  }
  for (const c of changes) {
    const deps = new Set(c.depends_on);
    for (const d of deps) {
      const list = dependents.get(d);
      if (list === undefined) throw new RefusedError(`${c.key} depends on ${d}, which is not in the plan`, HINT);
      list.push(c.key);
    }
    waitsFor.set(c.key, deps.size);
  }
  const cycle = findCycleMembers(changes, dependents, waitsFor);
  if (cycle.length > 0) throw new RefusedError(`the plan's dependencies form a cycle through ${cycle.join(', ')}`, HINT);
  return { dependents, waitsFor };
}

/** Every change that depends on `key`, directly or through others, each once, nearest first. */
export function collectDependents(graph: ChangeGraph, key: string): string[] {
  const seen = new Set<string>();
  const queue = [...(graph.dependents.get(key) ?? [])];
  while (queue.length > 0) {
    const k = queue.shift() as string;
    if (seen.has(k)) continue;
    seen.add(k);
    queue.push(...(graph.dependents.get(k) ?? []));
  }
  return [...seen];
}

/** Kahn's algorithm: whatever is never released is on (or behind) a cycle. */
function findCycleMembers(
  changes: readonly Change[],
  dependents: Map<string, string[]>,
  waitsFor: Map<string, number>,
): string[] {
  const left = new Map(waitsFor);
  const ready = changes.filter((c) => left.get(c.key) === 0).map((c) => c.key);
  while (ready.length > 0) {
    const k = ready.pop() as string;
    for (const d of dependents.get(k) ?? []) {
      const n = (left.get(d) as number) - 1;
      left.set(d, n);
      if (n === 0) ready.push(d);
    }
  }
  return changes.filter((c) => (left.get(c.key) as number) > 0).map((c) => c.key);
}
