// Shell helpers for the newcomer tests: a `plivo-sync` command on PATH that runs the built CLI, bash scripts
// run with their exit code and output, and scripts run in a pseudo-terminal that answer prompts as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { CLI } from '../e2e/harness.js';

export interface ShellResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Writes `<dir>/bin/plivo-sync` (node running the built CLI) and returns that bin directory. */
export function writeShim(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const shim = join(bin, 'plivo-sync');
  writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(shim, 0o755);
  return bin;
}

/**
 * The environment a fresh shell would have, with `bin` first on PATH: no PLIVO_* from the caller, so a test
 * only reaches the accounts it sets, and no FORCE_COLOR.
 */
export function shellEnv(bin: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('PLIVO_') && k !== 'FORCE_COLOR') env[k] = v;
  }
  return { ...env, NO_COLOR: '1', PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/** Runs a bash script the way GitHub Actions runs `shell: bash` steps (bash --noprofile --norc -eo pipefail). */
export function runBash(script: string, opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Reply {
  /** Fires once, the first time the terminal's output so far matches. */
  when: RegExp;
  /** What to type; may do work first (e.g. use a server the script just started). */
  send: (match: RegExpMatchArray) => string | Promise<string>;
}

/** True when util-linux `script`, which gives a command a pseudo-terminal, is installed. */
export function hasScriptCommand(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * Runs a bash script file in a pseudo-terminal (util-linux `script`), so commands see a terminal on stdin as
 * they would when a user types them, and types each reply when its prompt appears. Output is the terminal's:
 * stdout and stderr together, with CR LF line ends.
 */
export function runInTerminal(
  file: string,
  opts: { cwd: string; env: Record<string, string>; replies?: Reply[]; timeoutMs?: number },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // `exec` so bash itself is the terminal's foreground process: a Ctrl-C reaches it and the command it runs
    const child = spawn('script', ['-qefc', `exec bash --noprofile --norc '${file}'`, '/dev/null'], {
      cwd: opts.cwd,
      env: { ...opts.env, SHELL: '/bin/sh' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const pending = [...(opts.replies ?? [])];
    const answer = () => {
      for (const reply of [...pending]) {
        const m = output.match(reply.when);
        if (!m) continue;
        pending.splice(pending.indexOf(reply), 1);
        Promise.resolve(reply.send(m)).then(
          (text) => child.stdin.write(text),
          (e) => {
            output += `\n[test reply failed: ${e instanceof Error ? e.message : String(e)}]\n`;
            child.stdin.write('\x03');
          },
        );
      }
    };
    child.stdout.on('data', (d) => {
      output += d;
      answer();
    });
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A port that was free a moment ago (the OS picks it; the caller binds it right away). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
