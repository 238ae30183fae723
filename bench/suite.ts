// The four scenarios of issue 7 at full or quick size; runs the ones asked for, in order, and returns their rows.
import { measureApply } from './apply.js';
import { measurePlanner } from './planner.js';
import { measureRead } from './read.js';
import { measureStartup } from './startup.js';
import type { Row } from './table.js';

export const SCENARIOS = ['read', 'apply', 'planner', 'startup'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SuiteOptions {
  only: readonly Scenario[];
  /** Small sizes that keep the harness working in CI; their figures say nothing about the targets. */
  quick: boolean;
  /** Called after each scenario (progress on stderr). */
  onScenario?: (name: Scenario, rows: Row[]) => void;
}

const SIZES = {
  full: {
    read: { objects: 6000, latencyMs: 100, concurrency: 10 },
    apply: { creates: 1000, latencyMs: 50, rateLimit: 300 },
    planner: { small: 10_000, large: 100_000, runs: 5 },
    startup: { runs: 15 },
  },
  quick: {
    read: { objects: 200, latencyMs: 5, concurrency: 10 },
    apply: { creates: 30, latencyMs: 5, rateLimit: 300 },
    planner: { small: 200, large: 2000, runs: 1 },
    startup: { runs: 1 },
  },
};

export async function runSuite(opts: SuiteOptions): Promise<Row[]> {
  const size = opts.quick ? SIZES.quick : SIZES.full;
  const measure: Record<Scenario, () => Promise<Row[]>> = {
    read: () => measureRead(size.read),
    apply: () => measureApply(size.apply),
    planner: () => measurePlanner(size.planner),
    startup: () => measureStartup(size.startup),
  };
  const rows: Row[] = [];
  for (const name of SCENARIOS) {
    if (!opts.only.includes(name)) continue;
    const got = await measure[name]();
    opts.onScenario?.(name, got);
    rows.push(...got);
  }
  return rows;
}
