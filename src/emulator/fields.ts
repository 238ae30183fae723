// Request-body checks shared by every kind: unknown fields, JSON types, per-field formats, required fields.
// Each returns a field → message map (empty when all is well), the shape of a field-level error body.

export type Body = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

export interface FieldRule {
  type: 'string' | 'boolean' | 'string[]';
  /** `null` is accepted and means "none". */
  nullable?: boolean;
  /** `""` is accepted and means "none" (references, app_id). */
  blankIsNone?: boolean;
  /** Format rule for a present value of the right type: the message when it is broken. */
  check?: (value: string) => string | undefined;
}

export type FieldRules = Record<string, FieldRule>;

function typeOk(value: unknown, type: FieldRule['type']): boolean {
  if (type === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === type;
}

/** Unknown fields, wrong types and broken formats, for every field present in the body. */
export function checkFields(body: Body, rules: FieldRules): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(body)) {
    const rule = rules[key];
    if (rule === undefined) {
      errors[key] = 'unknown field';
      continue;
    }
    if (value === null) {
      if (!rule.nullable) errors[key] = `may not be null (expected ${rule.type})`;
      continue;
    }
    if (!typeOk(value, rule.type)) {
      errors[key] = `expected ${rule.type === 'string[]' ? 'a list of strings' : `a ${rule.type}`}, got ${describe(value)}`;
      continue;
    }
    if (rule.blankIsNone && value === '') continue;
    if (rule.check) {
      const items = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
      const message = items.map((v) => rule.check!(v)).find((m) => m !== undefined);
      if (message !== undefined) errors[key] = message;
    }
  }
  return errors;
}

/** Required fields that are absent or null. */
export function findMissing(body: Body, required: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of required) if (body[key] === undefined || body[key] === null) errors[key] = 'this field is required';
  return errors;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A reference or app id as stored: null for absent, null or "". */
export function toRef(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function isEmpty(errors: FieldErrors): boolean {
  return Object.keys(errors).length === 0;
}
