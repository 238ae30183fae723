// Environment variable names for the passwords an export cannot read back: readable, derived from the
// written identity, and unique within one export.
import type { Kind } from '../model.js';

const PREFIX: Partial<Record<Kind, string>> = { uri: 'URI', credential: 'CREDENTIAL', endpoint: 'ENDPOINT' };

/** `uri` + "primary-pbx" → URI_PRIMARY_PBX_PASSWORD: upper case, every character outside A-Z0-9 → `_`. */
export function deriveVariableName(kind: Kind, name: string): string {
  const prefix = PREFIX[kind];
  if (prefix === undefined) throw new Error(`${kind} objects carry no password`);
  return `${prefix}_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PASSWORD`;
}

/**
 * Hands out unique names in call order: the first of a clash keeps the derived name, later ones get `_2`,
 * `_3`… after it. A suffixed name no longer ends in `_PASSWORD`, so it can never equal another derived name.
 */
export function createVariableAllocator(): (kind: Kind, name: string) => string {
  const used = new Set<string>();
  return (kind, name) => {
    const base = deriveVariableName(kind, name);
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    return candidate;
  };
}
