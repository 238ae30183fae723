// Plumbing for the hardening suites: an in-memory terminal for running commands in process, running one to its
// exit code the way the CLI maps errors, reading the emulator's objects by identity, and a killable CLI process.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Io } from '../../src/io.js';
import { ExitError } from '../../src/errors.js';
import type { Emulator } from '../../src/emulator/index.js';
import { stripEndpointSuffix, type Kind } from '../../src/model.js';
import { CLI } from '../e2e/harness.js';

export interface MemoryIo extends Io {
  stdout: string;
  stderr: string;
}

/** A terminal that is not a TTY and keeps what was written. */
export function memoryIo(env: Record<string, string | undefined>, signal?: AbortSignal): MemoryIo {
  const io: MemoryIo = {
    stdout: '',
    stderr: '',
    out: (t) => void (io.stdout += t),
    err: (t) => void (io.stderr += t),
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    color: false,
    signal,
  };
  return io;
}

/**
 * Runs a command function and maps what it throws the way src/cli.ts does: an ExitError prints `error:` and
 * its hint and gives its code; anything else is an internal error (exit 1), which no test may see.
 */
export async function exitCodeOf(io: MemoryIo, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (e) {
    if (e instanceof ExitError) {
      io.err(`error: ${e.message}\n`);
      if (e.hint) io.err(`${e.hint}\n`);
      return e.exitCode;
    }
    io.err(`internal error: ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}\n`);
    return 1;
  }
}

/** The kinds these suites create, break and count (the emulator's). */
export const TESTED_KINDS = ['uri', 'credential', 'ipacl', 'trunk', 'endpoint'] as const satisfies readonly Kind[];
export type TestedKind = (typeof TESTED_KINDS)[number];

const IDENTITY_FIELD: Record<TestedKind, string> = { uri: 'name', credential: 'name', ipacl: 'name', trunk: 'name', endpoint: 'username' };
const ID_FIELD: Record<TestedKind, string> = { uri: 'uri_uuid', credential: 'credential_uuid', ipacl: 'ipacl_uuid', trunk: 'trunk_id', endpoint: 'endpoint_id' };

/** An emulator object's identity as the tool sees it: its name, or an endpoint's username without the suffix. */
export function identityOf(kind: TestedKind, wire: Record<string, unknown>): string {
  const value = wire[IDENTITY_FIELD[kind]];
  if (kind === 'endpoint') return stripEndpointSuffix(String(value)) ?? String(value);
  return typeof value === 'string' && value !== '' ? value : `${kind}-${String(wire[ID_FIELD[kind]])}`;
}

export function idOf(kind: TestedKind, wire: Record<string, unknown>): string {
  return String(wire[ID_FIELD[kind]]);
}

/** Identities that more than one object of a kind holds ("trunk:main"), across all kinds. */
export function findDuplicates(emulator: Emulator): string[] {
  const dups: string[] = [];
  for (const kind of TESTED_KINDS) {
    const seen = new Set<string>();
    for (const o of emulator.dump(kind)) {
      const key = `${kind}:${identityOf(kind, o)}`;
      if (seen.has(key)) dups.push(key);
      seen.add(key);
    }
  }
  return dups;
}

/** kind → identity → the object, for every object the emulator holds. */
export function indexByIdentity(emulator: Emulator): Record<TestedKind, Map<string, Record<string, unknown>>> {
  return Object.fromEntries(TESTED_KINDS.map((k) => [k, new Map(emulator.dump(k).map((o) => [identityOf(k, o), o]))])) as Record<
    TestedKind,
    Map<string, Record<string, unknown>>
  >;
}

export interface Spawned {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed) and the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr holds `n` lines (or the process ends first). */
  linesOnStderr(n: number): Promise<void>;
}

/** Starts the built CLI without waiting for it, so a test can watch its progress and kill it. */
export function spawnCli(args: string[], env: Record<string, string | undefined>): Spawned {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', ...env })) if (v !== undefined) merged[k] = v;
  delete merged.FORCE_COLOR;
  const child = spawn(process.execPath, [CLI, ...args], { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  const wake = () => {
    const lines = err.split('\n').length - 1;
    for (let i = waiters.length - 1; i >= 0; i--) if (lines >= waiters[i].n) waiters.splice(i, 1)[0].resolve();
  };
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => {
    err += d;
    wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    linesOnStderr: (n) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        waiters.push({ n, resolve });
        wake();
      }),
  };
}
