// Paces requests under the account's rate limit so that 429s stay the exception.
//
// Why a sliding-window log and not a plain token bucket: Plivo counts requests per account over 5 seconds as
// they arrive. A token bucket that starts full with the whole window as capacity lets a burst of N go out at
// once and then refills at N per window, so some 5-second span can see up to 2N requests: it overruns a
// sliding window by design. Keeping the send times of the last requests and waiting until the oldest leaves
// the window means no span of `windowMs` ever holds more than `budget` of our sends. That also satisfies a
// fixed window or a token bucket of the same rate on the server (both accept any sequence a sliding window
// accepts). Two margins cover the difference between when we send and when the server counts:
//  - the window is 5 s plus WINDOW_MARGIN_MS, so uneven network and event-loop delays cannot squeeze two
//    windows' worth of arrivals into one;
//  - the budget is HEADROOM below the limit, for retries already in the air and clock granularity.
// The cost is small: at 300 per 5 s we send at most 285 per 5.25 s, about 54 requests a second.

export const RATE_WINDOW_MS = 5000;
export const WINDOW_MARGIN_MS = 250;
export const HEADROOM = 0.05;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** How many requests we allow ourselves per window for a server limit of `rateLimit` per 5 s. */
export function computeBudget(rateLimit: number): number {
  return Math.max(1, Math.floor(rateLimit * (1 - HEADROOM)));
}

export class Pacer {
  /** Send times still inside the window, oldest first. */
  private sent: number[] = [];
  private holdUntil = 0;
  private readonly budget: number;
  private readonly windowMs: number;

  /** `rateLimit` is the server's limit per 5 s; 0 turns pacing off. */
  constructor(
    rateLimit: number,
    private readonly clock: Clock,
  ) {
    this.budget = rateLimit > 0 ? computeBudget(rateLimit) : 0;
    this.windowMs = RATE_WINDOW_MS + WINDOW_MARGIN_MS;
  }

  /** Resolves when one more request may be sent, and records it as sent. */
  async acquire(): Promise<void> {
    if (this.budget === 0) return;
    for (;;) {
      const t = this.clock.now();
      while (this.sent.length > 0 && this.sent[0] <= t - this.windowMs) this.sent.shift();
      const untilSlot = this.sent.length >= this.budget ? this.sent[0] + this.windowMs - t : 0;
      const wait = Math.max(untilSlot, this.holdUntil - t);
      if (wait <= 0) {
        this.sent.push(t);
        return;
      }
      // Several waiters may wake together; each re-checks, so only as many as there are free slots go.
      await this.clock.sleep(wait);
    }
  }

  /** Stops every send until `t` (a server's Retry-After applies to the whole account, not one request). */
  pauseUntil(t: number): void {
    if (this.budget === 0) return;
    this.holdUntil = Math.max(this.holdUntil, t);
  }
}
