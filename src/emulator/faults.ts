// Fault injection: the --faults spec, its parser, and the per-request draw that decides a request's fate.
import { UsageError } from '../errors.js';
import type { Prng } from './ids.js';

/** Fractions are 0..1 of requests (lostCreate: of successful creates); latencyMs is added to every answer. */
export interface FaultSpec {
  error500?: number;
  lostCreate?: number;
  reset?: number;
  latencyMs?: number;
  hang?: number;
}

const SHORT_NAMES: Record<string, keyof FaultSpec> = {
  '500': 'error500',
  lost: 'lostCreate',
  reset: 'reset',
  latency: 'latencyMs',
  hang: 'hang',
};
const FRACTIONS: (keyof FaultSpec)[] = ['error500', 'lostCreate', 'reset', 'hang'];
const SPEC_HELP = 'Write faults as "500=0.1,lost=0.05,reset=0.05,latency=20,hang=0.01" (fractions 0..1, latency in ms).';

/** Parses "500=0.1,lost=0.05,reset=0.05,latency=20,hang=0.01"; the long names (error500, lostCreate, …) work too. */
export function parseFaults(spec: string): FaultSpec {
  const out: FaultSpec = {};
  for (const part of spec.split(',').map((s) => s.trim())) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new UsageError(`fault "${part}" has no value`, SPEC_HELP);
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    const name = SHORT_NAMES[key] ?? (Object.values(SHORT_NAMES).includes(key as keyof FaultSpec) ? (key as keyof FaultSpec) : undefined);
    if (name === undefined) {
      throw new UsageError(`unknown fault "${key}"; known: ${Object.keys(SHORT_NAMES).join(', ')}`, SPEC_HELP);
    }
    if (out[name] !== undefined) throw new UsageError(`fault "${key}" is given twice`, SPEC_HELP);
    if (!/^\d+(\.\d+)?$/.test(raw)) throw new UsageError(`fault "${key}" needs a number, got "${raw}"`, SPEC_HELP);
    out[name] = Number(raw);
  }
  return checkFaults(out);
}

/** Throws on out-of-range values, so an object given to setFaults is held to the same rules as a string. */
export function checkFaults(spec: FaultSpec): FaultSpec {
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined) continue;
    const name = key as keyof FaultSpec;
    if (name !== 'latencyMs' && !FRACTIONS.includes(name)) throw new UsageError(`unknown fault "${key}"`, SPEC_HELP);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new UsageError(`fault "${key}" must be a number >= 0, got ${String(value)}`, SPEC_HELP);
    }
    if (name !== 'latencyMs' && value > 1) {
      throw new UsageError(`fault "${key}" is a fraction of requests and must be between 0 and 1, got ${value}`, SPEC_HELP);
    }
  }
  return { ...spec };
}

/** Normalises the forms setFaults and the options accept. */
export function toFaultSpec(f: string | FaultSpec | null | undefined): FaultSpec {
  if (f === null || f === undefined) return {};
  return typeof f === 'string' ? parseFaults(f) : checkFaults(f);
}

export interface Fate {
  /** Never answer; the socket stays open until the client gives up or the emulator closes. */
  hang: boolean;
  /** Destroy the connection without an answer, before or after performing the request. */
  reset: 'before' | 'after' | null;
  /** Answer 500 without performing anything. */
  error500: boolean;
  /** If the request is a create that succeeds, answer 500 anyway. */
  lost: boolean;
}

/**
 * Every request draws exactly four numbers, whatever the spec and whatever happens to it, so request n's fate
 * depends only on the seed, n and the spec. A reset falls in the lower half of its band → before performing,
 * upper half → after: half of all resets each way.
 */
export function drawFate(p: Prng, spec: FaultSpec): Fate {
  const [h, r, e, l] = [p.next(), p.next(), p.next(), p.next()];
  const reset = spec.reset ?? 0;
  return {
    hang: h < (spec.hang ?? 0),
    reset: r < reset / 2 ? 'before' : r < reset ? 'after' : null,
    error500: e < (spec.error500 ?? 0),
    lost: l < (spec.lostCreate ?? 0),
  };
}
