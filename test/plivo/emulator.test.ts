// The client against the emulator (src/emulator), a second reading of the same docs: CRUD round trips per kind,
// pagination, pacing under the default rate limit, and the emulator's faults.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiConfig } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createPlivoApi, type ClientDeps } from '../../src/plivo/index.js';
import { ApiError, AuthError, LostResponseError } from '../../src/plivo/errors.js';

/** Retries that wait milliseconds, not seconds: the suite stays fast and the retry logic is still exercised. */
const FAST: ClientDeps = { retry: { baseMs: 2, capMs: 20 } };

function configFor(emu: Emulator, over: Partial<ApiConfig> = {}): ApiConfig {
  return { apiUrl: emu.url, authId: emu.authId, authToken: emu.authToken, concurrency: 10, rateLimit: 300, timeoutMs: 5000, debug: false, ...over };
}

async function withEmulator(opts: Parameters<typeof startEmulator>[0], fn: (emu: Emulator) => Promise<void>): Promise<void> {
  const emu = await startEmulator({ seed: 7, ...opts });
  try {
    await fn(emu);
  } finally {
    await emu.close();
  }
}

const count = (emu: Emulator, status: number): number => emu.stats.byStatus[status] ?? 0;

const crud = suite('PlivoApi against the emulator: create, get, list, update, remove');

crud('every kind round-trips, with the extras each update demands', () =>
  withEmulator({}, async (emu) => {
    const api = createPlivoApi(configFor(emu), FAST);
    const uri = await api.create('uri', { name: 'pbx', uri: 'sip.example.com:5060', authentication_needed: true, username: 'plivo_in', password: 'pw!12345' });
    const fallback = await api.create('uri', { name: 'pbx2', uri: 'sip2.example.com', authentication_needed: false, username: null, password: null });
    const cred = await api.create('credential', { name: 'office', username: 'office01', password: 'Secr3t!x' });
    const acl = await api.create('ipacl', { name: 'office-ips', ip_addresses: ['203.0.113.10', '198.51.100.0/24'] });
    const inbound = await api.create('trunk', {
      name: 'in', trunk_direction: 'inbound', trunk_status: 'enabled', secure: false,
      primary_uri_id: uri.id, fallback_uri_id: fallback.id, ipacl_id: null, credential_id: null,
    });
    const outbound = await api.create('trunk', {
      name: 'out', trunk_direction: 'outbound', trunk_status: 'enabled', secure: true,
      primary_uri_id: null, fallback_uri_id: null, ipacl_id: acl.id, credential_id: cred.id,
    });
    const ep = await api.create('endpoint', { username: 'alice', alias: 'Alice', password: 'secret123' });
    assert.match(ep.username ?? '', /^alice\d{12}$/);

    const t = await api.get('trunk', inbound.id);
    assert.is(t?.primary_uri_id, uri.id);
    assert.is(t?.fallback_uri_id, fallback.id);
    assert.match(t?.trunk_domain ?? '', new RegExp(`^${inbound.id}\\.`));
    assert.is((await api.get('uri', uri.id))?.username, 'plivo_in');
    assert.equal((await api.get('ipacl', acl.id))?.ip_addresses, ['203.0.113.10', '198.51.100.0/24']);
    assert.is((await api.get('endpoint', ep.id))?.username, ep.username);

    await api.update('uri', uri.id, { name: 'pbx', uri: 'sip.example.com:5060', authentication_needed: true, username: 'plivo_in', password: 'n3w-pass!' }, ['password']);
    await api.update('credential', cred.id, { name: 'office-2', username: 'office01', password: 'Secr3t!x' }, ['name']);
    await api.update('ipacl', acl.id, { name: 'office-ips', ip_addresses: ['203.0.113.11'] }, ['ip_addresses']);
    await api.update('trunk', outbound.id, {
      name: 'out', trunk_direction: 'outbound', trunk_status: 'disabled', secure: true,
      primary_uri_id: null, fallback_uri_id: null, ipacl_id: acl.id, credential_id: cred.id,
    }, ['trunk_status']);
    await api.update('endpoint', ep.id, { username: 'alice', alias: 'Alice-2', password: 'secret123' }, ['alias']);

    const live = await api.readAll();
    assert.is(live.uri.length, 2);
    assert.is(live.credential.find((c) => c.id === cred.id)?.name, 'office-2');
    assert.equal(live.ipacl[0].ip_addresses, ['203.0.113.11']);
    assert.is(live.trunk.find((x) => x.id === outbound.id)?.trunk_status, 'disabled');
    assert.is(live.endpoint[0].alias, 'Alice-2');

    await api.remove('trunk', outbound.id);
    await api.remove('endpoint', ep.id);
    assert.is(await api.get('trunk', outbound.id), null);
    assert.is(await api.get('endpoint', ep.id), null);
    assert.is(count(emu, 429), 0);
  }),
);

crud('unsetting a trunk reference and detaching an endpoint application', () =>
  withEmulator({}, async (emu) => {
    const api = createPlivoApi(configFor(emu), FAST);
    const a = await api.create('uri', { name: 'a', uri: 'a.example.com', authentication_needed: false, username: null, password: null });
    const b = await api.create('uri', { name: 'b', uri: 'b.example.com', authentication_needed: false, username: null, password: null });
    const write = {
      name: 't', trunk_direction: 'inbound' as const, trunk_status: 'enabled' as const, secure: false,
      primary_uri_id: a.id, fallback_uri_id: b.id, ipacl_id: null, credential_id: null,
    };
    const t = await api.create('trunk', write);
    await api.update('trunk', t.id, { ...write, fallback_uri_id: null }, ['fallback_uri_id']);
    assert.is((await api.get('trunk', t.id))?.fallback_uri_id, null);

    const ep = await api.create('endpoint', { username: 'bob', alias: 'Bob', password: 'secret123' });
    await api.update('endpoint', ep.id, { username: 'bob', alias: 'Bob', password: 'secret123', app_id: null }, ['app_id']);
    assert.is((await api.get('endpoint', ep.id))?.app_id, null);
  }),
);

crud('numbers: seeded ones are listed when asked, routed to a trunk by update, and read back as routed', () =>
  withEmulator({}, async (emu) => {
    const api = createPlivoApi(configFor(emu), FAST);
    const pbx = await api.create('uri', { name: 'pbx', uri: 'pbx.example.com', authentication_needed: false, username: null, password: null });
    const t = await api.create('trunk', {
      name: 'in', trunk_direction: 'inbound', trunk_status: 'enabled', secure: false,
      primary_uri_id: pbx.id, fallback_uri_id: null, ipacl_id: null, credential_id: null,
    });
    emu.seed('number', { number: '14155551234' });
    emu.seed('number', { number: '442071838750', app_id: '33406267401237901' });
    assert.equal((await api.readAll()).number, []);
    const before = (await api.readAll(['number'])).number;
    assert.equal(before.map((n) => [n.id, n.trunk_id, n.application]), [
      ['14155551234', null, null],
      ['442071838750', null, `/v1/Account/${emu.authId}/Application/33406267401237901/`],
    ]);
    await api.update('number', '442071838750', { trunk_id: t.id }, ['trunk']);
    assert.equal(await api.get('number', '442071838750'), { kind: 'number', id: '442071838750', number: '442071838750', trunk_id: t.id, application: null });
  }),
);

crud('wrong credentials are an AuthError', () =>
  withEmulator({}, async (emu) => {
    const api = createPlivoApi(configFor(emu, { authToken: 'wrong-token-123' }), FAST);
    try {
      await api.list('uri');
      assert.unreachable();
    } catch (e) {
      assert.instance(e, AuthError);
      assert.not.match((e as Error).message, 'wrong-token-123');
    }
  }),
);

crud('a create the API refuses is an ApiError with its status and message', () =>
  withEmulator({}, async (emu) => {
    const api = createPlivoApi(configFor(emu), FAST);
    try {
      await api.create('trunk', {
        name: 't', trunk_direction: 'inbound', trunk_status: 'enabled', secure: false,
        primary_uri_id: 'no-such-uri', fallback_uri_id: null, ipacl_id: null, credential_id: null,
      });
      assert.unreachable();
    } catch (e) {
      assert.instance(e, ApiError);
      assert.not.instance(e, LostResponseError);
      const err = e as ApiError;
      assert.ok(err.status !== null && err.status >= 400 && err.status < 500, String(err.status));
      assert.match(err.message, /^POST Zentrunk\/Trunk\/: 4\d\d /);
    }
    assert.equal(emu.dump('trunk'), []);
  }),
);

crud.run();

const paging = suite('PlivoApi.list against the emulator');

for (const n of [0, 1, 20, 21, 45, 1000]) {
  paging(`${n} objects: each exactly once, one request per page`, () =>
    withEmulator({}, async (emu) => {
      for (let i = 0; i < n; i++) emu.seed('ipacl', { name: `acl-${i}`, ip_addresses: [`10.0.${i >> 8}.${i & 255}`] });
      emu.resetStats();
      const api = createPlivoApi(configFor(emu), FAST);
      const got = await api.list('ipacl');
      assert.is(got.length, n);
      assert.is(new Set(got.map((o) => o.id)).size, n);
      assert.equal(new Set(got.map((o) => o.name)), new Set(emu.dump('ipacl').map((o) => o.name)));
      // every page, and the empty one after a full last page (only it can show an understated total_count)
      assert.is(emu.stats.requests, Math.max(1, Math.ceil(n / 20)) + (n > 0 && n % 20 === 0 ? 1 : 0));
    }),
  );
}

paging('the concurrency bound holds at the server', () =>
  withEmulator({ latencyMs: 5 }, async (emu) => {
    for (let i = 0; i < 200; i++) emu.seed('credential', { name: `c${i}`, username: `user${i}x`, password: 'pass!word1' });
    emu.resetStats();
    const api = createPlivoApi(configFor(emu, { concurrency: 4 }), FAST);
    await api.readAll();
    assert.ok(emu.stats.maxInFlight <= 4, `max in flight ${emu.stats.maxInFlight}`);
    assert.is(emu.stats.maxInFlight, 4);
  }),
);

paging.run();

const pacing = suite('pacing against the emulator’s default rate limit');

pacing('400 GETs at full speed draw no 429', () =>
  withEmulator({}, async (emu) => {
    const uri = emu.seed('uri', { name: 'u', uri: 'sip.example.com' });
    const id = String(uri.uri_uuid);
    const api = createPlivoApi(configFor(emu, { concurrency: 20 }), FAST);
    const got = await Promise.all(Array.from({ length: 400 }, () => api.get('uri', id)));
    assert.ok(got.every((u) => u?.id === id));
    assert.is(count(emu, 429), 0);
    assert.is(api.stats().throttled, 0);
    assert.is(emu.stats.requests, 400);
  }),
);

pacing('without pacing the same burst is throttled, and retries still get every answer', () =>
  withEmulator({ rateLimit: 50 }, async (emu) => {
    const uri = emu.seed('uri', { name: 'u', uri: 'sip.example.com' });
    const id = String(uri.uri_uuid);
    // Pacing off, so the emulator's limiter answers 429; backoff long enough for its window to move on.
    const api = createPlivoApi(configFor(emu, { rateLimit: 0 }), { retry: { baseMs: 2, capMs: 20, maxAttempts: 8 } });
    const first = await Promise.allSettled(Array.from({ length: 60 }, () => api.get('uri', id)));
    assert.ok(count(emu, 429) > 0);
    assert.ok(api.stats().throttled > 0);
    // Each 429 was either retried into success or reported as a 429 ApiError: never anything else.
    for (const r of first) {
      if (r.status === 'rejected') assert.is((r.reason as ApiError).status, 429);
      else assert.is(r.value?.id, id);
    }
  }),
);

pacing.run();

const faults = suite('faults injected by the emulator');

faults('reads succeed through 500s and resets, and the retries are counted', () =>
  withEmulator({}, async (emu) => {
    for (let i = 0; i < 100; i++) emu.seed('uri', { name: `u${i}`, uri: `h${i}.example.com` });
    emu.setFaults('500=0.15,reset=0.15');
    emu.resetStats();
    const api = createPlivoApi(configFor(emu), { retry: { baseMs: 2, capMs: 20, maxAttempts: 10 } });
    const live = await api.readAll();
    assert.is(live.uri.length, 100);
    const s = api.stats();
    assert.ok(s.retries > 0, 'some requests were retried');
    assert.is(s.requests, emu.stats.requests);
    assert.ok(count(emu, 500) > 0);
    const ids = live.uri.map((u) => u.id);
    const got = await Promise.all(ids.map((id) => api.get('uri', id)));
    assert.ok(got.every((u, i) => u?.id === ids[i]));
  }),
);

faults('a lost-response create throws LostResponseError, is sent once, and the object exists', () =>
  withEmulator({}, async (emu) => {
    emu.setFaults('lost=1');
    emu.resetStats();
    const api = createPlivoApi(configFor(emu), FAST);
    try {
      await api.create('credential', { name: 'c', username: 'office01', password: 'Secr3t!x' });
      assert.unreachable();
    } catch (e) {
      assert.instance(e, LostResponseError);
    }
    assert.is(emu.stats.byMethod.POST, 1);
    assert.is(emu.dump('credential').length, 1);
    emu.setFaults(null);
    assert.is((await api.list('credential'))[0].username, 'office01');
  }),
);

faults('a create answered 500 is LostResponseError too, and never re-sent', () =>
  withEmulator({}, async (emu) => {
    emu.setFaults('500=1');
    emu.resetStats();
    const api = createPlivoApi(configFor(emu), FAST);
    try {
      await api.create('ipacl', { name: 'x', ip_addresses: ['10.0.0.1'] });
      assert.unreachable();
    } catch (e) {
      assert.instance(e, LostResponseError);
    }
    assert.is(emu.stats.byMethod.POST, 1);
  }),
);

faults('a request that never answers is cut off by the timeout: GET retried, create lost', () =>
  withEmulator({}, async (emu) => {
    emu.setFaults('hang=1');
    const api = createPlivoApi(configFor(emu, { timeoutMs: 100 }), { retry: { baseMs: 1, capMs: 2, maxAttempts: 2 } });
    try {
      await api.list('uri');
      assert.unreachable();
    } catch (e) {
      assert.instance(e, ApiError);
      assert.match((e as Error).message, /no answer within 100 ms/);
      assert.is(api.stats().requests, 2);
    }
    try {
      await api.create('uri', { name: 'x', uri: 'x.example.com', authentication_needed: false, username: null, password: null });
      assert.unreachable();
    } catch (e) {
      assert.instance(e, LostResponseError);
      assert.is(api.stats().requests, 3);
    }
  }),
);

faults('debug tracing against a real server never shows the token or a password', () =>
  withEmulator({}, async (emu) => {
    const lines: string[] = [];
    const api = createPlivoApi(configFor(emu, { debug: true }), { ...FAST, trace: (l) => lines.push(l) });
    const ep = await api.create('endpoint', { username: 'carol', alias: 'Carol', password: 'VeryPrivate99' });
    await api.get('endpoint', ep.id);
    await api.create('credential', { name: 'c', username: 'office01', password: 'Secr3t!x' });
    const all = lines.join('\n');
    assert.ok(lines.length >= 6);
    for (const secret of [emu.authToken, 'VeryPrivate99', 'Secr3t!x', Buffer.from(`${emu.authId}:${emu.authToken}`).toString('base64')]) {
      assert.not.ok(all.includes(secret), 'a secret reached the trace');
    }
  }),
);

faults.run();
