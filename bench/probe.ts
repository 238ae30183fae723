// The planner probe, run in a child process by the planner scenario so its memory figures are its own: builds
// desired and live states of N objects, plans once (cold, as the CLI does), and prints one JSON line.
// Usage: node --expose-gc dist/bench/probe.js N
import { performance } from 'node:perf_hooks';
import { planChanges } from '../src/plan/index.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/plan/types.js';
import { buildPlannerStates } from './account.js';

export interface ProbeResult {
  objects: number;
  changes: number;
  ms: number;
  /** The process's peak resident set, inputs included, in MB. */
  peakRssMb: number;
  /** Heap growth from planning, measured with the plan still referenced, in MB. */
  heapDeltaMb: number;
}

const objects = Number(process.argv[2]);
if (!Number.isInteger(objects) || objects <= 0) throw new Error('usage: probe.js N (a positive number of objects)');
const gc = (globalThis as { gc?: () => void }).gc;

const { desired, live } = buildPlannerStates(objects);
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const plan = planChanges(desired, live, DEFAULT_PLAN_OPTIONS);
const ms = performance.now() - started;
gc?.();
const heapAfter = process.memoryUsage().heapUsed;

const result: ProbeResult = {
  objects,
  changes: plan.changes.length,
  ms,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  heapDeltaMb: (heapAfter - heapBefore) / 1024 / 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
