import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exportManifest, type ExportOptions, type ExportResult } from '../../src/export/index.js';
import { formatDiagnostic, parseManifest } from '../../src/manifest/index.js';
import { planChanges } from '../../src/plan/index.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/types.js';
import { liveIdentity, type LiveState } from '../../src/model.js';
import { account, credential, endpoint, ipacl, largeAccount, number, trunk, uri } from './fixtures.js';

const OPTS: ExportOptions = { source: 'account MA000TEST at https://api.plivo.com', toolVersion: '0.0.0-test' };
/** Valid for every kind's password rules (credential: 5-20 characters with one of ~!@#$%^&*()_+). */
const PASSWORD = 'Export_ok1!';

function envFor(result: ExportResult): Record<string, string> {
  return Object.fromEntries(result.variables.map((v) => [v.name, PASSWORD]));
}

function parseExport(result: ExportResult, env = envFor(result)) {
  const loaded = parseManifest(result.text, 'export.yaml', env);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return { loaded, errors };
}

const messy = (): LiveState =>
  account({
    uri: [
      uri('u1', 'prod-pbx', { authentication_needed: true, username: 'plivo_in' }),
      uri('u2', null, { uri: '203.0.113.20:5060' }),
      uri('u3', 'no', { uri: 'sip:pbx@[2001:db8::1]:5061;transport=tls' }),
      uri('u4', 'a${B}', { uri: 'sip.example.com' }),
    ],
    credential: [credential('c1', null, { username: 'officeuser' }), credential('c2', 'prod-office', { username: 'office2user' })],
    ipacl: [ipacl('a1', 'prod-ips', { ip_addresses: ['203.0.113.10', '198.51.100.0/24', '2001:db8::/32', '192.0.2.7'] })],
    trunk: [
      trunk('42741122632602585', null, { primary_uri_id: 'u1', fallback_uri_id: 'u2', secure: true }),
      trunk('t2', 'prod-out', { trunk_direction: 'outbound', ipacl_id: 'a1', credential_id: 'c1', trunk_status: 'disabled' }),
      trunk('t3', 'yes', { primary_uri_id: 'u4' }),
      trunk('t4', 'prod-out2', { trunk_direction: 'outbound', credential_id: 'c2' }),
    ],
    endpoint: [
      endpoint('e1', 'alice', { app_id: '33406267401237901', alias: 'Front Desk' }),
      endpoint('e2', 'bob1', { alias: 'bob_1' }),
      endpoint('e3', 'x', { username: 'carol', alias: 'carol' }), // no suffix: left out
    ],
    number: [
      number('14155551234', 't3'),
      number('442071838750', '42741122632602585'),
      number('14155551235', null, { application: '/v1/Account/MA000TEST/Application/1/' }), // not a trunk: left out
    ],
  });

const roundTripSuite = suite('exportManifest → parseManifest → planChanges');

roundTripSuite('the export validates once its variables are set, and plans no changes against its source', () => {
  for (const live of [messy(), largeAccount(50)]) {
    const result = exportManifest(live, OPTS);
    const { loaded, errors } = parseExport(result);
    assert.equal(errors, []);
    assert.equal(loaded.diagnostics, []);
    const plan = planChanges(loaded.desired!, live, DEFAULT_PLAN_OPTIONS);
    assert.equal(plan.changes, [], 'no changes');
    assert.equal(plan.refusals, []);
    const skipped = result.skipped.map((x) => `${x.kind}:${x.id}`);
    assert.equal(plan.unmanaged.map((u) => `${u.kind}:${u.id}`), skipped, 'every other live object is claimed');
  }
});

roundTripSuite('names every unset variable when they are not set', () => {
  const result = exportManifest(messy(), OPTS);
  const { errors } = parseExport(result, {});
  for (const v of result.variables) assert.ok(errors.some((e) => e.includes(`${v.name} is not set`)), v.name);
  assert.is(errors.length, result.variables.length);
});

roundTripSuite('reads back names and values exactly as the account holds them', () => {
  const live = messy();
  const { loaded } = parseExport(exportManifest(live, OPTS));
  const desired = loaded.desired!;
  assert.equal(desired.uri.map((u) => u.name).sort(), live.uri.map(liveIdentity).sort());
  assert.equal(desired.endpoint.map((e) => e.username).sort(), ['alice', 'bob1']);
  assert.equal(desired.endpoint.find((e) => e.username === 'alice')!.app_id, '33406267401237901');
  assert.is(desired.endpoint.find((e) => e.username === 'bob1')!.app_id, undefined);
  assert.equal(desired.ipacl[0].ip_addresses, live.ipacl[0].ip_addresses);
  const t = desired.trunk.find((x) => x.name === 'trunk-42741122632602585')!;
  assert.equal([t.primary_uri, t.fallback_uri, t.secure, t.trunk_status], ['prod-pbx', 'uri-u2', true, 'enabled']);
  assert.is(desired.trunk.find((x) => x.name === 'yes')!.primary_uri, 'a${B}');
  assert.equal(desired.declared, ['uri', 'credential', 'ipacl', 'trunk', 'endpoint', 'number']);
  assert.equal(desired.number.map((n) => [n.number, n.trunk]), [['14155551234', 'yes'], ['442071838750', 'trunk-42741122632602585']]);
  for (const d of [...desired.uri, ...desired.credential, ...desired.endpoint]) {
    if (d.password) assert.is(d.password.ref !== null, true);
  }
});

roundTripSuite('a renamed export, planned against its source, creates copies of what it renamed', () => {
  const live = messy();
  const result = exportManifest(live, { ...OPTS, rename: { from: 'prod-', to: 'staging-' } });
  const { loaded, errors } = parseExport(result);
  assert.equal(errors, []);
  const plan = planChanges(loaded.desired!, live, DEFAULT_PLAN_OPTIONS);
  assert.equal(plan.changes.map((c) => `${c.action} ${c.kind}:${c.name}`).sort(), [
    'create credential:staging-office',
    'create ipacl:staging-ips',
    'create trunk:staging-out',
    'create trunk:staging-out2',
    'create uri:staging-pbx',
    // The unnamed trunk kept its identity (no prefix to rewrite), so in the same account it is the very same
    // trunk, now pointed at the copy: what describeExport warns about with "kept their names".
    'update trunk:trunk-42741122632602585',
  ]);
  // Numbers are never renamed: a clone applied to the source account routes those very numbers.
  assert.equal(result.unrenamed, { uri: 3, credential: 1, trunk: 2, endpoint: 2, number: 2 });
  assert.equal(plan.refusals, []);
});

roundTripSuite('an export of trunks alone validates: the parents they use come along', () => {
  const live = messy();
  const result = exportManifest(live, { ...OPTS, kinds: ['trunk'] });
  const { loaded, errors } = parseExport(result);
  assert.equal(errors, []);
  const plan = planChanges(loaded.desired!, live, DEFAULT_PLAN_OPTIONS);
  assert.equal(plan.changes, []);
  assert.equal(plan.unmanaged.map((u) => `${u.kind}:${u.id}`).sort(), ['endpoint:e1', 'endpoint:e2', 'endpoint:e3', 'uri:u3']);
  assert.equal(result.skipped, [], 'endpoints were not asked for');
});

roundTripSuite('with app ids dropped, still no changes against the source', () => {
  const live = messy();
  const { loaded, errors } = parseExport(exportManifest(live, { ...OPTS, dropAppIds: true }));
  assert.equal(errors, []);
  assert.equal(planChanges(loaded.desired!, live, DEFAULT_PLAN_OPTIONS).changes, []);
});

roundTripSuite.run();
