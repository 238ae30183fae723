// The comparison of one manifest entry with the live object it matches: which fields an update changes.
import type { Desired, Kind, Live } from '../model.js';
import { FIELD_SPECS, normalizeSet, normalizeText, readField } from './view.js';
import { decidePassword } from './secrets.js';
import type { PasswordDecision, RotateRequest } from './secrets.js';

export interface ObjectDiff {
  /** Changed field names in view order. */
  changed: string[];
  notes: string[];
  blind: PasswordDecision['blind'];
}

/** Whether the manifest name of a `kind` object stands for the live object `id` (see identity.refersTo). */
export type Resolver = (kind: Kind, name: string, id: string) => boolean;

function sameRef(name: string | null, id: string | null, target: Kind, resolve: Resolver): boolean {
  if (name === null || id === null) return name === id;
  // An object created by this plan has no live id yet, so a reference to it always differs.
  return resolve(target, name, id);
}

function sameSet(a: unknown, b: unknown): boolean {
  // The common case, the same list in the same order, is equal as a set without sorting copies of both.
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i])) return true;
  const x = normalizeSet(a);
  const y = normalizeSet(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The live side's field for a reference: "primary_uri" → "primary_uri_id", built once per field name. */
const LIVE_REF_FIELDS = new Map<string, string>();
function liveRefField(field: string): string {
  let name = LIVE_REF_FIELDS.get(field);
  if (name === undefined) LIVE_REF_FIELDS.set(field, (name = `${field}_id`));
  return name;
}

export function diffObject(d: Desired, l: Live, resolve: Resolver, rotate: RotateRequest): ObjectDiff {
  const changed: string[] = [];
  const specs = FIELD_SPECS[d.kind];
  // The first field is the identity, equal by construction of the match.
  for (let i = 1; i < specs.length; i++) {
    const spec = specs[i];
    if (spec.type === 'secret') continue;
    const want = readField(d, spec.field);
    if (spec.type === 'ref') {
      const id = normalizeText(readField(l, liveRefField(spec.field))) as string | null;
      if (!sameRef(normalizeText(want) as string | null, id, spec.target as Kind, resolve)) changed.push(spec.field);
    } else if (spec.type === 'set') {
      if (!sameSet(want, readField(l, spec.field))) changed.push(spec.field);
    } else if (want !== undefined && normalizeText(want) !== normalizeText(readField(l, spec.field))) {
      // undefined is only an endpoint's app_id left out of the manifest: leave it alone.
      changed.push(spec.field);
    }
  }
  const password = decidePassword(d, l, rotate, changed.length > 0);
  if (password.send) {
    const order = specs.map((s) => s.field);
    changed.push('password');
    changed.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  return { changed, notes: password.notes, blind: password.blind };
}
