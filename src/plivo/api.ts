// The contract between the API client and the rest of the tool. Everything above src/plivo speaks in model
// objects (src/model.ts); only src/plivo knows URLs, wire JSON, auth, pacing and paging.
import type { Kind, LiveByKind, LiveState, WriteByKind } from '../model.js';

export interface CreateResult {
  id: string;
  /** Endpoints only: the username Plivo assigned (with its 12-digit suffix). */
  username?: string;
}

export interface PlivoApi {
  /**
   * Every object of the given kinds, kinds read in parallel, pages concurrently. Default: every kind not read on
   * demand (numbers are read only when asked for).
   */
  readAll(kinds?: readonly Kind[], onProgress?: (kind: Kind, read: number, total: number) => void): Promise<LiveState>;
  /** Every object of one kind, each exactly once. */
  list<K extends Kind>(kind: K): Promise<LiveByKind[K][]>;
  /**
   * The objects of a kind that `match`, for a lookup by identity after a lost response. When the list keeps
   * changing while it is read (an apply's own concurrent writes do that) it still returns what it saw, with
   * `complete: false`: a match found is real, an absence proves nothing.
   */
  search<K extends Kind>(kind: K, match: (obj: LiveByKind[K]) => boolean): Promise<{ found: LiveByKind[K][]; complete: boolean }>;
  /** One object; null when the API answers 404. Accepts flat and {"object": …}-wrapped answers. */
  get<K extends Kind>(kind: K, id: string): Promise<LiveByKind[K] | null>;
  /**
   * POST to the collection. Never re-sent blindly: when the outcome is unknown (timeout, reset, 5xx, an
   * unreadable 2xx) it throws LostResponseError and the caller must look the object up by its identity before
   * trying again. A 429 means nothing was done: it is retried, and if still throttled throws ApiError(429).
   * Throws a plain Error, sending nothing, for a kind plivo-sync never creates (numbers).
   */
  create<K extends Kind>(kind: K, write: WriteByKind[K]): Promise<CreateResult>;
  /**
   * POST to the item. `changed` names the model fields that differ; the resource table adds what the live API
   * requires alongside them (trunk_direction on every trunk update; username and password on every credential
   * update; authentication_needed and username with a URI password). Retried like any idempotent request.
   */
  update<K extends Kind>(kind: K, id: string, write: WriteByKind[K], changed: readonly string[]): Promise<void>;
  /** DELETE; a 404 on a retry counts as done. Throws a plain Error, sending nothing, for numbers. */
  remove(kind: Kind, id: string): Promise<void>;
  /** Counters for reports and benchmarks. */
  stats(): { requests: number; retries: number; throttled: number };
}
