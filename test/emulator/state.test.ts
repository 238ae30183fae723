// State persistence: everything acknowledged survives a restart and a SIGKILL (the file is written before the
// answer goes out), writes are atomic, ids never repeat after a restart, and a corrupt file stops startup.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KINDS } from '../../src/model.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { basic, call } from './helpers.js';
import { spawnEmulator } from './spawn.js';

let dir: string;
let statePath: string;
const fresh = () => {
  dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
  statePath = join(dir, 'account.json');
};
const cleanup = () => rmSync(dir, { recursive: true, force: true });

/** One object of every kind, created over HTTP. */
async function populate(e: Emulator): Promise<void> {
  const uri = (await call(e, 'POST', 'Zentrunk/URI/', { name: 'pbx', uri: 'sip.example.com', authentication_needed: true, username: 'u', password: 'uri-secret-1' })).body.uri_uuid;
  const acl = (await call(e, 'POST', 'Zentrunk/IPAccessControlList/', { name: 'office', ip_addresses: ['10.0.0.0/8'] })).body.ipacl_uuid;
  await call(e, 'POST', 'Zentrunk/Credential/', { name: 'c', username: 'pbxuser1', password: 'Cred#secret' });
  await call(e, 'POST', 'Zentrunk/Trunk/', { name: 'in', trunk_direction: 'inbound', primary_uri_uuid: uri });
  await call(e, 'POST', 'Zentrunk/Trunk/', { name: 'out', trunk_direction: 'outbound', ipacl_uuid: acl });
  await call(e, 'POST', 'Endpoint/', { username: 'alice', password: 'endpoint-secret', alias: 'alice' });
}

const restart = suite('state across a restart');
restart.before.each(fresh);
restart.after.each(cleanup);

restart('every kind is back after close and start with the same file', async () => {
  const a = await startEmulator({ rateLimit: 0, statePath });
  await populate(a);
  const before = Object.fromEntries(KINDS.map((k) => [k, a.dump(k)]));
  await a.close();
  const b = await startEmulator({ rateLimit: 0, statePath });
  try {
    for (const k of KINDS) assert.equal(b.dump(k), before[k], k);
    // served over HTTP too, with the same credentials (derived from the same seed)
    assert.is(b.authId, a.authId);
    assert.is((await call(b, 'GET', 'Zentrunk/Trunk/')).body.meta.total_count, 2);
  } finally {
    await b.close();
  }
});

restart('ids handed out after a restart are new', async () => {
  const a = await startEmulator({ rateLimit: 0, statePath });
  const first = Array.from({ length: 5 }, () => a.seed('ipacl', { ip_addresses: ['10.0.0.1'] }).ipacl_uuid);
  await a.close();
  const b = await startEmulator({ rateLimit: 0, statePath });
  try {
    const next = Array.from({ length: 5 }, () => b.seed('ipacl', { ip_addresses: ['10.0.0.1'] }).ipacl_uuid);
    assert.is(new Set([...first, ...next]).size, 10);
    assert.is(b.dump('ipacl').length, 10);
  } finally {
    await b.close();
  }
});

restart('the file holds no plain-text passwords', async () => {
  const a = await startEmulator({ rateLimit: 0, statePath });
  await populate(a);
  await a.close();
  const text = readFileSync(statePath, 'utf8');
  for (const secret of ['uri-secret-1', 'Cred#secret', 'endpoint-secret']) assert.not.ok(text.includes(secret), secret);
});

restart.run();

const durable = suite('state written before the answer');
durable.before.each(fresh);
durable.after.each(cleanup);

durable('the file already holds a change when its answer arrives, and no temp file is left', async () => {
  const e = await startEmulator({ rateLimit: 0, statePath });
  try {
    const r = await call(e, 'POST', 'Zentrunk/URI/', { uri: 'sip.example.com' });
    const onDisk = JSON.parse(readFileSync(statePath, 'utf8'));
    assert.equal(onDisk.objects.uri.map((u: Record<string, string>) => u.uri_uuid), [r.body.uri_uuid]);
    assert.is((await call(e, 'DELETE', `Zentrunk/URI/${r.body.uri_uuid}/`)).status, 204);
    assert.equal(JSON.parse(readFileSync(statePath, 'utf8')).objects.uri, []);
    assert.equal(readdirSync(dir), ['account.json']);
  } finally {
    await e.close();
  }
});

durable('a SIGKILLed emulator keeps everything it acknowledged', async () => {
  const child = await spawnEmulator({ state: statePath, rateLimit: 0, seed: 5 });
  const e = { url: child.url, authId: child.authId, authToken: child.authToken } as Emulator;
  const made: string[] = [];
  for (let i = 0; i < 10; i++) {
    made.push((await call(e, 'POST', 'Endpoint/', { username: `user${i}`, password: 'secret', alias: `a${i}` })).body.endpoint_id);
  }
  child.proc.kill('SIGKILL');
  const exit = await child.exited;
  assert.is(exit.signal, 'SIGKILL');
  const back = await startEmulator({ rateLimit: 0, statePath, seed: 5 });
  try {
    assert.equal(back.dump('endpoint').map((o) => o.endpoint_id), made);
    assert.is(back.authId, child.authId);
    const r = await fetch(`${back.url}/v1/Account/${back.authId}/Endpoint/?limit=20`, { headers: { authorization: basic(back.authId, back.authToken) } });
    assert.is((await r.json()).meta.total_count, 10);
  } finally {
    await back.close();
  }
});

durable.run();

const corrupt = suite('corrupt state file');
corrupt.before.each(fresh);
corrupt.after.each(cleanup);

for (const [what, text] of [
  ['not JSON', '{"version": 1, '],
  ['not an object', '[]'],
  ['an unknown version', '{"version": 9, "idState": 1, "objects": {}}'],
  ['a missing kind', '{"version": 1, "idState": 1, "objects": {"uri": []}}'],
  ['an object without its id', '{"version": 1, "idState": 1, "objects": {"uri": [{"name": "x"}], "credential": [], "ipacl": [], "trunk": [], "endpoint": []}}'],
]) {
  corrupt(`${what}: startup fails with a clear message and the file is left alone`, async () => {
    writeFileSync(statePath, text);
    let message = '';
    try {
      const e = await startEmulator({ statePath });
      await e.close();
    } catch (err) {
      message = (err as Error).message;
    }
    assert.match(message, statePath);
    assert.match(message, 'not usable');
    assert.is(readFileSync(statePath, 'utf8'), text);
  });
}

corrupt('a missing file starts empty and is created on the first change', async () => {
  const e = await startEmulator({ rateLimit: 0, statePath });
  try {
    assert.not.ok(existsSync(statePath));
    e.seed('uri', { uri: 'sip.example.com' });
    assert.ok(existsSync(statePath));
  } finally {
    await e.close();
  }
});

corrupt.run();
