// Runs the BUILT CLI (or any node script) as a child process, as a user would, and records when it was spawned
// and when it exited on the benchmark's monotonic clock (performance.now(), milliseconds).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The built entry; the benchmarks run from the repository root, like `npm run bench`. */
export const CLI = resolve('dist/src/cli.js');

export interface TimedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  spawnedAt: number;
  exitedAt: number;
}

export interface TimedOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** `node ...args`, with NO_COLOR and without the parent's FORCE_COLOR. */
export function runTimed(args: readonly string[], opts: TimedOptions = {}): Promise<TimedRun> {
  return new Promise((done, fail) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', ...opts.env })) if (v !== undefined) env[k] = v;
    delete env.FORCE_COLOR;
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let exitedAt = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', fail);
    child.on('exit', () => (exitedAt = performance.now()));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, spawnedAt, exitedAt });
    });
  });
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The last lines of a failed run's stderr, for an error message. */
export function tailOf(run: TimedRun): string {
  return run.stderr.trim().split('\n').slice(-5).join('\n');
}
