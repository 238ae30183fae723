// Scenario 1, read: `plan --concurrency 10` of a manifest identical to a seeded account, against the emulator
// with 100 ms added latency and no rate limit. Counts the requests at the emulator and compares the time from
// the first request to exit with the round-trip floor, and the local work before the first request with 1 s;
// then reports the same plan paced to the live rate limit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_KINDS, PASSWORD_ENV, composeAccount, countPages, countProbePages, renderManifest, seedAccount } from './account.js';
import { startBenchEmulator, type BenchEmulator } from './emulation.js';
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

/** One `plan` of the manifest; the time from spawn to the first request, and from it to exit. */
async function planOnce(bench: BenchEmulator, manifest: string, args: string[]): Promise<{ local: number; network: number; requests: number }> {
  await bench.startMeasuring();
  const run = await runTimed([CLI, 'plan', manifest, ...args, '--detailed-exitcode'], { env: { ...bench.env, ...PASSWORD_ENV } });
  if (run.code !== 0 || !run.stdout.includes('No changes')) {
    throw new Error(`read: plan exited ${run.code} (expected 0 and "No changes"):\n${tailOf(run)}`);
  }
  const first = bench.firstRequestAt() ?? run.exitedAt;
  return { local: (first - run.spawnedAt) / 1000, network: (run.exitedAt - first) / 1000, requests: bench.emulator.stats.requests };
}

export async function measureRead(opts: ReadOptions): Promise<Row[]> {
  const composition = composeAccount(opts.objects);
  const pages = countPages(composition);
  const probes = countProbePages(composition);
  const needed = pages + probes;
  const bench = await startBenchEmulator({ latencyMs: opts.latencyMs, rateLimit: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-bench-'));
  try {
    seedAccount(bench.emulator, composition);
    const manifest = join(dir, 'account.yaml');
    writeFileSync(manifest, renderManifest(composition));
    const concurrency = ['--concurrency', String(opts.concurrency)];
    // The scenario's account has no rate limit, and the CLI is told so. The second run keeps the CLI's default
    // pacing to the live 300 per 5 s: what a user of a live account this size waits (reported, no target).
    const unlimited = await planOnce(bench, manifest, [...concurrency, '--rate-limit', '0']);
    const paced = await planOnce(bench, manifest, concurrency);
    const floor = computeReadFloor(needed, ACCOUNT_KINDS.length, opts.concurrency, opts.latencyMs);
    const label = `read ${opts.objects} objects`;
    return [
      {
        scenario: `${label}: requests (P = ${pages} pages + ${probes} empty)`,
        measured: unlimited.requests,
        bound: needed,
        unit: 'requests',
        target: probes > 0 ? '= P + empty' : '= P',
        met: unlimited.requests === needed,
      },
      { scenario: `${label}: first request → exit`, measured: unlimited.network, bound: floor, unit: 's', target: 'ratio ≤ 1.15', met: unlimited.network <= floor * 1.15 },
      { scenario: `${label}: local work before first request`, measured: unlimited.local, bound: 1, unit: 's', target: '< 1 s', met: unlimited.local < 1 },
      { scenario: `${label}, paced to 300/5 s: first request → exit`, measured: paced.network, bound: floor, unit: 's', target: 'reported', met: null },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await bench.emulator.close();
  }
}
