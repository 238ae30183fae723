// createTransport against a real loopback server: what is sent, what is answered, keep-alive, and the failures
// the client classifies (a body cut short, an abort, a refused connection).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from '../../src/plivo/transport.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: number;
}

async function withServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  run: (base: string, seen: Seen[]) => Promise<void>,
): Promise<void> {
  const seen: Seen[] = [];
  const sockets = new Map<unknown, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket: sockets.get(req.socket) as number });
      handle(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const transport = suite('createTransport');

transport('sends method, headers and body; answers status, headers and text', () =>
  withServer(
    (_req, res) => res.writeHead(201, { 'content-type': 'application/json', 'retry-after': '2' }).end('{"ok":true}'),
    async (base, seen) => {
      const send = createTransport();
      const answer = await send(`${base}/v1/Account/X/Endpoint/?limit=20`, {
        method: 'POST',
        headers: { Authorization: 'Basic abc', 'Content-Type': 'application/json' },
        body: '{"alias":"é"}',
      });
      assert.is(answer.status, 201);
      assert.is(answer.headers.get('Retry-After'), '2');
      assert.is(answer.headers.get('x-missing'), null);
      assert.is(await answer.text(), '{"ok":true}');
      assert.equal(
        { method: seen[0].method, url: seen[0].url, auth: seen[0].headers.authorization, body: seen[0].body },
        { method: 'POST', url: '/v1/Account/X/Endpoint/?limit=20', auth: 'Basic abc', body: '{"alias":"é"}' },
      );
      assert.is(seen[0].headers['content-length'], String(Buffer.byteLength('{"alias":"é"}')));
    },
  ),
);

transport('reuses one connection for requests one after another', () =>
  withServer(
    (_req, res) => res.end('{}'),
    async (base, seen) => {
      const send = createTransport();
      for (let i = 0; i < 3; i++) await (await send(`${base}/`, { method: 'GET' })).text();
      assert.equal(seen.map((s) => s.socket), [0, 0, 0]);
    },
  ),
);

transport('a body cut short rejects text()', () =>
  withServer(
    (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"objects": [');
      setTimeout(() => res.destroy(), 10);
    },
    async (base) => {
      const answer = await createTransport()(`${base}/`, { method: 'GET' });
      await answer.text().then(
        () => assert.unreachable('a truncated body must not read as complete'),
        (e: unknown) => assert.instance(e, Error),
      );
    },
  ),
);

transport('an abort rejects the request', () =>
  withServer(
    () => undefined, // never answers
    async (base) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      await createTransport()(`${base}/`, { method: 'GET', signal: controller.signal }).then(
        () => assert.unreachable('an aborted request must not answer'),
        (e: unknown) => assert.is((e as Error).name, 'AbortError'),
      );
    },
  ),
);

transport('a refused connection fails with ECONNREFUSED (nothing was sent)', async () => {
  // a port that was just free: listen, note it, close
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await createTransport()(`http://127.0.0.1:${port}/`, { method: 'GET' }).then(
    () => assert.unreachable('nothing listens there'),
    (e: unknown) => assert.is((e as NodeJS.ErrnoException).code, 'ECONNREFUSED'),
  );
});

transport.run();
