// Compares an object adopted after a lost-response create with what we meant to create, so a follow-up update
// can make the run converge. Field names are the plan's (the manifest's), as in Change.changed.
import { createHash } from 'node:crypto';
import type { Kind, LiveByKind, WriteByKind } from '../model.js';

/**
 * The fields whose readable live value differs from the write. The name is never among them: the object was
 * found by its identity. Write-only passwords of URIs and credentials cannot be compared; an endpoint's is
 * compared through the MD5 the API returns, when it returns one.
 */
export function diffAdopted<K extends Kind>(kind: K, live: LiveByKind[K], write: WriteByKind[K]): string[] {
  const pairs = comparablePairs(kind, live, write);
  return pairs.filter(([, a, b]) => !sameValue(a, b)).map(([field]) => field);
}

type Pair = [field: string, live: unknown, want: unknown];

function comparablePairs<K extends Kind>(kind: K, live: LiveByKind[K], write: WriteByKind[K]): Pair[] {
  switch (kind) {
    case 'uri': {
      const [l, w] = [live as LiveByKind['uri'], write as WriteByKind['uri']];
      return [
        ['uri', l.uri, w.uri],
        ['authentication_needed', l.authentication_needed, w.authentication_needed],
        ['username', l.username, w.username],
      ];
    }
    case 'credential': {
      const [l, w] = [live as LiveByKind['credential'], write as WriteByKind['credential']];
      return [['username', l.username, w.username]];
    }
    case 'ipacl': {
      const [l, w] = [live as LiveByKind['ipacl'], write as WriteByKind['ipacl']];
      return [['ip_addresses', l.ip_addresses, w.ip_addresses]];
    }
    case 'trunk': {
      const [l, w] = [live as LiveByKind['trunk'], write as WriteByKind['trunk']];
      return [
        ['trunk_direction', l.trunk_direction, w.trunk_direction],
        ['trunk_status', l.trunk_status, w.trunk_status],
        ['secure', l.secure, w.secure],
        ['primary_uri', l.primary_uri_id, w.primary_uri_id],
        ['fallback_uri', l.fallback_uri_id, w.fallback_uri_id],
        ['ipacl', l.ipacl_id, w.ipacl_id],
        ['credential', l.credential_id, w.credential_id],
      ];
    }
    case 'endpoint': {
      const [l, w] = [live as LiveByKind['endpoint'], write as WriteByKind['endpoint']];
      const pairs: Pair[] = [['alias', l.alias, w.alias]];
      if (w.app_id !== undefined) pairs.push(['app_id', l.app_id, w.app_id]);
      if (l.password_md5 !== undefined) pairs.push(['password', l.password_md5.toLowerCase(), md5(w.password)]);
      return pairs;
    }
  }
  return [];
}

/** null and "" are equal, as the API treats them; arrays compare in order (an ACL update replaces the list). */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === '' || v === undefined ? null : v);
  const [x, y] = [norm(a), norm(b)];
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
