// The five operations on the store, generic over the resource table: list (paged, filtered), create, read,
// update, delete. Each returns the answer to send; every acknowledged change is persisted before it returns.
import type { FieldErrors } from './fields.js';
import type { ResourceContext, ResourceSpec } from './resources.js';

export interface Answer {
  status: number;
  /** null: no body (204). */
  body: Record<string, unknown> | null;
  /** True for a create that was performed (a lost-response fault may still hide it from the caller). */
  created?: boolean;
}

export const MAX_LIMIT = 20;

export function answerError(status: number, error: string | FieldErrors): Answer {
  return { status, body: { error } };
}

const NOT_FOUND: Answer = answerError(404, 'not found');

/** limit 1-20 (default 20) and offset >= 0 (default 0), both whole numbers written in digits. */
function parsePaging(query: URLSearchParams): { ok: true; limit: number; offset: number } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const read = (key: string, fallback: number, min: number, max: number): number => {
    const raw = query.get(key);
    if (raw === null) return fallback;
    const n = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= min && n <= max)) {
      errors[key] = max === Infinity ? `must be a whole number >= ${min}` : `must be a whole number from ${min} to ${max}`;
    }
    return n;
  };
  const limit = read('limit', MAX_LIMIT, 1, MAX_LIMIT);
  const offset = read('offset', 0, 0, Infinity);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, limit, offset };
}

export function listObjects(spec: ResourceSpec, query: URLSearchParams, ctx: ResourceContext): Answer {
  const paging = parsePaging(query);
  if (!paging.ok) return answerError(400, paging.errors);
  const filter = spec.listFilter(query);
  if (!filter.ok) return answerError(filter.status, filter.error);
  const { limit, offset } = paging;
  const all = ctx.store.all(spec.kind).filter(filter.value);
  const link = (o: number) => `${spec.linkPrefix}v1/Account/${ctx.authId}/${spec.path}/?limit=${limit}&offset=${o}`;
  return {
    status: 200,
    body: {
      meta: {
        limit,
        offset,
        total_count: all.length,
        previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
        next: offset + limit < all.length ? link(offset + limit) : null,
      },
      objects: all.slice(offset, offset + limit).map((r) => spec.toWire(r, ctx)),
    },
  };
}

export function createObject(spec: ResourceSpec, body: Record<string, unknown>, ctx: ResourceContext): Answer {
  if (!spec.creatable || spec.createdReply === undefined) return answerError(405, 'method not allowed');
  const outcome = spec.create(body, ctx);
  if (!outcome.ok) return answerError(outcome.status, outcome.error);
  const record = outcome.value;
  ctx.store.put(spec.kind, record[spec.idField] as string, record);
  ctx.store.persist();
  return { ...spec.createdReply(record), created: true };
}

export function readObject(spec: ResourceSpec, id: string, ctx: ResourceContext): Answer {
  const record = ctx.store.get(spec.kind, id);
  return record === undefined ? NOT_FOUND : { status: 200, body: spec.readReply(record, ctx) };
}

export function updateObject(spec: ResourceSpec, id: string, body: Record<string, unknown>, ctx: ResourceContext): Answer {
  const current = ctx.store.get(spec.kind, id);
  if (current === undefined) return NOT_FOUND;
  const outcome = spec.update(current, body, ctx);
  if (!outcome.ok) return answerError(outcome.status, outcome.error);
  ctx.store.put(spec.kind, id, outcome.value);
  ctx.store.persist();
  return spec.updatedReply(outcome.value);
}

export function deleteObject(spec: ResourceSpec, id: string, ctx: ResourceContext): Answer {
  if (!spec.deletable) return answerError(405, 'method not allowed');
  const record = ctx.store.get(spec.kind, id);
  if (record === undefined) return NOT_FOUND;
  const effects = spec.deleteEffects(record, ctx);
  if (!effects.ok) return answerError(effects.status, effects.error);
  for (const e of effects.value) {
    const other = ctx.store.get(e.kind, e.id);
    if (e.patch === undefined) ctx.store.remove(e.kind, e.id);
    else if (other !== undefined) ctx.store.put(e.kind, e.id, { ...other, ...e.patch });
  }
  ctx.store.remove(spec.kind, id);
  ctx.store.persist();
  return { status: 204, body: null };
}
