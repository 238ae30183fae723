// A child process for the state and command tests: runs `runEmulator` with options from argv[2] (JSON) and a
// real stdout, stopping on SIGINT/SIGTERM, so tests can read its line, signal it, or kill it outright.
import { runEmulator } from '../../src/commands/emulator.js';
import type { Io } from '../../src/io.js';

const io: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  env: process.env,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  stdinIsTTY: false,
  color: false,
};

const code = await runEmulator(JSON.parse(process.argv[2] ?? '{}'), io);
process.exitCode = code;
