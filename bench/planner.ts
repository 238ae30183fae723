// Scenario 3, planner: the pure planner on two sizes of synthetic state, each in a fresh child process (with
// --expose-gc) so time is a cold run like the CLI's and memory is the planner's own. The median of `runs`.
import { fileURLToPath } from 'node:url';
import type { ProbeResult } from './probe.js';
import { median, runTimed, tailOf } from './process.js';
import type { Row } from './table.js';

export interface PlannerOptions {
  small: number;
  large: number;
  runs: number;
}

/** The probe next to this module: probe.js when built, probe.ts under tsx (whose loader is in execArgv). */
const PROBE = fileURLToPath(new URL(`./probe${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

async function probe(objects: number): Promise<ProbeResult> {
  const run = await runTimed([...process.execArgv, '--expose-gc', PROBE, String(objects)]);
  if (run.code !== 0) throw new Error(`planner probe on ${objects} objects exited ${run.code}:\n${tailOf(run)}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() as string) as ProbeResult;
}

async function probeMany(objects: number, runs: number): Promise<{ seconds: number; peakRssMb: number; changes: number }> {
  const results: ProbeResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await probe(objects));
  return {
    seconds: median(results.map((r) => r.ms)) / 1000,
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    changes: results[0].changes,
  };
}

const k = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

export async function measurePlanner(opts: PlannerOptions): Promise<Row[]> {
  const small = await probeMany(opts.small, opts.runs);
  const large = await probeMany(opts.large, opts.runs);
  const growth = large.seconds / small.seconds;
  const sizeRatio = opts.large / opts.small;
  return [
    { scenario: `planner ${k(opts.small)} objects (${small.changes} changes)`, measured: small.seconds, bound: null, unit: 's', target: 'reported', met: null },
    { scenario: `planner ${k(opts.large)} objects (${large.changes} changes)`, measured: large.seconds, bound: 1, unit: 's', target: '< 1 s', met: large.seconds < 1 },
    { scenario: `planner ${k(opts.large)} objects: peak RSS`, measured: large.peakRssMb, bound: 300, unit: 'MB', target: '< 300 MB', met: large.peakRssMb < 300 },
    {
      scenario: `planner time ${k(opts.large)} / ${k(opts.small)}`,
      measured: growth,
      bound: sizeRatio,
      unit: 'x',
      target: `≤ ${Math.round(sizeRatio * 1.2)} (linear)`,
      met: growth <= sizeRatio * 1.2,
    },
  ];
}
