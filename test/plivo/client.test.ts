import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EXIT } from '../../src/errors.js';
import { HttpClient, USER_AGENT } from '../../src/plivo/client.js';
import { ApiError, AuthError, LostResponseError } from '../../src/plivo/errors.js';
import { AUTH_ID, AUTH_TOKEN, VirtualClock, fakeFetch, instantSleep, packageVersion, testConfig, type FakeReply } from './fakes.js';

const ok = (json: unknown = { api_id: 'a1' }, status = 200): FakeReply => ({ status, json });

/** A client whose backoff sleeps return at once; `script` answers the n-th request. */
function setup(script: (n: number) => FakeReply, over: Parameters<typeof testConfig>[0] = {}) {
  const f = fakeFetch((_, n) => script(n));
  const s = instantSleep();
  const trace: string[] = [];
  const client = new HttpClient(testConfig(over), { fetch: f.fetch, sleep: s.sleep, random: () => 0.5, trace: (l) => trace.push(l) });
  return { client, calls: f.calls, sleeps: s.sleeps, trace };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const request = suite('HttpClient.request');

request('sends Basic auth, a User-Agent with the package version, and JSON to the account URL', async () => {
  const { client, calls } = setup(() => ok({ api_id: 'x', trunk_id: '1' }, 201));
  const res = await client.request({ method: 'POST', path: 'Zentrunk/Trunk/', body: { name: 'a' }, create: true });
  assert.is(res.status, 201);
  assert.equal(res.body, { api_id: 'x', trunk_id: '1' });
  const c = calls[0];
  assert.is(c.path, 'Zentrunk/Trunk/');
  assert.equal(c.body, { name: 'a' });
  assert.is(c.headers.get('authorization'), `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`);
  assert.is(c.headers.get('content-type'), 'application/json');
  const version = packageVersion();
  assert.is(c.headers.get('user-agent'), `plivo-sync/${version} node/${process.version}`);
  assert.is(USER_AGENT, `plivo-sync/${version} node/${process.version}`);
});

request('passes the query and accepts any 2xx, including 204 with no body', async () => {
  const { client, calls } = setup((n) => (n === 0 ? ok({ objects: [] }) : { status: 204 }));
  await client.request({ method: 'GET', path: 'Endpoint/', query: { limit: 20, offset: 40 } });
  assert.is(calls[0].query.get('limit'), '20');
  assert.is(calls[0].query.get('offset'), '40');
  const res = await client.request({ method: 'DELETE', path: 'Endpoint/1/' });
  assert.is(res.status, 204);
  assert.is(res.body, null);
});

request('retries a GET through 500s and resets, with growing jittered backoff', async () => {
  const replies: FakeReply[] = [{ status: 500, json: { api_id: 'e', error: 'boom' } }, 'reset', { status: 503, text: 'unavailable' }, ok({ x: 1 })];
  const { client, calls, sleeps } = setup((n) => replies[n]);
  const res = await client.request({ method: 'GET', path: 'Zentrunk/URI/' });
  assert.equal(res.body, { x: 1 });
  assert.is(calls.length, 4);
  // random() = 0.5 → half of 250, 500, 1000 ms
  assert.equal(sleeps, [125, 250, 500]);
  assert.equal(client.stats(), { requests: 4, retries: 3, throttled: 0 });
});

request('gives up after maxAttempts with the last error and says so', async () => {
  const { client, calls } = setup(() => ({ status: 502, json: { api_id: 'z9', error: 'bad gateway' } }));
  const e = await rejection(client.request({ method: 'GET', path: 'Zentrunk/URI/' }));
  assert.instance(e, ApiError);
  const err = e as ApiError;
  assert.is(err.status, 502);
  assert.is(err.message, 'GET Zentrunk/URI/: 502 bad gateway (api_id z9)');
  assert.ok(err.hint?.startsWith('Gave up after 5 attempts.'));
  assert.is(err.exitCode, EXIT.API);
  assert.is(calls.length, 5);
});

request('honours Retry-After in seconds and as an HTTP date, and counts 429s', async () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  const date = new Date(now + 3000).toUTCString();
  const replies: FakeReply[] = [
    { status: 429, json: { api_id: 'r', error: 'too many requests' }, headers: { 'Retry-After': '2' } },
    { status: 429, json: { error: 'too many requests' }, headers: { 'Retry-After': date } },
    ok(),
  ];
  const f = fakeFetch((_, n) => replies[n]);
  const s = instantSleep();
  const client = new HttpClient(testConfig(), { fetch: f.fetch, sleep: s.sleep, now: () => now, random: () => 0 });
  await client.request({ method: 'GET', path: 'Endpoint/' });
  assert.equal(s.sleeps, [2000, 3000]);
  assert.equal(client.stats(), { requests: 3, retries: 2, throttled: 2 });
});

request('a 429 without Retry-After while pacing waits one whole window: someone else filled it', async () => {
  const replies: FakeReply[] = [{ status: 429, json: { error: 'too many requests' } }, { status: 429, json: { error: 'too many requests' } }, ok()];
  const f = fakeFetch((_, n) => replies[n]);
  const clock = new VirtualClock();
  const client = new HttpClient(testConfig({ rateLimit: 300 }), { fetch: f.fetch, sleep: clock.sleep, now: clock.now, random: () => 0 });
  const started = clock.now();
  await clock.run(client.request({ method: 'GET', path: 'Endpoint/' }));
  assert.ok(clock.now() - started >= 2 * 5000, `waited ${clock.now() - started} ms for two full windows`);
  assert.equal(client.stats(), { requests: 3, retries: 2, throttled: 2 });
});

request('a Retry-After beyond the limit is not waited out', async () => {
  const { client, calls } = setup(() => ({ status: 429, json: { error: 'slow down' }, headers: { 'Retry-After': '3600' } }));
  const e = (await rejection(client.request({ method: 'GET', path: 'Endpoint/' }))) as ApiError;
  assert.is(e.status, 429);
  assert.match(e.hint ?? '', /asked to wait 3600 s/);
  assert.is(calls.length, 1);
});

request('a create answered 500 throws LostResponseError and is never re-sent', async () => {
  const { client, calls } = setup(() => ({ status: 500, json: { api_id: 'e', error: 'internal' } }));
  const e = await rejection(client.request({ method: 'POST', path: 'Zentrunk/URI/', body: { uri: 'a' }, create: true }));
  assert.instance(e, LostResponseError);
  assert.is((e as LostResponseError).path, 'Zentrunk/URI/');
  assert.is(calls.length, 1);
});

request('a create whose connection resets or times out is lost, not re-sent', async () => {
  for (const failure of ['reset', 'hang'] as const) {
    const { client, calls } = setup(() => failure, { timeoutMs: 30 });
    const e = await rejection(client.request({ method: 'POST', path: 'Endpoint/', body: {}, create: true }));
    assert.instance(e, LostResponseError, failure);
    if (failure === 'hang') assert.match((e as Error).message, /no answer within 30 ms/);
    assert.is(calls.length, 1, failure);
  }
});

request('a create answered 2xx with a garbled body is lost (it was performed)', async () => {
  const { client, calls } = setup(() => ({ status: 201, text: '{"api_id": "x", "uri_uu' }));
  const e = await rejection(client.request({ method: 'POST', path: 'Zentrunk/URI/', body: {}, create: true }));
  assert.instance(e, LostResponseError);
  assert.match((e as Error).message, /invalid JSON/);
  assert.is(calls.length, 1);
});

request('a create answered 429, or refused before connecting, is retried (not performed)', async () => {
  const replies: FakeReply[] = [{ status: 429, json: { error: 'too many' } }, 'refused', ok({ uri_uuid: 'u1' }, 201)];
  const { client, calls } = setup((n) => replies[n]);
  const res = await client.request({ method: 'POST', path: 'Zentrunk/URI/', body: {}, create: true });
  assert.equal(res.body, { uri_uuid: 'u1' });
  assert.is(calls.length, 3);
});

request('a create still throttled after every attempt is a plain 429 ApiError', async () => {
  const { client, calls } = setup(() => ({ status: 429, json: { error: 'too many' } }));
  const e = await rejection(client.request({ method: 'POST', path: 'Zentrunk/URI/', body: {}, create: true }));
  assert.instance(e, ApiError);
  assert.not.instance(e, LostResponseError);
  assert.is((e as ApiError).status, 429);
  assert.is(calls.length, 5);
});

request('a DELETE answered 404 on a retry counts as done; on the first attempt it is an error', async () => {
  const replies: FakeReply[] = ['reset', { status: 404, json: { api_id: 'n', error: 'not found' } }];
  const a = setup((n) => replies[n]);
  const res = await a.client.request({ method: 'DELETE', path: 'Zentrunk/Trunk/1/' });
  assert.is(res.status, 404);
  assert.is(a.calls.length, 2);

  const b = setup(() => ({ status: 404, json: { api_id: 'n', error: 'not found' } }));
  const e = (await rejection(b.client.request({ method: 'DELETE', path: 'Zentrunk/Trunk/1/' }))) as ApiError;
  assert.is(e.status, 404);
  assert.is(e.message, 'DELETE Zentrunk/Trunk/1/: 404 not found (api_id n)');
  assert.is(b.calls.length, 1);
});

request('an update (POST to an item) is retried like any idempotent request', async () => {
  const replies: FakeReply[] = [{ status: 500, json: { error: 'x' } }, 'reset', ok({ message: 'changed' }, 202)];
  const { client, calls } = setup((n) => replies[n]);
  await client.request({ method: 'POST', path: 'Endpoint/7/', body: { alias: 'a' } });
  assert.is(calls.length, 3);
  assert.ok(calls.every((c) => c.method === 'POST' && c.path === 'Endpoint/7/'));
});

request('a GET that times out or answers garbage is retried', async () => {
  const replies: FakeReply[] = ['hang', { status: 200, text: '{"objects": [' }, { status: 200, text: '' }, ok({ fine: true })];
  const { client, calls } = setup((n) => replies[n], { timeoutMs: 20 });
  const res = await client.request({ method: 'GET', path: 'Zentrunk/Credential/' });
  assert.equal(res.body, { fine: true });
  assert.is(calls.length, 4);
});

request('401 is an AuthError (exit 4), never retried, without the token', async () => {
  const { client, calls } = setup(() => ({ status: 401, text: 'Unauthorized' }));
  const e = await rejection(client.request({ method: 'GET', path: 'Endpoint/' }));
  assert.instance(e, AuthError);
  assert.is((e as AuthError).exitCode, EXIT.AUTH);
  assert.not.match((e as Error).message, AUTH_TOKEN);
  assert.is(calls.length, 1);
});

request('a definite 4xx keeps status, api_id and the server error (string or field map)', async () => {
  const a = setup(() => ({ status: 400, json: { api_id: '1c13de4c', error: 'trunk_direction is required' } }));
  const e1 = (await rejection(a.client.request({ method: 'POST', path: 'Zentrunk/Trunk/', body: {}, create: true }))) as ApiError;
  assert.is(e1.message, 'POST Zentrunk/Trunk/: 400 trunk_direction is required (api_id 1c13de4c)');
  assert.is(e1.status, 400);
  assert.is(e1.apiId, '1c13de4c');
  assert.is(e1.serverError, 'trunk_direction is required');
  assert.is(a.calls.length, 1);

  const b = setup(() => ({ status: 422, json: { api_id: 'q', error: { uri: 'required', name: ['too long', 'bad'] } } }));
  const e2 = (await rejection(b.client.request({ method: 'POST', path: 'Zentrunk/URI/', body: {}, create: true }))) as ApiError;
  assert.is(e2.message, 'POST Zentrunk/URI/: 422 uri: required; name: too long, bad (api_id q)');
  assert.equal(e2.serverError, { uri: 'required', name: ['too long', 'bad'] });
});

request('never has more requests in flight than config.concurrency', async () => {
  let inFlight = 0;
  let max = 0;
  const f = fakeFetch(async () => {
    inFlight++;
    max = Math.max(max, inFlight);
    await new Promise((r) => setTimeout(r, 2));
    inFlight--;
    return ok({});
  });
  const client = new HttpClient(testConfig({ concurrency: 4 }), { fetch: f.fetch });
  await Promise.all(Array.from({ length: 40 }, () => client.request({ method: 'GET', path: 'Endpoint/' })));
  assert.is(f.calls.length, 40);
  assert.is(max, 4);
});

request.run();

const redact = suite('HttpClient.redact (debug trace)');

redact('traces requests and responses without the token, Authorization or any password', async () => {
  const secret = 'Pa$$word-xyz';
  const replies: FakeReply[] = [
    { status: 500, json: { error: `bad password ${secret}` } },
    ok({ api_id: 'a', password: '5f4dcc3b5aa765d61d8327deb882cf99', echo: secret }),
  ];
  const { client, trace } = setup((n) => replies[n], { debug: true });
  client.redact([secret]);
  await client.request({ method: 'POST', path: 'Zentrunk/Credential/c1/', body: { username: 'u', password: secret } });
  const all = trace.join('\n');
  assert.ok(trace.length >= 4, all); // request, 500, retry, request, 200
  assert.match(all, /plivo → POST Zentrunk\/Credential\/c1\//);
  assert.match(all, /plivo ← 500 POST Zentrunk\/Credential\/c1\//);
  assert.not.match(all, secret);
  assert.not.match(all, AUTH_TOKEN);
  assert.not.match(all, Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64'));
  assert.not.match(all, '5f4dcc3b5aa765d61d8327deb882cf99');
  assert.not.match(all.toLowerCase(), 'authorization');
});

redact('cuts registered secrets out of error messages and server errors', async () => {
  const secret = 'hunter2-secret';
  const { client } = setup(() => ({ status: 400, json: { api_id: 'b', error: `password ${secret} lacks a special character` } }));
  client.redact([secret]);
  const e = (await rejection(client.request({ method: 'POST', path: 'Zentrunk/Credential/', body: {}, create: true }))) as ApiError;
  assert.not.match(e.message, secret);
  assert.not.match(JSON.stringify(e.serverError), secret);
  assert.match(e.message, /password \*\*\* lacks/);
});

redact('secrets given at construction are redacted too', async () => {
  const secret = 'from-the-manifest-42';
  const f = fakeFetch(() => ({ status: 400, json: { error: `bad ${secret}` } }));
  const trace: string[] = [];
  const client = new HttpClient(testConfig({ debug: true }), { fetch: f.fetch, trace: (l) => trace.push(l), secrets: [secret] });
  const e = (await rejection(client.request({ method: 'POST', path: 'Zentrunk/URI/', body: { note: secret }, create: true }))) as ApiError;
  assert.not.match(e.message, secret);
  assert.not.match(trace.join('\n'), secret);
});

redact('traces nothing unless debug is on', async () => {
  const { client, trace } = setup(() => ok());
  await client.request({ method: 'GET', path: 'Endpoint/' });
  assert.equal(trace, []);
});

redact.run();
