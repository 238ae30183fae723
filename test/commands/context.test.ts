// What plan and apply share, as far as numbers change it: which kinds are read, and what --prune may name.
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

live.run();

const prune = suite('resolvePlanOptions');

prune('a bare --prune covers every declared kind but numbers', () => {
  const desired = declaring('uri', 'trunk', 'number');
  assert.equal(resolvePlanOptions(flags({ prune: '' }), desired).prune, ['uri', 'trunk']);
  assert.equal(resolvePlanOptions(flags({ prune: 'true' }), desired).prune, ['uri', 'trunk']);
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
