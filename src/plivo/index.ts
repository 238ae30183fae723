// The Plivo API as the rest of the tool sees it: PlivoApi (api.ts) built from the HTTP client, the resource
// table and the paginator.
import type { ApiConfig } from '../config.js';
import { DEFAULT_READ_KINDS, KIND_TRAITS, emptyLiveState, type Kind, type LiveByKind, type LiveState, type WriteByKind } from '../model.js';
import type { CreateResult, PlivoApi } from './api.js';
import { HttpClient, type ClientDeps } from './client.js';
import { ApiError, LostResponseError } from './errors.js';
import { listAll, searchAll } from './paginate.js';
import { resourceOf } from './resources.js';

export type { ClientDeps } from './client.js';

export interface PlivoClient extends PlivoApi {
  /** Registers secret values (passwords, `${VAR}` values) that must never appear in traces or errors. */
  redact(values: readonly string[]): void;
}

export function createPlivoApi(config: ApiConfig, deps: ClientDeps = {}): PlivoClient {
  const http = new HttpClient(config, deps);

  function itemPath(kind: Kind, id: string): string {
    return `${resourceOf(kind).path}${encodeURIComponent(id)}/`;
  }

  function listing<K extends Kind>(kind: K, onProgress?: (read: number, total: number) => void) {
    const res = resourceOf(kind);
    return {
      path: res.path,
      readPage: async (offset: number, limit: number) => (await http.request({ method: 'GET', path: res.path, query: { limit, offset } })).body,
      convert: (raw: unknown) => res.fromWire(raw) as LiveByKind[K],
      onProgress,
    };
  }

  async function list<K extends Kind>(kind: K, onProgress?: (read: number, total: number) => void): Promise<LiveByKind[K][]> {
    return listAll(listing(kind, onProgress));
  }

  async function readAll(
    kinds: readonly Kind[] = DEFAULT_READ_KINDS,
    onProgress?: (kind: Kind, read: number, total: number) => void,
  ): Promise<LiveState> {
    const state = emptyLiveState();
    await Promise.all(
      kinds.map(async (kind) => {
        const items = await list(kind, onProgress && ((read, total) => onProgress(kind, read, total)));
        (state as unknown as Record<Kind, unknown[]>)[kind] = items;
      }),
    );
    return state;
  }

  async function get<K extends Kind>(kind: K, id: string): Promise<LiveByKind[K] | null> {
    const res = resourceOf(kind);
    const path = itemPath(kind, id);
    let body: unknown;
    try {
      body = (await http.request({ method: 'GET', path })).body;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
    // live: a single trunk comes wrapped in {"api_id", "object": {…}}; other kinds may come either way.
    if (body !== null && typeof body === 'object' && !(res.idField in body) && 'object' in body) {
      body = (body as { object: unknown }).object;
    }
    const live = res.fromWire(body);
    if (live.id !== id) {
      throw new ApiError(`unexpected answer from GET ${path}: it describes ${kind} ${live.id}`, null, 'GET', path);
    }
    return live;
  }

  async function create<K extends Kind>(kind: K, write: WriteByKind[K]): Promise<CreateResult> {
    const res = resourceOf(kind);
    const { createBody, createdId } = res;
    if (!KIND_TRAITS[kind].creatable || !createBody || !createdId) throw neverWritten(kind, 'created');
    const answer = await http.request({ method: 'POST', path: res.path, body: createBody(write), create: true });
    try {
      return createdId(answer.body);
    } catch (e) {
      // A 2xx means the object was made; without its id the caller must find it, exactly as after a lost answer.
      if (e instanceof ApiError) throw new LostResponseError('POST', res.path, `the ${answer.status} answer has no usable ${res.idField}`);
      throw e;
    }
  }

  async function update<K extends Kind>(kind: K, id: string, write: WriteByKind[K], changed: readonly string[]): Promise<void> {
    const body = resourceOf(kind).updateBody(write, changed);
    await http.request({ method: 'POST', path: itemPath(kind, id), body });
  }

  async function remove(kind: Kind, id: string): Promise<void> {
    if (!KIND_TRAITS[kind].deletable) throw neverWritten(kind, 'deleted');
    await http.request({ method: 'DELETE', path: itemPath(kind, id) });
  }

  return {
    readAll,
    list: (kind) => list(kind),
    search: (kind, match) => searchAll(listing(kind), match),
    get,
    create,
    update,
    remove,
    stats: () => http.stats(),
    redact: (values) => http.redact(values),
  };
}

/** A caller bug, not an API failure: the planner never plans such a change, so nothing may send it. */
function neverWritten(kind: Kind, what: 'created' | 'deleted'): Error {
  return new Error(`internal: ${kind}s are never ${what} by plivo-sync (they are bought and released outside it)`);
}
