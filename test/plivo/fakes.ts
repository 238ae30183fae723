// Test doubles for the client: a scripted fetch, a virtual clock, and an ApiConfig for tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiConfig } from '../../src/config.js';
import type { FetchLike } from '../../src/plivo/client.js';

export const AUTH_ID = 'MATESTACCOUNT00000001';
export const AUTH_TOKEN = 'tok-Very-Secret-Token-123';
export const BASE = `http://127.0.0.1:9/v1/Account/${AUTH_ID}/`;

export function testConfig(over: Partial<ApiConfig> = {}): ApiConfig {
  return {
    apiUrl: 'http://127.0.0.1:9',
    authId: AUTH_ID,
    authToken: AUTH_TOKEN,
    concurrency: 10,
    rateLimit: 0,
    timeoutMs: 2000,
    debug: false,
    ...over,
  };
}

export interface FakeCall {
  method: string;
  /** Below the account, without the query. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  headers: Headers;
}

/** A scripted answer: an HTTP response, or a failure without one. */
export type FakeReply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | 'reset'
  | 'refused'
  | 'hang';

function networkError(code: string, message: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

/** A fetch that answers from `handler`; `calls` records every request as the server would see it. */
export function fakeFetch(handler: (call: FakeCall, index: number) => FakeReply | Promise<FakeReply>): {
  fetch: FetchLike;
  calls: FakeCall[];
} {
  const calls: FakeCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url);
    const prefix = `/v1/Account/${AUTH_ID}/`;
    const call: FakeCall = {
      method: init.method ?? 'GET',
      path: u.pathname.startsWith(prefix) ? u.pathname.slice(prefix.length) : u.pathname,
      query: u.searchParams,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      headers: new Headers(init.headers),
    };
    calls.push(call);
    const reply = await handler(call, calls.length - 1);
    if (reply === 'reset') throw networkError('ECONNRESET', 'read ECONNRESET');
    if (reply === 'refused') throw networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      });
    }
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    const empty = reply.status === 204 || reply.status === 304;
    return new Response(empty ? null : text, { status: reply.status, headers: reply.headers });
  };
  return { fetch, calls };
}

/**
 * Time that moves only when everything is waiting: `run(p)` settles `p`, jumping the clock to the next
 * sleeper whenever no other work is left. Sleeps are recorded.
 */
export class VirtualClock {
  t = 1_700_000_000_000;
  readonly sleeps: number[] = [];
  private timers: { at: number; resolve: () => void }[] = [];

  now = (): number => this.t;

  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), resolve }));
  };

  async run<T>(p: Promise<T>): Promise<T> {
    let settled = false;
    p.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      if (settled || this.timers.length === 0) continue;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    return p;
  }
}

/** Sleeps that return at once, recording what was asked. */
export function instantSleep(): { sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

/** The version in the repository's package.json, found by walking up from this file (src or dist). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
