// Secrets, through the built CLI: every command (validate, plan in each format and with --out, apply from a
// manifest and from a saved plan, export, the emulator) and the failing paths (a wrong token, an invalid
// manifest, 500s and lost creates, an API error that echoes what it was sent), all with --debug, run with known
// secret values. None of them may appear in any output or saved file, in any encoding.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runCli, startAccount, tempFiles, type Account, type CliResult } from '../e2e/harness.js';
import { CRASH, assertNoSecrets } from './checks.js';
import { startProxy } from './proxy.js';
import { spawnCli } from './support.js';

const AUTH_ID = 'MASECRETSHARDENING01';
const TOKEN = 'TokSecret9f3c1a7e5b2d4c6e8a0b';

/** ${VAR} values with characters that JSON, URLs and YAML each escape differently. */
const ENV = {
  URI_PW: 'uri"Pw\\9/x<y>&z%',
  CRED_PW: 'Cred#Pw_8271!',
  EP_PW: 'ép-Pässwörd-✓-4711',
};
const LITERAL = 'Literal-Secret-5309';

const SECRETS: Record<string, string> = {
  ...ENV,
  'the literal password': LITERAL,
  'the auth token': TOKEN,
  'the Basic authorization': Buffer.from(`${AUTH_ID}:${TOKEN}`).toString('base64'),
};

const MANIFEST = `version: 1
uris:
  - name: main-pbx
    uri: main.example.com
    authentication_needed: true
    username: inbound
    password: \${URI_PW}
  - name: literal-pbx
    uri: literal.example.com
    authentication_needed: true
    username: literaluser
    password: ${LITERAL}
credentials:
  - name: office
    username: officeuser
    password: \${CRED_PW}
ipacls:
  - name: office-ips
    ip_addresses: [192.0.2.10]
trunks:
  - name: inbound-main
    trunk_direction: inbound
    primary_uri: main-pbx
  - name: outbound-main
    trunk_direction: outbound
    credential: office
    ipacl: office-ips
endpoints:
  - username: alice
    alias: alice-desk
    password: \${EP_PW}
`;

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

type Files = ReturnType<typeof tempFiles>;

type Run = (args: string[], opts?: { env?: Record<string, string | undefined> }) => Promise<CliResult>;

/** Runs a command and checks all it printed; returns it for further checks. */
async function runClean(run: Run, args: string[], env: Record<string, string | undefined> = ENV): Promise<CliResult> {
  const r = await run(args, { env });
  assert.not.match(r.stderr, CRASH, args.join(' '));
  assertNoSecrets(`the output of ${args[0]} ${args.slice(2).join(' ')}`, r.stdout + r.stderr, SECRETS);
  return r;
}

const commands = suite<{ account: Account; files: Files }>('every command, with --debug');

commands.before.each(async (ctx) => {
  ctx.account = await startAccount({ authId: AUTH_ID, authToken: TOKEN, seed: 8 });
  ctx.files = tempFiles({ 'plivo.yaml': MANIFEST });
});
commands.after.each(async (ctx) => {
  await ctx.account.close();
  ctx.files.cleanup();
});

commands('validate, plan in every format and saved, apply a saved plan, apply with rotation, export', async ({ account, files }) => {
  const m = files.path('plivo.yaml');
  const run = account.run;
  // the read-only commands side by side
  const codes = await Promise.all([
    runClean(run, ['validate', m]),
    runClean(run, ['plan', m, '--debug', '--detailed-exitcode']),
    runClean(run, ['plan', m, '--format', 'json', '--rotate', 'all', '--debug']),
    runClean(run, ['plan', m, '--format', 'markdown', '--debug']),
    runClean(run, ['plan', m, '--out', files.path('plan.json'), '--debug']),
  ]);
  assert.equal(codes.map((r) => r.code), [0, 2, 0, 0, 0], codes.map((r) => r.stderr).join('\n'));
  assertNoSecrets('the saved plan', readFileSync(files.path('plan.json'), 'utf8'), SECRETS);

  const applied = await runClean(run, ['apply', files.path('plan.json'), '--debug', '--format', 'json']);
  assert.is(applied.code, 0, applied.stderr);
  assert.match(applied.stderr, /plivo → POST Zentrunk\/URI\//, 'the debug trace shows the requests');
  const rotated = await runClean(run, ['apply', m, '--rotate', 'all', '--auto-approve', '--debug']);
  assert.is(rotated.code, 0, rotated.stderr);
  assert.match(rotated.stderr, /plivo → POST Zentrunk\/Credential\/[^/]+\/ .*"password":"\*\*\*"/, 'the rotated password went out, masked in the trace');

  assert.is((await runClean(run, ['export', '--out', files.path('export.yaml'), '--debug'])).code, 0);
  assertNoSecrets('the exported manifest', readFileSync(files.path('export.yaml'), 'utf8'), SECRETS);
});

commands('a saved plan holds no secret: apply reads them from the environment again', async ({ account, files }) => {
  const m = files.path('plivo.yaml');
  assert.is((await runClean(account.run, ['plan', m, '--out', files.path('plan.json')])).code, 0);
  const saved = readFileSync(files.path('plan.json'), 'utf8');
  assertNoSecrets('the saved plan', saved, SECRETS);
  assert.match(saved, '(sensitive)');

  // without the variables the saved plan cannot be applied, and nothing is sent
  const missing = await runClean(account.run, ['apply', files.path('plan.json')], { ...ENV, EP_PW: undefined });
  assert.is(missing.code, 3, missing.stderr);
  assert.match(missing.stderr, /EP_PW/);
  assert.is(account.emulator.stats.byMethod.POST ?? 0, 0);

  // a value set only now is the one applied: it was never in the file
  const later = { ...ENV, EP_PW: 'set-only-at-apply-3141' };
  const r = await account.run(['apply', files.path('plan.json'), '--debug'], { env: later });
  assert.is(r.code, 0, r.stderr);
  assertNoSecrets('the apply of a saved plan', r.stdout + r.stderr, { ...SECRETS, 'the apply-time password': later.EP_PW });
  assert.is(account.emulator.dump('endpoint')[0].password, md5(later.EP_PW));
});

commands('failing paths: a wrong token, an invalid manifest, 500s and lost creates, an API error echoing the request', async ({ account, files }) => {
  const m = files.path('plivo.yaml');
  const run = account.run;
  const wrong = 'WrongToken7c1d9e3f5a';
  const withWrong = { ...ENV, PLIVO_AUTH_TOKEN: wrong };
  // a ${VAR} value that breaks a rule is named by its variable, never shown
  const bad = { ...ENV, CRED_PW: 'nospecial12345' };
  const failing = await Promise.all([
    runClean(run, ['plan', m, '--debug'], withWrong),
    runClean(run, ['export', '--debug'], withWrong),
    runClean(run, ['plan', m, '--auth-token', wrong, '--debug'], { ...ENV, PLIVO_AUTH_TOKEN: undefined }),
    runClean(run, ['validate', m, '--format', 'json'], bad),
    runClean(run, ['plan', m, '--debug'], bad),
    runClean(run, ['apply', m, '--auto-approve'], bad),
  ]);
  assert.equal(failing.map((r) => r.code), [4, 4, 4, 3, 3, 3], failing.map((r) => r.stderr).join('\n'));
  for (const r of failing) assertNoSecrets('a failing command', r.stdout + r.stderr, { 'the wrong token': wrong, 'the bad credential password': bad.CRED_PW });
  for (const r of failing.slice(3)) assert.match(r.stdout + r.stderr, '${CRED_PW}');

  account.emulator.setFaults('500=0.3,lost=0.5,reset=0.1');
  const faulty = await runClean(run, ['apply', m, '--auto-approve', '--debug', '--format', 'json']);
  assert.ok([0, 5, 7].includes(faulty.code ?? -1), faulty.stderr);
  assert.match(faulty.stderr, /plivo retry|no reliable answer/);
  account.emulator.setFaults(null);

  // a server that echoes the request in its error: the client's message, the report and the trace cut it out
  const echo = await startProxy(account.emulator.url, (method, _path, body) =>
    method === 'POST' ? { status: 400, json: { api_id: 'echo', error: `cannot accept ${body}`, password: body } } : 'pass',
  );
  try {
    const r = await runClean(run, ['apply', m, '--auto-approve', '--rotate', 'all', '--debug', '--format', 'json'], { ...ENV, PLIVO_API_URL: echo.url });
    assert.is(r.code, 7, r.stderr);
    assert.match(r.stdout, 'cannot accept');
  } finally {
    await echo.close();
  }
});

commands.run();

// ---------------------------------------------------------------------------------------------------------
const emulator = suite('the emulator command');

emulator('prints its own token once, to be exported; keeps passwords it is sent only as MD5; refuses a bad token without echoing it', async () => {
  const files = tempFiles({ 'plivo.yaml': MANIFEST });
  const state = files.path('state.json');
  const child = spawnCli(['emulator', '--state', state, '--auth-id', AUTH_ID, '--auth-token', TOKEN], {});
  try {
    for (let i = 0; i < 200 && !child.stdout().includes('\n'); i++) await new Promise((r) => setTimeout(r, 25));
    const url = /PLIVO_API_URL=(\S+)/.exec(child.stdout())?.[1];
    assert.ok(url, child.stdout() + child.stderr());
    const run: Run = (args, o = {}) => runCli(args, { env: { PLIVO_API_URL: url, PLIVO_AUTH_ID: AUTH_ID, PLIVO_AUTH_TOKEN: TOKEN, ...o.env } });
    const r = await runClean(run, ['apply', files.path('plivo.yaml'), '--auto-approve', '--debug']);
    assert.is(r.code, 0, r.stderr);
    const saved = readFileSync(state, 'utf8');
    assertNoSecrets('the emulator state file', saved, SECRETS);
    assert.ok(saved.includes(md5(ENV.EP_PW)), 'the endpoint password is kept as its MD5');
  } finally {
    child.child.kill('SIGTERM');
    await child.exited;
  }
  const [line, ...rest] = child.stdout().split('\n');
  assert.match(line, `PLIVO_AUTH_TOKEN=${TOKEN}`);
  assertNoSecrets('the emulator output after its first line', rest.join('\n') + child.stderr(), SECRETS);

  const bad = 'bad token with spaces';
  const refused = spawnCli(['emulator', '--auth-token', bad], {});
  const end = await refused.exited;
  assert.is(end.code, 3, refused.stderr());
  assertNoSecrets('a refused emulator token', refused.stdout() + refused.stderr(), { 'the refused token': bad });
  files.cleanup();
});

emulator.run();
