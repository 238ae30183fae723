// `npm run bench`: runs the scenarios and prints one table (scenario, measured, bound, ratio, target, met?).
// Usage: node dist/bench/run.js [--only read,apply,planner,startup] [--quick] [--markdown]
// Exit 0 when it measured (targets not met included: the table says so), 1 when a scenario could not run.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { hashSchema } from '../src/manifest/schema.js';
import { SCENARIOS, runSuite, type Scenario } from './suite.js';
import { formatTable } from './table.js';

interface Flags {
  only: Scenario[];
  quick: boolean;
  markdown: boolean;
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { only: [...SCENARIOS], quick: false, markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') flags.quick = true;
    else if (arg === '--markdown') flags.markdown = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      const names = (list ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
      const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0) {
        throw new Error(`--only takes a list of ${SCENARIOS.join(', ')}${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`);
      }
      flags.only = names as Scenario[];
    } else throw new Error(`unknown argument "${arg}"; usage: run.js [--only ${SCENARIOS.join(',')}] [--quick] [--markdown]`);
  }
  return flags;
}

/** Whether the CLI will use the build step's validator: present, and made from the current schema. */
function describeValidator(path: string): string {
  if (!existsSync(path)) return 'compiled at every start (no build step)';
  return readFileSync(path, 'utf8').includes(hashSchema()) ? 'generated' : 'compiled at every start (stale generated file)';
}

async function main(): Promise<number> {
  let flags: Flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  }
  // The machine's state goes with the figures: a busy machine slows every scenario, and without the build
  // step's validator (dist/src/manifest/validator.js) every CLI start compiles the schema.
  const validator = describeValidator('dist/src/manifest/validator.js');
  process.stderr.write(
    `bench: ${flags.quick ? 'quick (small sizes, figures not comparable with the targets)' : 'full'}; ` +
      `${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(2)}, node ${process.version}, schema validator ${validator}, ` +
      `${new Date().toISOString()}\n`,
  );
  try {
    const rows = await runSuite({
      only: flags.only,
      quick: flags.quick,
      onScenario: (name) => process.stderr.write(`bench: ${name} done\n`),
    });
    process.stdout.write(formatTable(rows, flags.markdown ? 'markdown' : 'text'));
    return 0;
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
