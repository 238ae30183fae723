// The public entry points: parseManifest (pure), loadManifest (reads the file) and formatDiagnostic.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../../src/errors.js';
import { MAX_MANIFEST_BYTES, formatDiagnostic, loadManifest, parseManifest } from '../../src/manifest/index.js';

const VALID = 'version: 1\nendpoints:\n  - username: alice\n    alias: a\n    password: ${ALICE_SIP_PASSWORD}\n';

const parse = suite('parseManifest');

parse('hashes the text as UTF-8 bytes', () => {
  const loaded = parseManifest(VALID, 'm.yaml', { ALICE_SIP_PASSWORD: 'alice-secret' });
  assert.is(loaded.sha256, createHash('sha256').update(Buffer.from(VALID)).digest('hex'));
  assert.equal(loaded.secrets, ['alice-secret']);
});

parse('accepts a BOM and counts columns after it', () => {
  const loaded = parseManifest(`\uFEFF${VALID}extra: 1\n`, 'm.yaml', { ALICE_SIP_PASSWORD: 'alice-secret' });
  assert.equal(loaded.diagnostics.map(formatDiagnostic), ['m.yaml:6:1: unknown field "extra"; allowed: version, prune, uris, credentials, ipacls, trunks, endpoints, numbers']);
});

parse('refuses text over the size limit at 1:1 without parsing it', () => {
  const loaded = parseManifest(`version: 1\n#${'x'.repeat(MAX_MANIFEST_BYTES)}\n`, 'big.yaml', {});
  assert.equal(loaded.diagnostics.map(formatDiagnostic), ['big.yaml:1:1: the file is 20.0 MB; manifests over 20.0 MB are refused']);
  assert.is(loaded.desired, null);
});

parse('empty files and non-mappings are errors', () => {
  assert.equal(parseManifest('# only a comment\n', 'm.yaml', {}).diagnostics.map(formatDiagnostic), [
    'm.yaml:1:1: the manifest is empty; it needs at least "version: 1"',
  ]);
  assert.equal(parseManifest('just text\n', 'm.yaml', {}).diagnostics.map(formatDiagnostic), [
    'm.yaml:1:1: the manifest must be a mapping of keys ("version: 1", "trunks: …"), not a list or a single value',
  ]);
});

parse('no secret value appears in any diagnostic', () => {
  const env = { A: 'sEcReT-one', B: 'sEcReT-two', C: 'bad host sEcReT' };
  const text = [
    'version: 1',
    'uris:',
    '  - name: u',
    '    uri: ${C}',
    '    authentication_needed: true',
    '    username: ${A}',
    '    password: ${B}x y',
    'credentials:',
    '  - name: c',
    '    username: ${A}',
    '    password: "${B}~~~~~~~~~~~~~~~~~~~~"',
    'trunks:',
    '  - name: ${A}',
    '    trunk_direction: ${B}',
    '    primary_uri: ${A}',
    '  - name: ${A}',
    '    trunk_direction: inbound',
    '    primary_uri: ${B}',
    'endpoints:',
    '  - {username: "${A}", alias: "${C}", password: "x${B}", app_id: 7}',
    '  - {username: "Lit3ral", alias: "ok", password: "pw"}',
    '',
  ].join('\n');
  const loaded = parseManifest(text, 'm.yaml', env);
  assert.ok(loaded.diagnostics.length >= 10, `${loaded.diagnostics.length} diagnostics`);
  for (const d of loaded.diagnostics) assert.not.match(d.message, /sEcReT|pw"|"pw/, d.message);
  assert.ok(loaded.secrets.includes('pw'));
});

parse('sorts diagnostics by line and column', () => {
  const loaded = parseManifest('version: 1\nuris:\n  - {name: b, uri: "bad host", x: 1}\n  - name: a\n', 'm.yaml', {});
  const positions = loaded.diagnostics.map((d) => [d.line, d.column]);
  assert.equal(positions, [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
});

const load = suite('loadManifest');

load('reads the file and hashes its raw bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-manifest-'));
  try {
    const file = join(dir, 'm.yaml');
    const bytes = Buffer.from(`\uFEFF${VALID}`);
    writeFileSync(file, bytes);
    const loaded = await loadManifest(file, { ALICE_SIP_PASSWORD: 'alice-secret' });
    assert.equal(loaded.diagnostics, []);
    assert.is(loaded.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.is(loaded.desired!.endpoint[0].source, `${file}:3:3`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

load('refuses a file over the limit from its size alone, and non-UTF-8 bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-manifest-'));
  try {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'version: 1\n');
    truncateSync(big, MAX_MANIFEST_BYTES + 1); // sparse: nothing is written
    const loaded = await loadManifest(big, {});
    assert.equal(loaded.diagnostics.map(formatDiagnostic), [`${big}:1:1: the file is 20.0 MB; manifests over 20.0 MB are refused`]);
    const latin = join(dir, 'latin.yaml');
    writeFileSync(latin, Buffer.from([0x76, 0x3a, 0x20, 0xe9, 0x0a]));
    assert.equal((await loadManifest(latin, {})).diagnostics.map(formatDiagnostic), [`${latin}:1:1: the file is not UTF-8 text`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

load('a missing file is a usage error (exit 3), not a diagnostic', async () => {
  try {
    await loadManifest('/nonexistent/plivo.yaml', {});
    assert.unreachable('expected a rejection');
  } catch (e) {
    assert.instance(e, UsageError);
    assert.is((e as UsageError).message, '/nonexistent/plivo.yaml: no such file');
    assert.is((e as UsageError).exitCode, 3);
  }
});

const format = suite('formatDiagnostic');

format('prints FILE:LINE:COL: message, with "warning: " for warnings', () => {
  const d = { file: 'a.yaml', line: 3, column: 7, path: 'x', message: 'bad', severity: 'error' as const };
  assert.is(formatDiagnostic(d), 'a.yaml:3:7: bad');
  assert.is(formatDiagnostic({ ...d, severity: 'warning' }), 'a.yaml:3:7: warning: bad');
});

parse.run();
load.run();
format.run();
