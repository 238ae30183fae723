import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { Pacer, RATE_WINDOW_MS } from '../../src/plivo/pacer.js';
import { VirtualClock } from './fakes.js';

/** The largest number of times that fall in any span of `span` ms. */
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

/**
 * `n` requests through one pacer, each answered `latency(i)` ms after it is sent. The server counts a request at
 * some moment between send and answer: `countAt` picks where (0: on arrival, 1: just before answering).
 */
async function sendAll(
  rateLimit: number,
  n: number,
  opts: { clock?: VirtualClock; latency?: (i: number) => number; countAt?: (i: number) => number } = {},
): Promise<{ sent: number[]; counted: number[] }> {
  const clock = opts.clock ?? new VirtualClock();
  const latency = opts.latency ?? (() => 0);
  const countAt = opts.countAt ?? (() => 0);
  const pacer = new Pacer(rateLimit, clock);
  const sent: number[] = [];
  const counted: number[] = [];
  await clock.run(
    Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const release = await pacer.acquire();
        const t = clock.now();
        sent.push(t);
        const ms = latency(i);
        counted.push(t + Math.floor(ms * countAt(i)));
        if (ms > 0) await clock.sleep(ms);
        release();
      }),
    ),
  );
  return { sent, counted };
}

const acquire = suite('Pacer.acquire');

acquire('the whole limit goes at once; the rest waits a window after the first answers', async () => {
  const { sent } = await sendAll(300, 400, { latency: () => 50 });
  assert.is(sent.length, 400);
  const start = Math.min(...sent);
  assert.is(sent.filter((t) => t === start).length, 300);
  assert.ok(sent.filter((t) => t !== start).every((t) => t >= start + 50 + RATE_WINDOW_MS));
  assert.ok(maxInSpan(sent, RATE_WINDOW_MS) <= 300);
});

acquire('a limit with every slot in flight waits for an answer, then its window', async () => {
  const { sent } = await sendAll(2, 3, { latency: (i) => (i < 2 ? 1000 : 0) });
  const start = Math.min(...sent);
  assert.equal([...sent].sort((a, b) => a - b), [start, start, start + 1000 + RATE_WINDOW_MS]);
});

acquire('wherever the server counts between send and answer, no 5 s span holds more than the limit', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 150 }),
      fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 20 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
      async (limit, n, latencies, points) => {
        const { sent, counted } = await sendAll(limit, n, {
          latency: (i) => latencies[i % latencies.length],
          countAt: (i) => points[i % points.length],
        });
        return sent.length === n && maxInSpan(counted, RATE_WINDOW_MS) <= limit;
      },
    ),
    { numRuns: 60 },
  );
});

acquire('0 turns pacing off', async () => {
  const clock = new VirtualClock();
  const { sent } = await sendAll(0, 1000, { clock });
  assert.ok(sent.every((t) => t === sent[0]));
  assert.is(clock.sleeps.length, 0);
});

acquire('releasing twice frees one slot', async () => {
  const clock = new VirtualClock();
  const pacer = new Pacer(1, clock);
  const release = await pacer.acquire();
  release();
  release();
  const t0 = clock.now();
  await clock.run(pacer.acquire());
  assert.is(clock.now(), t0 + RATE_WINDOW_MS);
});

acquire.run();

const pause = suite('Pacer.pauseUntil');

pause('holds every send until the given time', async () => {
  const clock = new VirtualClock();
  const pacer = new Pacer(300, clock);
  const t0 = clock.now();
  pacer.pauseUntil(t0 + 1500);
  const times: number[] = [];
  await clock.run(Promise.all([1, 2, 3].map(async () => ((await pacer.acquire())(), times.push(clock.now())))));
  assert.ok(times.every((t) => t >= t0 + 1500));
});

pause.run();
