// Seeded pseudo-random streams and the id formats the emulator hands out: uuids, trunk and endpoint ids,
// endpoint username suffixes, and the default account credentials.

/** A reproducible stream of numbers in [0, 1). Its whole state is one uint32, so it can be persisted. */
export interface Prng {
  next(): number;
  /** The current state; createPrng(state) continues the stream exactly from here. */
  state(): number;
}

/** mulberry32: tiny, fast and good enough for ids and fault draws (not for anything secret). */
export function createPrng(state: number): Prng {
  let a = state >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state: () => a,
  };
}

/**
 * The starting state of one named stream for a seed. Separate streams keep, say, the fault sequence the same
 * whether or not the requests before it created objects.
 */
export function deriveState(seed: number, stream: string): number {
  let h = 0x811c9dc5; // FNV-1a over "seed:stream"
  for (const ch of `${seed}:${stream}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function pick(p: Prng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(p.next() * alphabet.length)];
  return s;
}

const DIGITS = '0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** A version-4-shaped uuid (lowercase), as Plivo's uuids and api_ids look. */
export function generateUuid(p: Prng): string {
  const h = pick(p, HEX, 32).split('');
  h[12] = '4';
  h[16] = HEX[8 + Math.floor(p.next() * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A numeric string without a leading zero. */
export function generateNumber(p: Prng, digits: number): string {
  return pick(p, '123456789', 1) + pick(p, DIGITS, digits - 1);
}

/** Trunk ids are numeric strings of 14 to 18 digits live; the length varies so clients cannot assume one. */
export function generateTrunkId(p: Prng): string {
  return generateNumber(p, 14 + Math.floor(p.next() * 5));
}

/** Endpoint ids in every recorded example have 14 digits. */
export function generateEndpointId(p: Prng): string {
  return generateNumber(p, 14);
}

/** 'MA' + 18 uppercase letters and digits, like a real main-account auth id. */
export function generateAuthId(p: Prng): string {
  return 'MA' + pick(p, UPPER_ALNUM, 18);
}

export function generateAuthToken(p: Prng): string {
  return pick(p, ALNUM, 40);
}

/** The 12-digit endpoint username suffix: the creation time as YYMMDDhhmmss (UTC), as in every example. */
export function formatEndpointSuffix(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(d.getUTCFullYear() % 100) +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes()) +
    two(d.getUTCSeconds())
  );
}

/** ISO-8601 in UTC to the second with a `Z`, as the live trunk timestamps are written. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
