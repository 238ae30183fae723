// The HTTP face of the emulator: counts requests, adds latency, checks Basic auth and the account in the path,
// applies the rate limit and the request's drawn fault, routes, and writes JSON answers with a fresh api_id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthResult } from './auth.js';
import { breakAnswer, type Breakage, type BrokenSpec, type Eligible } from './broken.js';
import { drawFate, type FaultSpec } from './faults.js';
import { generateUuid, type Prng } from './ids.js';
import { answerError, createObject, deleteObject, listObjects, readObject, updateObject, type Answer } from './operations.js';
import type { RateLimiter } from './ratelimit.js';
import type { ResourceContext } from './resources.js';
import { matchRoute, type Route } from './routes.js';
import type { EmulatorStats } from './types.js';

export interface HandlerDeps {
  checkAuth(header: string | undefined): AuthResult;
  ctx: ResourceContext;
  limiter: RateLimiter;
  /** Read on every request: setFaults takes effect at once. */
  faults(): FaultSpec;
  faultDraws: Prng;
  apiIds: Prng;
  latencyMs: number;
  stats: EmulatorStats;
  onRequest?: (method: string, url: string) => void;
  /** Read on every answer: which successful answers to break (tests only; {} for none). */
  broken(): BrokenSpec;
  brokenDraws: Prng;
  /** Told about every answer that went out broken. */
  onBroken(mode: Breakage['mode']): void;
}

export interface RequestHandler {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Releases latency waits; the caller then destroys every connection, hanging ones included. */
  shutdown(): void;
  /** Resolves once every response has closed (answered, or its connection destroyed). */
  drained(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;

/** Only 401s go out without api_id, as live. */
const NO_API_ID = new Set([401]);

export function createRequestHandler(deps: HandlerDeps): RequestHandler {
  const { stats, ctx } = deps;
  const waits = new Map<NodeJS.Timeout, () => void>();
  const open = new Set<ServerResponse>();
  let onDrained: (() => void) | null = null;
  let closed = false;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });
  }

  function send(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
    stats.byStatus[answer.status] = (stats.byStatus[answer.status] ?? 0) + 1;
    if (answer.body === null) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    const body = NO_API_ID.has(answer.status) ? answer.body : { api_id: generateUuid(deps.apiIds), ...answer.body };
    const text = JSON.stringify(body);
    res
      .writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers })
      .end(text);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const faults = deps.faults();
    const latency = deps.latencyMs + (faults.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);
    if (closed || res.destroyed) return;

    const auth = deps.checkAuth(req.headers.authorization);
    if (auth !== 'ok') {
      const error = auth === 'missing' ? 'authentication credentials were not provided' : 'invalid auth id or auth token';
      return send(res, answerError(401, error), { 'www-authenticate': 'Basic realm="plivo"' });
    }
    const url = parseTarget(req.url);
    const route = matchRoute(url.pathname, ctx.authId);
    if (route.type === 'foreign-account') {
      return send(res, answerError(401, 'the account in the path is not the authenticated one'));
    }
    // a refused request does not count against the window, and performs nothing
    if (!deps.limiter.take(ctx.now())) return send(res, answerError(429, 'too many requests'));

    const fate = drawFate(deps.faultDraws, faults);
    if (fate.hang) return; // never answered: the socket stays open until the client gives up or close()
    if (fate.reset === 'before') return void req.socket.destroy();
    if (fate.error500) return send(res, answerError(500, 'internal server error'));

    const { answer, headers } = perform(req.method ?? 'GET', route, url, raw);
    if (fate.reset === 'after') return void req.socket.destroy();
    if (answer.created && fate.lost) return send(res, answerError(500, 'internal server error'));
    const broken = breakIfAsked(req.method ?? 'GET', route, answer);
    if (broken !== null) return sendBroken(res, answer.status, broken);
    send(res, answer, headers);
  }

  /** A successful list, read or create answer broken as the spec asks; null to send it as it is. */
  function breakIfAsked(method: string, route: Exclude<Route, { type: 'foreign-account' }>, answer: Answer): Breakage | null {
    const spec = deps.broken();
    if (Object.keys(spec).length === 0 || answer.body === null || answer.status >= 300) return null;
    if (route.type !== 'collection' && route.type !== 'item') return null;
    const body = { api_id: generateUuid(deps.apiIds), ...answer.body };
    const { spec: resource } = route;
    let eligible: Eligible;
    if (method === 'GET' && route.type === 'collection') {
      eligible = { type: 'list', body, all: () => ctx.store.all(resource.kind).map((r) => resource.toWire(r, ctx)) };
    } else if (method === 'GET') eligible = { type: 'item', body };
    else if (answer.created === true) eligible = { type: 'created', body };
    else return null;
    const broken = breakAnswer(deps.brokenDraws, spec, eligible);
    if (broken !== null) deps.onBroken(broken.mode);
    return broken;
  }

  function sendBroken(res: ServerResponse, status: number, broken: Breakage): void {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    const [text, type] = 'json' in broken ? [JSON.stringify(broken.json), 'application/json'] : [broken.text, broken.contentType];
    res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(text)) }).end(text);
  }

  function perform(
    method: string,
    route: Exclude<Route, { type: 'foreign-account' }>,
    url: URL,
    raw: Buffer | null,
  ): { answer: Answer; headers?: Record<string, string> } {
    if (route.type === 'not-found') return { answer: answerError(404, 'not found') };
    if (route.type === 'unavailable') return { answer: answerError(503, 'service unavailable') };
    const allowed =
      route.type === 'collection'
        ? ['GET', ...(route.spec.creatable ? ['POST'] : [])]
        : ['GET', 'POST', ...(route.spec.deletable ? ['DELETE'] : [])];
    if (!allowed.includes(method)) {
      return { answer: answerError(405, 'method not allowed'), headers: { allow: allowed.join(', ') } };
    }
    if (method === 'GET') {
      return { answer: route.type === 'collection' ? listObjects(route.spec, url.searchParams, ctx) : readObject(route.spec, route.id, ctx) };
    }
    if (method === 'DELETE' && route.type === 'item') return { answer: deleteObject(route.spec, route.id, ctx) };
    const body = parseJsonObject(raw);
    if (typeof body === 'string') return { answer: answerError(body === TOO_LARGE ? 413 : 400, body) };
    return {
      answer: route.type === 'collection' ? createObject(route.spec, body, ctx) : updateObject(route.spec, route.id, body, ctx),
    };
  }

  return {
    handle(req, res) {
      stats.requests++;
      const method = req.method ?? 'GET';
      stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      deps.onRequest?.(method, req.url ?? '/');
      open.add(res);
      res.once('close', () => {
        stats.inFlight--;
        open.delete(res);
        if (open.size === 0) onDrained?.();
      });
      serve(req, res).catch((e: unknown) => {
        // an unexpected failure (e.g. the state file cannot be written): a 500, as a real server would answer
        if (!res.headersSent && !res.destroyed) send(res, answerError(500, `internal error: ${(e as Error).message}`));
      });
    },
    shutdown() {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
    },
    drained() {
      return open.size === 0 ? Promise.resolve() : new Promise((resolve) => (onDrained = resolve));
    },
  };
}

/** The request target as a URL; one that cannot be parsed reads as "/", which is answered 404. */
function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://emulator');
  } catch {
    return new URL('http://emulator/');
  }
}

const TOO_LARGE = 'request body too large';

/** The whole body, or null when it is larger than MAX_BODY_BYTES (the rest is drained and dropped). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : null));
    // a client that goes away mid-body: nothing will be answered, the value does not matter
    req.on('error', () => resolve(null));
    req.on('close', () => resolve(null));
  });
}

/** A POST body must be one JSON object; anything else is the message to answer 400 (or 413) with. */
function parseJsonObject(raw: Buffer | null): Record<string, unknown> | string {
  if (raw === null) return TOO_LARGE;
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'request body is not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'request body must be a JSON object';
  return value as Record<string, unknown>;
}
