// A bad day, through the built CLI: a few hundred changes applied with every emulator fault at once (500s, lost
// creates, resets, hangs cut off by a short --timeout, a rate limit below the client's pacing), the CLI killed
// with SIGKILL at seeded points, and the emulator process killed and restarted on its state file. Every time:
// at most one re-run converges, no identity is held twice, nothing managed is lost or made again, and the JSON
// report says what the emulator holds.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { createPrng } from '../../src/emulator/ids.js';
import type { Emulator } from '../../src/emulator/index.js';
import { startAccount, tempFiles, type Account, type CliResult } from '../e2e/harness.js';
import { accountManifest, seedAccount, PASSWORDS, type AccountSpec } from './account.js';
import { CRASH } from './checks.js';
import { SEED, sized } from './size.js';
import { TESTED_KINDS, findDuplicates, idOf, identityOf, indexByIdentity, spawnCli, type TestedKind } from './support.js';

const PRUNE = ['--prune', 'uris,credentials,ipacls,trunks,endpoints', '--force'];

interface ReportResult {
  key: string;
  action: 'create' | 'update' | 'delete';
  kind: TestedKind;
  name: string;
  outcome: 'done' | 'failed' | 'skipped' | 'not-started';
  id: string | null;
  adopted?: boolean;
}
interface Report {
  results: ReportResult[];
  summary: Record<string, number>;
}

function parseReport(r: CliResult): Report {
  try {
    return JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`apply printed no JSON report (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
  }
}

/** Managed objects as `kind:id` (their identities start with m- or mep). */
function managedIds(emulator: Emulator): string[] {
  return TESTED_KINDS.flatMap((k) => emulator.dump(k).filter((o) => /^(m-|mep)/.test(identityOf(k, o))).map((o) => `${k}:${idOf(k, o)}`));
}

/**
 * What a finished run must leave: every manifest identity present once, every managed object that existed
 * before still there under its id, nothing unmanaged left (the run prunes every kind).
 */
function assertConverged(emulator: Emulator, spec: AccountSpec, managedBefore: string[], where: string): void {
  assert.equal(findDuplicates(emulator), [], `${where}: an identity is held twice`);
  const now = new Set(TESTED_KINDS.flatMap((k) => emulator.dump(k).map((o) => `${k}:${idOf(k, o)}`)));
  assert.equal(managedBefore.filter((id) => !now.has(id)), [], `${where}: a managed object was deleted or replaced`);
  const byIdentity = indexByIdentity(emulator);
  const expected = spec.managed + spec.fresh;
  for (const kind of ['uri', 'credential', 'ipacl', 'endpoint'] as const) assert.is(byIdentity[kind].size, expected, `${where}: ${kind}s`);
  assert.is(byIdentity.trunk.size, expected + Math.ceil(spec.managed / 3), `${where}: trunks`);
  for (const kind of TESTED_KINDS) {
    for (const identity of byIdentity[kind].keys()) assert.not.match(identity, /^(x-|k-|xep)/, `${where}: ${kind} ${identity} was not pruned`);
  }
}

/** Every change the report calls done is visible in the emulator, under the id the report gives. */
function assertReportMatches(report: Report, emulator: Emulator, where: string): void {
  const byIdentity = indexByIdentity(emulator);
  const ids = new Set(TESTED_KINDS.flatMap((k) => emulator.dump(k).map((o) => `${k}:${idOf(k, o)}`)));
  const counted: Record<string, number> = { done: 0, failed: 0, skipped: 0, 'not-started': 0 };
  for (const r of report.results) {
    counted[r.outcome]++;
    if (r.outcome !== 'done') continue;
    const live = byIdentity[r.kind].get(r.name);
    if (r.action === 'delete') assert.not.ok(ids.has(`${r.kind}:${r.id}`), `${where}: ${r.key} reported deleted, still there`);
    else {
      assert.ok(live, `${where}: ${r.key} reported ${r.action}d, not in the emulator`);
      assert.is(idOf(r.kind, live!), r.id, `${where}: ${r.key} reported with another id than the emulator holds`);
    }
  }
  assert.equal(counted, report.summary, `${where}: the summary counts the results`);
}

// ---------------------------------------------------------------------------------------------------------
const chaos = suite<{ account: Account; files: ReturnType<typeof tempFiles> }>('apply with every fault at once');

const CHAOS: AccountSpec = sized({ managed: 18, extra: 12, kept: 6, fresh: 24 }, { managed: 60, extra: 40, kept: 20, fresh: 80 });

/** Lower than the live 300 and given to the client, which must pace itself under it through all the retries. */
const RATE_LIMIT = 240;
const FAULTS = '500=0.06,lost=0.12,reset=0.04,hang=0.008,latency=2';

chaos.before.each(async (ctx) => {
  ctx.account = await startAccount({ seed: SEED, rateLimit: RATE_LIMIT });
  ctx.files = tempFiles({ 'account.yaml': accountManifest(CHAOS) });
});
chaos.after.each(async (ctx) => {
  await ctx.account.close();
  ctx.files.cleanup();
});

chaos('a run and at most one re-run converge; the report matches the emulator; nothing duplicated or lost', async ({ account, files }) => {
  const { emulator } = account;
  seedAccount(emulator, CHAOS);
  const managedBefore = managedIds(emulator);
  emulator.setFaults(FAULTS);
  const api = ['--timeout', '1', '--rate-limit', String(RATE_LIMIT)];
  const args = ['apply', files.path('account.yaml'), '--auto-approve', '--format', 'json', ...api, ...PRUNE];

  const first = await account.run(args, { env: PASSWORDS, timeoutMs: 120_000 });
  assert.ok(first.code === 0 || first.code === 7, `first run exit ${first.code}:\n${first.stderr.slice(-3000)}`);
  assert.not.match(first.stderr, CRASH);
  const report = parseReport(first);
  assert.ok(report.results.length >= sized(180, 600), `a few hundred changes (${report.results.length})`);
  assertReportMatches(report, emulator, 'first run');

  let runs = 1;
  if (first.code === 7) {
    const second = await account.run(args, { env: PASSWORDS, timeoutMs: 120_000 });
    runs++;
    assert.is(second.code, 0, `re-run exit ${second.code}:\n${second.stderr.slice(-3000)}`);
    assertReportMatches(parseReport(second), emulator, 're-run');
  }
  const plan = await account.run(['plan', files.path('account.yaml'), '--detailed-exitcode', ...api, ...PRUNE], { env: PASSWORDS });
  assert.is(plan.code, 0, `plan after ${runs} run(s):\n${plan.stdout.slice(-2000)}${plan.stderr.slice(-2000)}`);
  assert.match(plan.stdout, 'No changes.');
  assertConverged(emulator, CHAOS, managedBefore, `after ${runs} run(s)`);

  const s = emulator.stats;
  assert.ok((s.byStatus[500] ?? 0) > 0, `faults happened: ${JSON.stringify(s.byStatus)}`);
  // pacing, not the server's refusals, holds the rate: throttled requests stay the exception
  assert.ok((s.byStatus[429] ?? 0) <= s.requests / 50, `${s.byStatus[429]} of ${s.requests} requests throttled`);
  assert.ok(report.results.some((r) => r.adopted), 'a lost create was found and adopted');
  assert.ok(s.maxInFlight <= 10, `at most --concurrency requests in flight (${s.maxInFlight})`);
});

chaos.run();

// ---------------------------------------------------------------------------------------------------------
const killed = suite<{ account: Account; files: ReturnType<typeof tempFiles> }>('apply killed with SIGKILL');

const KILLED: AccountSpec = sized({ managed: 9, extra: 6, kept: 3, fresh: 12 }, { managed: 30, extra: 20, kept: 10, fresh: 40 });

killed.before.each(async (ctx) => {
  ctx.account = await startAccount({ seed: SEED, latencyMs: 4 });
  ctx.files = tempFiles({ 'account.yaml': accountManifest(KILLED) });
});
killed.after.each(async (ctx) => {
  await ctx.account.close();
  ctx.files.cleanup();
});

killed('killed at seeded points (reading, mid-apply), run after run; one clean run then converges', async ({ account, files }) => {
  const { emulator } = account;
  seedAccount(emulator, KILLED);
  const managedBefore = managedIds(emulator);
  const draw = createPrng(SEED);
  const args = ['apply', files.path('account.yaml'), '--auto-approve', '--format', 'json', ...PRUNE];
  const env = { ...PASSWORDS, ...account.env };
  let killedMidApply = 0;
  for (let round = 0; round < sized(4, 16); round++) {
    const cli = spawnCli(args, env);
    // a third of the kills come at a time (often while reading), the rest after a number of finished changes
    if (draw.next() < 0.33) await new Promise((r) => setTimeout(r, 150 + Math.floor(draw.next() * 700)));
    else await cli.linesOnStderr(1 + Math.floor(draw.next() * 25));
    const progressed = cli.stderr().split('\n').length - 1;
    cli.child.kill('SIGKILL');
    const end = await cli.exited;
    if (end.signal === 'SIGKILL' && progressed > 1) killedMidApply++;
    assert.equal(findDuplicates(emulator), [], `round ${round}: a kill left an identity twice`);
    if (end.signal !== 'SIGKILL') break; // it finished before the kill: nothing left to interrupt
  }
  assert.ok(killedMidApply > 0, 'at least one kill landed mid-apply');
  const last = spawnCli(args, env);
  const end = await last.exited;
  assert.is(end.code, 0, `the run after the kills:\n${last.stderr().slice(-3000)}`);
  const plan = await account.run(['plan', files.path('account.yaml'), '--detailed-exitcode', ...PRUNE], { env: PASSWORDS });
  assert.is(plan.code, 0, plan.stdout.slice(-2000));
  assertConverged(emulator, KILLED, managedBefore, 'after the kills');
});

killed.run();

// ---------------------------------------------------------------------------------------------------------
const restarted = suite('the emulator process killed mid-apply and restarted on its state file');

interface EmulatorProcess {
  cli: ReturnType<typeof spawnCli>;
  url: string;
}

const EMULATOR_ID = 'MAHARDENINGKILLTEST01';
const EMULATOR_TOKEN = 'hardeningKillTestToken0123456789abcdefgh';

async function startEmulatorProcess(state: string, port: number): Promise<EmulatorProcess> {
  const cli = spawnCli(
    ['emulator', '--state', state, '--port', String(port), '--auth-id', EMULATOR_ID, '--auth-token', EMULATOR_TOKEN, '--latency-ms', '6', '--rate-limit', '0'],
    {},
  );
  for (let i = 0; i < 200 && !cli.stdout().includes('\n'); i++) await new Promise((r) => setTimeout(r, 25));
  const m = /PLIVO_API_URL=(\S+)/.exec(cli.stdout());
  if (!m) throw new Error(`emulator did not start: ${cli.stdout()} ${cli.stderr()}`);
  return { cli, url: m[1] };
}

/** kind → id → object, from the emulator's state file (what it acknowledged, as written before answering). */
function readState(path: string): Record<string, Record<string, unknown>[]> {
  return (JSON.parse(readFileSync(path, 'utf8')) as { objects: Record<string, Record<string, unknown>[]> }).objects;
}

restarted('everything the report calls done survives the restart; a re-run converges without duplicates', async () => {
  const spec: AccountSpec = sized({ managed: 0, extra: 0, kept: 0, fresh: 40 }, { managed: 0, extra: 0, kept: 0, fresh: 150 });
  const files = tempFiles({ 'fresh.yaml': accountManifest(spec) });
  const state = files.path('state.json');
  let emulator = await startEmulatorProcess(state, 0);
  try {
    const port = Number(new URL(emulator.url).port);
    const env = { ...PASSWORDS, PLIVO_API_URL: emulator.url, PLIVO_AUTH_ID: EMULATOR_ID, PLIVO_AUTH_TOKEN: EMULATOR_TOKEN };
    const args = ['apply', files.path('fresh.yaml'), '--auto-approve', '--format', 'json'];
    const apply = spawnCli(args, env);
    await apply.linesOnStderr(1 + Math.floor(createPrng(SEED).next() * 30));
    emulator.cli.child.kill('SIGKILL');
    await emulator.cli.exited;
    // down for a moment while the CLI retries, then back on the same port and state
    await new Promise((r) => setTimeout(r, 300));
    emulator = await startEmulatorProcess(state, port);
    const end = await apply.exited;
    assert.ok(end.code === 0 || end.code === 7, `apply across the restart: exit ${end.code}\n${apply.stderr().slice(-3000)}`);
    assert.not.match(apply.stderr(), CRASH);
    const report = JSON.parse(apply.stdout()) as Report;
    const held = readState(state);
    for (const r of report.results.filter((x) => x.outcome === 'done' && x.action === 'create')) {
      const idField = { uri: 'uri_uuid', credential: 'credential_uuid', ipacl: 'ipacl_uuid', trunk: 'trunk_id', endpoint: 'endpoint_id' }[r.kind];
      assert.ok(held[r.kind].some((o) => o[idField] === r.id), `${r.key} (${r.id}) was acknowledged and is gone after the restart`);
    }
    const again = spawnCli(args, env);
    const second = await again.exited;
    assert.is(second.code, 0, again.stderr().slice(-3000));
    const after = readState(state);
    for (const kind of TESTED_KINDS) {
      const identities = after[kind].map((o) => identityOf(kind, o));
      assert.is(new Set(identities).size, identities.length, `${kind}: an identity is held twice`);
      assert.is(identities.length, spec.fresh, `${kind}: every object made`);
    }
  } finally {
    emulator.cli.child.kill('SIGTERM');
    await emulator.cli.exited;
    files.cleanup();
  }
});

restarted.run();
