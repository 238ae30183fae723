#!/usr/bin/env node
// The command-line entry: parse flags with yargs, call one command function, map errors to exit codes.
// The only place that calls process.exit. Command modules are imported lazily so `--help` stays fast.
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, ExitError } from './errors.js';
import { decideColor, type Io } from './io.js';
import type { ApiFlags } from './config.js';
import { TOOL_VERSION } from './version.js';


const EXIT_CODES = `Exit codes:
  0  success, or no changes
  1  unexpected error
  2  changes present (plan --detailed-exitcode only)
  3  invalid manifest or usage
  4  authentication failed
  5  API error after retries
  6  refused by a safety check (or a stale saved plan)
  7  apply finished with some changes failed
  130 interrupted (Ctrl-C / SIGTERM); re-run to converge`;

const ENV_HELP = `Environment:
  PLIVO_AUTH_ID      auth id (--auth-id overrides)
  PLIVO_AUTH_TOKEN   auth token (--auth-token overrides)
  PLIVO_API_URL      API base (default https://api.plivo.com)
  NO_COLOR           turn colour off; FORCE_COLOR=1 turns it on without a TTY`;

/** What to do next, for errors that do not carry their own hint. */
const NEXT_STEP: Record<number, string> = {
  [EXIT.INVALID]: 'Run `plivo-sync --help` for usage.',
  [EXIT.AUTH]: 'Check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN (Console → API Keys).',
  [EXIT.API]: 'Nothing unsafe was done; re-run (with --debug to see each request) once the API answers normally.',
  [EXIT.REFUSED]: 'Read the reason above, change the manifest or the flags, and plan again.',
};

function makeIo(argv: Record<string, unknown>, signal: AbortSignal): Io {
  const env = process.env;
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    color: decideColor(env, Boolean(process.stdout.isTTY), argv.color === false),
    prompt: process.stdin.isTTY ? askLine : undefined,
    signal,
    quiet: argv.quiet === true,
  };
}

async function askLine(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function apiOptions<T>(y: Argv<T>) {
  return y
    .option('auth-id', { type: 'string', describe: 'Plivo auth id (default: $PLIVO_AUTH_ID)', group: 'API:' })
    .option('auth-token', { type: 'string', describe: 'Plivo auth token (default: $PLIVO_AUTH_TOKEN)', group: 'API:' })
    .option('api-url', { type: 'string', describe: 'API base URL (default: $PLIVO_API_URL or https://api.plivo.com)', group: 'API:' })
    .option('concurrency', { type: 'number', describe: 'requests in flight at once', default: 10, group: 'API:' })
    .option('rate-limit', { type: 'number', describe: "requests per 5 s to pace to (the account's limit; 0: no pacing)", default: 300, group: 'API:' })
    .option('timeout', { type: 'number', describe: 'seconds before a request that never answers is given up', default: 30, group: 'API:' })
    .option('debug', { type: 'boolean', describe: 'trace every HTTP request and response to stderr (secrets redacted)', default: false, group: 'API:' });
}

function apiFlags(a: Record<string, unknown>): ApiFlags {
  return {
    authId: a['auth-id'] as string | undefined,
    authToken: a['auth-token'] as string | undefined,
    apiUrl: a['api-url'] as string | undefined,
    concurrency: a.concurrency as number | undefined,
    rateLimit: a['rate-limit'] as number | undefined,
    timeout: a.timeout as number | undefined,
    debug: a.debug as boolean | undefined,
  };
}

/** A repeatable, comma-separable string flag as a flat list. */
function listOf(v: unknown): string[] {
  const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return values.flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);
}

function planOptions<T>(y: Argv<T>) {
  return y
    .option('prune', {
      type: 'string',
      describe: 'delete unmanaged objects: bare for every kind the manifest declares (never numbers), or a list (uris,trunks)',
      group: 'Plan:',
    })
    .option('rotate', {
      // A string, not an array: yargs arrays are greedy and would swallow the manifest path after them.
      type: 'string',
      describe: 'send passwords again: uri:NAME, credential:NAME, endpoint:USERNAME (repeatable, or comma-separated) or all',
      group: 'Plan:',
    })
    .option('force', { type: 'boolean', default: false, describe: 'allow deleting more than 30 % of a kind', group: 'Plan:' });
}

async function main(): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.INTERRUPTED);
    process.stderr.write(`\n${sig}: stopping once what is in flight has finished (again to quit at once)\n`);
    controller.abort();
  };

  let code: number = EXIT.OK;
  let io: Io | undefined;
  const run =
    (fn: (args: Record<string, unknown>, io: Io) => Promise<number>) => async (argv: Record<string, unknown>) => {
      io = makeIo(argv, controller.signal);
      process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
      code = await fn(argv, io);
    };

  const parser = yargs(hideBin(process.argv))
    .scriptName('plivo-sync')
    .usage('$0 <command> [options]\n\nManage Plivo SIP trunking (Zentrunk) and Voice SIP endpoints as code.')
    .option('color', { type: 'boolean', describe: 'colour output (--no-color to turn off; default: on a TTY)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'no progress or notes on stderr; results, warnings and errors only' })
    .command(
      'validate <manifest>',
      'check a manifest without calling the API',
      (y) =>
        y
          .positional('manifest', { type: 'string', demandOption: true, describe: 'the YAML manifest' })
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
          .example('$0 validate samples/full.yaml', 'every problem as FILE:LINE:COL: message')
          .example('$0 validate plivo.yaml --format json', 'the same as a JSON array'),
      run(async (lastArgs, io) => {
        const { runValidate } = await import('./commands/validate.js');
        return runValidate({ manifest: String(lastArgs.manifest), format: lastArgs.format as 'text' | 'json' }, io);
      }),
    )
    .command(
      'plan <manifest>',
      'show what apply would change',
      (y) =>
        planOptions(
          apiOptions(
            y
              .positional('manifest', { type: 'string', demandOption: true, describe: 'the YAML manifest' })
              .option('format', { choices: ['text', 'json', 'markdown'] as const, default: 'text' as const, describe: 'output format' })
              .option('out', { type: 'string', describe: 'also save the plan (no secrets) for `apply FILE`' })
              .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'exit 2 when there are changes' }),
          ),
        )
          .example('$0 plan plivo.yaml', 'coloured, field-level plan')
          .example('$0 plan plivo.yaml --format markdown --detailed-exitcode', 'for a pull-request comment; exit 2 on drift')
          .example('$0 plan plivo.yaml --prune trunks,uris --out plan.json', 'include deletes, save for apply'),
      run(async (lastArgs, io) => {
        const { runPlan } = await import('./commands/plan.js');
        return runPlan(
          {
            manifest: String(lastArgs.manifest),
            format: lastArgs.format as 'text' | 'json' | 'markdown',
            out: lastArgs.out as string | undefined,
            detailedExitcode: Boolean(lastArgs['detailed-exitcode']),
            prune: lastArgs.prune as string | undefined,
            rotate: listOf(lastArgs.rotate),
            force: Boolean(lastArgs.force),
            ...apiFlags(lastArgs),
          },
          io,
        );
      }),
    )
    .command(
      'apply <manifest>',
      'make the account match a manifest or a saved plan',
      (y) =>
        planOptions(
          apiOptions(
            y
              .positional('manifest', { type: 'string', demandOption: true, describe: 'a YAML manifest, or a plan saved with plan --out' })
              .option('auto-approve', { type: 'boolean', default: false, describe: 'do not ask for confirmation' })
              .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'report format' }),
          ),
        )
          .example('$0 apply plivo.yaml', 'show the plan, ask, then apply')
          .example('$0 apply plan.json', 'apply exactly a saved plan (refused if the account changed since)'),
      run(async (lastArgs, io) => {
        const { runApply } = await import('./commands/apply.js');
        return runApply(
          {
            target: String(lastArgs.manifest),
            autoApprove: Boolean(lastArgs['auto-approve']),
            format: lastArgs.format as 'text' | 'json',
            prune: lastArgs.prune as string | undefined,
            rotate: listOf(lastArgs.rotate),
            force: Boolean(lastArgs.force),
            ...apiFlags(lastArgs),
          },
          io,
        );
      }),
    )
    .command(
      'export',
      'write the live account as a manifest (for adoption or cloning)',
      (y) =>
        apiOptions(
          y
            .option('out', { type: 'string', requiresArg: true, describe: 'file to write (default or "-": stdout)' })
            .option('drop-app-ids', { type: 'boolean', default: false, describe: "leave endpoints' app_id out (cloning into another account)" })
            .option('kinds', { type: 'string', describe: 'kinds to include, e.g. uris,trunks (default: all)' })
            .option('rename-from', { type: 'string', describe: 'name prefix to rewrite, e.g. prod-' })
            .option('rename-to', { type: 'string', describe: 'replacement prefix, e.g. staging-' }),
        )
          .example('$0 export --out prod.yaml', 'adopt an existing account')
          .example('$0 export --rename-from prod- --rename-to staging- --out staging.yaml', 'clone production'),
      run(async (lastArgs, io) => {
        const { runExport } = await import('./commands/export.js');
        const { parseKindList } = await import('./kinds.js');
        return runExport(
          {
            out: lastArgs.out as string | undefined,
            kinds: lastArgs.kinds === undefined ? undefined : parseKindList(String(lastArgs.kinds), '--kinds'),
            renameFrom: lastArgs['rename-from'] as string | undefined,
            renameTo: lastArgs['rename-to'] as string | undefined,
            dropAppIds: Boolean(lastArgs['drop-app-ids']),
            ...apiFlags(lastArgs),
          },
          io,
        );
      }),
    )
    .command(
      'emulator',
      'run the bundled Plivo API emulator on loopback',
      (y) =>
        y
          .option('port', { type: 'number', default: 0, describe: 'port on 127.0.0.1 (0: a free one)' })
          .option('state', { type: 'string', describe: 'persist the account to this JSON file' })
          .option('auth-id', { type: 'string', describe: 'auth id to accept (default: generated)' })
          .option('auth-token', { type: 'string', describe: 'auth token to accept (default: generated)' })
          .option('latency-ms', { type: 'number', describe: 'added to every response' })
          .option('rate-limit', { type: 'number', describe: 'requests per 5 s before 429 (default 300, 0: off)' })
          .option('faults', { type: 'string', describe: 'e.g. "500=0.1,lost=0.05,reset=0.05,latency=20,hang=0.01"' })
          .option('broken', { type: 'string', describe: 'send some successful answers broken, e.g. "nonjson=0.1,count-mismatch=0.2" (for testing clients)' })
          .option('seed', { type: 'number', describe: 'seed for reproducible faults and ids' })
          .example('$0 emulator --state /tmp/acct.json', 'prints PLIVO_API_URL=… PLIVO_AUTH_ID=… PLIVO_AUTH_TOKEN=… to export')
          .example('$0 emulator --faults "500=0.1,lost=0.05" --seed 7', 'a bad day, reproducibly'),
      run(async (lastArgs, io) => {
        const { runEmulator } = await import('./commands/emulator.js');
        return runEmulator(
          {
            port: lastArgs.port as number | undefined,
            state: lastArgs.state as string | undefined,
            authId: lastArgs['auth-id'] as string | undefined,
            authToken: lastArgs['auth-token'] as string | undefined,
            latencyMs: lastArgs['latency-ms'] as number | undefined,
            rateLimit: lastArgs['rate-limit'] as number | undefined,
            faults: lastArgs.faults as string | undefined,
            broken: lastArgs.broken as string | undefined,
            seed: lastArgs.seed as number | undefined,
          },
          io,
        );
      }),
    )
    .command(
      'demo',
      'a guided tour on the bundled emulator: validate, plan, apply, plan, export',
      (y) => y.option('keep', { type: 'boolean', default: false, describe: 'keep the demo files (printed paths)' }).example('$0 demo', 'two minutes, nothing leaves this machine'),
      run(async (lastArgs, io) => {
        const { runDemo } = await import('./commands/demo.js');
        return runDemo({ keep: Boolean(lastArgs.keep) }, io);
      }),
    )
    .completion('completion', 'print a bash/zsh completion script (add `source <(plivo-sync completion)` to your shell rc)')
    .demandCommand(1, 'Name a command: validate, plan, apply, export, emulator or demo.')
    .strict()
    .recommendCommands()
    .epilogue(`${EXIT_CODES}\n\n${ENV_HELP}`)
    .version(TOOL_VERSION)
    .help()
    .wrap(Math.min(100, process.stdout.columns || 80))
    .fail((msg, err) => {
      if (err) throw err;
      throw new ExitError(msg, EXIT.INVALID, 'Run `plivo-sync --help` for usage.');
    });

  try {
    await parser.parseAsync();
    return code;
  } catch (e) {
    const err = (text: string) => (io ? io.err(text) : process.stderr.write(text));
    if (e instanceof ExitError) {
      err(`error: ${e.message}\n`);
      err(`${e.hint ?? NEXT_STEP[e.exitCode] ?? 'Run `plivo-sync --help` for usage.'}\n`);
      return e.exitCode;
    }
    err(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.PLIVO_SYNC_STACK) err(`${e instanceof Error ? e.stack : ''}\n`);
    err('This is a bug in plivo-sync; set PLIVO_SYNC_STACK=1 for a stack trace and report it.\n');
    return EXIT.ERROR;
  }
}

// Exit explicitly: idle keep-alive sockets would otherwise hold the process open for seconds. Writes to pipes
// and files are synchronous on POSIX, so nothing printed is lost.
process.exit(await main());
