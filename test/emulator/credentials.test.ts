// Credentials and IP ACLs over real HTTP: create shapes, documented character rules, 422 vs 400, the live
// credential update rules (password blanked when left out, password needs username), ACL list replacement,
// and the refusal to delete either while a trunk uses it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, UUID } from './helpers.js';

let e: Emulator;
let dir: string;
let statePath: string;
const setup = async () => {
  dir = mkdtempSync(join(tmpdir(), 'emu-cred-'));
  statePath = join(dir, 'state.json');
  e = await startEmulator({ rateLimit: 0, statePath });
};
const teardown = async () => {
  await e.close();
  rmSync(dir, { recursive: true, force: true });
};
const C = 'Zentrunk/Credential/';
const A = 'Zentrunk/IPAccessControlList/';

/** The stored password hash: the API never shows it, so the test reads the state file. */
function storedPasswordHash(id: string): unknown {
  const state = JSON.parse(readFileSync(statePath, 'utf8'));
  return state.objects.credential.find((c: Record<string, unknown>) => c.credential_uuid === id).password_md5;
}

const credCreate = suite('credential create');
credCreate.before(setup);
credCreate.after(teardown);

credCreate('201 {api_id, message, credential_uuid}; object credential_uuid, name, username', async () => {
  const r = await call(e, 'POST', C, { name: 'pbx', username: 'pbxuser1', password: 'Secret#1' });
  assert.is(r.status, 201);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'credential_uuid', 'message']);
  assert.match(r.body.credential_uuid, UUID);
  const got = await call(e, 'GET', `${C}${r.body.credential_uuid}/`);
  assert.equal(Object.keys(got.body).sort(), ['api_id', 'credential_uuid', 'name', 'username']);
  assert.is(got.body.username, 'pbxuser1');
});

credCreate('missing username or password is 422', async () => {
  assert.is((await call(e, 'POST', C, { username: 'pbxuser1' })).status, 422);
  assert.is((await call(e, 'POST', C, { password: 'Secret#1' })).status, 422);
  assert.is((await call(e, 'POST', C, { name: 'only' })).status, 422);
});

credCreate('username must be 5-20 letters or digits (400)', async () => {
  for (const username of ['abcd', 'a'.repeat(21), 'pbx_user', 'pbx user', 'pbxüser']) {
    assert.is((await call(e, 'POST', C, { username, password: 'Secret#1' })).status, 400, username);
  }
  assert.is((await call(e, 'POST', C, { username: 'abcde', password: 'Secret#1' })).status, 201);
  assert.is((await call(e, 'POST', C, { username: 'a'.repeat(20), password: 'Secret#1' })).status, 201);
});

credCreate('password: 5-20 of letters, digits and ~!@#$%^&*()_+ with at least one special (400)', async () => {
  for (const password of ['ab#1', 'a'.repeat(20) + '#', 'Secret12', 'Secret-1', 'Sec ret#1']) {
    assert.is((await call(e, 'POST', C, { username: 'pbxuser1', password })).status, 400, password);
  }
  for (const password of ['ab#12', '~!@#$%^&*()_+', 'a'.repeat(19) + '_']) {
    assert.is((await call(e, 'POST', C, { username: 'pbxuser1', password })).status, 201, password);
  }
});

credCreate.run();

const credUpdate = suite('credential update');
credUpdate.before(setup);
credUpdate.after(teardown);

credUpdate('202 {api_id, message, credential_uuid}; an update without password blanks the stored one', async () => {
  const id = e.seed('credential', { name: 'a', username: 'pbxuser1', password: 'Secret#1' }).credential_uuid as string;
  assert.type(storedPasswordHash(id), 'string');
  const r = await call(e, 'POST', `${C}${id}/`, { name: 'b' });
  assert.is(r.status, 202);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'credential_uuid', 'message']);
  assert.is(storedPasswordHash(id), null);
  assert.is((await call(e, 'GET', `${C}${id}/`)).body.name, 'b');
});

credUpdate('password without username is 400 and changes nothing', async () => {
  const id = e.seed('credential', { username: 'pbxuser1', password: 'Secret#1' }).credential_uuid as string;
  const before = storedPasswordHash(id);
  assert.is((await call(e, 'POST', `${C}${id}/`, { password: 'Other#22' })).status, 400);
  assert.is(storedPasswordHash(id), before);
});

credUpdate('username and password together rewrite both', async () => {
  const id = e.seed('credential', { username: 'pbxuser1', password: 'Secret#1' }).credential_uuid as string;
  const before = storedPasswordHash(id);
  assert.is((await call(e, 'POST', `${C}${id}/`, { username: 'pbxuser2', password: 'Other#22' })).status, 202);
  assert.is((await call(e, 'GET', `${C}${id}/`)).body.username, 'pbxuser2');
  assert.type(storedPasswordHash(id), 'string');
  assert.is.not(storedPasswordHash(id), before);
});

credUpdate('the character rules hold on update too', async () => {
  const id = e.seed('credential', { username: 'pbxuser1', password: 'Secret#1' }).credential_uuid as string;
  assert.is((await call(e, 'POST', `${C}${id}/`, { username: 'pbx', password: 'Secret#1' })).status, 400);
  assert.is((await call(e, 'POST', `${C}${id}/`, { username: 'pbxuser1', password: 'nospecial' })).status, 400);
  assert.is((await call(e, 'POST', `${C}${id}/`, { username: 'pbxuser1', extra: 1 })).status, 400);
});

credUpdate.run();

const aclCreate = suite('ipacl create');
aclCreate.before(setup);
aclCreate.after(teardown);

aclCreate('201 {api_id, message, ipacl_uuid}; object ipacl_uuid, name, ip_addresses', async () => {
  const ips = ['203.0.113.10', '198.51.100.0/24', '2001:db8::1', '2001:db8::/32'];
  const r = await call(e, 'POST', A, { name: 'office', ip_addresses: ips });
  assert.is(r.status, 201);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'ipacl_uuid', 'message']);
  const got = await call(e, 'GET', `${A}${r.body.ipacl_uuid}/`);
  assert.equal(Object.keys(got.body).sort(), ['api_id', 'ip_addresses', 'ipacl_uuid', 'name']);
  assert.equal(got.body.ip_addresses, ips);
});

aclCreate('missing ip_addresses is 422; bad addresses, non-lists and empty lists are 400', async () => {
  assert.is((await call(e, 'POST', A, { name: 'x' })).status, 422);
  for (const ip_addresses of [['300.1.1.1'], ['10.0.0.0/33'], ['2001:db8::/129'], ['example.com'], '10.0.0.1', [10], []]) {
    assert.is((await call(e, 'POST', A, { ip_addresses })).status, 400, JSON.stringify(ip_addresses));
  }
});

aclCreate.run();

const aclUpdate = suite('ipacl update');
aclUpdate.before(setup);
aclUpdate.after(teardown);

aclUpdate('an update replaces the whole list', async () => {
  const id = e.seed('ipacl', { name: 'a', ip_addresses: ['10.0.0.1', '10.0.0.2'] }).ipacl_uuid;
  const r = await call(e, 'POST', `${A}${id}/`, { ip_addresses: ['10.0.0.3'] });
  assert.is(r.status, 202);
  const got = await call(e, 'GET', `${A}${id}/`);
  assert.equal(got.body.ip_addresses, ['10.0.0.3']);
  assert.is(got.body.name, 'a');
});

aclUpdate.run();

const inUse = suite('credential and ipacl delete');
inUse.before(setup);
inUse.after(teardown);

inUse('deleting one a trunk uses is 400 and deletes nothing; unused ones go with 204', async () => {
  const acl = e.seed('ipacl', { ip_addresses: ['10.0.0.1'] }).ipacl_uuid;
  const cred = e.seed('credential', { username: 'pbxuser1', password: 'Secret#1' }).credential_uuid;
  const trunk = e.seed('trunk', { trunk_direction: 'outbound', ipacl_uuid: acl, credential_uuid: cred }).trunk_id;
  for (const path of [`${A}${acl}/`, `${C}${cred}/`]) {
    const r = await call(e, 'DELETE', path);
    assert.is(r.status, 400, path);
    assert.match(r.body.error, new RegExp(String(trunk)));
  }
  assert.is(e.dump('trunk').length, 1);
  assert.is((await call(e, 'DELETE', `Zentrunk/Trunk/${trunk}/`)).status, 204);
  assert.is((await call(e, 'DELETE', `${A}${acl}/`)).status, 204);
  assert.is((await call(e, 'DELETE', `${C}${cred}/`)).status, 204);
  assert.is(e.dump('ipacl').length + e.dump('credential').length, 0);
});

inUse.run();
