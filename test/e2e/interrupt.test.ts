// Ctrl-C during apply: nothing new starts, what is in flight finishes, the report says what was not done,
// exit 130; a re-run converges.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { CLI, startAccount, tempFiles } from './harness.js';

const interrupt = suite('SIGINT during apply');

interrupt('stops starting changes, reports the rest as not started, exits 130; a re-run converges', async () => {
  const account = await startAccount({ latencyMs: 50 });
  const files = tempFiles({});
  try {
    const lines = ['version: 1', 'endpoints:'];
    for (let i = 0; i < 40; i++) lines.push(`  - username: ep${i}`, `    alias: ep-${i}`, '    password: ${EP_PASSWORD}');
    const manifest = files.path('m.yaml');
    writeFileSync(manifest, `${lines.join('\n')}\n`);
    const env = { ...process.env, ...account.env, EP_PASSWORD: 'ep-secret-1', NO_COLOR: '1' };

    const child = spawn(process.execPath, [CLI, 'apply', manifest, '--auto-approve', '--concurrency', '2', '--rate-limit', '0'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    // Interrupt as soon as the first change has finished: the rest is certainly not done yet.
    child.stderr.on('data', (d) => {
      const before = stderr;
      stderr += d;
      if (!before.includes('✓') && stderr.includes('✓')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    assert.is(code, 130, stderr);
    assert.match(stderr, 'SIGINT: stopping once what is in flight has finished');
    const summary = /Apply: (\d+) done, 0 failed, 0 skipped, (\d+) not started\./.exec(stdout);
    assert.ok(summary, stdout);
    const done = Number(summary![1]);
    assert.ok(done >= 1 && Number(summary![2]) > 0 && done + Number(summary![2]) === 40, summary![0]);
    assert.is(account.emulator.dump('endpoint').length, done, 'the report matches what the account holds');

    const rerun = await account.run(['apply', manifest, '--auto-approve', '--rate-limit', '0'], { env: { EP_PASSWORD: 'ep-secret-1' } });
    assert.is(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, `Plan: ${40 - done} to create, 0 to update, 0 to delete.`);
    assert.is(account.emulator.dump('endpoint').length, 40);
  } finally {
    files.cleanup();
    await account.close();
  }
});

interrupt.run();
