import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { DEFAULT_RETRY_POLICY, computeBackoff, parseRetryAfter } from '../../src/plivo/backoff.js';

const backoff = suite('computeBackoff');

backoff('full jitter between 0 and an exponential ceiling capped at capMs', () => {
  const p = DEFAULT_RETRY_POLICY;
  assert.is(computeBackoff(1, p, () => 0), 0);
  assert.is(computeBackoff(1, p, () => 0.999999), 249);
  assert.is(computeBackoff(3, p, () => 0.5), 500);
  assert.is(computeBackoff(20, p, () => 0.5), p.capMs / 2);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (retry, r) => {
      const d = computeBackoff(retry, p, () => r);
      return d >= 0 && d < Math.min(p.capMs, p.baseMs * 2 ** (retry - 1));
    }),
  );
});

backoff.run();

const retryAfter = suite('parseRetryAfter');

retryAfter('seconds, HTTP dates, the past, and nonsense', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  assert.is(parseRetryAfter('3', now), 3000);
  assert.is(parseRetryAfter(' 1.5 ', now), 1500);
  assert.is(parseRetryAfter('Tue, 01 Jan 2030 00:00:07 GMT', now), 7000);
  assert.is(parseRetryAfter('Mon, 31 Dec 2029 23:00:00 GMT', now), 0);
  assert.is(parseRetryAfter(null, now), null);
  assert.is(parseRetryAfter('', now), null);
  assert.is(parseRetryAfter('soon', now), null);
  assert.is(parseRetryAfter('-5', now), null);
});

retryAfter.run();
