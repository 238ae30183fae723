// Lists every object of a collection: the first page, then all remaining pages at once, each object exactly once.
//
// Never a silently partial list: later steps plan deletes from what this returns, so an object missing from
// it could be "pruned". Every pass is checked: each page must report the first page's total_count, hold
// exactly the number of objects its offset implies, and the pages together must hold total_count distinct ids.
// A pass that fails a check (the list changed while it was being read: objects created, deleted or shifted
// between pages) is thrown away and the whole list read again, up to `rereads` times; then ApiError.
// A malformed page (no objects array, no total_count, the wrong offset) is an ApiError at once.
// Paging follows `offset + limit < total_count` only: `meta.next` is unreliable on the live API. When total_count
// is a whole number of pages, the (empty) page after the last is read as well: only it can show an understated count.
// What one pass cannot see: another client deleting one object and creating another between two page reads
// leaves every count intact; only reading again would reveal it. Runs against a quiet account are exact.
import { ApiError } from './errors.js';

/** The largest page the API serves. */
export const PAGE_LIMIT = 20;
export const DEFAULT_REREADS = 2;

export interface ListOptions<T> {
  /** The collection path, for messages. */
  path: string;
  /** GET `path?limit=…&offset=…`, answering the parsed JSON envelope. */
  readPage: (offset: number, limit: number) => Promise<unknown>;
  /** One wire object as a model object; throws ApiError when it is malformed. */
  convert: (raw: unknown) => T;
  onProgress?: (read: number, total: number) => void;
  /** Whole re-reads allowed when the list changes underneath; default DEFAULT_REREADS. */
  rereads?: number;
}

interface Page {
  offset: number;
  total: number;
  objects: unknown[];
}

export async function listAll<T extends { id: string }>(opts: ListOptions<T>): Promise<T[]> {
  const rereads = opts.rereads ?? DEFAULT_REREADS;
  let last = '';
  for (let pass = 0; pass <= rereads; pass++) {
    const result = await readPass(opts);
    if (result.problem === undefined) return result.objects;
    last = result.problem;
  }
  throw new ApiError(
    `GET ${opts.path}: the list kept changing while being read (${last}); read ${rereads + 1} times, refusing to use a partial list`,
    null,
    'GET',
    opts.path,
    null,
    null,
    'Another client may be changing this account right now; try again when it is done.',
  );
}

/**
 * The objects that `match`, for a lookup by identity. Unlike listAll it does not give up on a list that keeps
 * changing (as an apply's own concurrent creates make it do): after the re-reads it returns what the last
 * pass saw with `complete: false`. A match seen is real; an absence is proof only when `complete`.
 */
export async function searchAll<T extends { id: string }>(
  opts: ListOptions<T>,
  match: (obj: T) => boolean,
): Promise<{ found: T[]; complete: boolean }> {
  const rereads = opts.rereads ?? DEFAULT_REREADS;
  let result: Pass<T> = { objects: [] };
  for (let pass = 0; pass <= rereads; pass++) {
    result = await readPass(opts);
    if (result.problem === undefined) break;
  }
  return { found: result.objects.filter(match), complete: result.problem === undefined };
}

/** Every distinct object one pass read, and what did not fit together when the pages disagree. */
interface Pass<T> {
  objects: T[];
  problem?: string;
}

async function readPass<T extends { id: string }>(opts: ListOptions<T>): Promise<Pass<T>> {
  const first = parsePage(await opts.readPage(0, PAGE_LIMIT), 0, opts.path);
  const total = first.total;
  let read = first.objects.length;
  opts.onProgress?.(read, total);
  const offsets: number[] = [];
  for (let offset = PAGE_LIMIT; offset < total; offset += PAGE_LIMIT) offsets.push(offset);
  // A total that fills its last page exactly cannot show that it is stale (25 objects reported as 20 look
  // complete after one page): the page after it must be empty, so it is read too.
  if (total > 0 && total % PAGE_LIMIT === 0) offsets.push(total);
  const rest = await Promise.all(
    offsets.map(async (offset) => {
      const page = parsePage(await opts.readPage(offset, PAGE_LIMIT), offset, opts.path);
      read += page.objects.length;
      opts.onProgress?.(Math.min(read, total), total);
      return page;
    }),
  );

  const byId = new Map<string, T>();
  let problem: string | undefined;
  for (const page of [first, ...rest]) {
    const expected = Math.min(PAGE_LIMIT, Math.max(0, total - page.offset));
    if (page.total !== total) problem ??= `total_count went from ${total} to ${page.total}`;
    else if (page.objects.length !== expected) {
      problem ??= `the page at offset ${page.offset} held ${page.objects.length} objects, expected ${expected}`;
    }
    for (const raw of page.objects) {
      const obj = opts.convert(raw);
      if (!byId.has(obj.id)) byId.set(obj.id, obj);
    }
  }
  if (problem === undefined && byId.size !== total) problem = `${total} objects listed but only ${byId.size} distinct ids`;
  return { objects: [...byId.values()], problem };
}

function parsePage(body: unknown, offset: number, path: string): Page {
  const bad = (problem: string): ApiError =>
    new ApiError(
      `unexpected answer from GET ${path} (offset ${offset}): ${problem}`,
      null,
      'GET',
      path,
      null,
      null,
      'The API answered in a shape this version of plivo-sync does not know; re-run with --debug and report it.',
    );
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('not a JSON object');
  const { meta, objects } = body as { meta?: unknown; objects?: unknown };
  if (!Array.isArray(objects)) throw bad('"objects" is not a list');
  if (meta === null || typeof meta !== 'object') throw bad('"meta" is missing');
  const { total_count: total, offset: echoed } = meta as { total_count?: unknown; offset?: unknown };
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) throw bad('"meta.total_count" is not a count');
  if (typeof echoed === 'number' && echoed !== offset) throw bad(`"meta.offset" is ${echoed}, asked for ${offset}`);
  return { offset, total, objects };
}
