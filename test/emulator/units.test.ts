// The emulator's pure pieces: parseFaults, drawFate, the seeded id streams, value formats, the rate limiter,
// and the auth checker.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createAuthChecker } from '../../src/emulator/auth.js';
import { drawFate, parseFaults } from '../../src/emulator/faults.js';
import { checkCredentialPassword, checkEndpointUsername, checkIpOrCidr, checkUriTarget } from '../../src/emulator/formats.js';
import { createPrng, deriveState, formatEndpointSuffix, formatTimestamp, generateAuthId, generateTrunkId, generateUuid } from '../../src/emulator/ids.js';
import { createRateLimiter } from '../../src/emulator/ratelimit.js';
import { UsageError } from '../../src/errors.js';
import { basic, UUID } from './helpers.js';

const faults = suite('parseFaults');

faults('reads the short names into a FaultSpec', () => {
  assert.equal(parseFaults('500=0.1,lost=0.05,reset=0.05,latency=20,hang=0.01'), {
    error500: 0.1,
    lostCreate: 0.05,
    reset: 0.05,
    latencyMs: 20,
    hang: 0.01,
  });
});

faults('accepts the long names, spaces and an empty spec', () => {
  assert.equal(parseFaults(' error500=1 , lostCreate=0 '), { error500: 1, lostCreate: 0 });
  assert.equal(parseFaults(''), {});
});

faults('rejects unknown names, missing or bad numbers, fractions above 1 and repeats, saying why', () => {
  const cases: [string, RegExp][] = [
    ['boom=1', /unknown fault "boom"/],
    ['500', /no value/],
    ['500=abc', /needs a number/],
    ['500=-0.1', /needs a number/],
    ['reset=1.5', /between 0 and 1/],
    ['500=0.1,500=0.2', /given twice/],
  ];
  for (const [spec, message] of cases) {
    assert.throws(() => parseFaults(spec), (e: unknown) => e instanceof UsageError && message.test(e.message), spec);
  }
});

faults.run();

const fate = suite('drawFate');

fate('all zero: nothing happens; all one: everything but the reset side is certain', () => {
  const p = createPrng(1);
  for (let i = 0; i < 100; i++) assert.equal(drawFate(p, {}), { hang: false, reset: null, error500: false, lost: false });
  const sides = new Set<string | null>();
  for (let i = 0; i < 100; i++) {
    const f = drawFate(p, { hang: 1, reset: 1, error500: 1, lostCreate: 1 });
    assert.ok(f.hang && f.error500 && f.lost);
    sides.add(f.reset);
  }
  assert.equal([...sides].sort(), ['after', 'before']);
});

fate('draws the same four numbers whatever the spec, so a sequence does not shift when faults change', () => {
  const a = createPrng(42);
  const b = createPrng(42);
  drawFate(a, {});
  drawFate(b, { error500: 1, reset: 0.5 });
  assert.is(a.state(), b.state());
});

fate.run();

const ids = suite('id streams');

ids('a stream continues exactly from a saved state', () => {
  const p = createPrng(deriveState(1, 'ids'));
  p.next();
  const saved = p.state();
  const q = createPrng(saved);
  assert.is(q.next(), p.next());
});

ids('streams differ by name and seed', () => {
  assert.is.not(deriveState(1, 'ids'), deriveState(1, 'faults'));
  assert.is.not(deriveState(1, 'ids'), deriveState(2, 'ids'));
});

ids('formats: uuid v4, trunk ids of 14-18 digits, auth id MA+18', () => {
  const p = createPrng(7);
  const lengths = new Set<number>();
  for (let i = 0; i < 200; i++) {
    assert.match(generateUuid(p), UUID);
    const t = generateTrunkId(p);
    assert.match(t, /^[1-9][0-9]{13,17}$/);
    lengths.add(t.length);
  }
  assert.equal([...lengths].sort(), [14, 15, 16, 17, 18]);
  assert.match(generateAuthId(p), /^MA[A-Z0-9]{18}$/);
});

ids('endpoint suffix is YYMMDDhhmmss in UTC; timestamps are ISO with Z and no fraction', () => {
  const t = Date.UTC(2031, 9, 31, 14, 59, 58, 123);
  assert.is(formatEndpointSuffix(t), '311031145958');
  assert.is(formatTimestamp(t), '2031-10-31T14:59:58Z');
});

ids.run();

const formats = suite('formats');

formats('checkIpOrCidr', () => {
  for (const ok of ['10.0.0.1', '0.0.0.0/0', '10.0.0.0/32', '::1', '2001:db8::/128']) assert.is(checkIpOrCidr(ok), undefined, ok);
  for (const bad of ['10.0.0.256', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/a', '2001:db8::/129', 'host', '']) assert.type(checkIpOrCidr(bad), 'string', bad);
});

formats('checkUriTarget', () => {
  for (const ok of ['sip.example.com', 'a.b:1', 'sips:pbx.example.com', 'sip:pbx@10.0.0.1:5080', '[::1]:5060']) assert.is(checkUriTarget(ok), undefined, ok);
  for (const bad of ['sip', 'sip.example.com:', 'sip:', '-a.example.com', 'a..b', 'exa mple.com', '1.2.3']) assert.type(checkUriTarget(bad), 'string', bad);
});

formats('checkCredentialPassword and checkEndpointUsername', () => {
  assert.is(checkCredentialPassword('abc_1'), undefined);
  assert.match(checkCredentialPassword('abcde')!, /at least one/);
  assert.is(checkEndpointUsername('a1'), undefined);
  assert.type(checkEndpointUsername('1a'), 'string');
});

formats.run();

const limiter = suite('createRateLimiter');

limiter('allows `limit` per window, refuses without counting, and frees slots as they age out', () => {
  const r = createRateLimiter(2, 1000);
  assert.ok(r.take(0));
  assert.ok(r.take(500));
  assert.not.ok(r.take(900));
  assert.not.ok(r.take(999));
  assert.ok(r.take(1000)); // the request at 0 has left the window
  assert.not.ok(r.take(1400));
  assert.ok(r.take(1500));
});

limiter('0 is off; setLimit changes it live', () => {
  const r = createRateLimiter(0, 1000);
  for (let i = 0; i < 1000; i++) assert.ok(r.take(0));
  r.setLimit(1);
  assert.ok(r.take(5000));
  assert.not.ok(r.take(5001));
});

limiter('stays correct over many windows', () => {
  const r = createRateLimiter(3, 100);
  let allowed = 0;
  for (let t = 0; t < 100_000; t++) if (r.take(t)) allowed++;
  assert.is(allowed, 3000);
});

limiter.run();

const auth = suite('createAuthChecker');

auth('ok, invalid and missing', () => {
  const check = createAuthChecker('MAID', 'tok');
  assert.is(check(basic('MAID', 'tok')), 'ok');
  assert.is(check(basic('MAID', 'tok2')), 'invalid');
  assert.is(check(basic('MAID', '')), 'invalid');
  assert.is(check(undefined), 'missing');
  assert.is(check('Bearer tok'), 'missing');
});

auth.run();
