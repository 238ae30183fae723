// Maps a request path to a resource collection or item. Paths live under /v1/Account/{auth_id}/ and end with
// "/"; an unknown segment under Zentrunk/ is answered 503 as live, anything else unknown 404.
import { RESOURCES, type ResourceSpec } from './resources.js';

export type Route =
  | { type: 'collection'; spec: ResourceSpec }
  | { type: 'item'; spec: ResourceSpec; id: string }
  /** The path names another account than the caller's. */
  | { type: 'foreign-account' }
  | { type: 'not-found' }
  /** A misspelled or unknown Zentrunk resource. */
  | { type: 'unavailable' };

const BY_PATH = new Map(Object.values(RESOURCES).map((s) => [s.path, s]));

export function matchRoute(pathname: string, authId: string): Route {
  const m = /^\/v1\/Account\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!m) return { type: 'not-found' };
  if (m[1] !== authId) return { type: 'foreign-account' };
  const rest = m[2] ?? '';
  // every documented path ends with "/"; without it the emulator answers 404 rather than guessing
  if (rest.length < 2 || !rest.endsWith('/')) return { type: 'not-found' };
  const segments = rest.slice(1, -1).split('/');
  const width = segments[0] === 'Zentrunk' ? 2 : 1;
  const spec = BY_PATH.get(segments.slice(0, width).join('/'));
  if (spec === undefined) return segments[0] === 'Zentrunk' ? { type: 'unavailable' } : { type: 'not-found' };
  const tail = segments.slice(width);
  if (tail.length === 0) return { type: 'collection', spec };
  if (tail.length === 1 && tail[0] !== '') {
    const id = decodeSegment(tail[0]);
    if (id !== null) return { type: 'item', spec, id };
  }
  return { type: 'not-found' };
}

function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null; // malformed %-escape: no object can have that id
  }
}
