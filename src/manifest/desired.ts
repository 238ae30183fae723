// A valid manifest → the desired state: defaults applied, secrets wrapped with where they came from, and each
// object tagged with the "file:line:col" of its item.
import { DELETABLE_KINDS, KINDS, MANIFEST_KEYS, emptyDesiredState, type DesiredState, type Kind, type Secret } from '../model.js';
import type { WrittenManifest } from './fields.js';
import { childPath } from './source.js';

export interface DesiredInputs {
  /** "file:line:col" of the item at a path such as "trunks[0]". */
  sourceOf: (path: string) => string;
  /** The ${VAR} names a string at a path was built from (none: written literally). */
  varsOf: (path: string) => readonly string[];
}

export function buildDesired(doc: WrittenManifest, inputs: DesiredInputs): DesiredState {
  const desired = emptyDesiredState();
  const secret = (path: string, value: string): Secret => ({ ref: inputs.varsOf(path)[0] ?? null, value });
  // Fields built from ${VAR}, for plans to mask; an array counts when any of its items is.
  const sensitive = (path: string, item: object, fields: readonly string[]): { sensitive?: string[] } => {
    const marked = fields.filter((f) => {
      const v = (item as Record<string, unknown>)[f];
      const at = childPath(path, f);
      return Array.isArray(v) ? v.some((_, i) => inputs.varsOf(childPath(at, i)).length > 0) : inputs.varsOf(at).length > 0;
    });
    return marked.length > 0 ? { sensitive: marked } : {};
  };
  const each = <T>(key: string, items: T[] | undefined, add: (item: T, path: string, source: string) => void) =>
    (items ?? []).forEach((item, i) => add(item, childPath(key, i), inputs.sourceOf(childPath(key, i))));

  each('uris', doc.uris, (w, path, source) =>
    desired.uri.push({
      kind: 'uri',
      name: w.name,
      uri: w.uri,
      authentication_needed: w.authentication_needed ?? false,
      username: w.username ?? null,
      password: w.password === undefined ? null : secret(childPath(path, 'password'), w.password),
      protect: w.protect ?? false,
      source,
      ...sensitive(path, w, ['uri', 'username']),
    }),
  );
  each('credentials', doc.credentials, (w, path, source) =>
    desired.credential.push({
      kind: 'credential',
      name: w.name,
      username: w.username,
      password: secret(childPath(path, 'password'), w.password),
      protect: w.protect ?? false,
      source,
      ...sensitive(path, w, ['username']),
    }),
  );
  each('ipacls', doc.ipacls, (w, path, source) =>
    desired.ipacl.push({
      kind: 'ipacl',
      name: w.name,
      ip_addresses: [...w.ip_addresses],
      protect: w.protect ?? false,
      source,
      ...sensitive(path, w, ['ip_addresses']),
    }),
  );
  each('trunks', doc.trunks, (w, path, source) =>
    desired.trunk.push({
      kind: 'trunk',
      name: w.name,
      trunk_direction: w.trunk_direction,
      trunk_status: w.trunk_status ?? 'enabled',
      secure: w.secure ?? false,
      primary_uri: w.primary_uri ?? null,
      fallback_uri: w.fallback_uri ?? null,
      ipacl: w.ipacl ?? null,
      credential: w.credential ?? null,
      protect: w.protect ?? false,
      source,
      ...sensitive(path, w, ['trunk_direction', 'trunk_status']),
    }),
  );
  each('endpoints', doc.endpoints, (w, path, source) => {
    const endpoint: DesiredState['endpoint'][number] = {
      kind: 'endpoint',
      username: w.username,
      alias: w.alias,
      password: secret(childPath(path, 'password'), w.password),
      protect: w.protect ?? false,
      source,
      ...sensitive(path, w, ['alias', 'app_id']),
    };
    // Absent leaves the attached application alone; null detaches it: the two must stay distinct.
    if (w.app_id !== undefined) endpoint.app_id = w.app_id;
    desired.endpoint.push(endpoint);
  });
  each('numbers', doc.numbers, (w, _path, source) =>
    desired.number.push({ kind: 'number', number: w.number, trunk: w.trunk, protect: w.protect ?? false, source }),
  );

  desired.declared = KINDS.filter((k) => MANIFEST_KEYS[k] in doc);
  desired.prune = resolvePrune(doc.prune, desired.declared);
  return desired;
}

/** Kinds that are never deleted (numbers) are never pruned, whatever `prune: true` would cover. */
function resolvePrune(prune: WrittenManifest['prune'], declared: Kind[]): Kind[] {
  if (prune === true) return DELETABLE_KINDS.filter((k) => declared.includes(k));
  if (!Array.isArray(prune)) return [];
  return DELETABLE_KINDS.filter((k) => prune.includes(MANIFEST_KEYS[k]));
}
