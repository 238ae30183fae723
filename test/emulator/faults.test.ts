// Fault injection and the rate limit over real HTTP: 500s, lost creates, resets before/after performing,
// hangs, added latency, reproducibility from the seed, and 429 beyond the per-account window.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { basic, call, UUID } from './helpers.js';

async function withEmulator<T>(opts: EmulatorOptions, fn: (e: Emulator) => Promise<T>): Promise<T> {
  const e = await startEmulator({ rateLimit: 0, ...opts });
  try {
    return await fn(e);
  } finally {
    await e.close();
  }
}

/** The status of each call, or "reset" when the connection died without an answer. */
async function statuses(e: Emulator, n: number, method = 'GET', path = 'Endpoint/', body?: (i: number) => unknown): Promise<(number | string)[]> {
  const out: (number | string)[] = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push((await call(e, method, path, body?.(i))).status);
    } catch {
      out.push('reset');
    }
  }
  return out;
}

const error500 = suite('fault error500');

error500('every request answered 500 {api_id, error} before anything is done', async () => {
  await withEmulator({ faults: '500=1' }, async (e) => {
    const r = await call(e, 'POST', 'Zentrunk/URI/', { uri: 'sip.example.com' });
    assert.is(r.status, 500);
    assert.match(r.body.api_id, UUID);
    assert.type(r.body.error, 'string');
    assert.is(e.dump('uri').length, 0);
  });
});

error500('a fraction is reproducible from the seed and differs between seeds', async () => {
  const run = (seed: number) => withEmulator({ faults: { error500: 0.5 }, seed }, (e) => statuses(e, 40));
  const a = await run(7);
  assert.equal(await run(7), a);
  assert.ok(a.includes(500) && a.includes(200), 'both outcomes occur');
  assert.not.equal(await run(8), a);
});

error500('seed() and dump() never see faults', async () => {
  await withEmulator({ faults: '500=1,reset=1,hang=1' }, async (e) => {
    const u = e.seed('uri', { uri: 'sip.example.com' });
    assert.equal(e.dump('uri'), [u]);
  });
});

error500('setFaults turns faults on after seeding and off again', async () => {
  await withEmulator({}, async (e) => {
    assert.is((await call(e, 'GET', 'Endpoint/')).status, 200);
    e.setFaults('500=1');
    assert.is((await call(e, 'GET', 'Endpoint/')).status, 500);
    e.setFaults(null);
    assert.is((await call(e, 'GET', 'Endpoint/')).status, 200);
    assert.throws(() => e.setFaults({ error500: 2 }), /between 0 and 1/);
  });
});

error500.run();

const lost = suite('fault lostCreate');

lost('a create is performed and then answered 500', async () => {
  await withEmulator({ faults: 'lost=1' }, async (e) => {
    const r = await call(e, 'POST', 'Endpoint/', { username: 'alice', password: 'secret', alias: 'a' });
    assert.is(r.status, 500);
    assert.is(e.dump('endpoint').length, 1);
  });
});

lost('reads, updates, deletes and failed creates are not affected', async () => {
  await withEmulator({ faults: 'lost=1' }, async (e) => {
    const id = e.seed('ipacl', { ip_addresses: ['10.0.0.1'] }).ipacl_uuid;
    assert.is((await call(e, 'GET', 'Zentrunk/IPAccessControlList/')).status, 200);
    assert.is((await call(e, 'POST', `Zentrunk/IPAccessControlList/${id}/`, { name: 'n' })).status, 202);
    assert.is((await call(e, 'POST', 'Zentrunk/IPAccessControlList/', {})).status, 422);
    assert.is((await call(e, 'DELETE', `Zentrunk/IPAccessControlList/${id}/`)).status, 204);
  });
});

lost.run();

const reset = suite('fault reset');

reset('connections die without an answer, half before and half after performing, reproducibly', async () => {
  const run = () =>
    withEmulator({ faults: 'reset=1', seed: 3 }, async (e) => {
      const got = await statuses(e, 20, 'POST', 'Zentrunk/URI/', (i) => ({ name: `u${i}`, uri: 'sip.example.com' }));
      assert.ok(got.every((s) => s === 'reset'), 'no request was answered');
      return e.dump('uri').map((u) => u.name);
    });
  const performed = await run();
  assert.ok(performed.length > 0 && performed.length < 20, `some but not all were performed (${performed.length})`);
  assert.equal(await run(), performed);
});

reset.run();

const hang = suite('fault hang');

hang('a hanging request is never answered; the client gives up', async () => {
  await withEmulator({ faults: 'hang=1' }, async (e) => {
    const url = `${e.url}/v1/Account/${e.authId}/Endpoint/`;
    const auth = 'Basic ' + Buffer.from(`${e.authId}:${e.authToken}`).toString('base64');
    let error: unknown = null;
    try {
      await fetch(url, { headers: { authorization: auth }, signal: AbortSignal.timeout(200) });
    } catch (err) {
      error = err;
    }
    assert.ok(error, 'the request timed out');
  });
});

hang('close() ends hanging requests instead of waiting for them', async () => {
  const e = await startEmulator({ rateLimit: 0, faults: 'hang=1' });
  const url = `${e.url}/v1/Account/${e.authId}/Endpoint/`;
  const auth = 'Basic ' + Buffer.from(`${e.authId}:${e.authToken}`).toString('base64');
  const pending = fetch(url, { headers: { authorization: auth } }).then(
    () => 'answered',
    () => 'failed',
  );
  while (e.stats.inFlight === 0) await new Promise((r) => setTimeout(r, 5));
  await e.close();
  assert.is(await pending, 'failed');
  assert.is(e.stats.inFlight, 0);
});

hang.run();

const mixed = suite('fault mix');

mixed('the same seed and spec give the same outcomes and the same stored objects', async () => {
  const run = () =>
    withEmulator({ faults: '500=0.2,lost=0.3,reset=0.2,hang=0.1', seed: 11 }, async (e) => {
      const outcomes: (number | string)[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          const res = await fetch(`${e.url}/v1/Account/${e.authId}/Zentrunk/IPAccessControlList/`, {
            method: 'POST',
            headers: { authorization: basic(e.authId, e.authToken), 'content-type': 'application/json' },
            body: JSON.stringify({ name: `a${i}`, ip_addresses: ['10.0.0.1'] }),
            signal: AbortSignal.timeout(600),
          });
          outcomes.push(res.status);
        } catch (err) {
          outcomes.push((err as Error).name === 'TimeoutError' ? 'hang' : 'reset');
        }
      }
      return { outcomes, stored: e.dump('ipacl').map((a) => a.name) };
    });
  const first = await run();
  assert.equal(await run(), first);
  for (const o of [201, 500, 'reset', 'hang']) assert.ok(first.outcomes.includes(o), `${o} occurs`);
  // lost creates (500 after performing) and resets after performing are stored; refusals are not
  assert.ok(first.stored.length > first.outcomes.filter((o) => o === 201).length);
});

mixed.run();

const latency = suite('latency');

latency('latencyMs and the latency fault delay every answer', async () => {
  for (const opts of [{ latencyMs: 120 }, { faults: 'latency=120' }] as EmulatorOptions[]) {
    await withEmulator(opts, async (e) => {
      const started = performance.now();
      assert.is((await call(e, 'GET', 'Endpoint/')).status, 200);
      // a lower bound only: the delay was added (how fast the rest is belongs in benchmarks)
      assert.ok(performance.now() - started >= 110, JSON.stringify(opts));
    });
  }
});

latency.run();

const rate = suite('rate limit');

rate('beyond the limit in 5 s: 429 {api_id, error:"too many requests"}, no Retry-After, nothing performed', async () => {
  let now = 1_000_000;
  await withEmulator({ rateLimit: 5, now: () => now }, async (e) => {
    assert.equal(await statuses(e, 5), [200, 200, 200, 200, 200]);
    const r = await call(e, 'POST', 'Zentrunk/URI/', { uri: 'sip.example.com' });
    assert.is(r.status, 429);
    assert.match(r.body.api_id, UUID);
    assert.is(r.body.error, 'too many requests');
    assert.is(r.headers.get('retry-after'), null);
    assert.is(e.dump('uri').length, 0);
    now += 5000;
    assert.is((await call(e, 'GET', 'Endpoint/')).status, 200);
  });
});

rate('the window slides: requests leave it 5 s after they were made', async () => {
  let now = 1_000_000;
  await withEmulator({ rateLimit: 5, now: () => now }, async (e) => {
    assert.equal(await statuses(e, 3), [200, 200, 200]);
    now += 3000;
    assert.equal(await statuses(e, 3), [200, 200, 429]);
    now += 2000; // the first three have left the window, the two at +3 s have not
    assert.equal(await statuses(e, 4), [200, 200, 200, 429]);
  });
});

rate('the default is the live 300 per 5 s', async () => {
  const e = await startEmulator({ now: () => 0 });
  try {
    const got = await statuses(e, 301);
    assert.is(got.filter((s) => s === 200).length, 300);
    assert.is(got[300], 429);
  } finally {
    await e.close();
  }
});

rate('unauthenticated requests do not use up the account\'s budget; setRateLimit(0) turns it off', async () => {
  await withEmulator({ rateLimit: 2, now: () => 0 }, async (e) => {
    for (let i = 0; i < 5; i++) assert.is((await call(e, 'GET', 'Endpoint/', undefined, { auth: null })).status, 401);
    assert.equal(await statuses(e, 3), [200, 200, 429]);
    e.setRateLimit(0);
    assert.equal(await statuses(e, 3), [200, 200, 200]);
  });
});

rate.run();
