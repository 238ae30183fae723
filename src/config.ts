// Where the API is and who we are: flags over PLIVO_* environment variables over defaults. Refuses to send a
// token over plain http to anything but loopback.
import { UsageError } from './errors.js';

export const DEFAULT_API_URL = 'https://api.plivo.com';
export const DEFAULT_CONCURRENCY = 10;
export const DEFAULT_RATE_LIMIT = 300; // requests per 5 s per account, as live

export interface ApiConfig {
  apiUrl: string;
  authId: string;
  authToken: string;
  concurrency: number;
  /** Requests per 5 seconds that the client paces itself to; 0 turns pacing off. */
  rateLimit: number;
  /** Per-request timeout in milliseconds; a request that never answers is handled as a lost response. */
  timeoutMs: number;
  debug: boolean;
}

export interface ApiFlags {
  authId?: string;
  authToken?: string;
  apiUrl?: string;
  concurrency?: number;
  rateLimit?: number;
  timeout?: number;
  debug?: boolean;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function resolveApiConfig(flags: ApiFlags, env: Record<string, string | undefined>): ApiConfig {
  const apiUrl = (flags.apiUrl ?? env.PLIVO_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new UsageError(`--api-url "${apiUrl}" is not a URL`, 'Give a URL such as https://api.plivo.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--api-url must be http(s), got "${url.protocol}"`, 'Give a URL such as https://api.plivo.com.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new UsageError(
      `refusing plain http to ${url.hostname}: the auth token would cross the network in clear text`,
      'Use https, or http only to a loopback address such as the emulator on 127.0.0.1.',
    );
  }
  const authId = flags.authId ?? env.PLIVO_AUTH_ID;
  const authToken = flags.authToken ?? env.PLIVO_AUTH_TOKEN;
  if (!authId || !authToken) {
    throw new UsageError(
      'no Plivo credentials: PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN are not set',
      'Export PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN (or pass --auth-id/--auth-token); `plivo-sync emulator` prints a pair for local use.',
    );
  }
  const concurrency = flags.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 100) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 100, got ${concurrency}`);
  }
  const rateLimit = flags.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (!Number.isInteger(rateLimit) || rateLimit < 0) {
    throw new UsageError(`--rate-limit must be a whole number of requests per 5 s (0 for none), got ${rateLimit}`);
  }
  const timeoutMs = Math.round((flags.timeout ?? 30) * 1000);
  if (!(timeoutMs > 0)) throw new UsageError(`--timeout must be a positive number of seconds`);
  return { apiUrl, authId, authToken, concurrency, rateLimit, timeoutMs, debug: flags.debug ?? false };
}
