// `plivo-sync apply`: from a manifest (plan, show, confirm) or a saved plan (re-check, no prompt), then execute
// with progress on stderr and a per-change report on stdout.
import { readFile, stat } from 'node:fs/promises';
import { EXIT, RefusedError, UsageError } from '../errors.js';
import { info, type Io } from '../io.js';
import type { DesiredState, LiveState } from '../model.js';
import type { PlivoApi } from '../plivo/api.js';
import type { Plan } from '../plan/types.js';
import type { SavedPlan } from '../plan/saved.js';
import { computePlan, connect, loadValidManifest, readLive, resolvePlanOptions, type PlanFlags } from './context.js';

export interface ApplyCommandOptions extends PlanFlags {
  /** A YAML manifest, or a JSON plan saved by `plan --out`. */
  target: string;
  autoApprove: boolean;
  format: 'text' | 'json';
}

interface Ready {
  plan: Plan;
  desired: DesiredState;
  live: LiveState;
  api: PlivoApi;
  concurrency: number;
}

const SAVED_PLAN_MAX_BYTES = 64 * 1024 * 1024;

export async function runApply(opts: ApplyCommandOptions, io: Io): Promise<number> {
  const saved = await readSavedPlan(opts.target);
  const ready = saved ? await prepareSaved(saved, opts, io) : await prepareFromManifest(opts, io);
  if (typeof ready === 'number') return ready;
  return execute(ready, opts, io);
}

/** A saved plan is JSON with kind "plivo-sync-plan"; anything else is treated as a manifest. */
async function readSavedPlan(path: string): Promise<SavedPlan | null> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new UsageError(`${path}: no such file`, 'Give a manifest (YAML) or a plan saved with `plivo-sync plan --out FILE`.');
  }
  if (size > SAVED_PLAN_MAX_BYTES || !/\.json$/i.test(path)) return null;
  const text = await readFile(path, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null || (doc as { kind?: unknown }).kind !== 'plivo-sync-plan') return null;
  const s = doc as SavedPlan;
  if (s.format_version !== 1 || !s.plan || !s.manifest || !s.fingerprints) {
    throw new UsageError(`${path}: not a plan this version of plivo-sync can read`, 'Save the plan again with `plivo-sync plan --out`.');
  }
  return s;
}

async function prepareSaved(saved: SavedPlan, opts: ApplyCommandOptions, io: Io): Promise<Ready | number> {
  const manifest = await loadValidManifest(saved.manifest.path, io);
  if (manifest.sha256 !== saved.manifest.sha256) {
    throw new RefusedError(
      `${saved.manifest.path} changed since the plan in ${opts.target} was saved`,
      'Run `plivo-sync plan --out` again and review the new plan.',
    );
  }
  const { api, config } = await connect(opts, io, manifest.secrets);
  const live = await readLive(api, manifest.desired, io);
  const { findStale } = await import('../plan/saved.js');
  const stale = findStale(saved, live);
  if (stale.length > 0) {
    for (const s of stale) io.err(`  ${s.kind} ${s.name ?? '(name unknown)'} (${s.id ?? 'new'}): ${s.reason} since the plan was saved\n`);
    throw new RefusedError(
      `the account changed since the plan in ${opts.target} was saved (${stale.length} object${stale.length === 1 ? '' : 's'})`,
      'Run `plivo-sync plan --out` again and review the new plan.',
    );
  }
  if (saved.plan.refusals.length > 0) {
    throw new RefusedError(`the saved plan carries ${saved.plan.refusals.length} refusal(s) and cannot be applied`);
  }
  info(io, `Applying the saved plan ${opts.target} (${saved.plan.changes.length} changes).\n`);
  return { plan: saved.plan, desired: manifest.desired, live, api, concurrency: config.concurrency };
}

async function prepareFromManifest(opts: ApplyCommandOptions, io: Io): Promise<Ready | number> {
  const manifest = await loadValidManifest(opts.target, io);
  const options = resolvePlanOptions(opts, manifest.desired);
  const { api, config } = await connect(opts, io, manifest.secrets);
  const live = await readLive(api, manifest.desired, io);
  const plan = await computePlan(manifest.desired, live, options);

  // With --format json stdout carries only the report; the plan goes to stderr for the person watching.
  const { renderPlanText } = await import('../render/text.js');
  const show = opts.format === 'json' ? io.err : io.out;
  show(renderPlanText(plan, { color: opts.format === 'json' ? false : io.color }));

  if (plan.refusals.length > 0) return EXIT.REFUSED;
  if (plan.changes.length === 0) {
    if (opts.format === 'json') {
      const { renderReportJson } = await import('../render/report.js');
      io.out(renderReportJson({ results: [], summary: { done: 0, failed: 0, skipped: 0, 'not-started': 0 }, interrupted: false }));
    }
    return EXIT.OK;
  }
  if (!opts.autoApprove) {
    if (!io.stdinIsTTY || !io.prompt) {
      throw new UsageError(
        'refusing to apply without confirmation: stdin is not a terminal',
        'Review the plan above and pass --auto-approve, or apply a reviewed plan saved with `plan --out`.',
      );
    }
    const answer = await io.prompt(`\nApply these ${plan.changes.length} changes to account ${config.authId}? Only "yes" is accepted: `);
    if (answer.trim() !== 'yes') {
      io.err('Apply cancelled; nothing was changed.\n');
      return EXIT.ERROR;
    }
  }
  return { plan, desired: manifest.desired, live, api, concurrency: config.concurrency };
}

async function execute(ready: Ready, opts: ApplyCommandOptions, io: Io): Promise<number> {
  const { applyPlan } = await import('../apply/index.js');
  const report = await import('../render/report.js');
  const onEvent = (e: Parameters<typeof report.formatProgressLine>[0]) => {
    if (io.stderrIsTTY) {
      if (e.type !== 'start') info(io, `${report.formatCounter(e.counts)}\x1b[K`);
    } else {
      const line = report.formatProgressLine(e);
      if (line) info(io, `${line}\n`);
    }
  };
  let result;
  try {
    result = await applyPlan(ready.plan, ready.desired, ready.live, ready.api, {
      concurrency: ready.concurrency,
      signal: io.signal,
      onEvent,
    });
  } finally {
    if (io.stderrIsTTY) info(io, '\n');
  }
  io.out(opts.format === 'json' ? report.renderReportJson(result) : report.renderReportText(result, { color: io.color }));
  if (result.interrupted) return EXIT.INTERRUPTED;
  if (result.stopped?.reason === 'auth') return EXIT.AUTH;
  if (result.summary.failed > 0 || result.summary.skipped > 0 || result.summary['not-started'] > 0) return EXIT.PARTIAL;
  return EXIT.OK;
}

