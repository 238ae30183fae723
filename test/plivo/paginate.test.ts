import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { ApiError } from '../../src/plivo/errors.js';
import { PAGE_LIMIT, listAll, searchAll } from '../../src/plivo/paginate.js';

interface Obj {
  id: string;
}

const convert = (raw: unknown): Obj => {
  const id = (raw as { id?: unknown }).id;
  if (typeof id !== 'string') throw new ApiError('no id', null, 'GET', 'X/');
  return { id };
};

/** A collection served the way the API pages it; `mutate` runs before each page read after the first. */
function collection(n: number, mutate?: (items: Obj[], read: number) => void) {
  const items: Obj[] = Array.from({ length: n }, (_, i) => ({ id: `o${i}` }));
  const reads: { offset: number; limit: number }[] = [];
  const readPage = async (offset: number, limit: number): Promise<unknown> => {
    if (reads.length > 0) mutate?.(items, reads.length);
    reads.push({ offset, limit });
    await Promise.resolve();
    return {
      api_id: 'x',
      // next is deliberately wrong: the paginator must not follow it.
      meta: { limit, offset, total_count: items.length, previous: null, next: offset === 0 ? null : true },
      objects: items.slice(offset, offset + limit).map((o) => ({ ...o })),
    };
  };
  return { items, reads, readPage };
}

const list = suite('listAll');

/** Requests for n objects: every page, plus the empty one after a full last page. */
const pagesFor = (n: number) => Math.max(1, Math.ceil(n / PAGE_LIMIT)) + (n > 0 && n % PAGE_LIMIT === 0 ? 1 : 0);

for (const n of [0, 1, 20, 21, 45, 1000]) {
  list(`${n} objects: each exactly once, one request per page`, async () => {
    const c = collection(n);
    const got = await listAll({ path: 'X/', readPage: c.readPage, convert });
    assert.is(got.length, n);
    assert.is(new Set(got.map((o) => o.id)).size, n);
    assert.equal(got.map((o) => o.id).sort(), c.items.map((o) => o.id).sort());
    assert.is(c.reads.length, pagesFor(n));
    assert.ok(c.reads.every((r) => r.limit === 20));
    assert.equal(c.reads.map((r) => r.offset).sort((a, b) => a - b), Array.from({ length: c.reads.length }, (_, i) => i * 20));
  });
}

list('any size: every object once, pages = ceil(n / 20), one more when the last page is full', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 300 }), async (n) => {
      const c = collection(n);
      const got = await listAll({ path: 'X/', readPage: c.readPage, convert });
      return got.length === n && new Set(got.map((o) => o.id)).size === n && c.reads.length === pagesFor(n);
    }),
    { numRuns: 50 },
  );
});

list('reports progress up to the total', async () => {
  const c = collection(45);
  const seen: [number, number][] = [];
  await listAll({ path: 'X/', readPage: c.readPage, convert, onProgress: (read, total) => seen.push([read, total]) });
  assert.is(seen.length, 3);
  assert.equal(seen[seen.length - 1], [45, 45]);
  assert.ok(seen.every(([, t]) => t === 45));
});

list('an object deleted between pages: the pass is thrown away and the list read again', async () => {
  let done = false;
  const c = collection(45, (items) => {
    if (!done) {
      items.splice(0, 1); // deletes o0 after the first page: later pages shift
      done = true;
    }
  });
  const got = await listAll({ path: 'X/', readPage: c.readPage, convert });
  assert.equal(got.map((o) => o.id).sort(), c.items.map((o) => o.id).sort());
  assert.is(got.length, 44);
  assert.ok(c.reads.length > 3, `re-read: ${c.reads.length} requests`);
});

list('an object created between pages is caught the same way', async () => {
  let done = false;
  const c = collection(30, (items) => {
    if (!done) {
      items.unshift({ id: 'new' });
      done = true;
    }
  });
  const got = await listAll({ path: 'X/', readPage: c.readPage, convert });
  assert.is(got.length, 31);
  assert.ok(got.some((o) => o.id === 'new'));
});

list('a list that keeps changing fails with ApiError instead of returning part of it', async () => {
  let k = 0;
  const c = collection(45, (items) => void items.push({ id: `extra${k++}` }));
  try {
    await listAll({ path: 'Zentrunk/URI/', readPage: c.readPage, convert, rereads: 2 });
    assert.unreachable('returned a list that changed underneath');
  } catch (e) {
    assert.instance(e, ApiError);
    assert.match((e as Error).message, /GET Zentrunk\/URI\/: the list kept changing/);
    assert.match((e as Error).message, /read 3 times/);
  }
});

list('duplicates across pages with a matching total are deduped only when the count still adds up', async () => {
  // A page repeating an object while another one is missing: same count, fewer distinct ids → refused.
  const readPage = async (offset: number): Promise<unknown> => ({
    meta: { total_count: 25, offset },
    objects: offset === 0 ? Array.from({ length: 20 }, (_, i) => ({ id: `o${i}` })) : [{ id: 'o19' }, ...Array.from({ length: 4 }, (_, i) => ({ id: `o${21 + i}` }))],
  });
  try {
    await listAll({ path: 'X/', readPage, convert });
    assert.unreachable('accepted a list with a missing object');
  } catch (e) {
    assert.instance(e, ApiError);
    assert.match((e as Error).message, /24 distinct ids/);
  }
});

list('a total_count that understates the list by whole pages is caught by the page after it', async () => {
  // 25 objects, but every answer says 20: the first page alone looks complete.
  let reads = 0;
  const readPage = async (offset: number): Promise<unknown> => {
    reads++;
    const objects = Array.from({ length: 25 }, (_, i) => ({ id: `o${i}` })).slice(offset, offset + 20);
    return { meta: { total_count: 20, offset }, objects };
  };
  try {
    await listAll({ path: 'X/', readPage, convert, rereads: 1 });
    assert.unreachable('returned 20 of 25 objects');
  } catch (e) {
    assert.instance(e, ApiError);
    assert.match((e as Error).message, /the page at offset 20 held 5 objects, expected 0/);
    assert.is(reads, 4);
  }
});

list('a malformed page is an ApiError at once', async () => {
  const bodies: unknown[] = [
    null,
    [],
    { meta: { total_count: 1 } },
    { objects: [] },
    { meta: { total_count: '3' }, objects: [] },
    { meta: { total_count: -1 }, objects: [] },
    { meta: { total_count: 40, offset: 0 }, objects: 'x' },
  ];
  for (const body of bodies) {
    let reads = 0;
    try {
      await listAll({ path: 'X/', readPage: async () => (reads++, body), convert });
      assert.unreachable(`accepted ${JSON.stringify(body)}`);
    } catch (e) {
      assert.instance(e, ApiError, JSON.stringify(body));
      assert.is(reads, 1);
    }
  }
});

list('a server that ignores offset is caught', async () => {
  const readPage = async (): Promise<unknown> => ({
    meta: { total_count: 30, offset: 0 },
    objects: Array.from({ length: 20 }, (_, i) => ({ id: `o${i}` })),
  });
  try {
    await listAll({ path: 'X/', readPage, convert });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ApiError);
    assert.match((e as Error).message, /"meta.offset" is 0, asked for 20/);
  }
});

list('a malformed object stops the read with its converter error', async () => {
  const readPage = async (): Promise<unknown> => ({ meta: { total_count: 2, offset: 0 }, objects: [{ id: 'a' }, { name: 'no id' }] });
  try {
    await listAll({ path: 'X/', readPage, convert });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ApiError);
    assert.is((e as Error).message, 'no id');
  }
});

list.run();

const search = suite('searchAll');

search('a quiet list: the matches, complete', async () => {
  const c = collection(45);
  const got = await searchAll({ path: 'X/', readPage: c.readPage, convert }, (o) => o.id === 'o44' || o.id === 'o3');
  assert.equal(got, { found: [{ id: 'o3' }, { id: 'o44' }], complete: true });
});

search('a list that keeps changing still yields what it saw, marked incomplete, where listAll would give up', async () => {
  let k = 0;
  const c = collection(45, (items) => void items.push({ id: `extra${k++}` }));
  const got = await searchAll({ path: 'X/', readPage: c.readPage, convert, rereads: 2 }, (o) => o.id === 'o30');
  assert.equal(got, { found: [{ id: 'o30' }], complete: false });
  const none = await searchAll({ path: 'X/', readPage: c.readPage, convert, rereads: 0 }, (o) => o.id === 'nowhere');
  assert.equal(none, { found: [], complete: false });
});

search.run();
