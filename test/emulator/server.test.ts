// The HTTP layer over real requests: Basic auth, the account in the path, routing (404, 405, 503, trailing
// slash), JSON bodies, api_id on every answer, stats.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { basic, call, UUID } from './helpers.js';

let e: Emulator;
const setup = async () => {
  e = await startEmulator({ rateLimit: 0 });
};
const teardown = () => e.close();

const auth = suite('auth');
auth.before(setup);
auth.after(teardown);

auth('no Authorization header is 401 with an error and no api_id', async () => {
  const r = await call(e, 'GET', 'Zentrunk/Trunk/', undefined, { auth: null });
  assert.is(r.status, 401);
  assert.type(r.body.error, 'string');
  assert.is(r.body.api_id, undefined);
});

auth('a wrong token is 401', async () => {
  const r = await call(e, 'GET', 'Endpoint/', undefined, { auth: basic(e.authId, e.authToken + 'x') });
  assert.is(r.status, 401);
  assert.is(r.body.api_id, undefined);
});

auth('a wrong auth id with the right token is 401', async () => {
  const r = await call(e, 'GET', 'Endpoint/', undefined, { auth: basic('MAXXXXXXXXXXXXXXXXXX', e.authToken) });
  assert.is(r.status, 401);
});

auth('a non-Basic scheme is 401', async () => {
  const r = await call(e, 'GET', 'Endpoint/', undefined, { auth: `Bearer ${e.authToken}` });
  assert.is(r.status, 401);
});

auth('another account id in the path is 401 even with valid credentials', async () => {
  const r = await call(e, 'GET', 'Zentrunk/Trunk/', undefined, { account: 'MAOTHERACCOUNT000000' });
  assert.is(r.status, 401);
  assert.is(r.body.api_id, undefined);
});

auth('auth is checked before routing: an unknown path without credentials is 401', async () => {
  const r = await call(e, 'GET', '/nowhere/', undefined, { auth: null });
  assert.is(r.status, 401);
});

auth('an unauthenticated create performs nothing', async () => {
  await call(e, 'POST', 'Zentrunk/URI/', { uri: 'sip.example.com' }, { auth: null });
  assert.is(e.dump('uri').length, 0);
});

auth.run();

const routes = suite('routes');
routes.before(setup);
routes.after(teardown);

for (const seg of ['CredentialsList', 'IpAccessControlList', 'Credentials', 'Trunks', 'uri', 'Call']) {
  routes(`a misspelled or unknown Zentrunk segment (${seg}) is 503`, async () => {
    const r = await call(e, 'GET', `Zentrunk/${seg}/`);
    assert.is(r.status, 503);
    assert.match(r.body.api_id, UUID);
  });
}

routes('an unknown Zentrunk segment is 503 for POST too, and creates nothing', async () => {
  const r = await call(e, 'POST', 'Zentrunk/CredentialsList/', { username: 'abcde', password: 'abc!1' });
  assert.is(r.status, 503);
  assert.is(e.dump('credential').length, 0);
});

routes('an unknown top-level resource is 404', async () => {
  const r = await call(e, 'GET', 'Application/');
  assert.is(r.status, 404);
  assert.equal(Object.keys(r.body).sort(), ['api_id', 'error']);
  assert.is(r.body.error, 'not found');
});

routes('a path without its trailing slash is 404', async () => {
  assert.is((await call(e, 'GET', 'Zentrunk/Trunk')).status, 404);
  assert.is((await call(e, 'GET', 'Endpoint')).status, 404);
  const id = e.seed('endpoint', { username: 'bob', password: 'secret', alias: 'bob' }).endpoint_id;
  assert.is((await call(e, 'GET', `Endpoint/${id}`)).status, 404);
  assert.is((await call(e, 'GET', `Endpoint/${id}/`)).status, 200);
});

routes('paths outside /v1/Account/{id}/ are 404', async () => {
  assert.is((await call(e, 'GET', '/v2/Account/x/Endpoint/')).status, 404);
  assert.is((await call(e, 'GET', `/v1/Account/${e.authId}/`)).status, 404);
  assert.is((await call(e, 'GET', 'Endpoint/1/extra/')).status, 404);
});

routes('unknown ids are 404 {api_id, error:"not found"} for GET, POST and DELETE', async () => {
  for (const [method, body] of [['GET'], ['POST', { name: 'x' }], ['DELETE']] as const) {
    const r = await call(e, method, 'Zentrunk/URI/00000000-0000-4000-8000-000000000000/', body);
    assert.is(r.status, 404, method);
    assert.is(r.body.error, 'not found');
    assert.match(r.body.api_id, UUID);
  }
});

routes('PUT, PATCH and DELETE on a collection are 405 with an Allow header', async () => {
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    const r = await call(e, method, 'Zentrunk/Trunk/', method === 'DELETE' ? undefined : {});
    assert.is(r.status, 405, method);
    assert.is(r.headers.get('allow'), 'GET, POST');
    assert.match(r.body.api_id, UUID);
  }
});

routes('PUT and PATCH on an item are 405', async () => {
  const id = e.seed('ipacl', { ip_addresses: ['10.0.0.1'] }).ipacl_uuid;
  for (const method of ['PUT', 'PATCH']) {
    const r = await call(e, method, `Zentrunk/IPAccessControlList/${id}/`, {});
    assert.is(r.status, 405, method);
    assert.is(r.headers.get('allow'), 'GET, POST, DELETE');
  }
});

routes.run();

const bodies = suite('request bodies');
bodies.before(setup);
bodies.after(teardown);

bodies('a POST body that is not JSON is 400', async () => {
  const r = await call(e, 'POST', 'Zentrunk/URI/', undefined, { raw: 'uri=sip.example.com' });
  assert.is(r.status, 400);
  assert.type(r.body.error, 'string');
});

bodies('a POST body that is JSON but not an object is 400', async () => {
  for (const raw of ['[]', 'null', '"x"', '3', '']) {
    const r = await call(e, 'POST', 'Zentrunk/URI/', undefined, { raw });
    assert.is(r.status, 400, raw);
  }
});

bodies('bodies on GET and DELETE are ignored, like the SDKs\' "" and {}', async () => {
  const id = e.seed('uri', { uri: 'sip.example.com' }).uri_uuid;
  const got = await fetch(`${e.url}/v1/Account/${e.authId}/Zentrunk/URI/${id}/`, {
    method: 'DELETE',
    headers: { authorization: basic(e.authId, e.authToken), 'content-type': 'application/json' },
    body: 'this is not json',
  });
  assert.is(got.status, 204);
  assert.is(await got.text(), '');
});

bodies('unknown query keys are ignored', async () => {
  const id = e.seed('endpoint', { username: 'carol', password: 'secret', alias: 'c' }).endpoint_id;
  const r = await call(e, 'GET', `Endpoint/${id}/?endpoint_id=${id}&foo=bar`);
  assert.is(r.status, 200);
  const l = await call(e, 'GET', 'Zentrunk/URI/?limit=20&offset=0&whatever=1');
  assert.is(l.status, 200);
});

bodies('every JSON answer carries a fresh api_id', async () => {
  const a = await call(e, 'GET', 'Zentrunk/Trunk/');
  const b = await call(e, 'GET', 'Zentrunk/Trunk/');
  assert.match(a.body.api_id, UUID);
  assert.match(b.body.api_id, UUID);
  assert.is.not(a.body.api_id, b.body.api_id);
  assert.is(a.headers.get('content-type'), 'application/json');
});

bodies.run();

const stats = suite('stats');
stats.before(setup);
stats.after(teardown);

stats('counts requests by status and method, and resetStats zeroes them', async () => {
  e.resetStats();
  await call(e, 'GET', 'Zentrunk/Trunk/');
  await call(e, 'GET', 'Zentrunk/Nope/');
  await call(e, 'POST', 'Zentrunk/URI/', {});
  assert.is(e.stats.requests, 3);
  assert.equal(e.stats.byMethod, { GET: 2, POST: 1 });
  assert.equal(e.stats.byStatus, { 200: 1, 503: 1, 422: 1 });
  assert.is(e.stats.inFlight, 0);
  assert.ok(e.stats.maxInFlight >= 1);
  e.resetStats();
  assert.equal(e.stats, { requests: 0, byStatus: {}, byMethod: {}, inFlight: 0, maxInFlight: 0 });
});

stats('maxInFlight sees concurrent requests', async () => {
  e.resetStats();
  const slow = await startEmulator({ rateLimit: 0, latencyMs: 200 });
  try {
    await Promise.all(Array.from({ length: 5 }, () => call(slow, 'GET', 'Endpoint/')));
    assert.is(slow.stats.maxInFlight, 5);
    assert.is(slow.stats.inFlight, 0);
  } finally {
    await slow.close();
  }
});

stats.run();

const direct = suite('seed and dump');
direct.before(setup);
direct.after(teardown);

direct('seed validates like a create and throws with the reason', () => {
  assert.throws(() => e.seed('trunk', { name: 't' }), /422.*trunk_direction/);
  assert.throws(() => e.seed('trunk', { trunk_direction: 'inbound', primary_uri_uuid: 'nope' }), /400.*primary_uri_uuid/);
  assert.throws(() => e.seed('endpoint', { username: 'x', password: 'secret', alias: 'has  two spaces' }), /400.*alias/);
  assert.equal(e.dump('trunk'), []);
});

direct('seed returns the object as the list shows it; dump lists every object; neither counts as a request', async () => {
  e.resetStats();
  const ep = e.seed('endpoint', { username: 'dora', password: 'secret', alias: 'd' });
  assert.match(ep.username as string, /^dora[0-9]{12}$/);
  const listed = await call(e, 'GET', 'Endpoint/');
  assert.equal(listed.body.objects, [ep]);
  assert.equal(e.dump('endpoint'), [ep]);
  assert.is(e.stats.requests, 1);
});

direct.run();
