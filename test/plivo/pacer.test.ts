import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { Pacer, RATE_WINDOW_MS, computeBudget } from '../../src/plivo/pacer.js';
import { VirtualClock } from './fakes.js';

/** The largest number of send times that fall in any span of `span` ms. */
function maxInSpan(times: number[], span: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= span) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

async function sendAll(rateLimit: number, n: number, clock = new VirtualClock()): Promise<number[]> {
  const pacer = new Pacer(rateLimit, clock);
  const times: number[] = [];
  await clock.run(Promise.all(Array.from({ length: n }, async () => {
    await pacer.acquire();
    times.push(clock.now());
  })));
  return times;
}

const budget = suite('computeBudget');

budget('stays below the server limit, never below one', () => {
  assert.ok(computeBudget(300) < 300);
  assert.ok(computeBudget(300) >= 270);
  assert.is(computeBudget(1), 1);
  fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => computeBudget(n) >= 1 && computeBudget(n) <= n));
});

budget.run();

const acquire = suite('Pacer.acquire');

acquire('a burst of 400 never puts more than the limit into any 5 s span, and the first budget goes at once', async () => {
  const times = await sendAll(300, 400);
  assert.is(times.length, 400);
  assert.ok(maxInSpan(times, RATE_WINDOW_MS) <= 300);
  const start = Math.min(...times);
  assert.is(times.filter((t) => t === start).length, computeBudget(300));
});

acquire('holds for any limit and burst size', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 200 }), async (limit, n) => {
      const times = await sendAll(limit, n);
      return times.length === n && maxInSpan(times, RATE_WINDOW_MS) <= limit;
    }),
    { numRuns: 40 },
  );
});

acquire('0 turns pacing off', async () => {
  const clock = new VirtualClock();
  const times = await sendAll(0, 1000, clock);
  assert.ok(times.every((t) => t === times[0]));
  assert.is(clock.sleeps.length, 0);
});

acquire.run();

const pause = suite('Pacer.pauseUntil');

pause('holds every send until the given time', async () => {
  const clock = new VirtualClock();
  const pacer = new Pacer(300, clock);
  const t0 = clock.now();
  pacer.pauseUntil(t0 + 1500);
  const times: number[] = [];
  await clock.run(Promise.all([1, 2, 3].map(async () => (await pacer.acquire(), times.push(clock.now())))));
  assert.ok(times.every((t) => t >= t0 + 1500));
});

pause.run();
