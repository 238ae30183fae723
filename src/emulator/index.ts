// The Plivo API emulator's entry: starts a loopback HTTP server over a store, with seeding and inspection
// hooks for tests. A strict, independent reading of shared/api-docs; shares nothing with src/plivo but the model.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXIT, ExitError, UsageError } from '../errors.js';
import { KINDS, type Kind } from '../model.js';
import { createAuthChecker } from './auth.js';
import { parseBroken, toBrokenSpec } from './broken.js';
import { parseFaults, toFaultSpec, type FaultSpec } from './faults.js';
import { createPrng, deriveState, generateAuthId, generateAuthToken } from './ids.js';
import { RESOURCES, ID_FIELDS, type ResourceContext } from './resources.js';
import { createRateLimiter } from './ratelimit.js';
import { createRequestHandler } from './server.js';
import { openStore } from './store.js';
import type { Emulator, EmulatorOptions, EmulatorStats } from './types.js';

export type { BrokenSpec, Emulator, EmulatorOptions, EmulatorStats, FaultSpec } from './types.js';
export { parseBroken, parseFaults };

export const DEFAULT_EMULATOR_RATE_LIMIT = 300;

function checkOptions(o: EmulatorOptions): void {
  const whole = (v: number | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) {
      throw new UsageError(`emulator ${name} must be a whole number from ${min} to ${max}, got ${v}`);
    }
  };
  whole(o.port, 'port', 0, 65535);
  whole(o.rateLimit, 'rate limit', 0);
  whole(o.seed, 'seed', -Number.MAX_SAFE_INTEGER);
  if (o.latencyMs !== undefined && !(Number.isFinite(o.latencyMs) && o.latencyMs >= 0)) {
    throw new UsageError(`emulator latency must be a number of milliseconds >= 0, got ${o.latencyMs}`);
  }
  // the auth id is a path segment and both are joined by ":" in Basic auth
  if (o.authId !== undefined && !/^[A-Za-z0-9_-]+$/.test(o.authId)) {
    throw new UsageError('emulator auth id may contain only letters, digits, "-" and "_"');
  }
  if (o.authToken !== undefined && (o.authToken === '' || /[\s:]/.test(o.authToken))) {
    throw new UsageError('emulator auth token must be non-empty, without spaces or ":"');
  }
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'the address is in use' : e.message;
      reject(new ExitError(`emulator cannot listen on ${host}:${port}: ${why}`, EXIT.ERROR, 'Pick another --port, or 0 for a free one.'));
    });
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

function emptyStats(): EmulatorStats {
  return { requests: 0, byStatus: {}, byMethod: {}, inFlight: 0, maxInFlight: 0 };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(opts);
  const seed = opts.seed ?? 1;
  const host = opts.host ?? '127.0.0.1';
  const accountDraws = createPrng(deriveState(seed, 'account'));
  const authId = opts.authId ?? generateAuthId(accountDraws);
  const authToken = opts.authToken ?? generateAuthToken(accountDraws);
  let faults = toFaultSpec(opts.faults);
  let broken = toBrokenSpec(opts.broken);
  const brokenAnswers: Record<string, number> = {};
  const limiter = createRateLimiter(opts.rateLimit ?? DEFAULT_EMULATOR_RATE_LIMIT);
  const store = openStore(ID_FIELDS, deriveState(seed, 'ids'), opts.statePath);
  const ctx: ResourceContext = { authId, now: opts.now ?? Date.now, store };
  const stats = emptyStats();

  const handler = createRequestHandler({
    checkAuth: createAuthChecker(authId, authToken),
    ctx,
    limiter,
    faults: () => faults,
    faultDraws: createPrng(deriveState(seed, 'faults')),
    apiIds: createPrng(deriveState(seed, 'api_ids')),
    latencyMs: opts.latencyMs ?? 0,
    stats,
    onRequest: opts.onRequest,
    broken: () => broken,
    brokenDraws: createPrng(deriveState(seed, 'broken')),
    onBroken: (mode) => void (brokenAnswers[mode] = (brokenAnswers[mode] ?? 0) + 1),
  });
  const server = createServer((req, res) => handler.handle(req, res));
  const address = await listen(server, host, opts.port ?? 0);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    authId,
    authToken,
    stats,
    resetStats() {
      // requests still open stay counted, so inFlight returns to 0 when they finish
      Object.assign(stats, emptyStats(), { inFlight: stats.inFlight, maxInFlight: stats.inFlight });
    },
    setFaults(f) {
      faults = toFaultSpec(f);
    },
    setBroken(b) {
      broken = toBrokenSpec(b);
    },
    brokenAnswers,
    setRateLimit(n) {
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`emulator rate limit must be a whole number >= 0, got ${n}`);
      limiter.setLimit(n);
    },
    seed(kind, body) {
      if (!KINDS.includes(kind)) throw new Error(`emulator seed: unknown kind "${String(kind)}"`);
      const spec = RESOURCES[kind];
      // through JSON, exactly as an HTTP body would arrive (undefined dropped, nothing shared with the caller)
      const outcome = spec.create(JSON.parse(JSON.stringify(body)) as Record<string, unknown>, ctx);
      if (!outcome.ok) throw new Error(`emulator seed(${kind}) rejected (${outcome.status}): ${JSON.stringify(outcome.error)}`);
      store.put(kind, outcome.value[spec.idField] as string, outcome.value);
      store.persist();
      return spec.toWire(outcome.value, ctx);
    },
    dump(kind: Kind) {
      const spec = RESOURCES[kind];
      return store.all(kind).map((r) => spec.toWire(r, ctx));
    },
    async close() {
      handler.shutdown();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // keep-alive and hanging connections would hold close() open; the emulator is going away
        server.closeAllConnections();
      });
      await handler.drained();
    },
  };
}
