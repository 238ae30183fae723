// Every command in README.md's `sh` blocks runs as written: in bash, in a terminal, with `plivo-sync` first on
// PATH, in a temp copy of the samples, against emulators this test starts, and exits as the README says.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startAccount } from '../e2e/harness.js';
import { listCodeBlocks, listShellCommands, type CodeBlock, type ShellCommand } from './blocks.js';
import { startRouter } from './router.js';
import { findFreePort, hasScriptCommand, isListening, runInTerminal, shellEnv, writeShim, type Reply } from './shell.js';

const README = readFileSync('README.md', 'utf8');
const BLOCKS = listCodeBlocks(README);
const SH_BLOCKS = BLOCKS.filter((b) => b.lang === 'sh');

/** The block whose text contains `marker`; each kind of block is recognised by a command only it has. */
function blockWith(marker: string): CodeBlock {
  const found = SH_BLOCKS.filter((b) => b.text.includes(marker));
  assert.is(found.length, 1, `README.md: expected one sh block containing "${marker}", found ${found.length}`);
  return found[0];
}

/** A command without its trailing comment, for comparing what a block runs regardless of its prose. */
const withoutComment = (c: ShellCommand) => c.text.replace(/\s+#.*$/, '');

const KNOWN = ['npm install && npm run demo', 'plivo-sync emulator --port', 'plivo-sync export --rename-from', 'plivo-sync emulator --state', 'npm run bench'];

/** What a terminal would show: control sequences dropped, and a line rewritten after a lone CR by what follows. */
function screenText(raw: string): string {
  return raw
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}

interface BlockRun {
  output: string;
  exits: { command: ShellCommand; code: number }[];
}

/**
 * Runs a block's commands in one bash session in a terminal, recording each command's exit code. The text is
 * the README's except for `replace` (each original must be present), which moves fixed ports and /tmp paths
 * somewhere private to this test.
 */
async function runBlock(
  block: CodeBlock,
  opts: { cwd: string; env: Record<string, string>; replace?: Record<string, string>; replies?: Reply[] },
): Promise<BlockRun> {
  for (const from of Object.keys(opts.replace ?? {})) assert.ok(block.text.includes(from), `README.md line ${block.line}: no longer contains "${from}"`);
  const commands = listShellCommands(block);
  const work = mkdtempSync(join(tmpdir(), 'plivo-sync-readme-run-'));
  try {
    const exitsFile = join(work, 'exits');
    const lines = ['__record() { printf "%s %s\\n" "$1" "$2" >> "$README_TEST_EXITS"; }'];
    commands.forEach((c, i) => {
      let text = c.text;
      for (const [from, to] of Object.entries(opts.replace ?? {})) text = text.split(from).join(to);
      lines.push(text, `__record ${i} $?`);
    });
    const file = join(work, 'block.sh');
    writeFileSync(file, `${lines.join('\n')}\n`);
    writeFileSync(exitsFile, '');
    const r = await runInTerminal(file, { cwd: opts.cwd, env: { ...opts.env, README_TEST_EXITS: exitsFile }, replies: opts.replies, timeoutMs: 45_000 });
    const output = screenText(r.output);
    assert.is(r.code, 0, `README.md line ${block.line}: the block did not finish:\n${output}`);
    const exits = readFileSync(exitsFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ').map(Number))
      .map(([i, code]) => ({ command: commands[i], code }));
    assert.is(exits.length, commands.length, `README.md line ${block.line}: not every command ran:\n${output}`);
    return { output, exits };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function assertExits(run: BlockRun) {
  for (const { command, code } of run.exits) {
    assert.is(code, command.expectedExit, `README.md line ${command.line}: \`${command.text}\` exited ${code}, not ${command.expectedExit}:\n${run.output}`);
  }
}

async function waitUntilClosed(port: number): Promise<boolean> {
  for (let i = 0; i < 30; i++) {
    if (!(await isListening(port))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

interface Ctx {
  dir: string;
  env: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------------
const layout = suite('listCodeBlocks: README.md');

layout('the first code block is exactly the two set-up commands; CI runs the same test command', () => {
  assert.is(BLOCKS[0].lang, 'sh');
  assert.equal(listShellCommands(BLOCKS[0]).map(withoutComment), ['npm install && npm run demo', 'npm test']);
  const ci = readFileSync('.ci/run', 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  assert.is(ci[ci.length - 1], 'npm test', '.ci/run ends by running `npm test`');
  assert.ok(ci.includes('npm ci --no-audit --no-fund'), '.ci/run installs from the lockfile, as the README says');
  assert.match(README, '`.ci/run` installs with `npm ci` and runs `npm test`');
});

layout('every sh block is one this test runs or deliberately does not', () => {
  for (const block of SH_BLOCKS) {
    assert.ok(KNOWN.some((k) => block.text.includes(k)), `README.md line ${block.line}: an sh block this test does not know; add it here:\n${block.text}`);
  }
  assert.is(SH_BLOCKS.length, KNOWN.length);
});

// Installing and running the whole suite or the benchmarks are what `npm test` itself is; re-running them here
// would recurse. Their lines are pinned instead, so a change to them is a change to this test, and the files
// the Development block runs are checked to exist.
layout('blocks not re-run here (install, the whole suite, the benchmarks) are exactly the expected lines', () => {
  assert.equal(listShellCommands(blockWith('npm run bench')).map(withoutComment), [
    'npm install',
    'npm test',
    'node scripts/test.js plan',
    'npx tsx test/plan/plan.test.ts',
    'npm run bench',
  ]);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
  for (const script of ['test', 'demo', 'bench']) assert.ok(pkg.scripts[script], `package.json has no "${script}" script`);
  assert.ok(pkg.devDependencies.tsx, 'npx tsx needs tsx among the devDependencies');
  for (const file of ['scripts/test.js', 'test/plan/plan.test.ts']) assert.ok(existsSync(file), `${file} does not exist`);
  // `node scripts/test.js plan` runs a slice of the suite with npm test's own runner: its filter must select files
  const compiled = readdirSync('dist/test', { recursive: true }).map(String);
  assert.ok(compiled.some((f) => f.includes('plan') && f.endsWith('.test.js')), 'no compiled test path contains "plan"');
});

// ---------------------------------------------------------------------------------------------------------------
const blocks = suite<Ctx>('runBlock: README.md sh blocks, run as written');

const HAS_TERMINAL = hasScriptCommand();

// a check in before.each, not before: uvu reports a failing before.each against each test, with its message
blocks.before.each((ctx) => {
  assert.ok(HAS_TERMINAL, 'these tests need util-linux `script` to give the commands a terminal');
  ctx.dir = mkdtempSync(join(tmpdir(), 'plivo-sync-readme-'));
  cpSync('samples', join(ctx.dir, 'samples'), { recursive: true });
  ctx.env = shellEnv(writeShim(ctx.dir));
});
blocks.after.each((ctx) => rmSync(ctx.dir, { recursive: true, force: true }));

blocks('Quick start: emulator in the background, validate, plan, apply, plan with no changes, kill', async (ctx) => {
  const port = await findFreePort();
  const run = await runBlock(blockWith('plivo-sync emulator --port'), { cwd: ctx.dir, env: ctx.env, replace: { '8787': String(port) } });
  assertExits(run);
  assert.match(run.output, 'samples/minimal.yaml: valid');
  assert.match(run.output, 'Apply: 2 done, 0 failed');
  assert.match(run.output, /^No changes\.$/m);
  assert.ok(await waitUntilClosed(port), `the block's emulator still listens on ${port} after kill %1`);
});

blocks('Clone an environment: export production, set the password, plan and apply (answering yes) into staging', async (ctx) => {
  const prod = await startAccount();
  const staging = await startAccount({ seed: 2 });
  // one API address for both accounts, as api.plivo.com is; PLIVO_API_URL stands in for leaving it unset
  const router = await startRouter([prod.emulator, staging.emulator]);
  try {
    const pbx = prod.emulator.seed('uri', { name: 'prod-pbx', uri: 'sip.example.com:5060' });
    const office = prod.emulator.seed('credential', { name: 'prod-office', username: 'officeuser', password: 'Prod#Office1' });
    const ips = prod.emulator.seed('ipacl', { name: 'prod-office-ips', ip_addresses: ['203.0.113.10'] });
    prod.emulator.seed('trunk', { name: 'prod-inbound', trunk_direction: 'inbound', primary_uri_uuid: pbx.uri_uuid });
    prod.emulator.seed('trunk', {
      name: 'prod-outbound',
      trunk_direction: 'outbound',
      credential_uuid: office.credential_uuid,
      ipacl_uuid: ips.ipacl_uuid,
    });
    const env = {
      ...ctx.env,
      PLIVO_API_URL: router.url,
      PROD_ID: prod.emulator.authId,
      PROD_TOKEN: prod.emulator.authToken,
      STAGING_ID: staging.emulator.authId,
      STAGING_TOKEN: staging.emulator.authToken,
    };
    const replies = [{ when: /Only "yes" is accepted/, send: () => 'yes\r' }];
    const block = blockWith('plivo-sync export --rename-from');
    const run = await runBlock(block, { cwd: ctx.dir, env, replies });
    assertExits(run);
    // the variable the README sets is the one export listed
    assert.match(run.output, 'CREDENTIAL_STAGING_OFFICE_PASSWORD');
    const names = (kind: 'uri' | 'credential' | 'ipacl' | 'trunk') => staging.emulator.dump(kind).map((o) => o.name).sort();
    assert.equal(names('uri'), ['staging-pbx']);
    assert.equal(names('credential'), ['staging-office']);
    assert.equal(names('ipacl'), ['staging-office-ips']);
    assert.equal(names('trunk'), ['staging-inbound', 'staging-outbound']);
    const password = /^export CREDENTIAL_STAGING_OFFICE_PASSWORD='([^']*)'/m.exec(block.text)?.[1] ?? '';
    const again = await runCli(['plan', join(ctx.dir, 'staging.yaml'), '--detailed-exitcode'], {
      env: { PLIVO_API_URL: router.url, PLIVO_AUTH_ID: staging.emulator.authId, PLIVO_AUTH_TOKEN: staging.emulator.authToken, CREDENTIAL_STAGING_OFFICE_PASSWORD: password },
    });
    assert.is(again.code, 0, `staging after the clone: ${again.stdout}${again.stderr}`);
  } finally {
    await router.close();
    await prod.close();
    await staging.close();
  }
});

blocks('The emulator: serves with --state until Ctrl-C, keeping the account in the file', async (ctx) => {
  const state = join(ctx.dir, 'account.json');
  let served: { port: number; code: number | null } | undefined;
  const replies: Reply[] = [
    {
      when: /PLIVO_API_URL=(\S+) PLIVO_AUTH_ID=(\S+) PLIVO_AUTH_TOKEN=(\S+)/,
      // use the line it prints as a user would, then press Ctrl-C
      send: async (m) => {
        const env = { PLIVO_API_URL: m[1], PLIVO_AUTH_ID: m[2], PLIVO_AUTH_TOKEN: m[3] };
        const r = await runCli(['apply', join(ctx.dir, 'samples/minimal.yaml'), '--auto-approve'], { env });
        served = { port: Number(new URL(m[1]).port), code: r.code };
        return '\x03';
      },
    },
  ];
  const run = await runBlock(blockWith('plivo-sync emulator --state'), { cwd: ctx.dir, env: ctx.env, replace: { '/tmp/account.json': state }, replies });
  assertExits(run);
  assert.ok(served, `the emulator never printed its PLIVO_* line:\n${run.output}`);
  assert.is(served!.code, 0, 'apply against the printed PLIVO_* values');
  assert.match(readFileSync(state, 'utf8'), 'minimal-inbound');
  assert.ok(await waitUntilClosed(served!.port), 'the emulator still listens after Ctrl-C');
});

layout.run();
blocks.run();
