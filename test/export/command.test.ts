import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeExport, runExport } from '../../src/commands/export.js';
import { exportManifest } from '../../src/export/index.js';
import { EXIT, RefusedError, UsageError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { KINDS, type Kind, type LiveState } from '../../src/model.js';
import type { PlivoApi } from '../../src/plivo/api.js';
import { account, credential, endpoint, largeAccount, number, trunk, uri } from './fixtures.js';

const ENV = { PLIVO_AUTH_ID: 'MA000TEST', PLIVO_AUTH_TOKEN: 'tok-secret-123', PLIVO_API_URL: 'http://127.0.0.1:9' };

interface FakeIo extends Io {
  stdout: string;
  stderr: string;
}

function fakeIo(tty = false): FakeIo {
  const io: FakeIo = {
    stdout: '',
    stderr: '',
    out: (t) => void (io.stdout += t),
    err: (t) => void (io.stderr += t),
    env: { ...ENV },
    stdoutIsTTY: false,
    stderrIsTTY: tty,
    stdinIsTTY: false,
    color: false,
  };
  return io;
}

/** A PlivoApi that serves `live` from memory, 20 objects a page for progress, and records what was read. */
function fakeApi(live: LiveState): PlivoApi & { reads: Kind[][] } {
  const unused = () => Promise.reject(new Error('export must only read'));
  const api = {
    reads: [] as Kind[][],
    async readAll(kinds: readonly Kind[] = KINDS, onProgress?: (kind: Kind, read: number, total: number) => void) {
      api.reads.push([...kinds]);
      const state = account({});
      for (const kind of kinds) {
        const all = live[kind];
        if (onProgress) {
          for (let read = 20; read < all.length; read += 20) onProgress(kind, read, all.length);
          onProgress(kind, all.length, all.length);
        }
        (state[kind] as unknown[]) = [...all];
      }
      return state;
    },
    list: unused,
    get: unused,
    create: unused,
    update: unused,
    remove: unused,
    stats: () => ({ requests: 0, retries: 0, throttled: 0 }),
  };
  return api as unknown as PlivoApi & { reads: Kind[][] };
}

const sample = () =>
  account({
    uri: [uri('u1', 'prod-pbx', { authentication_needed: true, username: 'in1' }), uri('u2', null)],
    credential: [credential('c1', 'prod-office')],
    trunk: [trunk('t1', 'prod-in', { primary_uri_id: 'u1', fallback_uri_id: 'u2' }), trunk('t2', 'out', { trunk_direction: 'outbound', credential_id: 'c1' })],
    endpoint: [endpoint('e1', 'alice')],
  });

async function expectError<T extends Error>(p: Promise<unknown>, type: new (...a: never[]) => T): Promise<T> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, type);
    return e as T;
  }
  assert.unreachable(`expected ${type.name}`);
  throw new Error('unreachable');
}

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-export-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const runExportSuite = suite('runExport');

runExportSuite('writes the manifest to stdout and what to do next to stderr', async () => {
  for (const out of [undefined, '-']) {
    const io = fakeIo();
    const code = await runExport({ out }, io, { api: fakeApi(sample()) });
    assert.is(code, EXIT.OK);
    const expected = exportManifest(sample(), { source: 'account MA000TEST at http://127.0.0.1:9', toolVersion: '' });
    assert.is(io.stdout.split('\n').slice(2).join('\n'), expected.text.split('\n').slice(2).join('\n'));
    assert.match(io.stdout, 'Exported from account MA000TEST at http://127.0.0.1:9 by plivo-sync ');
    assert.match(io.stderr, 'exported 2 uris, 1 credentials, 0 ipacls, 2 trunks, 1 endpoints, 0 numbers\n');
    assert.match(io.stderr, '  uri u2 → uri-u2\n');
    assert.match(io.stderr, /\n {2}URI_PROD_PBX_PASSWORD {12}uri prod-pbx\n/);
    assert.match(io.stderr, '  CREDENTIAL_PROD_OFFICE_PASSWORD  credential prod-office\n');
    assert.not.match(io.stderr, 'reading');
  }
});

runExportSuite('names the version from package.json in the header', async () => {
  const io = fakeIo();
  await runExport({}, io, { api: fakeApi(sample()) });
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) // tests run from the repository root;
  assert.match(io.stdout, `by plivo-sync ${pkg.version}.`);
  assert.match(io.stdout.split('\n')[0], `plivo-sync@${pkg.version}/schema`);
});

runExportSuite('writes --out through a temp file, leaves nothing else, and keeps stdout empty', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const out = join(dir, 'prod.yaml');
    writeFileSync(out, 'old contents');
    const io = fakeIo();
    assert.is(await runExport({ out }, io, { api: fakeApi(sample()) }), EXIT.OK);
    assert.is(io.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /^# yaml-language-server: \$schema=/);
    assert.equal(readdirSync(dir), ['prod.yaml']);
    assert.match(io.stderr, `wrote ${out}: 2 uris`);
  } finally {
    cleanup();
  }
});

runExportSuite('refuses a missing output directory before reading the account', async () => {
  const api = fakeApi(sample());
  const e = await expectError(runExport({ out: '/nonexistent-dir-for-test/x.yaml' }, fakeIo(), { api }), UsageError);
  assert.match(e.message, 'no directory /nonexistent-dir-for-test');
  assert.equal(api.reads, []);
});

runExportSuite('requires --rename-from and --rename-to together, and applies them', async () => {
  await expectError(runExport({ renameFrom: 'prod-' }, fakeIo(), { api: fakeApi(sample()) }), UsageError);
  await expectError(runExport({ renameTo: 'staging-' }, fakeIo(), { api: fakeApi(sample()) }), UsageError);
  const io = fakeIo();
  await runExport({ renameFrom: 'prod-', renameTo: 'staging-' }, io, { api: fakeApi(sample()) });
  assert.match(io.stdout, 'primary_uri: staging-pbx');
  assert.match(io.stdout, 'credential: staging-office');
  assert.not.match(io.stdout, 'name: prod-');
  assert.match(io.stderr, 'URI_STAGING_PBX_PASSWORD');
});

runExportSuite('reads the kinds trunks refer to, writes only what they use, and says so', async () => {
  const api = fakeApi(sample());
  const io = fakeIo();
  await runExport({ kinds: ['trunk'] }, io, { api });
  assert.equal(api.reads, [['uri', 'credential', 'ipacl', 'trunk']]);
  assert.not.match(io.stdout, /^endpoints:/m);
  assert.match(io.stderr, 'exported 2 trunks\n');
  assert.match(io.stderr, 'because exported trunks use them:\n  uri prod-pbx\n  uri uri-u2\n  credential prod-office\n');

  const onlyEndpoints = fakeApi(sample());
  await runExport({ kinds: ['endpoint'] }, fakeIo(), { api: onlyEndpoints });
  assert.equal(onlyEndpoints.reads, [['endpoint']]);
});

runExportSuite('numbers: read with the trunks they need; how many were left out, not which', async () => {
  const live = sample();
  live.number.push(number('14155551234', live.trunk[0].id), number('14155551235', null), number('14155551236', null));
  const api = fakeApi(live);
  const io = fakeIo();
  await runExport({ kinds: ['number'] }, io, { api });
  assert.equal(api.reads, [['uri', 'credential', 'ipacl', 'trunk', 'number']]);
  assert.match(io.stdout, 'numbers:\n  - number: "14155551234"\n');
  assert.match(io.stderr, 'exported 1 numbers\nleft out 2 numbers routed to no trunk (to an application, or to nothing)\n');
  assert.match(io.stderr, 'because exported numbers and trunks use them:\n');
  assert.not.match(io.stderr, '14155551235');
});

runExportSuite('leaves app_id out with dropAppIds', async () => {
  const live = account({ endpoint: [endpoint('e1', 'alice', { app_id: '123456' })] });
  const kept = fakeIo();
  await runExport({}, kept, { api: fakeApi(live) });
  assert.match(kept.stdout, 'app_id: "123456"');
  const dropped = fakeIo();
  await runExport({ dropAppIds: true }, dropped, { api: fakeApi(live) });
  assert.not.match(dropped.stdout, 'app_id: ');
});

runExportSuite('shows read progress on a TTY only, and clears it', async () => {
  const tty = fakeIo(true);
  await runExport({}, tty, { api: fakeApi(largeAccount(50)) });
  assert.match(tty.stderr, 'reading: ');
  assert.match(tty.stderr, 'trunks 50/50');
  assert.match(tty.stderr, '\r\x1b[K');
  const pipe = fakeIo(false);
  await runExport({}, pipe, { api: fakeApi(largeAccount(50)) });
  assert.not.match(pipe.stderr, 'reading');
  assert.not.match(pipe.stderr, '\r');
});

runExportSuite('writes nothing when names collide', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const live = account({ uri: [uri('u1', 'x'), uri('u2', 'x')] });
    const io = fakeIo();
    await expectError(runExport({ out: join(dir, 'a.yaml') }, io, { api: fakeApi(live) }), RefusedError);
    assert.equal(readdirSync(dir), []);
    assert.is(io.stdout, '');
  } finally {
    cleanup();
  }
});

runExportSuite('never prints the auth token', async () => {
  const io = fakeIo(true);
  await runExport({}, io, { api: fakeApi(largeAccount(5)) });
  assert.not.match(io.stdout + io.stderr, ENV.PLIVO_AUTH_TOKEN);
});

runExportSuite('without credentials fails as usage, before reading', async () => {
  const io = fakeIo();
  io.env = {};
  const api = fakeApi(sample());
  await expectError(runExport({}, io, { api }), UsageError);
  assert.equal(api.reads, []);
});

runExportSuite.run();

const describeExportSuite = suite('describeExport');

describeExportSuite('says only the counts when there is nothing to act on', () => {
  const live = account({ trunk: [], endpoint: [] });
  const result = { text: '', variables: [], unnamed: [], included: [], skipped: [], omitted: [], unrenamed: {} };
  assert.is(describeExport(result, live, ['trunk'], null), 'exported 0 trunks\n');
  assert.is(describeExport(result, live, ['trunk'], 'a.yaml'), 'wrote a.yaml: 0 trunks\n');
});

describeExportSuite('lists included, unnamed and variables with aligned names', () => {
  const result = {
    text: '',
    variables: [
      { name: 'URI_A_PASSWORD', for: 'uri a' },
      { name: 'ENDPOINT_LONGER_PASSWORD', for: 'endpoint longer' },
    ],
    unnamed: [{ kind: 'trunk' as const, id: '42', written_as: 'trunk-42' }],
    included: [{ kind: 'uri' as const, id: 'u1', written_as: 'a' }],
    skipped: [],
    omitted: [],
    unrenamed: {},
  };
  assert.is(
    describeExport(result, account({}), ['trunk', 'endpoint'], null),
    [
      'exported 0 trunks, 0 endpoints',
      'included 1 object(s) of kinds not asked for, because exported trunks use them:',
      '  uri a',
      '1 object(s) have no name in the account and are written under their identity:',
      '  trunk 42 → trunk-42',
      'set these variables to the passwords before plan or apply with this manifest (they cannot be read back):',
      '  URI_A_PASSWORD            uri a',
      '  ENDPOINT_LONGER_PASSWORD  endpoint longer',
      '',
    ].join('\n'),
  );
});

describeExportSuite('counts what was written, lists what was left out, and warns about names a rename kept', () => {
  const live = account({ trunk: [trunk('t1', 'prod-a'), trunk('t2', 'b')], endpoint: [endpoint('e1', 'a'), endpoint('e2', 'x', { username: 'b' })] });
  const result = {
    text: '',
    variables: [],
    unnamed: [],
    included: [],
    skipped: [{ kind: 'endpoint' as const, id: 'e2', reason: 'why' }],
    omitted: [],
    unrenamed: { trunk: 1, endpoint: 1 },
  };
  assert.is(
    describeExport(result, live, ['trunk', 'endpoint'], null, { from: 'prod-', to: 'stg-' }),
    [
      'exported 2 trunks, 1 endpoints',
      'left out 1 object(s) that no manifest can describe:',
      '  endpoint e2: why',
      'kept their names (no "prod-" prefix): 1 trunks, 1 endpoints; applied to the source account itself, the manifest manages those very objects, not copies of them',
      '',
    ].join('\n'),
  );
});

describeExportSuite.run();
