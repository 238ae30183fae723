// Apply converges: every sample, and a seeded random account of a few hundred objects with drift to update and
// unmanaged objects to prune, through the built CLI against the emulator. Ordering is checked by the
// emulator itself (it refuses references to objects that do not exist and cascades URI deletes onto trunks),
// and the concurrency bound is measured there.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { startAccount, tempFiles, type Account } from './harness.js';
import { stripEndpointSuffix } from '../../src/model.js';

const SAMPLE_SECRETS = { PBX_PASSWORD: 'pbx-Sample-2231', OFFICE_SIP_PASSWORD: 'Office#7730', ALICE_SIP_PASSWORD: 'alice-sample-9' };
const NO_PACING = ['--rate-limit', '0'];

const samples = suite<{ account: Account }>('samples');
samples.before(async (ctx) => {
  ctx.account = await startAccount();
});
samples.after(async (ctx) => ctx.account.close());

for (const file of readdirSync('samples').filter((f) => f.endsWith('.yaml')).sort()) {
  samples(`${file}: apply, then plan shows no changes`, async ({ account }) => {
    const path = `samples/${file}`;
    // Numbers are bought, not created: the account must already hold those the sample routes.
    const held = new Set(account.emulator.dump('number').map((n) => n.number));
    for (const { number } of (parse(readFileSync(path, 'utf8')) as { numbers?: { number: string }[] }).numbers ?? []) {
      if (!held.has(number)) account.emulator.seed('number', { number });
    }
    const applied = await account.run(['apply', path, '--auto-approve', ...NO_PACING], { env: SAMPLE_SECRETS });
    assert.is(applied.code, 0, applied.stdout + applied.stderr);
    const again = await account.run(['plan', path, '--detailed-exitcode', ...NO_PACING], { env: SAMPLE_SECRETS });
    assert.is(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, 'No changes.');
  });
}
samples.run();

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECRETS = { URI_PASSWORD: 'uri-Pass-4412', CRED_PASSWORD: 'Cred#Pass9', EP_PASSWORD: 'ep-pass-7781' };

interface Generated {
  manifest: string;
  counts: { uris: number; credentials: number; ipacls: number; trunks: number; endpoints: number };
}

/**
 * A manifest of ~300 objects, and an account already holding a third of them with drifted fields plus
 * unmanaged objects (trunks using unmanaged URIs among them) for --prune to delete.
 */
function generate(seed: number, account: Account): Generated {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ip = () => `198.51.${Math.floor(rnd() * 250)}.${1 + Math.floor(rnd() * 250)}`;
  const counts = { uris: 60, credentials: 30, ipacls: 30, trunks: 80, endpoints: 100 };
  const lines = ['version: 1', 'uris:'];
  const uris = Array.from({ length: counts.uris }, (_, i) => `uri-${i}`);
  const liveIds = new Map<string, string>();
  uris.forEach((name, i) => {
    const auth = rnd() < 0.3;
    const uri = rnd() < 0.5 ? `${ip()}:5060` : `pbx${i}.example.com`;
    lines.push(`  - name: ${name}`, `    uri: ${uri}`);
    if (auth) lines.push('    authentication_needed: true', `    username: user${i}`, '    password: ${URI_PASSWORD}');
    if (i % 3 === 0) {
      // Exists already, pointing somewhere else: an update.
      const seeded = account.emulator.seed('uri', { name, uri: `old${i}.example.com` });
      liveIds.set(`uri:${name}`, seeded.uri_uuid as string);
    }
  });
  lines.push('credentials:');
  const creds = Array.from({ length: counts.credentials }, (_, i) => `cred-${i}`);
  creds.forEach((name, i) => {
    lines.push(`  - name: ${name}`, `    username: creduser${i}`, '    password: ${CRED_PASSWORD}');
    if (i % 3 === 0) account.emulator.seed('credential', { name, username: `olduser${i}`, password: 'Old#Pass1' });
  });
  lines.push('ipacls:');
  const acls = Array.from({ length: counts.ipacls }, (_, i) => `acl-${i}`);
  acls.forEach((name, i) => {
    const ips = [...new Set([ip(), ip(), ip()].slice(0, 1 + Math.floor(rnd() * 3)))];
    lines.push(`  - name: ${name}`, `    ip_addresses: [${ips.join(', ')}]`);
    if (i % 3 === 0) account.emulator.seed('ipacl', { name, ip_addresses: ['192.0.2.1'] });
  });
  lines.push('trunks:');
  for (let i = 0; i < counts.trunks; i++) {
    const name = `trunk-${i}`;
    lines.push(`  - name: ${name}`);
    if (rnd() < 0.5) {
      const primary = pick(uris);
      lines.push('    trunk_direction: inbound', `    primary_uri: ${primary}`);
      if (rnd() < 0.5) lines.push(`    fallback_uri: ${pick(uris.filter((u) => u !== primary))}`);
      const seededPrimary = liveIds.get(`uri:${primary}`);
      if (i % 4 === 0 && seededPrimary) {
        account.emulator.seed('trunk', { name, trunk_direction: 'inbound', trunk_status: 'disabled', primary_uri_uuid: seededPrimary });
      }
    } else {
      lines.push('    trunk_direction: outbound');
      const which = rnd();
      if (which < 0.7) lines.push(`    ipacl: ${pick(acls)}`);
      if (which >= 0.4) lines.push(`    credential: ${pick(creds)}`);
    }
    if (rnd() < 0.2) lines.push('    secure: true');
  }
  lines.push('endpoints:');
  for (let i = 0; i < counts.endpoints; i++) {
    lines.push(`  - username: ep${i}`, `    alias: ep-${i}`, '    password: ${EP_PASSWORD}');
    if (i % 3 === 0) account.emulator.seed('endpoint', { username: `ep${i}`, alias: 'old-alias', password: 'old-password' });
  }
  // Unmanaged objects for --prune: URIs with trunks that use them (the trunk must go first), endpoints.
  for (let i = 0; i < 4; i++) {
    const old = account.emulator.seed('uri', { name: `legacy-uri-${i}`, uri: `legacy${i}.example.com` });
    account.emulator.seed('trunk', { name: `legacy-trunk-${i}`, trunk_direction: 'inbound', primary_uri_uuid: old.uri_uuid });
  }
  for (let i = 0; i < 5; i++) account.emulator.seed('endpoint', { username: `legacy${i}`, alias: 'legacy', password: 'legacy-pass' });
  return { manifest: `${lines.join('\n')}\n`, counts };
}

function identities(account: Account, kind: 'uri' | 'credential' | 'ipacl' | 'trunk' | 'endpoint'): string[] {
  return account.emulator.dump(kind).map((o) => {
    if (kind === 'endpoint') return stripEndpointSuffix(String(o.username)) ?? String(o.username);
    return String(o.name);
  });
}

const random = suite('a random account of a few hundred objects');

random('apply --prune converges in one run, in dependency order, within the concurrency bound', async () => {
  // A little latency so that requests overlap at the emulator and the in-flight bound is really exercised.
  const account = await startAccount({ latencyMs: 5 });
  const files = tempFiles({});
  try {
    const { manifest, counts } = generate(20261123, account);
    const path = files.path('random.yaml');
    (await import('node:fs')).writeFileSync(path, manifest);
    account.emulator.resetStats();

    const plan = await account.run(['plan', path, '--prune', '--format', 'json', ...NO_PACING], { env: SECRETS });
    assert.is(plan.code, 0, plan.stderr);
    const doc = JSON.parse(plan.stdout) as { changes: Array<{ action: string; kind: string; name: string }>; summary: Record<string, number> };
    assert.ok(doc.summary.create > 150 && doc.summary.update > 40, JSON.stringify(doc.summary));
    const deletes = doc.changes.filter((c) => c.action === 'delete').map((c) => `${c.kind}:${c.name}`);
    assert.is(deletes.length, 13);
    for (let i = 0; i < 4; i++) {
      assert.ok(deletes.indexOf(`trunk:legacy-trunk-${i}`) < deletes.indexOf(`uri:legacy-uri-${i}`), 'trunk deleted before its URI');
    }

    account.emulator.resetStats();
    const apply = await account.run(['apply', path, '--prune', '--auto-approve', '--concurrency', '4', ...NO_PACING], { env: SECRETS });
    assert.is(apply.code, 0, apply.stdout.slice(-3000) + apply.stderr.slice(-3000));
    assert.ok(account.emulator.stats.maxInFlight <= 4, `max in flight ${account.emulator.stats.maxInFlight}`);
    assert.ok(account.emulator.stats.maxInFlight >= 2, 'changes ran concurrently');
    assert.is(account.emulator.stats.byStatus[400] ?? 0, 0, 'no request was refused: references always existed');

    const again = await account.run(['plan', path, '--prune', '--detailed-exitcode', ...NO_PACING], { env: SECRETS });
    assert.is(again.code, 0, again.stdout.slice(0, 3000));
    assert.match(again.stdout, 'No changes.');

    // Exactly the manifest's objects, once each: nothing duplicated, nothing lost to a cascade.
    const expected = { uri: counts.uris, credential: counts.credentials, ipacl: counts.ipacls, trunk: counts.trunks, endpoint: counts.endpoints };
    for (const [kind, n] of Object.entries(expected) as Array<[keyof typeof expected, number]>) {
      const ids = identities(account, kind);
      assert.is(ids.length, n, kind);
      assert.is(new Set(ids).size, n, `${kind} identities unique`);
    }
  } finally {
    files.cleanup();
    await account.close();
  }
});

random.run();
