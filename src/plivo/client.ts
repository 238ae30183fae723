// HTTP to the Plivo API: Basic auth, JSON, one bound on requests in flight, pacing, retries with backoff,
// per-request timeouts, typed errors and redacted --debug tracing. Knows nothing about resource kinds.
import { TOOL_VERSION } from '../version.js';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ApiConfig } from '../config.js';
import { DEFAULT_RETRY_POLICY, computeBackoff, parseRetryAfter, type RetryPolicy } from './backoff.js';
import { ApiError, AuthError, LostResponseError } from './errors.js';
import { Pacer, RATE_WINDOW_MS } from './pacer.js';
import { Redactor } from './redaction.js';
import { createTransport, type FetchAnswer, type FetchLike } from './transport.js';

export type { FetchAnswer, FetchLike } from './transport.js';

/** Everything the client takes from the outside world, injectable for tests. */
export interface ClientDeps {
  fetch?: FetchLike;
  /** Receives one line per request, response and retry when `config.debug` is set (default: stderr). */
  trace?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1): the backoff jitter. */
  random?: () => number;
  /** Milliseconds since the epoch; drives pacing and Retry-After dates. */
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Secret values (passwords, `${VAR}` values) to cut out of traces and errors from the start; see redact(). */
  secrets?: readonly string[];
}

export type Method = 'GET' | 'POST' | 'DELETE';

export interface HttpRequest {
  method: Method;
  /** Below the account, ending in "/": "Zentrunk/Trunk/", "Endpoint/123/". */
  path: string;
  query?: Record<string, string | number>;
  /** Sent as JSON. */
  body?: unknown;
  /** A POST to a collection: never re-sent once it may have been performed. */
  create?: boolean;
}

export interface HttpResponse {
  status: number;
  /** The parsed JSON answer; null when the body is empty (or unreadable where no body is needed). */
  body: unknown;
}

export interface ClientStats {
  /** Requests sent, retries included. */
  requests: number;
  retries: number;
  /** 429 answers received. */
  throttled: number;
}

/** Network failures that happen before a single byte of the request left: safe to resend even a create. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** What one attempt produced: an HTTP answer, or a failure without one. */
type Outcome =
  | { type: 'answer'; status: number; text: string; headers: FetchAnswer['headers'] }
  | { type: 'failure'; reason: string; sent: boolean };

/** What to do after an attempt. `retry` carries the error to throw if no attempt is left. */
type Verdict = { done: HttpResponse } | { fail: ApiError } | { retry: ApiError; afterMs: number | null };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** "plivo-sync/0.1.0 node/v20.19.0". */
export const USER_AGENT = `plivo-sync/${TOOL_VERSION} node/${process.version}`;

export class HttpClient {
  private readonly base: string;
  private readonly authorization: string;
  private readonly limit: LimitFunction;
  private readonly pacer: Pacer;
  private readonly policy: RetryPolicy;
  private readonly redactor: Redactor;
  private readonly fetchFn: FetchLike;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly trace: ((line: string) => void) | null;
  private readonly counters: ClientStats = { requests: 0, retries: 0, throttled: 0 };

  constructor(
    private readonly config: ApiConfig,
    deps: ClientDeps = {},
  ) {
    this.base = `${config.apiUrl.replace(/\/+$/, '')}/v1/Account/${encodeURIComponent(config.authId)}/`;
    const basic = Buffer.from(`${config.authId}:${config.authToken}`).toString('base64');
    this.authorization = `Basic ${basic}`;
    this.redactor = new Redactor([config.authToken, basic, ...(deps.secrets ?? [])]);
    this.fetchFn = deps.fetch ?? createTransport();
    this.sleep = deps.sleep ?? defaultSleep;
    this.random = deps.random ?? Math.random;
    this.now = deps.now ?? Date.now;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
    this.limit = pLimit(Math.max(1, config.concurrency));
    this.pacer = new Pacer(config.rateLimit, { now: this.now, sleep: this.sleep });
    this.trace = config.debug ? (deps.trace ?? ((line) => process.stderr.write(`${line}\n`))) : null;
  }

  /** Registers secret values (passwords, `${VAR}` values) to cut out of traces and error messages. */
  redact(values: readonly string[]): void {
    this.redactor.add(values);
  }

  stats(): ClientStats {
    return { ...this.counters };
  }

  /**
   * Sends one logical request, retrying where that is safe. Resolves with any 2xx answer (and with a 404 to a
   * DELETE retry: the earlier attempt did the job); throws AuthError, LostResponseError or ApiError.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      // Each attempt takes a slot of its own, so a request waiting out its backoff does not hold one.
      const outcome = await this.limit(() => this.send(req, attempt));
      const verdict = this.judge(req, attempt, outcome);
      if ('done' in verdict) return verdict.done;
      if ('fail' in verdict) throw verdict.fail;
      const plural = attempt === 1 ? '' : 's';
      if (attempt >= this.policy.maxAttempts) throw this.giveUp(verdict.retry, `Gave up after ${attempt} attempt${plural}.`);
      const delay = verdict.afterMs ?? computeBackoff(attempt, this.policy, this.random);
      if (verdict.afterMs !== null) {
        if (verdict.afterMs > this.policy.maxRetryAfterMs) {
          throw this.giveUp(verdict.retry, `The API asked to wait ${Math.ceil(verdict.afterMs / 1000)} s before retrying.`);
        }
        // The server's wait applies to the account, so every request holds back, not just this one.
        this.pacer.pauseUntil(this.now() + delay);
      }
      this.counters.retries++;
      this.emit(`plivo retry ${attempt + 1}/${this.policy.maxAttempts} ${req.method} ${req.path} in ${delay} ms: ${verdict.retry.message}`);
      await this.sleep(delay);
    }
  }

  private async send(req: HttpRequest, attempt: number): Promise<Outcome> {
    // The pacing slot is held until the answer is in: the server counts the request somewhere in between.
    const release = await this.pacer.acquire();
    try {
      return await this.attempt(req, attempt);
    } finally {
      release();
    }
  }

  private async attempt(req: HttpRequest, attempt: number): Promise<Outcome> {
    this.counters.requests++;
    const search = req.query ? `?${new URLSearchParams(Object.entries(req.query).map(([k, v]) => [k, String(v)]))}` : '';
    const shown = `${req.method} ${req.path}${search}`;
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      Authorization: this.authorization,
      'User-Agent': USER_AGENT,
      Accept: 'application/json',
    };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    this.emit(`plivo → ${shown}${attempt > 1 ? ` (attempt ${attempt})` : ''}${payload !== undefined ? ` ${this.redactor.body(payload)}` : ''}`);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.config.timeoutMs);
    const started = this.now();
    try {
      const res = await this.fetchFn(this.base + req.path + search, {
        method: req.method,
        headers,
        body: payload,
        signal: controller.signal,
      });
      // The body is read under the same timeout: a server that sends headers and then stalls is no answer.
      const text = await res.text();
      this.emit(`plivo ← ${res.status} ${shown} ${this.now() - started} ms ${this.redactor.body(text)}`);
      return { type: 'answer', status: res.status, text, headers: res.headers };
    } catch (e) {
      const { reason, sent } = timedOut
        ? { reason: `no answer within ${this.config.timeoutMs} ms`, sent: true }
        : describeNetworkError(e);
      this.emit(`plivo ✗ ${shown} ${this.now() - started} ms ${reason}`);
      return { type: 'failure', reason: this.redactor.text(reason), sent };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Decides what an attempt means: success, a definite failure, or something worth another attempt. */
  private judge(req: HttpRequest, attempt: number, outcome: Outcome): Verdict {
    const { method, path } = req;
    if (outcome.type === 'failure') {
      if (req.create && outcome.sent) return { fail: new LostResponseError(method, path, outcome.reason) };
      return {
        retry: new ApiError(`${method} ${path}: ${outcome.reason}`, null, method, path, null, null, HINT.network),
        afterMs: null,
      };
    }
    const { status, text, headers } = outcome;
    if (status >= 200 && status < 300) {
      // GETs and creates need the body (the objects, the new id); updates and deletes are done either way.
      const needsBody = method === 'GET' || req.create === true;
      const body = parseJson(text);
      if (body !== undefined || !needsBody) return { done: { status, body: body ?? null } };
      const what = text.trim() === '' ? 'an empty body' : 'invalid JSON';
      if (req.create) return { fail: new LostResponseError(method, path, `${what} in the ${status} answer`) };
      // A truncated or garbled read is usually a transient proxy fault: retried like a 5xx.
      return {
        retry: new ApiError(`${method} ${path}: ${what} from the API (status ${status})`, status, method, path, null, null, HINT.server),
        afterMs: null,
      };
    }
    if (status === 404 && method === 'DELETE' && attempt > 1) return { done: { status, body: null } };
    const body = parseJson(text);
    const apiId = isRecord(body) && typeof body.api_id === 'string' ? body.api_id : null;
    if (status === 401) return { fail: new AuthError(method, path, apiId) };
    const serverError = this.redactor.value(isRecord(body) && 'error' in body ? body.error : null);
    const detail = describeServerError(serverError) ?? (this.redactor.text(text.trim()).slice(0, 200) || 'no message');
    const message = `${method} ${path}: ${status} ${detail}${apiId ? ` (api_id ${apiId})` : ''}`;
    const error = new ApiError(message, status, method, path, apiId, serverError, hintFor(status));
    if (status === 429) {
      this.counters.throttled++;
      // The rate limiter answers before doing anything, so even a create may go again. While we pace, our own
      // requests never fill the account's window, so a 429 means another client did (or our previous run): only
      // a whole window is sure to free a slot, and every request waits it out (pauseUntil), not just this one.
      const retryAfter = parseRetryAfter(headers.get('retry-after'), this.now());
      return { retry: error, afterMs: retryAfter ?? (this.config.rateLimit > 0 ? RATE_WINDOW_MS : null) };
    }
    if (status >= 500) {
      if (req.create) return { fail: new LostResponseError(method, path, `${status} ${detail}`) };
      return { retry: error, afterMs: parseRetryAfter(headers.get('retry-after'), this.now()) };
    }
    return { fail: error };
  }

  /** The last attempt's error, with why no further attempt was made put in front of its hint. */
  private giveUp(error: ApiError, why: string): ApiError {
    const hint = `${why} ${error.hint ?? ''}`.trim();
    return new ApiError(error.message, error.status, error.method, error.path, error.apiId, error.serverError, hint);
  }

  private emit(line: string): void {
    if (this.trace) this.trace(this.redactor.text(line));
  }
}

const HINT = {
  network: 'Check --api-url (PLIVO_API_URL) and the network; --timeout sets how long to wait for an answer.',
  server: 'Plivo answered with a server error; try again later (status.plivo.com). Re-running converges.',
  throttled: "The account's rate limit was exceeded; lower --rate-limit or --concurrency, or wait and re-run.",
  forbidden: 'The account may not have SIP trunking enabled, or lacks permission for this; contact Plivo support.',
  notFound: 'The object does not exist (any more); re-run plan to see the current state.',
  rejected: 'The API rejected the values sent; check the manifest entry against the API rules.',
};

function hintFor(status: number): string {
  if (status === 429) return HINT.throttled;
  if (status >= 500) return HINT.server;
  if (status === 403) return HINT.forbidden;
  if (status === 404) return HINT.notFound;
  return HINT.rejected;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The parsed body; undefined when it is empty or not JSON. */
function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The server's `error`: a string, or a field → message map ("name: too long; uri: required"). */
function describeServerError(error: unknown): string | null {
  if (typeof error === 'string' && error !== '') return error;
  if (isRecord(error)) {
    const parts = Object.entries(error).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    return parts.length > 0 ? parts.join('; ') : null;
  }
  return null;
}

/** A readable reason for a fetch that threw, and whether the request may have reached the server. */
function describeNetworkError(e: unknown): { reason: string; sent: boolean } {
  const err = e as { message?: unknown; code?: unknown; cause?: { message?: unknown; code?: unknown } } | null;
  const code = typeof err?.cause?.code === 'string' ? err.cause.code : typeof err?.code === 'string' ? err.code : null;
  const msg = typeof err?.cause?.message === 'string' ? err.cause.message : typeof err?.message === 'string' ? err.message : String(e);
  const reason = code && !msg.includes(code) ? `network error (${code}: ${msg})` : `network error (${msg})`;
  return { reason, sent: code === null || !NOT_SENT_CODES.has(code) };
}
