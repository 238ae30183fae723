// `plivo-sync validate` in-process: what goes to stdout and stderr, and the exit code.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runValidate } from '../../src/commands/validate.js';
import { EXIT } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { repoPath, SAMPLE_ENV } from './helpers.js';

function fakeIo(env: Record<string, string | undefined> = SAMPLE_ENV) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    color: false,
  };
  return { io, out, err };
}

const validate = suite('runValidate');

validate('a valid manifest: exit 0, one summary line on stdout, nothing on stderr', async () => {
  const file = repoPath('samples/full.yaml');
  const { io, out, err } = fakeIo();
  assert.is(await runValidate({ manifest: file, format: 'text' }, io), EXIT.OK);
  assert.equal(out, [`${file}: valid\n`]);
  assert.equal(err, []);
});

validate('warnings go to stderr and are counted; the manifest is still valid', async () => {
  const file = repoPath('samples/invalid/literal-password.yaml');
  const { io, out, err } = fakeIo();
  assert.is(await runValidate({ manifest: file, format: 'text' }, io), EXIT.OK);
  assert.equal(out, [`${file}: valid (1 warning)\n`]);
  assert.equal(err, [`${file}:6:15: warning: password is written in the manifest; use \${VAR} to keep it out of the file\n`]);
});

validate('an invalid manifest: exit 3, diagnostics on stderr, the count on stdout', async () => {
  const file = repoPath('samples/invalid/unset-variable.yaml');
  const { io, out, err } = fakeIo({});
  assert.is(await runValidate({ manifest: file, format: 'text' }, io), EXIT.INVALID);
  assert.equal(out, [`${file}: invalid (1 error)\n`]);
  assert.equal(err, [`${file}:8:15: environment variable PBX_PASWORD is not set\n`]);
});

validate('--format json: the diagnostics as a JSON array on stdout, [] when clean', async () => {
  const clean = fakeIo();
  assert.is(await runValidate({ manifest: repoPath('samples/minimal.yaml'), format: 'json' }, clean.io), EXIT.OK);
  assert.equal(JSON.parse(clean.out.join('')), []);
  assert.equal(clean.err, []);

  const file = repoPath('samples/invalid/misspelt-key.yaml');
  const bad = fakeIo();
  assert.is(await runValidate({ manifest: file, format: 'json' }, bad.io), EXIT.INVALID);
  assert.equal(JSON.parse(bad.out.join('')), [{
    file, line: 8, column: 5, path: 'trunks[0].trunk_directon',
    message: 'unknown field "trunk_directon"; did you mean "trunk_direction"?', severity: 'error',
  }]);
  assert.equal(bad.err, []);
});

validate.run();
