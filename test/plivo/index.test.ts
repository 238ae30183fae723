import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlivoApi } from '../../src/plivo/index.js';
import { ApiError, AuthError, LostResponseError } from '../../src/plivo/errors.js';
import { AUTH_ID, AUTH_TOKEN, testConfig } from './fakes.js';
import { endpointGetResponse, trunkGetResponseLive } from './fixtures.js';

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth: string | undefined;
}
type Answer = { status: number; json?: unknown } | 'destroy';

/** A real HTTP server on 127.0.0.1:0 answering from `handler`; records what it saw. */
async function serve(handler: (req: Seen) => Answer): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const prefix = `/v1/Account/${AUTH_ID}/`;
      const s: Seen = {
        method: req.method ?? '',
        path: u.pathname.startsWith(prefix) ? u.pathname.slice(prefix.length) : u.pathname,
        query: u.searchParams,
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
        auth: req.headers.authorization,
      };
      seen.push(s);
      const a = handler(s);
      if (a === 'destroy') return void req.socket.destroy();
      const text = a.json === undefined ? '' : JSON.stringify(a.json);
      res.writeHead(a.status, text ? { 'Content-Type': 'application/json' } : {});
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const fast = { sleep: async () => {}, random: () => 0 };

function pageOf(objects: unknown[], q: URLSearchParams) {
  const limit = Number(q.get('limit') ?? 20);
  const offset = Number(q.get('offset') ?? 0);
  return { api_id: 'l', meta: { limit, offset, total_count: objects.length, previous: null, next: null }, objects: objects.slice(offset, offset + limit) };
}

const uriWire = (i: number) => ({ uri_uuid: `u${i}`, name: `uri-${i}`, uri: `sip${i}.example.com`, authentication_needed: false, username: null });

const list = suite('PlivoApi.list / readAll');

list('reads every page over HTTP with Basic auth; readAll reads the kinds in parallel and reports progress', async () => {
  const uris = Array.from({ length: 45 }, (_, i) => uriWire(i));
  const srv = await serve((r) => {
    if (r.path === 'Zentrunk/URI/') return { status: 200, json: pageOf(uris, r.query) };
    if (r.path === 'Endpoint/') return { status: 200, json: pageOf([endpointGetResponse], r.query) };
    return { status: 200, json: pageOf([], r.query) };
  });
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    const got = await api.list('uri');
    assert.is(got.length, 45);
    assert.is(srv.seen.length, 3);
    assert.ok(srv.seen.every((s) => s.auth === `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`));

    const progress: string[] = [];
    const state = await api.readAll(['uri', 'endpoint', 'trunk'], (kind, read, total) => progress.push(`${kind} ${read}/${total}`));
    assert.is(state.uri.length, 45);
    assert.is(state.endpoint[0].app_id, '33406267401237901');
    assert.equal(state.trunk, []);
    assert.equal(state.credential, []);
    assert.ok(progress.includes('uri 45/45'));
    assert.ok(progress.includes('endpoint 1/1'));
    assert.ok(progress.includes('trunk 0/0'));
    assert.equal(api.stats(), { requests: 3 + 3 + 1 + 1, retries: 0, throttled: 0 });
  } finally {
    await srv.close();
  }
});

list('a page whose connection is reset is read again', async () => {
  let resets = 0;
  const uris = Array.from({ length: 30 }, (_, i) => uriWire(i));
  const srv = await serve((r) => {
    if (r.query.get('offset') === '20' && resets < 2) return (resets++, 'destroy');
    return { status: 200, json: pageOf(uris, r.query) };
  });
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    assert.is((await api.list('uri')).length, 30);
    assert.is(api.stats().retries, 2);
  } finally {
    await srv.close();
  }
});

list.run();

const get = suite('PlivoApi.get');

get('unwraps {object: …}, accepts flat answers, and answers null on 404', async () => {
  const srv = await serve((r) => {
    if (r.path === 'Zentrunk/Trunk/42741122632602585/') return { status: 200, json: trunkGetResponseLive };
    if (r.path === 'Zentrunk/URI/u1/') return { status: 200, json: { api_id: 'g', ...uriWire(1) } };
    if (r.path === 'Zentrunk/Credential/c1/') return { status: 200, json: { api_id: 'g', object: { credential_uuid: 'c1', name: 'c', username: 'user1' } } };
    return { status: 404, json: { api_id: 'n', error: 'not found' } };
  });
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    const t = await api.get('trunk', '42741122632602585');
    assert.is(t?.trunk_domain, '42741122632602585.zt.plivo.com');
    assert.is((await api.get('uri', 'u1'))?.uri, 'sip1.example.com');
    assert.is((await api.get('credential', 'c1'))?.username, 'user1');
    assert.is(await api.get('endpoint', '999'), null);
  } finally {
    await srv.close();
  }
});

get('ids are escaped into the path', async () => {
  const srv = await serve(() => ({ status: 404, json: { error: 'not found' } }));
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    assert.is(await api.get('uri', '../Endpoint/1'), null);
    assert.is(srv.seen[0].path, 'Zentrunk/URI/..%2FEndpoint%2F1/');
  } finally {
    await srv.close();
  }
});

get.run();

const create = suite('PlivoApi.create');

create('posts the create body and returns the id; endpoints also the assigned username', async () => {
  const srv = await serve((r) =>
    r.path === 'Endpoint/'
      ? { status: 201, json: { username: 'alice261123120000', alias: 'Alice', message: 'created', endpoint_id: '37371860103666', api_id: 'c' } }
      : { status: 201, json: { api_id: 'c', message: 'Trunk created successfully.', trunk_id: '986908123123411213' } },
  );
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    assert.equal(await api.create('endpoint', { username: 'alice', alias: 'Alice', password: 'secret1' }), {
      id: '37371860103666',
      username: 'alice261123120000',
    });
    assert.equal(srv.seen[0].body, { username: 'alice', password: 'secret1', alias: 'Alice' });
    const r = await api.create('trunk', {
      name: 't', trunk_direction: 'outbound', trunk_status: 'enabled', secure: false,
      primary_uri_id: null, fallback_uri_id: null, ipacl_id: 'i1', credential_id: null,
    });
    assert.equal(r, { id: '986908123123411213' });
  } finally {
    await srv.close();
  }
});

create('a reset after the server got the request is LostResponseError, sent once', async () => {
  const srv = await serve(() => 'destroy');
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    try {
      await api.create('ipacl', { name: 'i', ip_addresses: ['1.2.3.4'] });
      assert.unreachable();
    } catch (e) {
      assert.instance(e, LostResponseError);
    }
    assert.is(srv.seen.length, 1);
  } finally {
    await srv.close();
  }
});

create('a 2xx without the id is LostResponseError (the object was made)', async () => {
  const srv = await serve(() => ({ status: 201, json: { api_id: 'c', message: 'created' } }));
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    try {
      await api.create('credential', { name: 'c', username: 'user1', password: 'pw!12' });
      assert.unreachable();
    } catch (e) {
      assert.instance(e, LostResponseError);
      assert.match((e as Error).message, /credential_uuid/);
    }
    assert.is(srv.seen.length, 1);
  } finally {
    await srv.close();
  }
});

create.run();

const update = suite('PlivoApi.update / remove');

update('update posts the item with the demanded extras; remove deletes, 404 on retry is done', async () => {
  let deletes = 0;
  const srv = await serve((r) => {
    if (r.method === 'DELETE') return ++deletes === 1 ? 'destroy' : { status: 404, json: { error: 'not found' } };
    return { status: 202, json: { message: 'changed', api_id: 'u' } };
  });
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    await api.update('trunk', '123', {
      name: 'n', trunk_direction: 'inbound', trunk_status: 'enabled', secure: false,
      primary_uri_id: 'u1', fallback_uri_id: null, ipacl_id: null, credential_id: null,
    }, ['name']);
    assert.equal(srv.seen[0], { ...srv.seen[0], method: 'POST', path: 'Zentrunk/Trunk/123/', body: { name: 'n', trunk_direction: 'inbound' } });
    await api.remove('uri', 'u9');
    assert.is(srv.seen.filter((s) => s.method === 'DELETE').length, 2);
  } finally {
    await srv.close();
  }
});

update('401 is AuthError; other refusals are ApiError with the server message', async () => {
  const srv = await serve((r) => (r.path.startsWith('Endpoint') ? { status: 401 } : { status: 400, json: { api_id: 'b', error: 'invalid uri' } }));
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    try {
      await api.remove('endpoint', '1');
      assert.unreachable();
    } catch (e) {
      assert.instance(e, AuthError);
    }
    try {
      await api.update('uri', 'u1', { name: 'a', uri: '', authentication_needed: false, username: null, password: null }, ['uri']);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, ApiError);
      assert.is((e as Error).message, 'POST Zentrunk/URI/u1/: 400 invalid uri (api_id b)');
    }
  } finally {
    await srv.close();
  }
});

update.run();

const numbers = suite('PlivoApi and numbers');

const numberWire = (n: string, application: string | null) => ({
  added_on: '2026-01-05', alias: null, application, carrier: 'Plivo', number: n, number_type: 'local', region: 'California, UNITED STATES',
  resource_uri: `/v1/Account/${AUTH_ID}/Number/${n}/`, sms_enabled: true, sub_account: null, voice_enabled: true,
});

numbers('readAll leaves numbers out unless asked; asked, it pages Number/ like the others', async () => {
  const listed = Array.from({ length: 25 }, (_, i) => numberWire(`1415555${String(1000 + i)}`, i === 0 ? `/v1/Account/${AUTH_ID}/Zentrunk/Trunk/42741122632602585/` : null));
  const srv = await serve((r) => ({ status: 200, json: pageOf(r.path === 'Number/' ? listed : [], r.query) }));
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    const plain = await api.readAll();
    assert.equal(plain.number, []);
    assert.not.ok(srv.seen.some((s) => s.path === 'Number/'));
    const asked = await api.readAll(['trunk', 'number']);
    assert.is(asked.number.length, 25);
    assert.equal(asked.number[0], { kind: 'number', id: '14155551000', number: '14155551000', trunk_id: '42741122632602585', application: null });
    assert.equal(srv.seen.filter((s) => s.path === 'Number/').map((s) => s.query.get('offset')), ['0', '20']);
  } finally {
    await srv.close();
  }
});

numbers('get reads Number/{number}/; update posts app_id there with the trunk id', async () => {
  const srv = await serve((r) =>
    r.method === 'GET' ? { status: 200, json: { api_id: 'g', ...numberWire('14155551234', null) } } : { status: 202, json: { api_id: 'u', message: 'changed' } },
  );
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    assert.equal(await api.get('number', '14155551234'), { kind: 'number', id: '14155551234', number: '14155551234', trunk_id: null, application: null });
    await api.update('number', '14155551234', { trunk_id: '42741122632602585' }, ['trunk']);
    assert.equal(srv.seen.map((s) => [s.method, s.path, s.body]), [
      ['GET', 'Number/14155551234/', undefined],
      ['POST', 'Number/14155551234/', { app_id: '42741122632602585' }],
    ]);
  } finally {
    await srv.close();
  }
});

numbers('create and remove of a number are refused as caller bugs, before any request', async () => {
  const srv = await serve(() => ({ status: 201, json: { api_id: 'c', message: 'created' } }));
  try {
    const api = createPlivoApi(testConfig({ apiUrl: srv.url }), fast);
    for (const attempt of [() => api.create('number', { trunk_id: '1' }), () => api.remove('number', '14155551234')]) {
      try {
        await attempt();
        assert.unreachable('a number write went through');
      } catch (e) {
        assert.not.instance(e, ApiError);
        assert.match((e as Error).message, /^internal: numbers are never (created|deleted) by plivo-sync/);
      }
    }
    assert.is(srv.seen.length, 0);
  } finally {
    await srv.close();
  }
});

numbers.run();
