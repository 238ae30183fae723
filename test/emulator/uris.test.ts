// Origination URIs over real HTTP: create shape, formats, auth rules, write-only password, sip_user, the
// update rule for passwords, and the live cascade: deleting a URI deletes the trunks that use it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, seedParents, UUID } from './helpers.js';

let e: Emulator;
const setup = async () => {
  e = await startEmulator({ rateLimit: 0 });
};
const teardown = () => e.close();
const U = 'Zentrunk/URI/';

const create = suite('uri create');
create.before(setup);
create.after(teardown);

create('201 {api_id, message, uri_uuid}; the object has no password but has sip_user', async () => {
  const body = { name: 'secure-pbx', uri: 'sip.example.com:5060', authentication_needed: true, username: 'plivo_inbound', password: 'securepassword123!' };
  const r = await call(e, 'POST', U, body);
  assert.is(r.status, 201);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'message', 'uri_uuid']);
  assert.match(r.body.uri_uuid, UUID);
  const got = await call(e, 'GET', `${U}${r.body.uri_uuid}/`);
  assert.is(got.status, 200);
  assert.equal(Object.keys(got.body).sort(), ['api_id', 'authentication_needed', 'name', 'sip_user', 'uri', 'uri_uuid', 'username']);
  assert.is(got.body.username, 'plivo_inbound');
  assert.is(got.body.authentication_needed, true);
  assert.type(got.body.sip_user, 'string');
  assert.not.ok(JSON.stringify(await call(e, 'GET', U)).includes('securepassword'));
});

create('defaults: authentication_needed false, username null', async () => {
  const r = await call(e, 'POST', U, { uri: '192.168.1.100' });
  const got = await call(e, 'GET', `${U}${r.body.uri_uuid}/`);
  assert.is(got.body.authentication_needed, false);
  assert.is(got.body.username, null);
});

create('every documented URI format is accepted', async () => {
  for (const uri of ['192.168.1.100', '192.168.1.100:5060', 'sip.example.com', 'sip.example.com:5060', 'sip:user@sip.example.com', 'sip:sip.example.com:5070;transport=tcp', '[2001:db8::1]:5060', '2001:db8::1']) {
    assert.is((await call(e, 'POST', U, { uri })).status, 201, uri);
  }
});

create('malformed URIs are 400', async () => {
  for (const uri of ['', 'not a host', 'example', 'sip.example.com:0', 'sip.example.com:70000', 'http://sip.example.com', '1.2.3.4.5:5060']) {
    assert.is((await call(e, 'POST', U, { uri })).status, 400, uri);
  }
});

create('missing uri is 422; wrong types and unknown fields are 400', async () => {
  assert.is((await call(e, 'POST', U, { name: 'x' })).status, 422);
  assert.is((await call(e, 'POST', U, { uri: 5 })).status, 400);
  assert.is((await call(e, 'POST', U, { uri: 'sip.example.com', authentication_needed: 'yes' })).status, 400);
  assert.is((await call(e, 'POST', U, { uri: 'sip.example.com', uri_uuid: 'x' })).status, 400);
});

create('authentication_needed true needs username and password (400)', async () => {
  assert.is((await call(e, 'POST', U, { uri: 'sip.example.com', authentication_needed: true })).status, 400);
  assert.is((await call(e, 'POST', U, { uri: 'sip.example.com', authentication_needed: true, username: 'u' })).status, 400);
  assert.is((await call(e, 'POST', U, { uri: 'sip.example.com', authentication_needed: true, password: 'p' })).status, 400);
});

create.run();

const update = suite('uri update');
update.before(setup);
update.after(teardown);

update('202 {api_id, message, uri_uuid}; fields merge', async () => {
  const id = e.seed('uri', { name: 'a', uri: 'sip.example.com' }).uri_uuid;
  const r = await call(e, 'POST', `${U}${id}/`, { uri: 'new-sip.example.com:5060' });
  assert.is(r.status, 202);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'message', 'uri_uuid']);
  const got = await call(e, 'GET', `${U}${id}/`);
  assert.is(got.body.uri, 'new-sip.example.com:5060');
  assert.is(got.body.name, 'a');
});

update('sending password needs authentication_needed and username in the same update', async () => {
  const id = e.seed('uri', { uri: 'sip.example.com', authentication_needed: true, username: 'u1', password: 'p1' }).uri_uuid;
  assert.is((await call(e, 'POST', `${U}${id}/`, { password: 'p2' })).status, 400);
  assert.is((await call(e, 'POST', `${U}${id}/`, { password: 'p2', username: 'u1' })).status, 400);
  assert.is((await call(e, 'POST', `${U}${id}/`, { password: 'p2', authentication_needed: true })).status, 400);
  const r = await call(e, 'POST', `${U}${id}/`, { password: 'p2', authentication_needed: true, username: 'u2' });
  assert.is(r.status, 202);
  assert.is((await call(e, 'GET', `${U}${id}/`)).body.username, 'u2');
});

update('turning authentication on without a stored password is 400', async () => {
  const id = e.seed('uri', { uri: 'sip.example.com' }).uri_uuid;
  assert.is((await call(e, 'POST', `${U}${id}/`, { authentication_needed: true, username: 'u' })).status, 400);
  assert.is((await call(e, 'GET', `${U}${id}/`)).body.authentication_needed, false);
});

update.run();

const remove = suite('uri delete');
remove.before(setup);
remove.after(teardown);

remove('cascade-deletes the trunks that use it as primary or fallback, and only those', async () => {
  const p = seedParents(e);
  const other = e.seed('uri', { uri: '198.51.100.7' }).uri_uuid as string;
  const asPrimary = e.seed('trunk', { name: 'p', trunk_direction: 'inbound', primary_uri_uuid: p.uri }).trunk_id;
  const asFallback = e.seed('trunk', { name: 'f', trunk_direction: 'inbound', primary_uri_uuid: other, fallback_uri_uuid: p.uri }).trunk_id;
  const unrelated = e.seed('trunk', { name: 'u', trunk_direction: 'inbound', primary_uri_uuid: other }).trunk_id;
  const outbound = e.seed('trunk', { name: 'o', trunk_direction: 'outbound', ipacl_uuid: p.ipacl }).trunk_id;
  const r = await call(e, 'DELETE', `${U}${p.uri}/`);
  assert.is(r.status, 204);
  assert.is((await call(e, 'GET', `Zentrunk/Trunk/${asPrimary}/`)).status, 404);
  assert.is((await call(e, 'GET', `Zentrunk/Trunk/${asFallback}/`)).status, 404);
  assert.equal(e.dump('trunk').map((t) => t.trunk_id), [unrelated, outbound]);
  assert.is((await call(e, 'GET', `${U}${p.uri}/`)).status, 404);
});

remove.run();
