// Broken API answers: bodies that are not JSON or are cut short, missing fields, wrong types, total_count that
// disagrees with the pages, duplicates across pages, objects vanishing between pages. The tool answers with a
// clear API error (exit 5) or with the plan a clean read gives (the same creates, deletes, refusals and updates);
// it never deletes from a partial read.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { runApply } from '../../src/commands/apply.js';
import { runPlan } from '../../src/commands/plan.js';
import { parseBroken, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { CRASH } from './checks.js';
import { accountManifest, seedAccount, PASSWORDS, type AccountSpec } from './account.js';
import { SEED, sized } from './size.js';
import { TESTED_KINDS, exitCodeOf, findDuplicates, idOf, identityOf, memoryIo, type TestedKind } from './support.js';

const SPEC: AccountSpec = { managed: 12, extra: 10, kept: 1, fresh: 2 };
const MODES = ['nonjson', 'truncated', 'missing-field', 'wrong-type', 'count-mismatch', 'duplicates', 'vanishing'] as const;

/** Unmanaged objects a prune of these kinds deletes; URIs alone are refused: one is in use by a kept trunk. */
const PRUNE_DELETES = 'credentials,ipacls,endpoints';
const PRUNE_REFUSED = 'uris';

const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-broken-'));
const MANIFEST = join(dir, 'account.yaml');
writeFileSync(MANIFEST, accountManifest(SPEC));

async function account(seed: number, broken?: string): Promise<Emulator> {
  const emulator = await startEmulator({ rateLimit: 0, seed });
  seedAccount(emulator, SPEC);
  if (broken !== undefined) emulator.setBroken(broken);
  return emulator;
}

function envOf(emulator: Emulator): Record<string, string> {
  return { ...PASSWORDS, PLIVO_API_URL: emulator.url, PLIVO_AUTH_ID: emulator.authId, PLIVO_AUTH_TOKEN: emulator.authToken };
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function plan(emulator: Emulator, prune: string): Promise<Outcome> {
  const io = memoryIo(envOf(emulator));
  const code = await exitCodeOf(io, () => runPlan({ manifest: MANIFEST, format: 'json', detailedExitcode: false, rotate: [], force: true, prune }, io));
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** A clear API error: exit 5, one `error:` line naming the request, a hint, nothing on stdout, no crash. */
function assertApiError(o: Outcome, where: string): void {
  assert.is(o.code, 5, `${where}: ${o.stderr}`);
  assert.match(o.stderr, /^error: .*(GET|POST) /m, where);
  assert.not.match(o.stderr, CRASH, where);
}

// ---------------------------------------------------------------------------------------------------------
const spec = suite('parseBroken');

spec('reads every mode by its short or long name, and refuses what it does not know', () => {
  assert.equal(parseBroken('nonjson=0.1, missing-field=1,count-mismatch=0.25'), { nonJson: 0.1, missingField: 1, countMismatch: 0.25 });
  assert.equal(parseBroken('wrongType=0.5,vanishing=0,duplicates=0.2,truncated=1'), { wrongType: 0.5, vanishing: 0, duplicates: 0.2, truncated: 1 });
  for (const bad of ['nonjson', 'nonjson=2', 'nonjson=-1', 'nonjson=x', 'bogus=0.1', 'nonjson=0.1,nonJson=0.2']) {
    assert.throws(() => parseBroken(bad), /broken answer/, bad);
  }
});

spec.run();

// ---------------------------------------------------------------------------------------------------------
const wire = suite<{ emulator: Emulator }>('broken answers on the wire');

wire.before.each(async (ctx) => {
  ctx.emulator = await account(SEED);
});
wire.after.each(async (ctx) => {
  await ctx.emulator.close();
});

async function get(emulator: Emulator, path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const auth = Buffer.from(`${emulator.authId}:${emulator.authToken}`).toString('base64');
  const res = await fetch(`${emulator.url}/v1/Account/${emulator.authId}/${path}`, { ...init, headers: { authorization: `Basic ${auth}` } });
  return { status: res.status, text: await res.text() };
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

wire('each mode breaks a successful answer its own way, and leaves errors and the state alone', async ({ emulator }) => {
  const clean = JSON.parse((await get(emulator, 'Endpoint/?offset=20')).text);
  const total = clean.meta.total_count as number;
  const cases: [string, (page: { status: number; text: string }) => void][] = [
    ['nonjson', (p) => assert.not.ok(parses(p.text))],
    ['truncated', (p) => assert.not.ok(parses(p.text))],
    ['missing-field', (p) => {
      const keys = (o: Record<string, unknown>) => Object.keys(o).length + Object.keys(o.meta as object).length + (o.objects as object[]).reduce((n: number, x) => n + Object.keys(x).length, 0);
      assert.is(keys(JSON.parse(p.text)), keys(clean) - 1);
    }],
    ['count-mismatch', (p) => assert.is.not(JSON.parse(p.text).meta.total_count, total)],
    ['duplicates', (p) => {
      const ids = (JSON.parse(p.text).objects as { endpoint_id: string }[]).map((o) => o.endpoint_id);
      assert.ok(ids.some((id) => !clean.objects.some((o: { endpoint_id: string }) => o.endpoint_id === id)) || new Set(ids).size < ids.length);
    }],
    ['vanishing', (p) => {
      const page = JSON.parse(p.text);
      assert.is(page.meta.total_count, total - 1);
      assert.is(page.objects[0].endpoint_id, clean.objects[1].endpoint_id);
    }],
  ];
  for (const [mode, check] of cases) {
    emulator.setBroken(`${mode}=1`);
    const page = await get(emulator, 'Endpoint/?offset=20');
    assert.is(page.status, 200, mode);
    check(page);
  }
  const trunkPath = `Zentrunk/Trunk/${String(emulator.dump('trunk')[0].trunk_id)}/`;
  emulator.setBroken(null);
  const cleanTrunk = JSON.parse((await get(emulator, trunkPath)).text).object as Record<string, unknown>;
  emulator.setBroken('wrong-type=1');
  const trunk = JSON.parse((await get(emulator, trunkPath)).text).object as Record<string, unknown>;
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  assert.is(Object.keys(cleanTrunk).filter((k) => typeOf(trunk[k]) !== typeOf(cleanTrunk[k])).length, 1, 'one field of the wrapped trunk changed type');
  // errors are not "successful answers": they go out as they are
  assert.is((await get(emulator, 'Endpoint/99/')).text.includes('not found'), true);
  // a create answered without its id still creates
  emulator.setBroken('missing-field=1');
  const before = emulator.dump('ipacl').length;
  const auth = Buffer.from(`${emulator.authId}:${emulator.authToken}`).toString('base64');
  const res = await fetch(`${emulator.url}/v1/Account/${emulator.authId}/Zentrunk/IPAccessControlList/`, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'made', ip_addresses: ['192.0.2.1'] }),
  });
  assert.is(res.status, 201);
  assert.is(emulator.dump('ipacl').length, before + 1);
  assert.equal(Object.keys(emulator.brokenAnswers).sort(), ['countMismatch', 'duplicates', 'missingField', 'nonJson', 'truncated', 'vanishing', 'wrongType']);
});

wire.run();

// ---------------------------------------------------------------------------------------------------------
const planning = suite('plan under broken answers');

const cleanPlans = new Map<string, Outcome>();

/** The plan a clean read of the account seeded with `seed` gives (ids come from the seed). */
async function cleanPlan(seed: number, prune: string): Promise<Outcome> {
  const key = `${seed} ${prune}`;
  if (!cleanPlans.has(key)) {
    const emulator = await account(seed);
    cleanPlans.set(key, await plan(emulator, prune));
    await emulator.close();
  }
  return cleanPlans.get(key)!;
}

planning('a clean read plans deletes with one prune and is refused with the other', async () => {
  const deletes = await cleanPlan(SEED, PRUNE_DELETES);
  assert.is(deletes.code, 0, deletes.stderr);
  assert.ok(JSON.parse(deletes.stdout).summary.delete >= 3 * SPEC.extra);
  const refused = await cleanPlan(SEED, PRUNE_REFUSED);
  assert.is(refused.code, 6, refused.stderr);
});

interface PlanDocument {
  changes: { action: string; kind: string; name: string; id: string | null; depends_on: string[] }[];
  unmanaged: unknown[];
  refusals: unknown[];
}

/**
 * What a broken read must not change: every create and delete (with ids and order constraints), the unmanaged
 * objects, the refusals, and every update a clean read plans. An answer missing an optional field (a URI's
 * username) may add an update that sends the desired value again: harmless, so not compared.
 */
function safetyView(stdout: string): unknown {
  const doc = JSON.parse(stdout) as PlanDocument;
  return {
    createsAndDeletes: doc.changes.filter((c) => c.action !== 'update').map((c) => [c.action, c.kind, c.name, c.id, c.depends_on]),
    unmanaged: doc.unmanaged,
    refusals: doc.refusals,
  };
}

/** Exit 5 with a clear message, or the plan a clean read gives, but for harmless extra updates. */
async function assertSafePlan(seed: number, broken: string, prune: string): Promise<'error' | 'same'> {
  const emulator = await account(seed, broken);
  const o = await plan(emulator, prune);
  const where = `${broken}, seed ${seed}, --prune ${prune}`;
  assert.is(emulator.stats.byMethod.POST ?? 0, 0, where);
  assert.is(emulator.stats.byMethod.DELETE ?? 0, 0, where);
  await emulator.close();
  if (o.code === 5) {
    assertApiError(o, where);
    return 'error';
  }
  const clean = await cleanPlan(seed, prune);
  assert.is(o.code, clean.code, `${where}: ${o.stderr}`);
  assert.equal(safetyView(o.stdout), safetyView(clean.stdout), where);
  const updates = (stdout: string) => (JSON.parse(stdout) as PlanDocument).changes.filter((c) => c.action === 'update').map((c) => `${c.kind}:${c.name}`);
  const got = new Set(updates(o.stdout));
  assert.equal(updates(clean.stdout).filter((u) => !got.has(u)), [], `${where}: an update a clean read plans is missing`);
  return 'same';
}

planning('each kind of broken answer, alone and at any rate: exit 5, or the plan a clean read gives', async () => {
  const seen = { error: 0, same: 0 };
  // independent accounts, planned side by side: the retries' backoff waits overlap instead of adding up
  const limit = pLimit(6);
  const runs: Promise<void>[] = [];
  for (const mode of MODES) {
    for (const rate of [0.15, 1]) {
      for (let s = 0; s < sized(2, 25); s++) {
        for (const prune of [PRUNE_DELETES, PRUNE_REFUSED]) {
          runs.push(limit(async () => void seen[await assertSafePlan(SEED + s, `${mode}=${rate}`, prune)]++));
        }
      }
    }
  }
  await Promise.all(runs);
  assert.ok(seen.error > 0 && seen.same > 0, `both outcomes seen (${seen.error} errors, ${seen.same} clean plans)`);
});

planning('every kind of broken answer at once', async () => {
  const mix = MODES.map((m) => `${m}=0.04`).join(',');
  const limit = pLimit(6);
  await Promise.all(
    Array.from({ length: sized(6, 60) }, (_, s) => limit(() => assertSafePlan(SEED + 100 + s, mix, s % 2 === 0 ? PRUNE_DELETES : PRUNE_REFUSED))),
  );
});

planning.run();

// ---------------------------------------------------------------------------------------------------------
const applying = suite('apply under broken answers');

/** Every object as `kind:id`. */
function idsOf(emulator: Emulator): Set<string> {
  return new Set(TESTED_KINDS.flatMap((k) => emulator.dump(k).map((o) => `${k}:${idOf(k, o)}`)));
}

applying('apply with --prune under broken answers deletes only what a clean plan deletes; a clean re-run converges and keeps every managed id', async () => {
  const mix = MODES.map((m) => `${m}=0.06`).join(',');
  const limit = pLimit(4);
  await Promise.all(Array.from({ length: sized(4, 40) }, (_, s) => limit(() => applyBroken(SEED + 200 + s, mix))));
});

/** One apply with --prune under broken answers, checked, then a clean re-run that must converge. */
async function applyBroken(seed: number, mix: string): Promise<void> {
  const doc = JSON.parse((await cleanPlan(seed, PRUNE_DELETES)).stdout) as { changes: { action: string; kind: TestedKind; id: string }[] };
  const cleanDeletes = new Set(doc.changes.filter((c) => c.action === 'delete').map((c) => `${c.kind}:${c.id}`));
  const emulator = await account(seed, mix);
  try {
    const before = idsOf(emulator);
    const managedBefore = TESTED_KINDS.flatMap((k) => emulator.dump(k).filter((o) => /^m-|^mep/.test(identityOf(k, o))).map((o) => `${k}:${idOf(k, o)}`));
    const flags = { target: MANIFEST, autoApprove: true, format: 'json' as const, rotate: [], force: true, prune: PRUNE_DELETES };
    const io = memoryIo(envOf(emulator));
    const code = await exitCodeOf(io, () => runApply(flags, io));
    const where = `seed ${seed} (exit ${code})`;
    assert.ok([0, 5, 7].includes(code), `${where}: ${io.stderr}`);
    assert.not.match(io.stderr, CRASH, where);
    const gone = [...before].filter((id) => !idsOf(emulator).has(id));
    assert.equal(gone.filter((id) => !cleanDeletes.has(id)), [], `${where}: deleted what a clean plan keeps`);
    assert.equal(findDuplicates(emulator), [], where);

    emulator.setBroken(null);
    const again = memoryIo(envOf(emulator));
    const code2 = await exitCodeOf(again, () => runApply(flags, again));
    assert.is(code2, 0, `${where}, clean re-run: ${again.stderr}`);
    const last = await plan(emulator, PRUNE_DELETES);
    assert.is(JSON.parse(last.stdout).changes.length, 0, `${where}: converged`);
    const after = idsOf(emulator);
    assert.equal(managedBefore.filter((id) => !after.has(id)), [], `${where}: a managed object was deleted and made again`);
    assert.equal(findDuplicates(emulator), [], where);
  } finally {
    await emulator.close();
  }
}

applying.run();

const cleanup = suite('cleanup');
cleanup('temporary files', () => rmSync(dir, { recursive: true, force: true }));
cleanup.run();
