// Executes a Plan: each change starts as soon as what it depends on is done, at most `concurrency` at once;
// collects a result per change instead of throwing, skips only what depends on a failure, and stops cleanly
// on interruption or a failed authentication.
import pLimit from 'p-limit';
import { RefusedError, UsageError } from '../errors.js';
import type { DesiredState, Kind, LiveState } from '../model.js';
import type { Action, Change, Plan } from '../plan/types.js';
import type { PlivoApi } from '../plivo/api.js';
import { AuthError } from '../plivo/errors.js';
import { executeChange, type ChangeEffect } from './change.js';
import { DEFAULT_MAX_CREATE_ATTEMPTS } from './create.js';
import { buildGraph, collectDependents } from './graph.js';
import { collectSecrets, redactSecrets } from './secret.js';
import { IdBook } from './write.js';

export interface ApplyOptions {
  /** Changes in flight at once (p-limit); the client separately bounds requests. */
  concurrency: number;
  /** Aborted on Ctrl-C/SIGTERM: start nothing new, let in-flight changes finish. */
  signal?: AbortSignal;
  onEvent?: (e: ApplyEvent) => void;
  /** Create attempts per change while responses are lost and lookups find nothing. Default 3. */
  maxCreateAttempts?: number;
}

export type Outcome = 'done' | 'failed' | 'skipped' | 'not-started';

export interface ChangeResult {
  key: string;
  action: Action;
  kind: Kind;
  name: string;
  outcome: Outcome;
  /** The object's id: the created (or adopted) id on create, the planned id on update and delete. */
  id: string | null;
  /** The API's message (secrets masked). */
  error?: string;
  /** Key of the failed change it depended on. */
  skipped_because?: string;
  /** A lost-response create found already done. */
  adopted?: boolean;
  /** For created/updated trunks, read back. */
  trunk_domain?: string;
  /** Facts about a change that did not make it fail (a trunk that could not be read back). */
  notes?: string[];
}

export interface ApplyReport {
  results: ChangeResult[];
  summary: Record<Outcome, number>;
  /** True when the signal aborted the run and some changes were therefore not started. */
  interrupted: boolean;
  /** Set when the run stopped itself: a failed authentication makes every further call fail too. */
  stopped?: { reason: 'auth'; message: string; hint?: string };
}

/** Progress so far; `finished` = done + failed + skipped. */
export interface ApplyCounts {
  total: number;
  finished: number;
  done: number;
  failed: number;
  skipped: number;
  running: number;
}

export type ApplyEvent =
  | { type: 'start'; key: string; action: Action; kind: Kind; name: string; counts: ApplyCounts }
  | { type: 'done' | 'failed' | 'skipped'; key: string; result: ChangeResult; counts: ApplyCounts };

export async function applyPlan(
  plan: Plan,
  desired: DesiredState,
  live: LiveState,
  api: PlivoApi,
  opts: ApplyOptions,
): Promise<ApplyReport> {
  if (plan.refusals.length > 0) {
    throw new RefusedError(
      `the plan was refused and cannot be applied: ${plan.refusals.map((r) => r.message).join('; ')}`,
      plan.refusals[0].hint,
    );
  }
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
    throw new UsageError(`concurrency must be a whole number of at least 1, got ${opts.concurrency}`);
  }
  const graph = buildGraph(plan.changes);
  const byKey = new Map(plan.changes.map((c) => [c.key, c]));
  const results = new Map(plan.changes.map((c) => [c.key, initialResult(c)]));
  const waitsFor = new Map(graph.waitsFor);
  const secrets = collectSecrets(desired);
  const counts: ApplyCounts = { total: plan.changes.length, finished: 0, done: 0, failed: 0, skipped: 0, running: 0 };
  const ctx = {
    api,
    desired,
    ids: new IdBook(live),
    maxCreateAttempts: opts.maxCreateAttempts ?? DEFAULT_MAX_CREATE_ATTEMPTS,
    onAuthError: (err: AuthError) => stopOnAuth(err),
  };
  const limit = pLimit(opts.concurrency);
  let stopped: ApplyReport['stopped'];
  let interrupted = false;

  function stopOnAuth(err: AuthError): void {
    stopped ??= { reason: 'auth', message: err.message, hint: err.hint };
  }

  function emit(e: ApplyEvent): void {
    // Progress output must never change what is applied.
    try {
      opts.onEvent?.(e);
    } catch {
      /* ignored on purpose */
    }
  }

  function finish(result: ChangeResult): void {
    results.set(result.key, result);
    counts[result.outcome as 'done' | 'failed' | 'skipped']++;
    counts.finished++;
    emit({ type: result.outcome as 'done' | 'failed' | 'skipped', key: result.key, result, counts: { ...counts } });
  }

  async function run(change: Change): Promise<void> {
    if (stopped !== undefined) return;
    if (opts.signal?.aborted) {
      interrupted = true;
      return;
    }
    counts.running++;
    emit({ type: 'start', key: change.key, action: change.action, kind: change.kind, name: change.name, counts: { ...counts } });
    const effect: ChangeEffect = { id: change.id, notes: [] };
    let error: unknown;
    try {
      await executeChange(change, ctx, effect);
    } catch (err) {
      error = err ?? new Error('unknown failure');
    }
    counts.running--;
    const result: ChangeResult = { ...initialResult(change), id: effect.id };
    if (effect.adopted) result.adopted = true;
    if (effect.trunk_domain !== undefined) result.trunk_domain = effect.trunk_domain;
    if (effect.notes.length > 0) result.notes = effect.notes.map((n) => redactSecrets(n, secrets));

    if (error === undefined) {
      finish({ ...result, outcome: 'done' });
      release(change.key);
      return;
    }
    finish({ ...result, outcome: 'failed', error: redactSecrets(messageOf(error), secrets) });
    if (error instanceof AuthError) {
      // Everything not yet started stays not-started: its own credentials are not at fault.
      stopOnAuth(error);
      return;
    }
    for (const key of collectDependents(graph, change.key)) {
      if (results.get(key)?.outcome !== 'not-started') continue;
      finish({ ...(results.get(key) as ChangeResult), outcome: 'skipped', skipped_because: change.key });
    }
  }

  // Completion: every scheduled task has settled and nothing more can become ready.
  let outstanding = 0;
  let resolveAll!: () => void;
  const allSettled = new Promise<void>((resolve) => (resolveAll = resolve));

  function schedule(change: Change): void {
    outstanding++;
    void limit(() => run(change))
      .catch((err: unknown) => {
        // run() catches everything a change can throw; this guards against a bug in the scheduler itself.
        finish({ ...initialResult(change), outcome: 'failed', error: redactSecrets(messageOf(err), secrets) });
      })
      .finally(() => {
        outstanding--;
        if (outstanding === 0) resolveAll();
      });
  }

  function release(doneKey: string): void {
    for (const key of graph.dependents.get(doneKey) ?? []) {
      const left = (waitsFor.get(key) as number) - 1;
      waitsFor.set(key, left);
      if (left === 0 && results.get(key)?.outcome === 'not-started') schedule(byKey.get(key) as Change);
    }
  }

  const roots = plan.changes.filter((c) => waitsFor.get(c.key) === 0);
  if (roots.length === 0) resolveAll();
  for (const c of roots) schedule(c);
  await allSettled;

  const ordered = plan.changes.map((c) => results.get(c.key) as ChangeResult);
  const summary: Record<Outcome, number> = { done: 0, failed: 0, skipped: 0, 'not-started': 0 };
  for (const r of ordered) summary[r.outcome]++;
  const report: ApplyReport = { results: ordered, summary, interrupted: interrupted && summary['not-started'] > 0 };
  if (stopped !== undefined) report.stopped = stopped;
  return report;
}

function initialResult(c: Change): ChangeResult {
  return { key: c.key, action: c.action, kind: c.kind, name: c.name, outcome: 'not-started', id: c.id };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
