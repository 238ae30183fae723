// The terminal as commands see it: where output goes, the environment, and whether to use colour.
// Commands receive an Io instead of touching process.* so tests can run them in-process.

export interface Io {
  /** The plan, reports and other results. */
  out(text: string): void;
  /** Progress, warnings and errors. */
  err(text: string): void;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Colour for stdout, decided once from --no-color, NO_COLOR, FORCE_COLOR and the TTY. */
  color: boolean;
  /** Reads one line from the terminal (confirmation prompts); undefined when stdin is not a TTY. */
  prompt?: (question: string) => Promise<string>;
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** --quiet: no progress or informational notes on stderr (errors and warnings still appear). */
  quiet?: boolean;
}

/** Progress and informational notes: stderr, unless --quiet. */
export function info(io: Io, text: string): void {
  if (!io.quiet) io.err(text);
}

/** NO_COLOR (any value) wins, then FORCE_COLOR (not "0"), then the TTY. */
export function decideColor(env: Record<string, string | undefined>, isTTY: boolean, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}
