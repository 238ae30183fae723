// The emulator's public types (re-exported by index.ts); other modules code against exactly these.
import type { Kind } from '../model.js';
import type { BrokenSpec } from './broken.js';
import type { FaultSpec } from './faults.js';

export type { BrokenSpec, FaultSpec };

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: 'MA' + 18 uppercase letters and digits, derived from the seed. */
  authId?: string;
  /** Default: 40 letters and digits, derived from the seed. */
  authToken?: string;
  /** Added to every response. Default 0. */
  latencyMs?: number;
  /** Requests per 5 s per account; beyond it 429. Default 300 (live); 0 turns it off. */
  rateLimit?: number;
  /** "500=0.1,lost=0.05,reset=0.05,latency=20,hang=0.01" or the object form. */
  faults?: string | FaultSpec;
  /** Seeds the fault draws and the ids. Default 1. */
  seed?: number;
  /** Persist state here (atomically after every change) and load it on start. */
  statePath?: string;
  /** The clock (epoch ms) for timestamps, endpoint suffixes and the rate-limit window. Default Date.now. */
  now?: () => number;
  /** Called as each request arrives, before latency, auth or the rate limit (benchmarks time the first one). */
  onRequest?: (method: string, url: string) => void;
  /**
   * Successful answers to send broken, for hardening tests: "nonjson=0.1,truncated=0.1,missing-field=0.1,
   * wrong-type=0.1,count-mismatch=0.1,duplicates=0.1,vanishing=0.1" (fractions of eligible answers) or the
   * object form. Drawn from the seed like the faults. Default: none.
   */
  broken?: string | BrokenSpec;
}

export interface EmulatorStats {
  requests: number;
  byStatus: Record<number, number>;
  byMethod: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
}

export interface Emulator {
  /** e.g. 'http://127.0.0.1:43123' (no trailing slash; the API lives under /v1/Account/{authId}/). */
  url: string;
  authId: string;
  authToken: string;
  /** Live counters; resetStats() zeroes them. */
  stats: EmulatorStats;
  resetStats(): void;
  setFaults(f: string | FaultSpec | null): void;
  setRateLimit(n: number): void;
  /** Changes which answers go out broken (null: none) from the next request on. */
  setBroken(b: string | BrokenSpec | null): void;
  /** How many answers went out broken, by mode (nonJson, truncated, …). */
  brokenAnswers: Record<string, number>;
  /**
   * Inserts an object directly (no auth, rate limit or faults) from wire field names as in a create body;
   * validates like a create and returns the stored object as the list API shows it. Endpoints get their suffix.
   * The only way to add a phone number ({number, alias?, number_type?, region?, app_id?}): they are bought.
   */
  seed(kind: Kind, body: Record<string, unknown>): Record<string, unknown>;
  /** Every stored object of a kind as the list API returns it. */
  dump(kind: Kind): Record<string, unknown>[];
  close(): Promise<void>;
}
