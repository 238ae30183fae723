// The client's default transport: HTTP/1.1 over node:http (node:https for the live API) with keep-alive,
// answering with the parts of a fetch Response the client reads. Not fetch: in a CLI that starts cold, loading
// undici delays the first request by about 50 ms and every request costs more (bench/README.md).
import type { Agent, IncomingMessage, RequestOptions } from 'node:http';

/** What the client reads of an answer; a fetch Response is one. */
export interface FetchAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** fetch's shape, narrowed to what the client sends (method, headers, a string body, an abort signal). */
export type FetchLike = (url: string, init: RequestInit) => Promise<FetchAnswer>;

type RequestFn = (url: URL, options: RequestOptions, callback: (res: IncomingMessage) => void) => import('node:http').ClientRequest;

interface Protocol {
  request: RequestFn;
  agent: Agent;
}

/** A transport with its own keep-alive connections (one pool per protocol, loaded on first use). */
export function createTransport(): FetchLike {
  const protocols = new Map<string, Promise<Protocol>>();

  function protocolOf(url: URL): Promise<Protocol> {
    let p = protocols.get(url.protocol);
    if (!p) {
      // TLS is loaded only for https: the emulator on loopback never needs it.
      p = (url.protocol === 'https:' ? import('node:https') : import('node:http')).then((m) => ({
        request: m.request as RequestFn,
        agent: new m.Agent({ keepAlive: true }),
      }));
      protocols.set(url.protocol, p);
    }
    return p;
  }

  return async (url, init) => {
    const target = new URL(url);
    const { request, agent } = await protocolOf(target);
    const body = typeof init.body === 'string' ? init.body : undefined;
    return new Promise<FetchAnswer>((resolve, reject) => {
      const req = request(
        target,
        { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, agent, signal: init.signal ?? undefined },
        (res) => resolve(answerOf(res)),
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** The answer with its body read in full; a connection that ends before the body is complete rejects text(). */
function answerOf(res: IncomingMessage): FetchAnswer {
  const body = new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('the connection closed before the answer was complete'));
    });
  });
  // The client always reads the body; this only keeps an unread one from becoming an unhandled rejection.
  body.catch(() => undefined);
  return {
    status: res.statusCode ?? 0,
    headers: {
      get(name) {
        const value = res.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => body,
  };
}
