// Lists over real HTTP: the envelope, limit/offset validation, pagination edges (0, 1, 20, 21, 45 objects),
// creation order, meta.next/previous as documented per API, and the trunk list's filters.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, seedParents, UUID } from './helpers.js';

let e: Emulator;

/** Reads every page the way a client should: by offset + limit < total_count. */
async function readAll(path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for (let offset = 0; ; offset += limit) {
    const r = await call(e, 'GET', `${path}?limit=${limit}&offset=${offset}`);
    assert.is(r.status, 200);
    pages++;
    ids.push(...r.body.objects.map((o: Record<string, string>) => o.uri_uuid));
    if (offset + limit >= r.body.meta.total_count) return { ids, pages };
  }
}

const paging = suite('list pagination');
paging.before.each(async () => {
  e = await startEmulator({ rateLimit: 0 });
});
paging.after.each(() => e.close());

for (const n of [0, 1, 20, 21, 45]) {
  paging(`${n} objects: every one exactly once, in creation order, default page of 20`, async () => {
    const made = Array.from({ length: n }, (_, i) => e.seed('uri', { name: `u${i}`, uri: `10.0.0.${i + 1}` }).uri_uuid);
    const first = await call(e, 'GET', 'Zentrunk/URI/');
    assert.is(first.status, 200);
    assert.equal(Object.keys(first.body).sort(), ['api_id', 'meta', 'objects']);
    assert.is(first.body.meta.limit, 20);
    assert.is(first.body.meta.offset, 0);
    assert.is(first.body.meta.total_count, n);
    assert.is(first.body.objects.length, Math.min(n, 20));
    const { ids, pages } = await readAll('Zentrunk/URI/', 20);
    assert.equal(ids, made);
    assert.is(pages, Math.max(1, Math.ceil(n / 20)));
  });
}

paging('limit 1 walks 21 objects one at a time', async () => {
  const made = Array.from({ length: 21 }, (_, i) => e.seed('uri', { uri: `10.0.1.${i + 1}` }).uri_uuid);
  const { ids, pages } = await readAll('Zentrunk/URI/', 1);
  assert.equal(ids, made);
  assert.is(pages, 21);
});

paging('an offset past the end is an empty page with the true total', async () => {
  for (let i = 0; i < 3; i++) e.seed('uri', { uri: `10.0.2.${i + 1}` });
  const r = await call(e, 'GET', 'Zentrunk/URI/?offset=50');
  assert.is(r.status, 200);
  assert.equal(r.body.objects, []);
  assert.is(r.body.meta.total_count, 3);
  assert.is(r.body.meta.next, null);
});

paging('bad limit and offset are 400', async () => {
  for (const q of ['limit=0', 'limit=21', 'limit=-1', 'limit=abc', 'limit=2.5', 'limit=', 'offset=-1', 'offset=x', 'offset=1.5', 'offset=']) {
    for (const path of ['Zentrunk/Trunk/', 'Endpoint/']) {
      const r = await call(e, 'GET', `${path}?${q}`);
      assert.is(r.status, 400, `${path}?${q}`);
      assert.match(r.body.api_id, UUID);
      assert.ok(r.body.error, q);
    }
  }
});

paging('limit 1 and 20 are accepted', async () => {
  assert.is((await call(e, 'GET', 'Endpoint/?limit=1')).status, 200);
  assert.is((await call(e, 'GET', 'Endpoint/?limit=20')).status, 200);
});

paging('Zentrunk next/previous have no leading slash; Endpoint ones do', async () => {
  for (let i = 0; i < 5; i++) {
    e.seed('uri', { uri: `10.0.3.${i + 1}` });
    e.seed('endpoint', { username: `user${i}`, password: 'secret', alias: `a${i}` });
  }
  const z = await call(e, 'GET', 'Zentrunk/URI/?limit=2&offset=2');
  assert.is(z.body.meta.next, `v1/Account/${e.authId}/Zentrunk/URI/?limit=2&offset=4`);
  assert.is(z.body.meta.previous, `v1/Account/${e.authId}/Zentrunk/URI/?limit=2&offset=0`);
  const ep = await call(e, 'GET', 'Endpoint/?limit=2&offset=4');
  assert.is(ep.body.meta.next, null);
  assert.is(ep.body.meta.previous, `/v1/Account/${e.authId}/Endpoint/?limit=2&offset=2`);
  const first = await call(e, 'GET', 'Endpoint/?limit=2');
  assert.is(first.body.meta.previous, null);
  assert.is(first.body.meta.next, `/v1/Account/${e.authId}/Endpoint/?limit=2&offset=2`);
});

paging('an update keeps the object in its place in the list', async () => {
  const ids = [0, 1, 2].map((i) => e.seed('ipacl', { name: `a${i}`, ip_addresses: ['10.0.0.1'] }).ipacl_uuid);
  assert.is((await call(e, 'POST', `Zentrunk/IPAccessControlList/${ids[0]}/`, { name: 'renamed' })).status, 202);
  const r = await call(e, 'GET', 'Zentrunk/IPAccessControlList/');
  assert.equal(r.body.objects.map((o: Record<string, string>) => o.ipacl_uuid), ids);
});

paging.run();

const filters = suite('trunk list filters');
filters.before(async () => {
  e = await startEmulator({ rateLimit: 0 });
  const p = seedParents(e);
  e.seed('trunk', { name: 'in1', trunk_direction: 'inbound', primary_uri_uuid: p.uri, fallback_uri_uuid: p.uri2 });
  e.seed('trunk', { name: 'in2', trunk_direction: 'inbound', primary_uri_uuid: p.uri2, trunk_status: 'disabled', secure: true });
  e.seed('trunk', { name: 'out1', trunk_direction: 'outbound', ipacl_uuid: p.ipacl });
  e.seed('trunk', { name: 'out2', trunk_direction: 'outbound', credential_uuid: p.credential, secure: true });
});
filters.after(() => e.close());

async function names(query: string): Promise<string[]> {
  const r = await call(e, 'GET', `Zentrunk/Trunk/?${query}`);
  assert.is(r.status, 200, query);
  assert.is(r.body.meta.total_count, r.body.objects.length);
  return r.body.objects.map((o: Record<string, string>) => o.name);
}

filters('trunk_direction, trunk_status and secure filter', async () => {
  assert.equal(await names('trunk_direction=outbound'), ['out1', 'out2']);
  assert.equal(await names('trunk_status=disabled'), ['in2']);
  assert.equal(await names('secure=true'), ['in2', 'out2']);
  assert.equal(await names('secure=false&trunk_direction=inbound'), ['in1']);
});

filters('the *_uuid filters match references', async () => {
  const [uri, uri2] = e.dump('uri').map((u) => u.uri_uuid as string);
  assert.equal(await names(`primary_uri_uuid=${uri}`), ['in1']);
  assert.equal(await names(`fallback_uri_uuid=${uri2}`), ['in1']);
  assert.equal(await names(`ipacl_uuid=${e.dump('ipacl')[0].ipacl_uuid as string}`), ['out1']);
  assert.equal(await names(`credential_uuid=${e.dump('credential')[0].credential_uuid as string}`), ['out2']);
  assert.equal(await names('ipacl_uuid=00000000-0000-4000-8000-000000000000'), []);
});

filters('bad filter values are 400', async () => {
  for (const q of ['trunk_direction=sideways', 'trunk_status=on', 'secure=yes', 'ipacl_uuid=']) {
    assert.is((await call(e, 'GET', `Zentrunk/Trunk/?${q}`)).status, 400, q);
  }
});

filters.run();
