// Per-kind views: the fields the manifest controls, as a plan shows them (references as names, secrets as
// SENSITIVE, optional strings normalised, address sets sorted). Server-assigned fields never enter a view.
import { liveIdentity } from '../model.js';
import type { Desired, Kind, Live } from '../model.js';
import { SENSITIVE } from './types.js';
import type { FieldValue, Fields } from './types.js';

/**
 * text/flag: compared as values (null, "" and absent are one value); set: a list compared as a set;
 * ref: a name on the desired side and `<field>_id` on the live side, compared by resolved live id;
 * secret: never compared as a value (see secrets.ts).
 */
export type FieldType = 'text' | 'flag' | 'set' | 'ref' | 'secret';

export interface FieldSpec {
  field: string;
  type: FieldType;
  /** The kind a ref field points at. */
  target?: Kind;
  /**
   * For a ref: a live field shown instead when the live object refers to no `target` (what a number routes to
   * when that is not a trunk). Shown only: the comparison is by reference alone.
   */
  otherwise?: string;
}

/** What each kind's view holds, in display order. The first field is the identity. */
export const FIELD_SPECS: Readonly<Record<Kind, readonly FieldSpec[]>> = {
  uri: [
    { field: 'name', type: 'text' },
    { field: 'uri', type: 'text' },
    { field: 'authentication_needed', type: 'flag' },
    { field: 'username', type: 'text' },
    { field: 'password', type: 'secret' },
  ],
  credential: [
    { field: 'name', type: 'text' },
    { field: 'username', type: 'text' },
    { field: 'password', type: 'secret' },
  ],
  ipacl: [
    { field: 'name', type: 'text' },
    { field: 'ip_addresses', type: 'set' },
  ],
  trunk: [
    { field: 'name', type: 'text' },
    { field: 'trunk_direction', type: 'text' },
    { field: 'trunk_status', type: 'text' },
    { field: 'secure', type: 'flag' },
    { field: 'primary_uri', type: 'ref', target: 'uri' },
    { field: 'fallback_uri', type: 'ref', target: 'uri' },
    { field: 'ipacl', type: 'ref', target: 'ipacl' },
    { field: 'credential', type: 'ref', target: 'credential' },
  ],
  endpoint: [
    { field: 'username', type: 'text' },
    { field: 'alias', type: 'text' },
    { field: 'password', type: 'secret' },
    { field: 'app_id', type: 'text' },
  ],
  number: [
    { field: 'number', type: 'text' },
    { field: 'trunk', type: 'ref', target: 'trunk', otherwise: 'application' },
  ],
};

/** Reads a model field by name; the specs above name only fields that exist on their kind. */
export function readField(o: Desired | Live, field: string): unknown {
  return (o as unknown as Record<string, unknown>)[field];
}

/** null, "" and absent are the same optional string. */
export function normalizeText(v: unknown): FieldValue {
  if (v === undefined || v === null || v === '') return null;
  return v as FieldValue;
}

/** Sorted and de-duplicated, so that order and repeats never show as a change. */
export function normalizeSet(v: unknown): string[] {
  return [...new Set((v as string[] | null | undefined) ?? [])].sort(compareText);
}

/** Code-unit order: independent of locale, so plans are the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ids in a natural order: numeric trunk and endpoint ids by value, others by text. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || compareText(a, b);
}

/** An endpoint's app_id is in its view only when the manifest says something about it. */
function inView(kind: Kind, field: string, desired: Desired | null): boolean {
  return !(kind === 'endpoint' && field === 'app_id' && desired !== null && readField(desired, 'app_id') === undefined);
}

/** A value built from a ${VAR} (see DesiredBase.sensitive) is shown as SENSITIVE on both sides of a plan. */
function masked(desired: Desired | null, field: string): boolean {
  return desired?.sensitive !== undefined && desired.sensitive.includes(field);
}

/** The manifest entry as a plan shows it (a create's or update's `after`). */
export function viewDesired(d: Desired): Fields {
  const fields: Fields = {};
  for (const spec of FIELD_SPECS[d.kind]) {
    if (!inView(d.kind, spec.field, d)) continue;
    const v = readField(d, spec.field);
    if (spec.type === 'secret' || masked(d, spec.field)) fields[spec.field] = v === null || v === undefined || v === '' ? null : SENSITIVE;
    else if (spec.type === 'set') fields[spec.field] = normalizeSet(v);
    else fields[spec.field] = normalizeText(v);
  }
  return fields;
}

/** Whether a live object has a write-only secret set; the value itself is never readable. */
function hasLiveSecret(l: Live): boolean {
  return l.kind === 'uri' ? l.authentication_needed : true;
}

/**
 * The live object as the manifest would describe it (an update's or delete's `before`). `desired` is the
 * entry it matches, if any: it decides whether an endpoint's app_id is part of the comparison.
 * `nameOf` turns a referenced live id into the name shown.
 */
export function viewLive(l: Live, desired: Desired | null, nameOf: (kind: Kind, id: string) => string): Fields {
  const fields: Fields = {};
  const specs = FIELD_SPECS[l.kind];
  for (const spec of specs) {
    if (!inView(l.kind, spec.field, desired)) continue;
    if (spec === specs[0]) {
      // The identity, not the raw name: an unnamed object matched as `<kind>-<id>` shows no name change.
      fields[spec.field] = liveIdentity(l);
    } else if (spec.type === 'secret') {
      fields[spec.field] = hasLiveSecret(l) ? SENSITIVE : null;
    } else if (masked(desired, spec.field)) {
      const v = readField(l, spec.field);
      fields[spec.field] = v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ? null : SENSITIVE;
    } else if (spec.type === 'set') {
      fields[spec.field] = normalizeSet(readField(l, spec.field));
    } else if (spec.type === 'ref') {
      const id = readField(l, `${spec.field}_id`) as string | null;
      if (id !== null && id !== '') fields[spec.field] = nameOf(spec.target as Kind, id);
      else fields[spec.field] = spec.otherwise === undefined ? null : normalizeText(readField(l, spec.otherwise));
    } else {
      fields[spec.field] = normalizeText(readField(l, spec.field));
    }
  }
  return fields;
}
