// End-to-end harness: an emulator on a random loopback port and the BUILT CLI (dist/src/cli.js) run as a user
// would, with its exit code, stdout and stderr captured.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

export const CLI = resolve('dist/src/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', ...opts.env })) if (v !== undefined) env[k] = v;
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface Account {
  emulator: Emulator;
  env: Record<string, string>;
  /** Runs the CLI against this account. */
  run(args: string[], opts?: RunOptions): Promise<CliResult>;
  close(): Promise<void>;
}

/** An emulator with the rate limit off (unless asked) and the env a user would export for it. */
export async function startAccount(opts: EmulatorOptions = {}): Promise<Account> {
  const emulator = await startEmulator({ rateLimit: 0, ...opts });
  const env = {
    PLIVO_API_URL: emulator.url,
    PLIVO_AUTH_ID: emulator.authId,
    PLIVO_AUTH_TOKEN: emulator.authToken,
  };
  return {
    emulator,
    env,
    run: (args, o = {}) => runCli(args, { ...o, env: { ...env, ...o.env } }),
    close: () => emulator.close(),
  };
}

/** A temporary directory with the given files; returns its path and a cleanup function. */
export function tempFiles(files: Record<string, string>): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-e2e-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
