// Voice endpoints over real HTTP: 201 create answer with the 12-digit username suffix, the object's shape
// (MD5 password, string sip_registered, sip_uri, application, resource_uri), 400 rules, 202 update of
// password/alias/app_id only, 204 delete.
import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, UUID } from './helpers.js';

let e: Emulator;
const clock = Date.UTC(2026, 10, 23, 14, 5, 9);
const setup = async () => {
  e = await startEmulator({ rateLimit: 0, now: () => clock });
};
const teardown = () => e.close();
const E = 'Endpoint/';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

const create = suite('endpoint create');
create.before(setup);
create.after(teardown);

create('201 {username+12 digits, alias, message:"created", endpoint_id, api_id}', async () => {
  const r = await call(e, 'POST', E, { username: 'zumba', password: 'secret', alias: 'zumba' });
  assert.is(r.status, 201);
  assert.equal(Object.keys(r.body).sort(), ['alias', 'api_id', 'endpoint_id', 'message', 'username']);
  assert.is(r.body.username, 'zumba261123140509');
  assert.is(r.body.alias, 'zumba');
  assert.is(r.body.message, 'created');
  assert.match(r.body.endpoint_id, /^[0-9]{14}$/);
  assert.match(r.body.api_id, UUID);
});

create('the suffixed username is unique even for the same name in the same second', async () => {
  const a = await call(e, 'POST', E, { username: 'twin', password: 'secret', alias: 'a' });
  const b = await call(e, 'POST', E, { username: 'twin', password: 'secret', alias: 'b' });
  assert.match(a.body.username, /^twin[0-9]{12}$/);
  assert.match(b.body.username, /^twin[0-9]{12}$/);
  assert.is.not(a.body.username, b.body.username);
});

create('the object: md5 password, string sip_registered, sip_uri, application null, resource_uri', async () => {
  const r = await call(e, 'POST', E, { username: 'callme', password: 'secret', alias: 'callme' });
  const got = await call(e, 'GET', `${E}${r.body.endpoint_id}/`);
  assert.is(got.status, 200);
  const o = got.body;
  assert.equal(Object.keys(o).sort(), [
    'alias', 'api_id', 'application', 'endpoint_id', 'password', 'resource_uri', 'sip_registered', 'sip_uri', 'sub_account', 'username',
  ]);
  assert.is(o.password, md5('secret'));
  assert.is(o.sip_registered, 'false');
  assert.is(o.sip_uri, `sip:${r.body.username}@phone.plivo.com`);
  assert.is(o.application, null);
  assert.is(o.sub_account, null);
  assert.is(o.resource_uri, `/v1/Account/${e.authId}/Endpoint/${r.body.endpoint_id}/`);
});

create('app_id attaches an application', async () => {
  const r = await call(e, 'POST', E, { username: 'withapp', password: 'secret', alias: 'a', app_id: '33406267401237901' });
  const got = await call(e, 'GET', `${E}${r.body.endpoint_id}/`);
  assert.is(got.body.application, `/v1/Account/${e.authId}/Application/33406267401237901/`);
});

create('missing username, password or alias is 400 (not 422)', async () => {
  for (const body of [{ password: 'secret', alias: 'a' }, { username: 'abc', alias: 'a' }, { username: 'abc', password: 'secret' }]) {
    const r = await call(e, 'POST', E, body);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.type(r.body.error, 'object');
  }
});

create('username: letters and digits, 1-25, starting with a letter', async () => {
  for (const username of ['1abc', 'ab_c', 'ab c', 'a'.repeat(26), '']) {
    assert.is((await call(e, 'POST', E, { username, password: 'secret', alias: 'a' })).status, 400, username);
  }
  for (const username of ['a', 'a'.repeat(25), 'Alice2']) {
    assert.is((await call(e, 'POST', E, { username, password: 'secret', alias: 'a' })).status, 201, username);
  }
});

create('password at least 5 characters; alias letters, digits, - and _, in words separated by single spaces', async () => {
  assert.is((await call(e, 'POST', E, { username: 'pw', password: 'four', alias: 'a' })).status, 400);
  for (const alias of ['Double time.', '', ' lead', 'two  spaces', 'tail ']) {
    assert.is((await call(e, 'POST', E, { username: 'al', password: 'secret', alias })).status, 400, alias);
  }
  for (const alias of ['Front-desk_2', 'Test Account']) {
    assert.is((await call(e, 'POST', E, { username: 'al', password: 'secret', alias })).status, 201, alias);
  }
});

create('unknown fields are 400', async () => {
  assert.is((await call(e, 'POST', E, { username: 'x', password: 'secret', alias: 'a', sip_uri: 'sip:x@y' })).status, 400);
});

create.run();

const update = suite('endpoint update');
update.before(setup);
update.after(teardown);

update('202 {message:"changed", api_id}; password, alias and app_id change', async () => {
  const id = e.seed('endpoint', { username: 'bob', password: 'secret', alias: 'bob' }).endpoint_id;
  const r = await call(e, 'POST', `${E}${id}/`, { password: 'newsecret', alias: 'bobby', app_id: '123' });
  assert.is(r.status, 202);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'message']);
  assert.is(r.body.message, 'changed');
  const o = (await call(e, 'GET', `${E}${id}/`)).body;
  assert.is(o.password, md5('newsecret'));
  assert.is(o.alias, 'bobby');
  assert.is(o.application, `/v1/Account/${e.authId}/Application/123/`);
});

update('app_id null or "" detaches the application', async () => {
  for (const app_id of [null, '']) {
    const id = e.seed('endpoint', { username: 'det', password: 'secret', alias: 'd', app_id: '55' }).endpoint_id;
    assert.is((await call(e, 'POST', `${E}${id}/`, { app_id })).status, 202);
    assert.is((await call(e, 'GET', `${E}${id}/`)).body.application, null);
  }
});

update('username is immutable (400); other fields and bad values are 400', async () => {
  const id = e.seed('endpoint', { username: 'carl', password: 'secret', alias: 'c' }).endpoint_id;
  for (const body of [{ username: 'carl2' }, { sip_registered: 'true' }, { password: 'abc' }, { alias: 'has  two spaces' }, { alias: 5 }]) {
    assert.is((await call(e, 'POST', `${E}${id}/`, body)).status, 400, JSON.stringify(body));
  }
  assert.is((await call(e, 'GET', `${E}${id}/`)).body.alias, 'c');
});

update.run();

const remove = suite('endpoint delete');
remove.before(setup);
remove.after(teardown);

remove('204 with no body, then 404', async () => {
  const id = e.seed('endpoint', { username: 'gone', password: 'secret', alias: 'g' }).endpoint_id;
  const r = await call(e, 'DELETE', `${E}${id}/`);
  assert.is(r.status, 204);
  assert.is(r.body, null);
  assert.is((await call(e, 'GET', `${E}${id}/`)).status, 404);
});

remove.run();
