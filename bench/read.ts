// Scenario 1, read: `plan --concurrency 10` of a manifest identical to a seeded account, against the emulator
// with 100 ms added latency and no rate limit. Counts the requests at the emulator and compares the time from
// the first request to exit with the round-trip floor, and the local work before the first request with 1 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_KINDS, PASSWORD_ENV, composeAccount, countPages, countProbePages, renderManifest, seedAccount } from './account.js';
import { startBenchEmulator } from './emulation.js';
import { CLI, runTimed, tailOf } from './process.js';
import type { Row } from './table.js';

export interface ReadOptions {
  objects: number;
  latencyMs: number;
  concurrency: number;
}

/**
 * The floor for P pages: the first page of every kind in one round trip (their total_count is unknown before),
 * then the remaining P − kinds pages `concurrency` at a time.
 */
export function computeReadFloor(pages: number, kinds: number, concurrency: number, latencyMs: number): number {
  return (latencyMs / 1000) * (1 + Math.ceil(Math.max(0, pages - kinds) / concurrency));
}

export async function measureRead(opts: ReadOptions): Promise<Row[]> {
  const composition = composeAccount(opts.objects);
  const pages = countPages(composition);
  const probes = countProbePages(composition);
  const needed = pages + probes;
  const bench = await startBenchEmulator({ latencyMs: opts.latencyMs, rateLimit: 0 });
  const { emulator } = bench;
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-bench-'));
  try {
    seedAccount(emulator, composition);
    const manifest = join(dir, 'account.yaml');
    writeFileSync(manifest, renderManifest(composition));
    await bench.startMeasuring();
    const env = { ...bench.env, ...PASSWORD_ENV };
    const run = await runTimed([CLI, 'plan', manifest, '--concurrency', String(opts.concurrency), '--detailed-exitcode'], { env });
    if (run.code !== 0 || !run.stdout.includes('No changes')) {
      throw new Error(`read: plan exited ${run.code} (expected 0 and "No changes"):\n${tailOf(run)}`);
    }
    const first = bench.firstRequestAt() ?? run.exitedAt;
    const floor = computeReadFloor(needed, ACCOUNT_KINDS.length, opts.concurrency, opts.latencyMs);
    const network = (run.exitedAt - first) / 1000;
    const local = (first - run.spawnedAt) / 1000;
    const label = `read ${opts.objects} objects`;
    return [
      {
        scenario: `${label}: requests (P = ${pages} pages + ${probes} empty)`,
        measured: emulator.stats.requests,
        bound: needed,
        unit: 'requests',
        target: probes > 0 ? '= P + empty' : '= P',
        met: emulator.stats.requests === needed,
      },
      { scenario: `${label}: first request → exit`, measured: network, bound: floor, unit: 's', target: 'ratio ≤ 1.15', met: network <= floor * 1.15 },
      { scenario: `${label}: local work before first request`, measured: local, bound: 1, unit: 's', target: '< 1 s', met: local < 1 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  }
}
