// Scenario 4, start-up: `plivo-sync --help` and `plivo-sync validate samples/full.yaml` against bare
// `node -e 0`, interleaved in the same run so machine noise hits all three alike; the median of `runs` each.
import { CLI, median, runTimed, tailOf } from './process.js';
import type { Row } from './table.js';

export interface StartupOptions {
  runs: number;
}

/** What samples/full.yaml reads from the environment, so validate checks a valid file. */
const SAMPLE_ENV = { PBX_PASSWORD: 'pbx-secret-1', OFFICE_SIP_PASSWORD: 'office#Pass1', ALICE_SIP_PASSWORD: 'alice-secret' };

const COMMANDS = {
  node: ['-e', '0'],
  help: [CLI, '--help'],
  validate: [CLI, 'validate', 'samples/full.yaml'],
} as const;

export async function measureStartup(opts: StartupOptions): Promise<Row[]> {
  const times: Record<keyof typeof COMMANDS, number[]> = { node: [], help: [], validate: [] };
  for (let i = 0; i < opts.runs; i++) {
    for (const name of Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]) {
      const run = await runTimed(COMMANDS[name], { env: SAMPLE_ENV });
      if (run.code !== 0) throw new Error(`start-up: ${COMMANDS[name].join(' ')} exited ${run.code}:\n${tailOf(run)}`);
      times[name].push((run.exitedAt - run.spawnedAt) / 1000);
    }
  }
  const node = median(times.node);
  const help = median(times.help);
  const validate = median(times.validate);
  return [
    { scenario: 'start-up: node -e 0', measured: node, bound: null, unit: 's', target: 'baseline', met: null },
    { scenario: 'start-up: --help', measured: help, bound: node, unit: 's', target: 'ratio ≤ 3', met: help <= node * 3 },
    { scenario: 'start-up: validate samples/full.yaml', measured: validate, bound: node, unit: 's', target: 'reported', met: null },
  ];
}
