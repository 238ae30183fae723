// The exit-code contract and the few error classes that carry one. Only src/cli.ts calls process.exit.

export const EXIT = {
  OK: 0,
  ERROR: 1,
  CHANGES: 2,
  INVALID: 3,
  AUTH: 4,
  API: 5,
  REFUSED: 6,
  PARTIAL: 7,
  /** Interrupted by SIGINT/SIGTERM (128 + SIGINT), as shells report it. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: printed as `error: message` plus a hint, never with a stack trace. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** One line saying what to do next. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Bad flags, a bad manifest, or a refusal to run without a TTY: exit 3. */
export class UsageError extends ExitError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.INVALID, hint);
    this.name = 'UsageError';
  }
}

/** A safety check refused the plan or the saved plan is stale: exit 6. */
export class RefusedError extends ExitError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.REFUSED, hint);
    this.name = 'RefusedError';
  }
}
