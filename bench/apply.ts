// Scenario 2, apply under the rate limit: N creates across kinds on an empty account, the emulator at the live
// limit (300 requests per 5 s) with 50 ms latency, `apply --auto-approve`. Counts 429s and the requests the
// run needed at the emulator, and compares the time from the first request to exit with the time the limit
// allows for those requests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD_ENV, composeAccount, renderManifest } from './account.js';
import { startBenchEmulator } from './emulation.js';
import { CLI, runTimed, tailOf } from './process.js';
import type { Row } from './table.js';

export interface ApplyOptions {
  creates: number;
  latencyMs: number;
  /** Requests per 5 s, at the emulator (and the client's --rate-limit, its default being the live 300). */
  rateLimit: number;
}

const WINDOW_S = 5;

/**
 * The least time a limit of `limit` requests per sliding 5-s window allows for `requests` requests: request k
 * (from 0) cannot be counted before 5 s × ⌊k / limit⌋ after the first, and the last one still takes a round trip.
 */
export function computeApplyBound(requests: number, limit: number, latencyMs: number): number {
  return WINDOW_S * Math.floor(Math.max(0, requests - 1) / limit) + latencyMs / 1000;
}

interface ReportSummary {
  done: number;
  failed: number;
  skipped: number;
  'not-started': number;
}

export async function measureApply(opts: ApplyOptions): Promise<Row[]> {
  const composition = composeAccount(opts.creates);
  const bench = await startBenchEmulator({ latencyMs: opts.latencyMs, rateLimit: opts.rateLimit });
  const { emulator } = bench;
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-bench-'));
  try {
    const manifest = join(dir, 'new.yaml');
    writeFileSync(manifest, renderManifest(composition));
    await bench.startMeasuring();
    const env = { ...bench.env, ...PASSWORD_ENV };
    const args = [CLI, 'apply', manifest, '--auto-approve', '--format', 'json', '--rate-limit', String(opts.rateLimit)];
    const run = await runTimed(args, { env });
    let summary: ReportSummary;
    try {
      summary = (JSON.parse(run.stdout) as { summary: ReportSummary }).summary;
    } catch {
      throw new Error(`apply: exited ${run.code} without a JSON report:\n${tailOf(run)}`);
    }
    const throttled = emulator.stats.byStatus[429] ?? 0;
    // A 429 performs nothing and is sent again, so the requests the run needed are the ones not throttled:
    // the first page of each kind, the creates, and one read-back per trunk.
    const needed = emulator.stats.requests - throttled;
    const bound = computeApplyBound(needed, opts.rateLimit, opts.latencyMs);
    const elapsed = (run.exitedAt - (bench.firstRequestAt() ?? run.exitedAt)) / 1000;
    const unsuccessful = summary.failed + summary.skipped + summary['not-started'];
    const share = emulator.stats.requests === 0 ? 0 : (100 * throttled) / emulator.stats.requests;
    const label = `apply ${opts.creates} creates`;
    return [
      { scenario: `${label}: first request → exit (${needed} requests)`, measured: elapsed, bound, unit: 's', target: 'ratio ≤ 1.10', met: elapsed <= bound * 1.1 },
      { scenario: `${label}: changes not done`, measured: unsuccessful, bound: null, unit: 'changes', target: '= 0', met: unsuccessful === 0 && summary.done === opts.creates },
      { scenario: `${label}: answered 429 (${throttled} of ${emulator.stats.requests})`, measured: share, bound: 1, unit: '%', target: '< 1 %', met: share < 1 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  }
}
