// What plan and apply share: which kinds are read, password hashes topped up, and what --prune may name.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kindsToRead, readLive, resolvePlanOptions, type PlanFlags } from '../../src/commands/context.js';
import { UsageError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { emptyDesiredState, emptyLiveState, type DesiredState, type Kind } from '../../src/model.js';
import type { PlivoApi } from '../../src/plivo/api.js';

function declaring(...kinds: Kind[]): DesiredState {
  return { ...emptyDesiredState(), declared: kinds };
}

const flags = (over: Partial<PlanFlags> = {}): PlanFlags => ({ rotate: [], force: false, ...over });

const read = suite('kindsToRead');

read('numbers only when the manifest declares them; every other kind always', () => {
  assert.equal(kindsToRead(declaring('trunk')), ['uri', 'credential', 'ipacl', 'trunk', 'endpoint']);
  assert.equal(kindsToRead(declaring()), ['uri', 'credential', 'ipacl', 'trunk', 'endpoint']);
  assert.equal(kindsToRead(null), ['uri', 'credential', 'ipacl', 'trunk', 'endpoint']);
  assert.equal(kindsToRead(declaring('trunk', 'number')), ['uri', 'credential', 'ipacl', 'trunk', 'endpoint', 'number']);
});

read.run();

const live = suite('readLive');

live('asks the API for the kinds the manifest needs', async () => {
  const asked: Kind[][] = [];
  const api = { readAll: async (kinds: readonly Kind[]) => (asked.push([...kinds]), emptyLiveState()) } as unknown as PlivoApi;
  const io = { err: () => undefined, stderrIsTTY: false } as unknown as Io;
  await readLive(api, declaring('uri'), io);
  await readLive(api, declaring('uri', 'number'), io);
  assert.equal(asked, [
    ['uri', 'credential', 'ipacl', 'trunk', 'endpoint'],
    ['uri', 'credential', 'ipacl', 'trunk', 'endpoint', 'number'],
  ]);
});

live('a list without password hashes: one GET for each managed endpoint only, whose hash is then used', async () => {
  const endpoint = (id: string, username: string) => ({ kind: 'endpoint' as const, id, username, alias: 'a', app_id: null });
  const listed = { ...emptyLiveState(), endpoint: [endpoint('1', 'alice261123120000'), endpoint('2', 'bob261123120001'), endpoint('3', 'carol261123120002')] };
  const fetched: string[] = [];
  const api = {
    readAll: async () => structuredClone(listed),
    get: async (_kind: Kind, id: string) => {
      fetched.push(id);
      return id === '1' ? { ...endpoint('1', 'alice261123120000'), password_md5: '0123456789abcdef0123456789abcdef' } : endpoint(id, 'x');
    },
  } as unknown as PlivoApi;
  const desired = declaring('endpoint');
  desired.endpoint = ['alice', 'carol'].map((username) => ({
    kind: 'endpoint' as const,
    username,
    alias: 'a',
    password: { ref: 'P', value: 'secret' },
    protect: false,
  }));
  const io = { err: () => undefined, stderrIsTTY: false } as unknown as Io;
  const state = await readLive(api, desired, io);
  assert.equal(fetched.sort(), ['1', '3']); // bob is not in the manifest: never fetched
  assert.is(state.endpoint[0].password_md5, '0123456789abcdef0123456789abcdef');
  assert.is(state.endpoint[2].password_md5, undefined); // the GET had none either: drift stays undetectable
});

live.run();

const prune = suite('resolvePlanOptions');

prune('a bare --prune covers every declared kind but numbers', () => {
  const desired = declaring('uri', 'trunk', 'number');
  assert.equal(resolvePlanOptions(flags({ prune: '' }), desired).prune, ['uri', 'trunk']);
  assert.equal(resolvePlanOptions(flags({ prune: 'true' }), desired).prune, ['uri', 'trunk']);
});

prune('--prune naming a kind the manifest does not list is a usage error, as in the manifest', () => {
  try {
    resolvePlanOptions(flags({ prune: 'uris,endpoints' }), declaring('uri', 'trunk'));
    assert.unreachable('pruned a kind the manifest does not list');
  } catch (e) {
    assert.instance(e, UsageError);
    assert.is((e as Error).message, '--prune uris,endpoints: the manifest has no "endpoints:" list, so every live one would be deleted');
  }
  assert.equal(resolvePlanOptions(flags({ prune: 'uris' }), declaring('uri', 'trunk')).prune, ['uri']);
});

prune('--prune naming numbers is a usage error that says why', () => {
  for (const given of ['numbers', 'uris,numbers', 'number']) {
    try {
      resolvePlanOptions(flags({ prune: given }), declaring('uri', 'number'));
      assert.unreachable(`--prune ${given} was accepted`);
    } catch (e) {
      assert.instance(e, UsageError);
      assert.is((e as Error).message, `--prune ${given}: numbers are never deleted`);
      assert.match((e as UsageError).hint ?? '', 'uris, credentials, ipacls, trunks, endpoints');
    }
  }
});

prune.run();
