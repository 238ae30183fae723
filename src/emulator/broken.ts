// Broken API answers for hardening tests: successful answers whose body is not JSON or is cut short, objects
// missing a field or carrying a wrong type, list pages whose total_count, duplicates or vanished objects do not
// add up. Seeded, like the faults, so a failing run can be replayed.
import { UsageError } from '../errors.js';
import type { Prng } from './ids.js';

/** Each value is the fraction (0..1) of eligible answers broken that way. */
export interface BrokenSpec {
  /** A 2xx answer whose body is an HTML error page instead of JSON (a proxy in the way). */
  nonJson?: number;
  /** A 2xx answer whose JSON is cut off part-way (with a content-length that matches the cut body). */
  truncated?: number;
  /** One field (of an object, of meta, or of the envelope) left out. */
  missingField?: number;
  /** One field with a value of the wrong JSON type. */
  wrongType?: number;
  /** A list page whose meta.total_count is off by a drawn amount. */
  countMismatch?: number;
  /** A list page where one object is replaced by a copy of another (from another page when there is one). */
  duplicates?: number;
  /** A list page read as if an object on an earlier page had been deleted meanwhile: everything shifts by one. */
  vanishing?: number;
}

/** In draw order; the first mode whose draw falls under its fraction, and that fits the answer, applies. */
const MODES = ['nonJson', 'truncated', 'missingField', 'wrongType', 'countMismatch', 'duplicates', 'vanishing'] as const;
type Mode = (typeof MODES)[number];

const SHORT_NAMES: Record<string, Mode> = {
  nonjson: 'nonJson',
  truncated: 'truncated',
  'missing-field': 'missingField',
  'wrong-type': 'wrongType',
  'count-mismatch': 'countMismatch',
  duplicates: 'duplicates',
  vanishing: 'vanishing',
};
const SPEC_HELP =
  'Write broken answers as "nonjson=0.1,truncated=0.1,missing-field=0.1,wrong-type=0.1,count-mismatch=0.1,duplicates=0.1,vanishing=0.1" (fractions 0..1).';

/** Parses "nonjson=0.1,count-mismatch=0.2"; the object names (nonJson, countMismatch, …) work too. */
export function parseBroken(spec: string): BrokenSpec {
  const out: BrokenSpec = {};
  for (const part of spec.split(',').map((s) => s.trim())) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new UsageError(`broken answer "${part}" has no value`, SPEC_HELP);
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    const mode = SHORT_NAMES[key] ?? (MODES as readonly string[]).find((m) => m === key);
    if (mode === undefined) throw new UsageError(`unknown broken answer "${key}"; known: ${Object.keys(SHORT_NAMES).join(', ')}`, SPEC_HELP);
    if (out[mode as Mode] !== undefined) throw new UsageError(`broken answer "${key}" is given twice`, SPEC_HELP);
    if (!/^\d+(\.\d+)?$/.test(raw)) throw new UsageError(`broken answer "${key}" needs a number, got "${raw}"`, SPEC_HELP);
    out[mode as Mode] = Number(raw);
  }
  return checkBroken(out);
}

/** Throws on unknown modes and values outside 0..1, so the object form is held to the string form's rules. */
export function checkBroken(spec: BrokenSpec): BrokenSpec {
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined) continue;
    if (!(MODES as readonly string[]).includes(key)) throw new UsageError(`unknown broken answer "${key}"`, SPEC_HELP);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new UsageError(`broken answer "${key}" must be a fraction from 0 to 1, got ${String(value)}`, SPEC_HELP);
    }
  }
  return { ...spec };
}

export function toBrokenSpec(b: string | BrokenSpec | null | undefined): BrokenSpec {
  if (b === null || b === undefined) return {};
  return typeof b === 'string' ? parseBroken(b) : checkBroken(b);
}

type Json = Record<string, unknown>;

/** The successful answer about to be sent, as the breaker needs to see it. */
export type Eligible =
  /** A list page; `all` gives every object of the kind as the list shows them, in list order. */
  | { type: 'list'; body: Json; all: () => Json[] }
  /** A single GET (possibly wrapped in `object`) or a create answer. */
  | { type: 'item' | 'created'; body: Json };

/** What to send instead: another JSON body, or raw text. */
export type Breakage = { mode: Mode; json: Json } | { mode: Mode; text: string; contentType: string };

const NON_JSON_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n';

/**
 * Draws one number per mode for every eligible answer (so the n-th answer's fate depends only on the seed, n and
 * the spec), then breaks the answer in the first drawn mode that fits it; null leaves the answer alone.
 */
export function breakAnswer(p: Prng, spec: BrokenSpec, answer: Eligible): Breakage | null {
  const draws = MODES.map(() => p.next());
  for (const [i, mode] of MODES.entries()) {
    if (!(draws[i] < (spec[mode] ?? 0))) continue;
    const broken = applyMode(p, mode, answer);
    if (broken !== null) return broken;
  }
  return null;
}

function applyMode(p: Prng, mode: Mode, answer: Eligible): Breakage | null {
  const body = structuredClone(answer.body);
  switch (mode) {
    case 'nonJson':
      return { mode, text: NON_JSON_PAGE, contentType: 'text/html' };
    case 'truncated': {
      const text = JSON.stringify(body);
      // at least one character kept and one cut, so the rest never parses as the same JSON
      return { mode, text: text.slice(0, 1 + Math.floor(p.next() * (text.length - 1))), contentType: 'application/json' };
    }
    case 'missingField': {
      const spot = pickSpot(p, answer.type, body);
      if (spot === null) return null;
      delete spot.holder[spot.key];
      return { mode, json: body };
    }
    case 'wrongType': {
      const spot = pickSpot(p, answer.type, body);
      if (spot === null) return null;
      spot.holder[spot.key] = wrongTypeOf(spot.holder[spot.key]);
      return { mode, json: body };
    }
    case 'countMismatch':
    case 'duplicates':
    case 'vanishing':
      return answer.type === 'list' ? breakPage(p, mode, body, answer.all) : null;
  }
}

/** A field to break: of an object in the answer, or (lists) of meta or the envelope itself. */
function pickSpot(p: Prng, type: Eligible['type'], body: Json): { holder: Json; key: string } | null {
  const spots: { holder: Json; key: string }[] = [];
  const add = (holder: unknown) => {
    if (isObject(holder)) for (const key of Object.keys(holder)) if (key !== 'api_id') spots.push({ holder, key });
  };
  if (type === 'list') {
    add(body);
    add(body.meta);
    if (Array.isArray(body.objects)) for (const o of body.objects) add(o);
  } else {
    // a single trunk comes wrapped in `object`: break what is inside
    add(isObject(body.object) ? body.object : body);
  }
  return spots.length === 0 ? null : spots[Math.floor(p.next() * spots.length)];
}

function wrongTypeOf(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return {};
  if (Array.isArray(v)) return v.join(',');
  return 'object';
}

function breakPage(p: Prng, mode: Mode, body: Json, all: () => Json[]): Breakage | null {
  const meta = body.meta as Json;
  const objects = body.objects as Json[];
  const total = meta.total_count as number;
  const offset = meta.offset as number;
  const limit = meta.limit as number;
  if (mode === 'countMismatch') {
    // anything from 0 to 20 past the truth, never the truth itself
    let wrong = Math.floor(p.next() * (total + 21));
    if (wrong >= total) wrong += 1;
    meta.total_count = wrong;
    return { mode, json: body };
  }
  if (mode === 'duplicates') {
    if (objects.length === 0) return null;
    const at = Math.floor(p.next() * objects.length);
    const others = all().filter((o) => JSON.stringify(o) !== JSON.stringify(objects[at]));
    if (others.length === 0) return null;
    const outside = others.filter((o) => !objects.some((x) => JSON.stringify(x) === JSON.stringify(o)));
    const pool = outside.length > 0 ? outside : others;
    objects[at] = structuredClone(pool[Math.floor(p.next() * pool.length)]);
    return { mode, json: body };
  }
  // vanishing: only a later page can show what an earlier page's object leaving does to the rest
  if (offset === 0) return null;
  const list = all();
  if (list.length === 0) return null;
  list.splice(Math.floor(p.next() * Math.min(offset, list.length)), 1);
  body.objects = list.slice(offset, offset + limit);
  meta.total_count = list.length;
  return { mode, json: body };
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
