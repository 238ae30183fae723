// How long to wait before retrying: exponential backoff with full jitter, or the server's Retry-After.

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** The first retry waits up to this long; each further retry doubles it. */
  baseMs: number;
  /** No backoff wait exceeds this. */
  capMs: number;
  /** A Retry-After longer than this is not waited out: the request fails with the server's answer instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseMs: 250,
  capMs: 8000,
  maxRetryAfterMs: 60_000,
};

/**
 * Full jitter (a uniform pick between 0 and the exponential ceiling) rather than a fixed exponential step:
 * many requests failing together (a 429 burst, a server hiccup) then spread out instead of retrying in lockstep.
 * `retry` is 1 for the first retry.
 */
export function computeBackoff(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A Retry-After header in milliseconds from `now`: delta seconds ("3", "1.5") or an HTTP date. null when the
 * header is absent or unreadable; 0 for a date in the past.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const h = header.trim();
  if (h === '') return null;
  if (/^\d+(\.\d+)?$/.test(h)) return Math.round(Number(h) * 1000);
  // An HTTP date always names its month; this keeps "-5" and other numbers from parsing as years.
  if (!/[a-z]/i.test(h)) return null;
  const date = Date.parse(h);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
