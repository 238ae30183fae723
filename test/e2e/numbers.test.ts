// Numbers through the built CLI against the emulator: apply creates an inbound trunk and routes two bought
// numbers to it, then plan is empty; a number the account lacks is refused; manifests without numbers never
// list them; export writes them back; numbers cannot be pruned.
import { writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAccount, tempFiles, type Account } from './harness.js';

const N1 = '14155551234';
const N2 = '442071838750';
const OTHER = '14155550000';

const MANIFEST = `version: 1
uris:
  - name: pbx
    uri: sip.example.com:5060
trunks:
  - name: inbound-main
    trunk_direction: inbound
    primary_uri: pbx
numbers:
  - number: "${N1}"
    trunk: inbound-main
  - number: "${N2}"
    trunk: inbound-main
`;

const NO_NUMBERS = `version: 1
uris:
  - name: pbx
    uri: sip.example.com:5060
`;

interface Ctx {
  account: Account;
  files: ReturnType<typeof tempFiles>;
  /** Paths of every request the emulator received. */
  paths: string[];
}

const flow = suite<Ctx>('numbers end to end');

flow.before.each(async (ctx) => {
  ctx.paths = [];
  ctx.account = await startAccount({ onRequest: (_method, url) => ctx.paths.push(new URL(url, 'http://x').pathname) });
  ctx.files = tempFiles({ 'plivo.yaml': MANIFEST, 'plain.yaml': NO_NUMBERS });
  // Bought beforehand: plivo-sync never creates numbers. OTHER is not in the manifest and must be left alone.
  for (const number of [N1, N2, OTHER]) ctx.account.emulator.seed('number', { number });
});
flow.after.each(async (ctx) => {
  await ctx.account.close();
  ctx.files.cleanup();
});

flow('apply creates the inbound trunk and routes both numbers to it; the next plan is empty', async ({ account, files }) => {
  const m = files.path('plivo.yaml');
  const applied = await account.run(['apply', m, '--auto-approve']);
  assert.is(applied.code, 0, applied.stdout + applied.stderr);
  assert.match(applied.stdout, `~ update number ${N1}\n    trunk: null → "inbound-main"`);
  assert.match(applied.stdout, 'Plan: 2 to create, 2 to update, 0 to delete.');
  assert.match(applied.stdout, `✓ updated number ${N2}`);

  const again = await account.run(['plan', m, '--detailed-exitcode']);
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.is(again.stdout, 'No changes.\n');

  const [trunk] = account.emulator.dump('trunk');
  const url = `/v1/Account/${account.emulator.authId}/Zentrunk/Trunk/${trunk.trunk_id as string}/`;
  const routing = Object.fromEntries(account.emulator.dump('number').map((n) => [n.number, n.application]));
  assert.equal(routing, { [N1]: url, [N2]: url, [OTHER]: null });
});

flow('a number the account does not hold is refused (exit 6) and nothing is sent', async ({ account, files }) => {
  const m = files.path('missing.yaml');
  writeFileSync(m, MANIFEST.replace(N2, '14155559999'));
  const plan = await account.run(['apply', m, '--auto-approve']);
  assert.is(plan.code, 6, plan.stdout + plan.stderr);
  assert.match(plan.stdout, '! refused: number 14155559999 is not in the account; numbers are never created\n  by plivo-sync.');
  assert.equal(account.emulator.dump('trunk'), []);
});

flow('a manifest without numbers never lists them; one with numbers does', async ({ account, files, paths }) => {
  const plain = await account.run(['plan', files.path('plain.yaml')]);
  assert.is(plain.code, 0, plain.stderr);
  assert.not.ok(paths.some((p) => p.endsWith('/Number/')), paths.join('\n'));
  await account.run(['plan', files.path('plivo.yaml')]);
  assert.ok(paths.some((p) => p.endsWith('/Number/')));
});

flow('--prune numbers is a usage error (exit 3) before any request', async ({ account, files, paths }) => {
  const r = await account.run(['plan', files.path('plivo.yaml'), '--prune', 'numbers']);
  assert.is(r.code, 3);
  assert.match(r.stderr, 'error: --prune numbers: numbers are never deleted\n');
  assert.equal(paths, []);
});

flow('export writes the routed numbers back, and says how many others it left out', async ({ account, files }) => {
  await account.run(['apply', files.path('plivo.yaml'), '--auto-approve']);
  const exported = await account.run(['export']);
  assert.is(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, `numbers:\n  - number: "${N1}"\n    trunk: inbound-main\n  - number: "${N2}"\n    trunk: inbound-main\n`);
  assert.match(exported.stderr, '2 numbers\nleft out 1 number routed to no trunk (to an application, or to nothing)\n');
});

flow.run();
