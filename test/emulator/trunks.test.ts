// Trunks over real HTTP: create answer shape (no trunk_domain), wrapped single GET, ids and timestamps,
// defaults, 422 vs 400, references, direction rules, trunk_direction on every update, delete.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, seedParents, UUID } from './helpers.js';

let e: Emulator;
let p: ReturnType<typeof seedParents>;
let clock = Date.UTC(2026, 7, 23, 19, 57, 52);
const setup = async () => {
  e = await startEmulator({ rateLimit: 0, now: () => clock });
  p = seedParents(e);
};
const teardown = () => e.close();
const T = 'Zentrunk/Trunk/';

const create = suite('trunk create');
create.before(setup);
create.after(teardown);

create('201 {api_id, message, trunk_id} without trunk_domain; trunk_id is 14-18 digits', async () => {
  const r = await call(e, 'POST', T, { name: 'in', trunk_direction: 'inbound', primary_uri_uuid: p.uri });
  assert.is(r.status, 201);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'message', 'trunk_id']);
  assert.match(r.body.api_id, UUID);
  assert.match(r.body.trunk_id, /^[0-9]{14,18}$/);
});

create('defaults: enabled, not secure, unset references null, timestamps ISO Z', async () => {
  const r = await call(e, 'POST', T, { trunk_direction: 'outbound', ipacl_uuid: p.ipacl });
  const got = await call(e, 'GET', `${T}${r.body.trunk_id}/`);
  const t = got.body.object;
  assert.is(t.trunk_status, 'enabled');
  assert.is(t.secure, false);
  assert.is(t.credential_uuid, null);
  assert.is(t.primary_uri_uuid, null);
  assert.is(t.fallback_uri_uuid, null);
  assert.is(t.created_at, '2026-08-23T19:57:52Z');
  assert.is(t.updated_at, '2026-08-23T19:57:52Z');
});

create('missing trunk_direction is 422', async () => {
  const r = await call(e, 'POST', T, { name: 'x', ipacl_uuid: p.ipacl });
  assert.is(r.status, 422);
  assert.match(r.body.api_id, UUID);
  assert.ok(r.body.error.trunk_direction);
});

create('bad enum values, wrong types and unknown fields are 400', async () => {
  const bad = [
    { trunk_direction: 'both', ipacl_uuid: p.ipacl },
    { trunk_direction: 'outbound', trunk_status: 'on', ipacl_uuid: p.ipacl },
    { trunk_direction: 'outbound', secure: 'true', ipacl_uuid: p.ipacl },
    { trunk_direction: 'outbound', name: 5, ipacl_uuid: p.ipacl },
    { trunk_direction: 'outbound', ipacl_uuid: p.ipacl, trunk_domain: 'x.zt.plivo.com' },
    { trunk_direction: 'outbound', ipacl_uuid: p.ipacl, color: 'red' },
  ];
  for (const body of bad) {
    const r = await call(e, 'POST', T, body);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.type(r.body.error, 'object');
  }
  assert.is(e.dump('trunk').length, 2); // only the two created above
});

create('references to objects that do not exist are 400', async () => {
  const none = '00000000-0000-4000-8000-000000000000';
  for (const body of [
    { trunk_direction: 'outbound', ipacl_uuid: none },
    { trunk_direction: 'outbound', credential_uuid: none },
    { trunk_direction: 'inbound', primary_uri_uuid: none },
    { trunk_direction: 'inbound', primary_uri_uuid: p.uri, fallback_uri_uuid: none },
    // a reference of the wrong kind does not exist either
    { trunk_direction: 'outbound', ipacl_uuid: p.credential },
  ]) {
    assert.is((await call(e, 'POST', T, body)).status, 400, JSON.stringify(body));
  }
});

create('outbound needs ipacl_uuid and/or credential_uuid; inbound needs primary_uri_uuid', async () => {
  assert.is((await call(e, 'POST', T, { trunk_direction: 'outbound' })).status, 400);
  assert.is((await call(e, 'POST', T, { trunk_direction: 'inbound' })).status, 400);
  assert.is((await call(e, 'POST', T, { trunk_direction: 'inbound', fallback_uri_uuid: p.uri2 })).status, 400);
  assert.is((await call(e, 'POST', T, { trunk_direction: 'outbound', credential_uuid: p.credential })).status, 201);
  const both = { trunk_direction: 'outbound', credential_uuid: p.credential, ipacl_uuid: p.ipacl };
  assert.is((await call(e, 'POST', T, both)).status, 201);
});

create('references of the other direction are 400', async () => {
  assert.is((await call(e, 'POST', T, { trunk_direction: 'outbound', ipacl_uuid: p.ipacl, primary_uri_uuid: p.uri })).status, 400);
  assert.is((await call(e, 'POST', T, { trunk_direction: 'inbound', primary_uri_uuid: p.uri, ipacl_uuid: p.ipacl })).status, 400);
});

create('null and "" references mean none', async () => {
  const r = await call(e, 'POST', T, { trunk_direction: 'outbound', ipacl_uuid: p.ipacl, credential_uuid: null, primary_uri_uuid: '' });
  assert.is(r.status, 201);
  const t = (await call(e, 'GET', `${T}${r.body.trunk_id}/`)).body.object;
  assert.is(t.credential_uuid, null);
  assert.is(t.primary_uri_uuid, null);
});

create.run();

const read = suite('trunk read');
read.before(setup);
read.after(teardown);

read('a single GET is wrapped {api_id, object}; the list is not', async () => {
  const id = e.seed('trunk', { name: 'in', trunk_direction: 'inbound', primary_uri_uuid: p.uri, fallback_uri_uuid: p.uri2 }).trunk_id;
  const r = await call(e, 'GET', `${T}${id}/`);
  assert.is(r.status, 200);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'object']);
  assert.equal(Object.keys(r.body.object).sort(), [
    'created_at', 'credential_uuid', 'fallback_uri_uuid', 'ipacl_uuid', 'name', 'primary_uri_uuid', 'secure',
    'trunk_direction', 'trunk_domain', 'trunk_id', 'trunk_status', 'updated_at',
  ]);
  assert.is(r.body.object.trunk_domain, `${id}.zt.plivo.com`);
  assert.is(r.body.object.fallback_uri_uuid, p.uri2);
  const list = await call(e, 'GET', T);
  assert.equal(list.body.objects[0], r.body.object);
});

read.run();

const update = suite('trunk update');
update.before(setup);
update.after(teardown);

update('without trunk_direction is 400 and changes nothing', async () => {
  const id = e.seed('trunk', { name: 'a', trunk_direction: 'outbound', ipacl_uuid: p.ipacl }).trunk_id;
  const r = await call(e, 'POST', `${T}${id}/`, { name: 'b' });
  assert.is(r.status, 400);
  assert.ok(r.body.error.trunk_direction);
  assert.is((await call(e, 'GET', `${T}${id}/`)).body.object.name, 'a');
});

update('with trunk_direction is 202 {api_id, message, trunk_id}, merges, and moves updated_at only', async () => {
  const id = e.seed('trunk', { name: 'a', trunk_direction: 'outbound', ipacl_uuid: p.ipacl }).trunk_id;
  clock += 60_000;
  const r = await call(e, 'POST', `${T}${id}/`, { trunk_direction: 'outbound', name: 'b', trunk_status: 'disabled' });
  assert.is(r.status, 202);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'message', 'trunk_id']);
  assert.is(r.body.trunk_id, id);
  const t = (await call(e, 'GET', `${T}${id}/`)).body.object;
  assert.is(t.name, 'b');
  assert.is(t.trunk_status, 'disabled');
  assert.is(t.ipacl_uuid, p.ipacl);
  assert.is.not(t.updated_at, t.created_at);
  assert.ok(t.updated_at > t.created_at);
});

update('switching direction must also move the references (the merged trunk is validated)', async () => {
  const id = e.seed('trunk', { trunk_direction: 'outbound', ipacl_uuid: p.ipacl }).trunk_id;
  assert.is((await call(e, 'POST', `${T}${id}/`, { trunk_direction: 'inbound', primary_uri_uuid: p.uri })).status, 400);
  const ok = await call(e, 'POST', `${T}${id}/`, { trunk_direction: 'inbound', primary_uri_uuid: p.uri, ipacl_uuid: null });
  assert.is(ok.status, 202);
  const t = (await call(e, 'GET', `${T}${id}/`)).body.object;
  assert.is(t.trunk_direction, 'inbound');
  assert.is(t.ipacl_uuid, null);
});

update('a fallback can be detached with null', async () => {
  const id = e.seed('trunk', { trunk_direction: 'inbound', primary_uri_uuid: p.uri, fallback_uri_uuid: p.uri2 }).trunk_id;
  assert.is((await call(e, 'POST', `${T}${id}/`, { trunk_direction: 'inbound', fallback_uri_uuid: null })).status, 202);
  assert.is((await call(e, 'GET', `${T}${id}/`)).body.object.fallback_uri_uuid, null);
});

update('unknown fields, bad types and missing references are 400', async () => {
  const id = e.seed('trunk', { trunk_direction: 'outbound', ipacl_uuid: p.ipacl }).trunk_id;
  for (const body of [
    { trunk_direction: 'outbound', trunk_id: '1' },
    { trunk_direction: 'outbound', secure: 1 },
    { trunk_direction: 'outbound', credential_uuid: '00000000-0000-4000-8000-000000000000' },
    { trunk_direction: 'outbound', ipacl_uuid: null },
  ]) {
    assert.is((await call(e, 'POST', `${T}${id}/`, body)).status, 400, JSON.stringify(body));
  }
});

update.run();

const remove = suite('trunk delete');
remove.before(setup);
remove.after(teardown);

remove('204 with no body; then 404', async () => {
  const id = e.seed('trunk', { trunk_direction: 'outbound', ipacl_uuid: p.ipacl }).trunk_id;
  const r = await call(e, 'DELETE', `${T}${id}/`);
  assert.is(r.status, 204);
  assert.is(r.body, null);
  assert.is((await call(e, 'GET', `${T}${id}/`)).status, 404);
  assert.is((await call(e, 'DELETE', `${T}${id}/`)).status, 404);
  assert.is(e.dump('ipacl').length, 1);
});

remove.run();
