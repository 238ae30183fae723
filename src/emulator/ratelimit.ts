// The per-account rate limit: a sliding 5-second window over the requests the account was allowed to make.

export interface RateLimiter {
  /** Counts the request and answers true when it is within the limit; a refused request is not counted. */
  take(now: number): boolean;
  /** Requests per window; 0 turns the limit off. */
  setLimit(limit: number): void;
}

export const RATE_WINDOW_MS = 5000;

export function createRateLimiter(limit: number, windowMs = RATE_WINDOW_MS): RateLimiter {
  // timestamps of allowed requests, oldest first; `head` skips expired ones without shifting the array
  let times: number[] = [];
  let head = 0;
  return {
    take(now) {
      if (limit === 0) return true;
      while (head < times.length && times[head] <= now - windowMs) head++;
      if (head > 1024 && head * 2 > times.length) {
        times = times.slice(head);
        head = 0;
      }
      if (times.length - head >= limit) return false;
      times.push(now);
      return true;
    },
    setLimit(n) {
      limit = n;
    },
  };
}
