// The built CLI against the emulator: validate → plan → apply → plan is empty, saved plans, refusals, exit codes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAccount, tempFiles, runCli, type Account } from './harness.js';

const MANIFEST = `version: 1
uris:
  - name: primary-pbx
    uri: sip.example.com:5060
    authentication_needed: true
    username: plivoin
    password: \${PBX_PASSWORD}
  - name: backup-pbx
    uri: 203.0.113.20:5060
credentials:
  - name: office
    username: officeuser
    password: \${OFFICE_SIP_PASSWORD}
ipacls:
  - name: office-ips
    ip_addresses: [203.0.113.10, 198.51.100.0/24]
trunks:
  - name: inbound-main
    trunk_direction: inbound
    primary_uri: primary-pbx
    fallback_uri: backup-pbx
  - name: outbound-main
    trunk_direction: outbound
    ipacl: office-ips
    credential: office
endpoints:
  - username: alice
    alias: alice-desk
    password: \${ALICE_SIP_PASSWORD}
`;

const SECRETS = { PBX_PASSWORD: 'pbx-Secret-9137', OFFICE_SIP_PASSWORD: 'Office#2931', ALICE_SIP_PASSWORD: 'alice-Secret-5521' };

function assertNoSecrets(text: string) {
  for (const v of Object.values(SECRETS)) assert.not.ok(text.includes(v), `secret value leaked into output`);
}

const flow = suite<{ account: Account; files: ReturnType<typeof tempFiles> }>('plan and apply');

flow.before.each(async (ctx) => {
  ctx.account = await startAccount();
  ctx.files = tempFiles({ 'plivo.yaml': MANIFEST });
});
flow.after.each(async (ctx) => {
  await ctx.account.close();
  ctx.files.cleanup();
});

flow('plan on an empty account lists creates; apply; a second plan has no changes', async ({ account, files }) => {
  const m = files.path('plivo.yaml');
  const plan = await account.run(['plan', m, '--detailed-exitcode'], { env: SECRETS });
  assert.is(plan.code, 2, plan.stderr);
  assert.match(plan.stdout, 'Plan: 7 to create, 0 to update, 0 to delete.');
  assertNoSecrets(plan.stdout + plan.stderr);

  const apply = await account.run(['apply', m, '--auto-approve'], { env: SECRETS });
  assert.is(apply.code, 0, apply.stderr + apply.stdout);
  assert.match(apply.stdout, /\.zt\.plivo\.com/); // the trunk's SIP domain, read back after create
  assertNoSecrets(apply.stdout + apply.stderr);
  assert.is(account.emulator.dump('trunk').length, 2);
  assert.is(account.emulator.dump('endpoint').length, 1);

  const again = await account.run(['plan', m, '--detailed-exitcode'], { env: SECRETS });
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, 'No changes.');
});

flow('--quiet leaves stderr to errors and warnings: no progress lines', async ({ account, files }) => {
  const m = files.path('plivo.yaml');
  const loud = await account.run(['apply', m, '--auto-approve'], { env: SECRETS });
  assert.is(loud.code, 0, loud.stderr);
  assert.match(loud.stderr, '✓ created'); // one progress line per finished change without a TTY
  const fresh = await startAccount();
  try {
    const quiet = await fresh.run(['apply', m, '--auto-approve', '--quiet'], { env: SECRETS });
    assert.is(quiet.code, 0, quiet.stderr);
    assert.is(quiet.stderr, '');
    assert.match(quiet.stdout, 'Apply: 7 done, 0 failed, 0 skipped, 0 not started.');
  } finally {
    await fresh.close();
  }
});

flow('apply without a terminal and without --auto-approve refuses with exit 3 and writes nothing', async ({ account, files }) => {
  const r = await account.run(['apply', files.path('plivo.yaml')], { env: SECRETS });
  assert.is(r.code, 3, r.stderr);
  assert.match(r.stderr, '--auto-approve');
  assert.is(account.emulator.stats.byMethod.POST ?? 0, 0);
  assert.is(account.emulator.stats.byMethod.DELETE ?? 0, 0);
});

flow('an invalid manifest exits 3 before any API call', async ({ account, files }) => {
  const bad = MANIFEST.replace('trunk_direction: inbound', 'trunk_directon: inbound');
  const f = tempFiles({ 'bad.yaml': bad });
  try {
    for (const args of [['plan'], ['apply', '--auto-approve']]) {
      const r = await account.run([...args, f.path('bad.yaml')], { env: SECRETS });
      assert.is(r.code, 3, r.stderr);
      assert.match(r.stderr, /bad\.yaml:\d+:\d+: .*trunk_direction/, r.stderr);
    }
    assert.is(account.emulator.stats.requests, 0);
  } finally {
    f.cleanup();
  }
  void files;
});

flow('a saved plan applies exactly, and is refused (exit 6) once the account changed', async ({ account, files }) => {
  const m = files.path('plivo.yaml');
  const saved = files.path('plan.json');
  const p = await account.run(['plan', m, '--out', saved], { env: SECRETS });
  assert.is(p.code, 0, p.stderr);
  const text = (await import('node:fs')).readFileSync(saved, 'utf8');
  assertNoSecrets(text);

  // Someone creates one of the planned objects by hand in between: applying the stale plan would duplicate it.
  account.emulator.seed('uri', { name: 'backup-pbx', uri: '203.0.113.20:5060' });
  const stale = await account.run(['apply', saved], { env: SECRETS });
  assert.is(stale.code, 6, stale.stderr);
  assert.match(stale.stderr, 'backup-pbx');
  assert.is(account.emulator.dump('uri').length, 1);

  const p2 = await account.run(['plan', m, '--out', saved], { env: SECRETS });
  assert.is(p2.code, 0, p2.stderr);
  const ok = await account.run(['apply', saved], { env: SECRETS });
  assert.is(ok.code, 0, ok.stderr + ok.stdout);
  const after = await account.run(['plan', m, '--detailed-exitcode'], { env: SECRETS });
  assert.is(after.code, 0, after.stdout);
});

flow('deleting a URI that an unmanaged trunk uses is refused with exit 6', async ({ account, files }) => {
  const uri = account.emulator.seed('uri', { name: 'legacy-pbx', uri: '198.51.100.7' });
  account.emulator.seed('trunk', { name: 'legacy-trunk', trunk_direction: 'inbound', primary_uri_uuid: uri.uri_uuid });
  const r = await account.run(['plan', files.path('plivo.yaml'), '--prune', 'uris'], { env: SECRETS });
  assert.is(r.code, 6, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, 'legacy-trunk');
  const both = await account.run(['plan', files.path('plivo.yaml'), '--prune', 'uris,trunks', '--format', 'json'], { env: SECRETS });
  assert.is(both.code, 0, both.stderr);
  const doc = JSON.parse(both.stdout);
  const deletes = doc.changes.filter((c: { action: string }) => c.action === 'delete').map((c: { kind: string; name: string }) => `${c.kind}:${c.name}`);
  assert.equal(deletes, ['trunk:legacy-trunk', 'uri:legacy-pbx']);
});

flow('a ${VAR} in a field that is not a password is masked in every plan format and the saved plan', async ({ account, files }) => {
  const host = 'pbx-host-7713.example.com';
  const f = tempFiles({ 'm.yaml': MANIFEST.replace('uri: sip.example.com:5060', 'uri: ${PBX_HOST}:5060') });
  try {
    const env = { ...SECRETS, PBX_HOST: host };
    let seen = '';
    for (const format of ['text', 'json', 'markdown']) {
      const r = await account.run(['plan', f.path('m.yaml'), '--format', format, '--out', f.path('plan.json')], { env });
      assert.is(r.code, 0, r.stderr);
      assert.match(r.stdout, '(sensitive)');
      seen += r.stdout + r.stderr + (await import('node:fs')).readFileSync(f.path('plan.json'), 'utf8');
    }
    const applied = await account.run(['apply', f.path('m.yaml'), '--auto-approve', '--debug'], { env });
    assert.is(applied.code, 0, applied.stderr);
    seen += applied.stdout + applied.stderr;
    assert.not.ok(seen.includes(host), 'the value of PBX_HOST appeared in the output');
    assert.is(account.emulator.dump('uri').find((u) => u.name === 'primary-pbx')?.uri, `${host}:5060`);
  } finally {
    f.cleanup();
  }
  void files;
});

flow('a wrong token exits 4 and never prints the token', async ({ account, files }) => {
  const r = await account.run(['plan', files.path('plivo.yaml')], { env: { ...SECRETS, PLIVO_AUTH_TOKEN: 'wrong-token-value-123' } });
  assert.is(r.code, 4, r.stderr);
  assert.not.ok((r.stdout + r.stderr).includes('wrong-token-value-123'));
});

flow.run();

const config = suite('configuration');

config('plain http to a non-loopback host is refused before any request', async () => {
  const f = tempFiles({ 'm.yaml': 'version: 1\n' });
  try {
    const r = await runCli(['plan', f.path('m.yaml')], {
      env: { PLIVO_API_URL: 'http://api.example.com', PLIVO_AUTH_ID: 'MAXXXXXXXXXXXXXXXXXX', PLIVO_AUTH_TOKEN: 'tok' },
    });
    assert.is(r.code, 3, r.stderr);
    assert.match(r.stderr, 'clear text');
  } finally {
    f.cleanup();
  }
});

config('missing credentials name the variables to set', async () => {
  const f = tempFiles({ 'm.yaml': 'version: 1\n' });
  try {
    const r = await runCli(['plan', f.path('m.yaml')], { env: { PLIVO_AUTH_ID: undefined, PLIVO_AUTH_TOKEN: undefined } });
    assert.is(r.code, 3, r.stderr);
    assert.match(r.stderr, 'PLIVO_AUTH_TOKEN');
  } finally {
    f.cleanup();
  }
});

config.run();
