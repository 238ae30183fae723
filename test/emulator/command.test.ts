// `runEmulator`: prints exactly one exportable line, serves with the printed credentials, stops cleanly on
// its abort signal or on SIGINT/SIGTERM with exit 0, and rejects bad options with a usage error.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runEmulator } from '../../src/commands/emulator.js';
import { EXIT, UsageError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { basic } from './helpers.js';
import { spawnEmulator } from './spawn.js';

function fakeIo(signal: AbortSignal): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (t) => void stdout.push(t),
    err: (t) => void stderr.push(t),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    color: false,
    signal,
    stdout,
    stderr,
  };
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

const LINE = /^plivo emulator listening: PLIVO_API_URL=(http:\/\/127\.0\.0\.1:\d+) PLIVO_AUTH_ID=(MA[A-Z0-9]{18}) PLIVO_AUTH_TOKEN=([A-Za-z0-9]{40})\n$/;

const inProcess = suite('runEmulator');

inProcess('prints one line whose values reach the API, and resolves 0 when the signal aborts', async () => {
  const stop = new AbortController();
  const io = fakeIo(stop.signal);
  const running = runEmulator({ rateLimit: 0 }, io);
  await waitFor(() => io.stdout.length > 0);
  assert.is(io.stdout.length, 1);
  const m = LINE.exec(io.stdout[0]);
  assert.ok(m, io.stdout[0]);
  const [, url, id, token] = m!;
  const ok = await fetch(`${url}/v1/Account/${id}/Endpoint/`, { headers: { authorization: basic(id, token) } });
  assert.is(ok.status, 200);
  stop.abort();
  assert.is(await running, EXIT.OK);
  let refused = false;
  await fetch(`${url}/v1/Account/${id}/Endpoint/`).catch(() => (refused = true));
  assert.ok(refused, 'the server is closed');
  assert.is(io.stdout.length, 1);
});

inProcess('uses the given auth id and token', async () => {
  const stop = new AbortController();
  const io = fakeIo(stop.signal);
  const running = runEmulator({ authId: 'MATESTACCOUNT0000001', authToken: 'tok3n' }, io);
  await waitFor(() => io.stdout.length > 0);
  assert.match(io.stdout[0], / PLIVO_AUTH_ID=MATESTACCOUNT0000001 PLIVO_AUTH_TOKEN=tok3n\n$/);
  stop.abort();
  assert.is(await running, EXIT.OK);
});

inProcess('bad options are usage errors and print nothing', async () => {
  for (const opts of [{ faults: '500=2' }, { faults: 'boom=1' }, { port: 70000 }, { rateLimit: -1 }, { latencyMs: -5 }]) {
    const io = fakeIo(new AbortController().signal);
    let error: unknown = null;
    await runEmulator(opts, io).catch((e: unknown) => (error = e));
    assert.instance(error, UsageError, JSON.stringify(opts));
    assert.equal(io.stdout, []);
  }
});

inProcess.run();

const processSignals = suite('runEmulator in its own process');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  processSignals(`${signal} closes it cleanly with exit 0`, async () => {
    const child = await spawnEmulator({ seed: 9 });
    assert.match(child.line, LINE);
    const r = await fetch(`${child.url}/v1/Account/${child.authId}/Zentrunk/Trunk/`, { headers: { authorization: basic(child.authId, child.authToken) } });
    assert.is(r.status, 200);
    child.proc.kill(signal);
    const exit = await child.exited;
    assert.is(exit.code, 0, exit.stderr);
    assert.is(exit.stdout, child.line);
  });
}

processSignals.run();
