// Paces requests under the account's rate limit: the whole limit is used, and no 429 is ever caused by us.
//
// Plivo counts requests per account over 5 seconds as they arrive. We cannot see when the server counts a
// request, only that it happens after we send it and before its answer reaches us. So a request holds its
// slot from the moment it is sent until one window after its answer arrived (or after the attempt failed):
// a new request is sent only while fewer than `limit` requests are in flight or answered within the last
// window. Then no span of 5 s at the server ever holds more than `limit` of our requests, whatever the
// network delays: for any `limit` + 1 of them, the last one sent was sent at least a window after the others
// were answered, so it is counted at least a window after each of them was.
// This holds for a sliding window, and so for a fixed window or a token bucket of the same rate (both accept
// any sequence a sliding window accepts). The cost is one round trip per window, not a fixed headroom: a
// 300-request read finishes at full speed, and a long apply runs at the limit less about 1 %.
// Retries take slots like any request; a server's Retry-After stops every send (pauseUntil).

export const RATE_WINDOW_MS = 5000;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Frees the slot taken by acquire(); call it once the answer has arrived or the attempt has failed. */
export type Release = () => void;

const NO_PACING: Release = () => {};

export class Pacer {
  /** Requests sent and not yet answered. */
  private inFlight = 0;
  /** Answer times still inside the window, oldest first. */
  private answered: number[] = [];
  private holdUntil = 0;
  /** Wakes acquirers waiting for an answer when every slot is in flight. */
  private onAnswer: (() => void) | null = null;
  private answerArrived: Promise<void> | null = null;

  /** `rateLimit` is the server's limit per 5 s; 0 turns pacing off. */
  constructor(
    private readonly rateLimit: number,
    private readonly clock: Clock,
  ) {}

  /** Resolves when one more request may be sent; the slot is held until the returned release is called. */
  async acquire(): Promise<Release> {
    if (this.rateLimit === 0) return NO_PACING;
    for (;;) {
      const t = this.clock.now();
      while (this.answered.length > 0 && this.answered[0] <= t - RATE_WINDOW_MS) this.answered.shift();
      if (this.holdUntil > t) {
        await this.clock.sleep(this.holdUntil - t);
        continue;
      }
      if (this.inFlight + this.answered.length < this.rateLimit) {
        this.inFlight++;
        return this.releaser();
      }
      // Several waiters may wake together; each re-checks, so only as many as there are free slots go.
      if (this.answered.length > 0) await this.clock.sleep(this.answered[0] + RATE_WINDOW_MS - t);
      else await this.nextAnswer();
    }
  }

  /** Stops every send until `t` (a server's Retry-After applies to the whole account, not one request). */
  pauseUntil(t: number): void {
    if (this.rateLimit === 0) return;
    this.holdUntil = Math.max(this.holdUntil, t);
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      const t = this.clock.now();
      // The clock may step back; keeping the list sorted keeps the oldest first.
      let i = this.answered.length;
      while (i > 0 && this.answered[i - 1] > t) i--;
      this.answered.splice(i, 0, t);
      const wake = this.onAnswer;
      this.onAnswer = null;
      this.answerArrived = null;
      wake?.();
    };
  }

  private nextAnswer(): Promise<void> {
    this.answerArrived ??= new Promise((resolve) => (this.onAnswer = resolve));
    return this.answerArrived;
  }
}
