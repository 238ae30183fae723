// Phone numbers over real HTTP: seeded only (POST to the collection and DELETE are 405), the Number object's
// shape, paged lists, routing by POST app_id = a trunk id (any direction; unknown ids 400), 404 for unknown
// numbers, a trunk delete detaching its numbers, and state files written before numbers existed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, seedParents, UUID } from './helpers.js';

let e: Emulator;
let inbound: string;
let outbound: string;
const clock = Date.UTC(2026, 0, 5, 9, 30, 0);
const setup = async () => {
  e = await startEmulator({ rateLimit: 0, now: () => clock });
  const p = seedParents(e);
  inbound = e.seed('trunk', { name: 'in', trunk_direction: 'inbound', primary_uri_uuid: p.uri }).trunk_id as string;
  outbound = e.seed('trunk', { name: 'out', trunk_direction: 'outbound', ipacl_uuid: p.ipacl }).trunk_id as string;
};
const teardown = () => e.close();
const N = 'Number/';
const trunkUrl = (id: string) => `/v1/Account/${e.authId}/Zentrunk/Trunk/${id}/`;

const seed = suite('number seed');
seed.before.each(setup);
seed.after.each(teardown);

seed('a seeded number is the Number object: documented fields, defaults, routed nowhere', async () => {
  const n = e.seed('number', { number: '14155551234' });
  assert.equal(n, {
    added_on: '2026-01-05',
    alias: null,
    application: null,
    carrier: 'Plivo',
    number: '14155551234',
    number_type: 'local',
    region: null,
    resource_uri: `/v1/Account/${e.authId}/Number/14155551234/`,
    sms_enabled: true,
    sub_account: null,
    voice_enabled: true,
  });
});

seed('app_id routes it: a trunk id to the trunk URL, any other id to an application (not emulated)', () => {
  assert.is(e.seed('number', { number: '14155551234', app_id: inbound }).application, trunkUrl(inbound));
  assert.is(e.seed('number', { number: '14155551235', app_id: '33406267401237901' }).application, `/v1/Account/${e.authId}/Application/33406267401237901/`);
  assert.is(e.seed('number', { number: '14155551236', alias: 'Main', number_type: 'tollfree', region: 'US' }).number_type, 'tollfree');
});

seed('refuses a malformed or duplicate number and unknown fields', () => {
  assert.throws(() => e.seed('number', { number: '+14155551234' }), /E\.164/);
  assert.throws(() => e.seed('number', { number: '0123456789' }), /E\.164/);
  assert.throws(() => e.seed('number', {}), /required/);
  assert.throws(() => e.seed('number', { number: '14155551234', number_type: 'premium' }), /must be one of/);
  e.seed('number', { number: '14155551234' });
  assert.throws(() => e.seed('number', { number: '14155551234' }), /already in the account/);
  assert.throws(() => e.seed('number', { number: '14155551299', application: '/x/' }), /unknown field/);
});

const http = suite('number over HTTP');
http.before.each(setup);
http.after.each(teardown);

http('POST to Number/ and DELETE of a number are 405 with an Allow header: numbers are bought, not made here', async () => {
  e.seed('number', { number: '14155551234' });
  const created = await call(e, 'POST', N, { number: '14155551299' });
  assert.is(created.status, 405);
  assert.is(created.headers.get('allow'), 'GET');
  const deleted = await call(e, 'DELETE', `${N}14155551234/`);
  assert.is(deleted.status, 405);
  assert.is(deleted.headers.get('allow'), 'GET, POST');
  assert.is(e.dump('number').length, 1);
});

http('GET lists pages of 20 with total_count, in seeding order; a single GET is flat; unknown numbers 404', async () => {
  for (let i = 0; i < 25; i++) e.seed('number', { number: `1415555${1000 + i}` });
  const first = await call(e, 'GET', `${N}?limit=20&offset=0`);
  assert.is(first.status, 200);
  assert.is(first.body.meta.total_count, 25);
  assert.is(first.body.objects.length, 20);
  assert.is(first.body.objects[0].number, '14155551000');
  const second = await call(e, 'GET', `${N}?limit=20&offset=20`);
  assert.equal(second.body.objects.map((o: { number: string }) => o.number), ['14155551020', '14155551021', '14155551022', '14155551023', '14155551024']);
  const one = await call(e, 'GET', `${N}14155551003/`);
  assert.is(one.status, 200);
  assert.match(one.body.api_id, UUID);
  assert.is(one.body.number, '14155551003');
  assert.is((await call(e, 'GET', `${N}19999999999/`)).status, 404);
});

http('POST app_id = a trunk id routes the number there: 202 {message: "changed"}; an outbound trunk is accepted too', async () => {
  e.seed('number', { number: '14155551234' });
  const r = await call(e, 'POST', `${N}14155551234/`, { app_id: inbound });
  assert.is(r.status, 202);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'message']);
  assert.is(r.body.message, 'changed');
  assert.is((await call(e, 'GET', `${N}14155551234/`)).body.application, trunkUrl(inbound));
  // The API takes it, which is why the manifest refuses it: the number would stop answering.
  assert.is((await call(e, 'POST', `${N}14155551234/`, { app_id: outbound })).status, 202);
  assert.is(e.dump('number')[0].application, trunkUrl(outbound));
});

http('an unknown app_id is 400 and changes nothing; null or "" detaches; alias alone leaves the routing', async () => {
  e.seed('number', { number: '14155551234', app_id: inbound });
  const bad = await call(e, 'POST', `${N}14155551234/`, { app_id: '99999999999999' });
  assert.is(bad.status, 400);
  assert.equal(bad.body.error, { app_id: 'no trunk with id 99999999999999' });
  assert.is(e.dump('number')[0].application, trunkUrl(inbound));
  assert.is((await call(e, 'POST', `${N}14155551234/`, { alias: 'Front desk' })).status, 202);
  assert.is(e.dump('number')[0].application, trunkUrl(inbound));
  assert.is(e.dump('number')[0].alias, 'Front desk');
  assert.is((await call(e, 'POST', `${N}14155551234/`, { app_id: '' })).status, 202);
  assert.is(e.dump('number')[0].application, null);
});

http('an update of an unknown number is 404; of a field it does not take, 400', async () => {
  e.seed('number', { number: '14155551234' });
  assert.is((await call(e, 'POST', `${N}19999999999/`, { app_id: inbound })).status, 404);
  const r = await call(e, 'POST', `${N}14155551234/`, { number: '14155559999' });
  assert.is(r.status, 400);
  assert.equal(r.body.error, { number: 'unknown field' });
});

http('deleting a trunk detaches the numbers routed to it and leaves the others', async () => {
  e.seed('number', { number: '14155551234', app_id: inbound });
  e.seed('number', { number: '14155551235', app_id: outbound });
  assert.is((await call(e, 'DELETE', `Zentrunk/Trunk/${inbound}/`)).status, 204);
  assert.equal(e.dump('number').map((n) => n.application), [null, trunkUrl(outbound)]);
});

const state = suite('number state');

state('numbers persist, and a state file written before numbers existed loads as an account without any', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emu-numbers-'));
  const statePath = join(dir, 'state.json');
  try {
    writeFileSync(statePath, '{"version": 1, "idState": 1, "objects": {"uri": [], "credential": [], "ipacl": [], "trunk": [], "endpoint": []}}');
    const old = await startEmulator({ statePath });
    assert.equal(old.dump('number'), []);
    old.seed('number', { number: '14155551234' });
    await old.close();
    const back = await startEmulator({ statePath });
    assert.equal(back.dump('number').map((n) => n.number), ['14155551234']);
    await back.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

seed.run();
http.run();
state.run();
