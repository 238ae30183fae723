// The emulator as the benchmarks use it: in this process on 127.0.0.1:0, warmed up so that its own first-request
// costs (cold code in this process) are not charged to the CLI, and recording when the measured run's first
// request arrives.
import { performance } from 'node:perf_hooks';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { ACCOUNT_KINDS } from './account.js';

export interface BenchEmulator {
  emulator: Emulator;
  /** PLIVO_* for the CLI. */
  env: Record<string, string>;
  /** When the first request after startMeasuring() arrived (performance.now() ms), or null. */
  firstRequestAt(): number | null;
  /** Warms the server up, zeroes its counters, applies the rate limit and starts recording (again). */
  startMeasuring(): Promise<void>;
}

const LIST_PATHS: Record<(typeof ACCOUNT_KINDS)[number], string> = {
  uri: 'Zentrunk/URI/',
  credential: 'Zentrunk/Credential/',
  ipacl: 'Zentrunk/IPAccessControlList/',
  trunk: 'Zentrunk/Trunk/',
  endpoint: 'Endpoint/',
};

export async function startBenchEmulator(opts: { latencyMs: number; rateLimit: number }): Promise<BenchEmulator> {
  let measuring = false;
  let first: number | null = null;
  // The limit is applied after the warm-up, whose requests must not count against the measured run's window.
  const emulator = await startEmulator({
    latencyMs: opts.latencyMs,
    rateLimit: 0,
    onRequest: () => {
      if (measuring) first ??= performance.now();
    },
  });
  const env = { PLIVO_API_URL: emulator.url, PLIVO_AUTH_ID: emulator.authId, PLIVO_AUTH_TOKEN: emulator.authToken };
  return {
    emulator,
    env,
    firstRequestAt: () => first,
    async startMeasuring() {
      await warmUp(emulator);
      emulator.setRateLimit(opts.rateLimit);
      emulator.resetStats();
      first = null;
      measuring = true;
    },
  };
}

/** A few rounds of list reads of every kind, as the measured runs will send. */
async function warmUp(emulator: Emulator): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${emulator.authId}:${emulator.authToken}`).toString('base64')}`;
  const base = `${emulator.url}/v1/Account/${emulator.authId}/`;
  for (let round = 0; round < 5; round++) {
    await Promise.all(
      Object.values(LIST_PATHS).map(async (path) => {
        const res = await fetch(`${base}${path}?limit=20&offset=${round * 20}`, { headers: { authorization } });
        await res.text();
      }),
    );
  }
}
