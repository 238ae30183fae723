import { suite } from 'uvu';
import { resolve } from 'node:path';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { FIXTURE_FILES } from './fixtures.js';
import { KINDS, KIND_TRAITS, type TrunkWrite, type UriWrite } from '../../src/model.js';
import { ApiError } from '../../src/plivo/errors.js';
import { RESOURCES, resourceOf } from '../../src/plivo/resources.js';

// shared/ stands beside the project's checkout, on developers' machines and in CI alike.
const SHARED_FIXTURES = resolve('..', 'shared', 'api-docs', 'fixtures');
const fixture = (name: string): Record<string, unknown> => structuredClone(FIXTURE_FILES[name]);

function throwsApiError(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, ApiError);
    assert.match((e as Error).message, `"${field}"`);
    return;
  }
  assert.unreachable(`expected an ApiError about ${field}`);
}

const trunkWire = {
  name: 'trunk_name_1',
  trunk_id: '21784177241578',
  trunk_domain: '21784177241578.zt.plivo.com',
  trunk_status: 'enabled',
  secure: true,
  trunk_direction: 'outbound',
  ipacl_uuid: '90b6eb07-796c-4d86-a4fd-44ed11667ddb',
  credential_uuid: 'eb07-796c-4d86-a4fd-44ed11667ddb',
  primary_uri_uuid: null,
  fallback_uri_uuid: null,
};

const fromWire = suite('Resource.fromWire');

fromWire('the fixture copies match the recorded originals (when the shared docs are present)', () => {
  for (const [name, copy] of Object.entries(FIXTURE_FILES)) {
    const original = `${SHARED_FIXTURES}/${name}`;
    if (existsSync(original)) assert.equal(copy, JSON.parse(readFileSync(original, 'utf8')), name);
  }
});

fromWire('uri: documented object, sip_user ignored, username may be null', () => {
  const live = RESOURCES.uri.fromWire({
    uri_uuid: 'f19c4773', name: 'primary-pbx', uri: 'sip.example.com', authentication_needed: true, username: 'plivo_inbound', sip_user: 'x',
  });
  assert.equal(live, { kind: 'uri', id: 'f19c4773', name: 'primary-pbx', uri: 'sip.example.com', authentication_needed: true, username: 'plivo_inbound' });
  const bare = RESOURCES.uri.fromWire({ uri_uuid: 'a', name: 'b', uri: 'c', authentication_needed: false, username: null });
  assert.is(bare.username, null);
});

fromWire('credential and ipacl', () => {
  assert.equal(RESOURCES.credential.fromWire({ credential_uuid: 'c1', name: null, username: 'user1' }), {
    kind: 'credential', id: 'c1', name: null, username: 'user1',
  });
  assert.equal(RESOURCES.ipacl.fromWire({ ipacl_uuid: 'i1', name: 'office', ip_addresses: ['10.0.0.1', '2001:db8::/32'] }), {
    kind: 'ipacl', id: 'i1', name: 'office', ip_addresses: ['10.0.0.1', '2001:db8::/32'],
  });
});

fromWire('trunk: documented object, references null, trunk_domain absent', () => {
  assert.equal(RESOURCES.trunk.fromWire(trunkWire), {
    kind: 'trunk', id: '21784177241578', name: 'trunk_name_1', trunk_direction: 'outbound', trunk_status: 'enabled', secure: true,
    primary_uri_id: null, fallback_uri_id: null, ipacl_id: '90b6eb07-796c-4d86-a4fd-44ed11667ddb',
    credential_id: 'eb07-796c-4d86-a4fd-44ed11667ddb', trunk_domain: '21784177241578.zt.plivo.com',
  });
  const { trunk_domain: _d, ...noDomain } = trunkWire;
  const live = RESOURCES.trunk.fromWire({ ...noDomain, ipacl_uuid: null });
  assert.is(live.ipacl_id, null);
  assert.not.ok('trunk_domain' in live);
});

fromWire('trunk: the live fixture (wrapped GET) unwraps to a trunk with created_at ignored', () => {
  const live = RESOURCES.trunk.fromWire(fixture('trunk-get-response-live.json').object);
  assert.is(live.id, '42741122632602585');
  assert.is(live.trunk_direction, 'inbound');
  assert.is(live.primary_uri_id, '8fde2db4-e7e0-43ce-a6ea-5690fe402e38');
  assert.is(live.trunk_domain, '42741122632602585.zt.plivo.com');
  assert.not.ok('created_at' in live);
});

fromWire('endpoint: the recorded fixtures carry no password; application URL → app_id', () => {
  const live = RESOURCES.endpoint.fromWire(fixture('endpoint-get-response.json'));
  assert.equal(live, {
    kind: 'endpoint', id: '32866729519064', username: 'callme140703093944', alias: 'callme', app_id: '33406267401237901',
    sip_uri: 'sip:callme140703093944@phone.plivo.com',
  });
  const list = fixture('endpoint-list-response.json').objects as unknown[];
  const all = list.map((o) => RESOURCES.endpoint.fromWire(o));
  assert.equal(all.map((e) => [e.id, e.app_id, e.password_md5]), [
    ['32866729519064', '33406267401237901', undefined],
    ['17551316589618', '37961981447734951', undefined],
  ]);
});

fromWire('endpoint: an MD5 password is kept (lower-cased); anything else is ignored; null application', () => {
  const base = { endpoint_id: '1', username: 'alice261123120000', alias: 'a', sip_registered: 'false', application: null };
  assert.is(RESOURCES.endpoint.fromWire({ ...base, password: '5F4DCC3B5AA765D61D8327DEB882CF99' }).password_md5, '5f4dcc3b5aa765d61d8327deb882cf99');
  assert.is(RESOURCES.endpoint.fromWire({ ...base, password: 'plain' }).password_md5, undefined);
  assert.is(RESOURCES.endpoint.fromWire({ ...base, password: 123 }).password_md5, undefined);
  assert.is(RESOURCES.endpoint.fromWire(base).app_id, null);
});

fromWire('a missing id or a mistyped field is an ApiError naming it, never a crash', () => {
  throwsApiError(() => RESOURCES.uri.fromWire({ name: 'x', uri: 'y' }), 'uri_uuid');
  throwsApiError(() => RESOURCES.uri.fromWire({ uri_uuid: 'a', name: null, uri: 'y', authentication_needed: 'true' }), 'authentication_needed');
  throwsApiError(() => RESOURCES.credential.fromWire({ credential_uuid: 'a', name: 'c', username: 5 }), 'username');
  // absent is not null where it decides identity or references: a prune could delete what it cannot see
  throwsApiError(() => RESOURCES.uri.fromWire({ uri_uuid: 'a', uri: 'y' }), 'name');
  throwsApiError(() => RESOURCES.credential.fromWire({ credential_uuid: 'a', username: 'user1' }), 'name');
  throwsApiError(() => RESOURCES.ipacl.fromWire({ ipacl_uuid: 'a', ip_addresses: [] }), 'name');
  const { fallback_uri_uuid: _f, ...noFallback } = trunkWire;
  throwsApiError(() => RESOURCES.trunk.fromWire(noFallback), 'fallback_uri_uuid');
  const { name: _n, ...noName } = trunkWire;
  throwsApiError(() => RESOURCES.trunk.fromWire(noName), 'name');
  throwsApiError(() => RESOURCES.ipacl.fromWire({ ipacl_uuid: 'a', name: null, ip_addresses: '10.0.0.1' }), 'ip_addresses');
  throwsApiError(() => RESOURCES.ipacl.fromWire({ ipacl_uuid: 'a', name: null, ip_addresses: [1] }), 'ip_addresses');
  throwsApiError(() => RESOURCES.trunk.fromWire({ ...trunkWire, trunk_id: 21784177241578 }), 'trunk_id');
  throwsApiError(() => RESOURCES.trunk.fromWire({ ...trunkWire, trunk_direction: 'both' }), 'trunk_direction');
  throwsApiError(() => RESOURCES.trunk.fromWire({ ...trunkWire, secure: 'true' }), 'secure');
  throwsApiError(() => RESOURCES.trunk.fromWire({ ...trunkWire, primary_uri_uuid: 7 }), 'primary_uri_uuid');
  throwsApiError(() => RESOURCES.endpoint.fromWire({ endpoint_id: '1', username: 'u', alias: 'a', application: 'nope' }), 'application');
  for (const kind of ['uri', 'credential', 'ipacl', 'trunk', 'endpoint'] as const) {
    for (const bad of [null, 'text', [1], 42]) {
      try {
        resourceOf(kind).fromWire(bad);
        assert.unreachable('accepted a non-object');
      } catch (e) {
        assert.instance(e, ApiError);
      }
    }
  }
});

fromWire.run();

const createBody = suite('Resource.createBody');

createBody('uri: username and password only when set', () => {
  const open: UriWrite = { name: 'a', uri: 'sip.example.com', authentication_needed: false, username: null, password: null };
  assert.equal(RESOURCES.uri.createBody!(open), { name: 'a', uri: 'sip.example.com', authentication_needed: false });
  assert.equal(RESOURCES.uri.createBody!({ ...open, authentication_needed: true, username: 'u', password: 'p!123' }), {
    name: 'a', uri: 'sip.example.com', authentication_needed: true, username: 'u', password: 'p!123',
  });
});

createBody('trunk: wire reference names, unset references left out', () => {
  const w: TrunkWrite = {
    name: 't', trunk_direction: 'inbound', trunk_status: 'enabled', secure: false,
    primary_uri_id: 'u1', fallback_uri_id: null, ipacl_id: null, credential_id: null,
  };
  assert.equal(RESOURCES.trunk.createBody!(w), { name: 't', trunk_direction: 'inbound', trunk_status: 'enabled', secure: false, primary_uri_uuid: 'u1' });
});

createBody('credential, ipacl, endpoint', () => {
  assert.equal(RESOURCES.credential.createBody!({ name: 'c', username: 'user1', password: 'pw!12' }), { name: 'c', username: 'user1', password: 'pw!12' });
  assert.equal(RESOURCES.ipacl.createBody!({ name: 'i', ip_addresses: ['1.2.3.4'] }), { name: 'i', ip_addresses: ['1.2.3.4'] });
  assert.equal(RESOURCES.endpoint.createBody!({ username: 'alice', alias: 'Alice', password: 'secret1' }), { username: 'alice', password: 'secret1', alias: 'Alice' });
  assert.equal(RESOURCES.endpoint.createBody!({ username: 'alice', alias: 'A', password: 'secret1', app_id: '123' }).app_id, '123');
  assert.not.ok('app_id' in RESOURCES.endpoint.createBody!({ username: 'alice', alias: 'A', password: 'secret1', app_id: null }));
});

createBody.run();

const updateBody = suite('Resource.updateBody');

const trunkWrite: TrunkWrite = {
  name: 't2', trunk_direction: 'outbound', trunk_status: 'disabled', secure: true,
  primary_uri_id: null, fallback_uri_id: null, ipacl_id: 'i1', credential_id: null,
};

updateBody('trunk: always trunk_direction; references by model, manifest or wire name; null unsets', () => {
  assert.equal(RESOURCES.trunk.updateBody(trunkWrite, ['trunk_status']), { trunk_status: 'disabled', trunk_direction: 'outbound' });
  assert.equal(RESOURCES.trunk.updateBody(trunkWrite, ['ipacl_id', 'credential']), { ipacl_uuid: 'i1', credential_uuid: null, trunk_direction: 'outbound' });
  assert.equal(RESOURCES.trunk.updateBody(trunkWrite, ['ipacl']), RESOURCES.trunk.updateBody(trunkWrite, ['ipacl_uuid']));
  assert.equal(RESOURCES.trunk.updateBody(trunkWrite, []), { trunk_direction: 'outbound' });
});

updateBody('credential: always username and password', () => {
  assert.equal(RESOURCES.credential.updateBody({ name: 'n', username: 'user1', password: 'pw!12' }, ['name']), {
    name: 'n', username: 'user1', password: 'pw!12',
  });
});

updateBody('uri: a password brings authentication_needed and username along', () => {
  const w: UriWrite = { name: 'a', uri: 'sip.example.com', authentication_needed: true, username: 'u', password: 'p!123' };
  assert.equal(RESOURCES.uri.updateBody(w, ['uri']), { uri: 'sip.example.com' });
  assert.equal(RESOURCES.uri.updateBody(w, ['password']), { password: 'p!123', authentication_needed: true, username: 'u' });
  const off: UriWrite = { ...w, authentication_needed: false, username: null, password: null };
  assert.equal(RESOURCES.uri.updateBody(off, ['authentication_needed', 'username', 'password']), { authentication_needed: false, username: null });
});

updateBody('endpoint: only password, alias, app_id; undefined app_id is left alone, null detaches', () => {
  const w = { username: 'alice', alias: 'Al', password: 'secret1', app_id: null };
  assert.equal(RESOURCES.endpoint.updateBody(w, ['alias', 'app_id']), { alias: 'Al', app_id: null });
  assert.equal(RESOURCES.endpoint.updateBody({ ...w, app_id: undefined }, ['app_id']), {});
  assert.throws(() => RESOURCES.endpoint.updateBody(w, ['username']), /username/);
});

updateBody('ipacl: the whole address list', () => {
  assert.equal(RESOURCES.ipacl.updateBody({ name: 'i', ip_addresses: ['1.1.1.1', '2.2.2.2'] }, ['ip_addresses']), { ip_addresses: ['1.1.1.1', '2.2.2.2'] });
});

updateBody.run();

const createdId = suite('Resource.createdId');

createdId('reads each kind’s id field; endpoints also the assigned username', () => {
  assert.equal(RESOURCES.uri.createdId!({ api_id: 'a', message: 'ok', uri_uuid: 'u1' }), { id: 'u1' });
  assert.equal(RESOURCES.credential.createdId!({ api_id: 'a', credential_uuid: 'c1' }), { id: 'c1' });
  assert.equal(RESOURCES.ipacl.createdId!({ api_id: 'a', ipacl_uuid: 'i1' }), { id: 'i1' });
  assert.equal(RESOURCES.trunk.createdId!({ api_id: 'a', message: 'Trunk created successfully.', trunk_id: '986908123123411213' }), { id: '986908123123411213' });
  assert.equal(RESOURCES.endpoint.createdId!(fixture('endpoint-create-response.json')), { id: '37371860103666', username: 'zumba131031145958' });
});

createdId('a create answer without the id is an ApiError', () => {
  throwsApiError(() => RESOURCES.trunk.createdId!({ api_id: 'a', message: 'created' }), 'trunk_id');
  throwsApiError(() => RESOURCES.endpoint.createdId!({ api_id: 'a', endpoint_id: '1' }), 'username');
});

createdId.run();

const numbers = suite('Resource: numbers');

const numberWire = (application: unknown) => ({ number: '14155551234', alias: 'Main line', application, number_type: 'local', region: 'X' });

numbers('fromWire: the trunk id from a Zentrunk trunk URL; anything else kept raw; null or "" routes to none', () => {
  const trunkUrl = '/v1/Account/MA123/Zentrunk/Trunk/42741122632602585/';
  assert.equal(RESOURCES.number.fromWire(numberWire(trunkUrl)), {
    kind: 'number', id: '14155551234', number: '14155551234', trunk_id: '42741122632602585', application: null,
  });
  const app = '/v1/Account/MA123/Application/33406267401237901/';
  assert.equal(RESOURCES.number.fromWire(numberWire(app)), {
    kind: 'number', id: '14155551234', number: '14155551234', trunk_id: null, application: app,
  });
  assert.is(RESOURCES.number.fromWire(numberWire(null)).application, null);
  assert.is(RESOURCES.number.fromWire(numberWire('')).application, null);
  assert.is(RESOURCES.number.fromWire(numberWire(null)).trunk_id, null);
});

numbers('fromWire: a missing number or application, or a mistyped one, is an ApiError naming it', () => {
  throwsApiError(() => RESOURCES.number.fromWire({ application: null }), 'number');
  throwsApiError(() => RESOURCES.number.fromWire({ number: 14155551234, application: null }), 'number');
  throwsApiError(() => RESOURCES.number.fromWire({ number: '14155551234' }), 'application');
  throwsApiError(() => RESOURCES.number.fromWire({ number: '14155551234', application: 7 }), 'application');
});

numbers('updateBody: the trunk goes out as app_id, by model or manifest name; nothing else is accepted', () => {
  assert.equal(RESOURCES.number.updateBody({ trunk_id: '42' }, ['trunk']), { app_id: '42' });
  assert.equal(RESOURCES.number.updateBody({ trunk_id: '42' }, ['trunk_id']), { app_id: '42' });
  assert.throws(() => RESOURCES.number.updateBody({ trunk_id: '42' }, ['alias']), /alias/);
});

numbers('create converters exist exactly for the kinds plivo-sync creates', () => {
  for (const kind of KINDS) {
    const res = RESOURCES[kind];
    assert.is(res.createBody !== undefined && res.createdId !== undefined, KIND_TRAITS[kind].creatable, kind);
  }
});

numbers.run();
