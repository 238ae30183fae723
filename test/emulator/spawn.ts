// Starts test/emulator/child in its own process (under tsx or compiled, whichever runs the tests) and reads
// the line it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorCommandOptions } from '../../src/commands/emulator.js';

export interface Child {
  proc: ChildProcess;
  line: string;
  url: string;
  authId: string;
  authToken: string;
  /** Resolves with the exit code (null when killed by a signal) and what the child wrote to stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

const LINE = /^plivo emulator listening: PLIVO_API_URL=(\S+) PLIVO_AUTH_ID=(\S+) PLIVO_AUTH_TOKEN=(\S+)\n$/;

export function spawnEmulator(opts: EmulatorCommandOptions): Promise<Child> {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const script = fileURLToPath(new URL(`./child.${ext}`, import.meta.url));
  const proc = spawn(process.execPath, [...process.execArgv, script, JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d) => (stdout += d));
  proc.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return new Promise((resolve, reject) => {
    const onData = () => {
      if (!stdout.includes('\n')) return;
      proc.stdout!.off('data', onData);
      const m = LINE.exec(stdout);
      if (!m) return reject(new Error(`unexpected first output: ${JSON.stringify(stdout)}`));
      resolve({ proc, line: stdout, url: m[1], authId: m[2], authToken: m[3], exited });
    };
    proc.stdout!.on('data', onData);
    void exited.then((r) => reject(new Error(`emulator child exited early (${r.code}): ${r.stderr}`)));
  });
}
