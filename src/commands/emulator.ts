// `plivo-sync emulator`: starts the Plivo API emulator, prints the one line a user exports, serves until
// SIGINT/SIGTERM, then closes cleanly.
import { EXIT } from '../errors.js';
import type { Io } from '../io.js';
import { startEmulator } from '../emulator/index.js';

export interface EmulatorCommandOptions {
  port?: number;
  state?: string;
  authId?: string;
  authToken?: string;
  latencyMs?: number;
  rateLimit?: number;
  faults?: string;
  seed?: number;
  /** Successful answers to send broken (hardening tests), e.g. "nonjson=0.1,count-mismatch=0.2". */
  broken?: string;
}

/** Resolves when the signal aborts; without one, on the process's first SIGINT or SIGTERM. */
function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  if (signal !== undefined) {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runEmulator(opts: EmulatorCommandOptions, io: Io): Promise<number> {
  const emulator = await startEmulator({
    port: opts.port,
    statePath: opts.state,
    authId: opts.authId,
    authToken: opts.authToken,
    latencyMs: opts.latencyMs,
    rateLimit: opts.rateLimit,
    faults: opts.faults,
    seed: opts.seed,
    broken: opts.broken,
  });
  // the token is the emulator's own, made up for loopback use: printing it is the point of this line
  io.out(
    `plivo emulator listening: PLIVO_API_URL=${emulator.url} PLIVO_AUTH_ID=${emulator.authId} PLIVO_AUTH_TOKEN=${emulator.authToken}\n`,
  );
  await waitForStop(io.signal);
  await emulator.close();
  io.err('plivo emulator stopped\n');
  return EXIT.OK;
}
