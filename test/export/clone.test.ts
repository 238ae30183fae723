// The built CLI against two emulated accounts: export A → plan A has no changes; apply the export to an empty
// B → plan B has no changes, and B exports to the same manifest as A (same names, fields and references).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startAccount, tempFiles, type Account } from '../e2e/harness.js';
import { deriveVariableName } from '../../src/export/variables.js';

/** Several pages of each kind (the API pages by 20). */
const N = 65;

/** The password a user would set for a variable: derived from its name, valid for every kind's rules. */
function passwordFor(variable: string): string {
  return `P!${createHash('sha256').update(variable).digest('hex').slice(0, 12)}`;
}

/** Seeds an account with N of each kind through the emulator's back door; every seventh object is unnamed. */
function seedAccount(account: Account): void {
  const e = account.emulator;
  const pad = (i: number) => String(i).padStart(3, '0');
  const named = (prefix: string, i: number) => (i % 7 === 6 ? {} : { name: `${prefix}-${pad(i)}` });
  const uris: string[] = [];
  const acls: string[] = [];
  const creds: string[] = [];
  for (let i = 0; i < N; i++) {
    const auth = i % 2 === 0 ? { authentication_needed: true, username: `in${pad(i)}`, password: `uri-Pass-${i}` } : {};
    uris.push(e.seed('uri', { ...named('prod-pbx', i), uri: `pbx${pad(i)}.example.com:5060`, ...auth }).uri_uuid as string);
    creds.push(e.seed('credential', { ...named('prod-cred', i), username: `office${pad(i)}`, password: `Cred#${i}x` }).credential_uuid as string);
    acls.push(e.seed('ipacl', { ...named('prod-acl', i), ip_addresses: [`198.51.100.${i}`, `10.${i}.0.0/16`] }).ipacl_uuid as string);
  }
  for (let i = 0; i < N; i++) {
    const refs =
      i % 2 === 0
        ? { trunk_direction: 'inbound', primary_uri_uuid: uris[i], ...(i % 4 === 0 ? { fallback_uri_uuid: uris[(i + 1) % N] } : {}) }
        : { trunk_direction: 'outbound', ipacl_uuid: acls[i], ...(i % 3 === 0 ? { credential_uuid: creds[i] } : {}) };
    const flags = { ...(i % 5 === 0 ? { secure: true } : {}), ...(i % 6 === 1 ? { trunk_status: 'disabled' } : {}) };
    e.seed('trunk', { ...named('prod-trunk', i), ...refs, ...flags });
    const username = `ep${pad(i)}`;
    e.seed('endpoint', {
      username,
      alias: `desk-${pad(i)}`,
      password: passwordFor(deriveVariableName('endpoint', username)),
      ...(i % 3 === 0 ? { app_id: `33406267401237${pad(i)}` } : {}),
    });
  }
}

/** The variables export lists on stderr, each set to its password. */
function variablesFrom(stderr: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of stderr.matchAll(/^ {2}([A-Z][A-Z0-9_]*_PASSWORD(?:_\d+)?) +\S+ \S+$/gm)) env[m[1]] = passwordFor(m[1]);
  return env;
}

/** The emulators run without a rate limit: the client need not pace itself either. */
const FAST = ['--rate-limit', '0'];

const withoutComments = (text: string) => text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');

const clone = suite<{ a: Account; b: Account; files: ReturnType<typeof tempFiles> }>('export (end to end)');

clone.before.each(async (ctx) => {
  ctx.a = await startAccount({ seed: 11 });
  ctx.b = await startAccount({ seed: 22 });
  ctx.files = tempFiles({});
  seedAccount(ctx.a);
});
clone.after.each(async (ctx) => {
  await ctx.a.close();
  await ctx.b.close();
  ctx.files.cleanup();
});

clone('export A, plan A: no changes; apply to empty B, plan B: no changes; B exports as A does', async ({ a, b, files }) => {
  const out = files.path('a.yaml');
  const exported = await a.run(['export', '--out', out, ...FAST]);
  assert.is(exported.code, 0, exported.stderr);
  assert.is(exported.stdout, '');
  const text = readFileSync(out, 'utf8');
  assert.match(exported.stderr, `wrote ${out}: ${N} uris, ${N} credentials, ${N} ipacls, ${N} trunks, ${N} endpoints`);
  const unnamed = Math.floor(N / 7) * 4;
  assert.match(exported.stderr, `${unnamed} object(s) have no name in the account`);
  const env = variablesFrom(exported.stderr);
  assert.is(Object.keys(env).length, Math.ceil(N / 2) + N + N);
  for (const name of Object.keys(env)) assert.match(text, `\${${name}}`);

  const planA = await a.run(['plan', out, '--detailed-exitcode', ...FAST], { env });
  assert.is(planA.code, 0, planA.stdout + planA.stderr);
  assert.match(planA.stdout, 'No changes.');

  const apply = await b.run(['apply', out, '--auto-approve', ...FAST], { env });
  assert.is(apply.code, 0, apply.stdout + apply.stderr);
  const planB = await b.run(['plan', out, '--detailed-exitcode', ...FAST], { env });
  assert.is(planB.code, 0, planB.stdout + planB.stderr);
  assert.match(planB.stdout, 'No changes.');

  // New ids, same names, fields and references: B's export is A's, but for comments (the header's source
  // account, and the unnamed notes: A's unnamed objects carry their identity as a name in B).
  const fromB = await b.run(['export', ...FAST]);
  assert.is(fromB.code, 0, fromB.stderr);
  assert.is(withoutComments(fromB.stdout), withoutComments(text));
  assert.not.match(fromB.stderr, 'have no name');
  const idsA = new Set(a.emulator.dump('trunk').map((t) => t.trunk_id));
  assert.ok(b.emulator.dump('trunk').every((t) => !idsA.has(t.trunk_id)));
});

clone('the same account exports byte-identical text, to stdout as to a file', async ({ a, files }) => {
  const first = await a.run(['export', '--out', files.path('1.yaml'), ...FAST]);
  // `--out=-`: yargs reads a separate "-" as a positional unless the option has requiresArg (see the report).
  const second = await a.run(['export', '--out', '-', ...FAST]);
  const third = await a.run(['export', ...FAST]);
  assert.is(first.code, 0, first.stderr);
  assert.is(second.code, 0, second.stderr);
  assert.is(second.stdout, readFileSync(files.path('1.yaml'), 'utf8'));
  assert.is(third.stdout, second.stdout);
  assert.match(second.stdout, /^# yaml-language-server: \$schema=https:\/\//);
  assert.match(second.stdout, `account ${a.env.PLIVO_AUTH_ID} at ${a.env.PLIVO_API_URL}`);
  assert.not.match(second.stdout + second.stderr, a.env.PLIVO_AUTH_TOKEN);
});

clone('--kinds and --rename-from/--rename-to clone trunks under new names into the same account', async ({ a, files }) => {
  const out = files.path('staging.yaml');
  const r = await a.run(['export', '--kinds', 'trunks', '--rename-from', 'prod-', '--rename-to', 'staging-', '--out', out, ...FAST]);
  assert.is(r.code, 0, r.stderr);
  const text = readFileSync(out, 'utf8');
  assert.not.match(text, /^endpoints:/m);
  assert.not.match(text, /name: prod-/);
  assert.match(text, /^ {4}primary_uri: staging-pbx-000$/m);
  assert.match(r.stderr, 'because exported trunks use them');
  assert.match(r.stderr, 'kept their names (no "prod-" prefix)');
});

clone('a refusal (colliding names) exits 6 naming the ids and writes nothing', async ({ a, files }) => {
  const first = a.emulator.seed('ipacl', { name: 'prod-acl-000', ip_addresses: ['192.0.2.1'] });
  const out = files.path('x.yaml');
  const r = await a.run(['export', '--out', out, ...FAST]);
  assert.is(r.code, 6, r.stderr);
  assert.match(r.stderr, 'ipacls "prod-acl-000"');
  assert.match(r.stderr, first.ipacl_uuid as string);
  assert.is(r.stdout, '');
  assert.throws(() => readFileSync(out));
});

clone.run();
