// A proxy in front of the emulator for the hardening suites: passes requests on, or holds one forever (before
// or after the emulator performed it), or answers one itself (an API error that echoes what it was sent).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do with one request: pass it, hang it (unseen, or performed and unanswered), or answer it. */
export type Action = 'pass' | 'hang-before' | 'hang-after' | { status: number; json: unknown };

export interface Proxy {
  url: string;
  /** Requests as "ACTION METHOD path" in arrival order. */
  seen: string[];
  close(): Promise<void>;
}

/** `decide` sees each request's method, path below the account ("Zentrunk/URI/") and body text. */
export async function startProxy(target: string, decide: (method: string, path: string, body: string) => Action): Promise<Proxy> {
  const seen: string[] = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').replace(/^\/v1\/Account\/[^/]+\//, '').replace(/\?.*$/, '');
      const body = Buffer.concat(chunks);
      const action = decide(method, path, body.toString('utf8'));
      seen.push(`${typeof action === 'string' ? action : action.status} ${method} ${path}`);
      if (action === 'hang-before') return void held.push(res);
      if (typeof action === 'object') {
        return void res.writeHead(action.status, { 'content-type': 'application/json' }).end(JSON.stringify(action.json));
      }
      const headers: Record<string, string> = {};
      for (const h of ['authorization', 'content-type', 'user-agent']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
      const answer = await fetch(`${target}${req.url ?? '/'}`, { method, headers, body: body.length > 0 ? body : undefined });
      const text = await answer.text();
      if (action === 'hang-after') return void held.push(res);
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
