// One loopback API address in front of several emulated accounts, as api.plivo.com serves every account:
// each request goes to the emulator of the account named in its path (/v1/Account/{auth_id}/…).
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../../src/emulator/index.js';

export interface Router {
  url: string;
  close(): Promise<void>;
}

export async function startRouter(accounts: Emulator[]): Promise<Router> {
  const byId = new Map(accounts.map((a) => [a.authId, new URL(a.url)]));
  const server = createServer((req, res) => {
    const target = byId.get(/^\/v1\/Account\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '');
    if (!target) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error": "authentication failed"}');
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
