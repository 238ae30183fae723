// Pure renderers for an apply run: the per-change report (text and JSON), and the progress shown while it runs.
import type { ApplyEvent, ApplyReport, ChangeResult } from '../apply/index.js';
import type { Action } from '../plan/types.js';

export interface ReportTextOptions {
  color: boolean;
}

const PAST: Record<Action, string> = { create: 'created', update: 'updated', delete: 'deleted' };

type Paint = (code: number, text: string) => string;
const ansi: Paint = (code, text) => `\x1b[${code}m${text}\x1b[0m`;
const plain: Paint = (_code, text) => text;
const GREEN = 32;
const RED = 31;
const YELLOW = 33;
const DIM = 2;

export function renderReportText(report: ApplyReport, opts: ReportTextOptions): string {
  const paint = opts.color ? ansi : plain;
  const lines: string[] = [];
  for (const r of report.results) {
    lines.push(formatResultLine(r, paint));
    for (const note of r.notes ?? []) lines.push(`  note: ${note}`);
  }
  const s = report.summary;
  if (lines.length > 0) lines.push('');
  lines.push(`Apply: ${s.done} done, ${s.failed} failed, ${s.skipped} skipped, ${s['not-started']} not started.`);
  if (report.stopped !== undefined) {
    lines.push(`Stopped: ${report.stopped.message}.${report.stopped.hint ? ` ${report.stopped.hint}` : ''}`);
  }
  if (report.interrupted) {
    const n = s['not-started'];
    lines.push(`Interrupted: the changes already in flight finished; ${n} ${n === 1 ? 'was' : 'were'} not started.`);
  }
  if (s.failed > 0) {
    lines.push('Fix what the errors above say, then re-run `plivo-sync apply` to converge.');
  } else if (s.skipped + s['not-started'] > 0) {
    lines.push('Re-run `plivo-sync apply` to converge: it plans again from the live account, so nothing done is repeated.');
  }
  return `${lines.join('\n')}\n`;
}

export function renderReportJson(report: ApplyReport): string {
  const doc: Record<string, unknown> = {
    format_version: 1,
    results: report.results.map(toJsonResult),
    summary: {
      done: report.summary.done,
      failed: report.summary.failed,
      skipped: report.summary.skipped,
      'not-started': report.summary['not-started'],
    },
    interrupted: report.interrupted,
  };
  if (report.stopped !== undefined) doc.stopped = report.stopped;
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** One line per finished change, for stderr when it is not a terminal; null for events that finish nothing. */
export function formatProgressLine(event: ApplyEvent): string | null {
  return event.type === 'start' ? null : formatResultLine(event.result, plain, 'inline');
}

export interface CounterInput {
  total: number;
  done: number;
  failed: number;
  skipped: number;
}

/** The live counter for a terminal; starts with a carriage return so each one overwrites the last. */
export function formatCounter(counts: CounterInput): string {
  const finished = counts.done + counts.failed + counts.skipped;
  return `\r[${finished}/${counts.total}] ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped`;
}

function formatResultLine(r: ChangeResult, paint: Paint, domainAt: 'inline' | 'below' = 'below'): string {
  const what = `${r.kind} ${r.name}`;
  switch (r.outcome) {
    case 'done': {
      // A number is its own id: shown once.
      const id = r.id !== null && r.id !== r.name ? ` (${r.id})` : '';
      const adopted = r.adopted ? ' (adopted after a lost response)' : '';
      const line = `${paint(GREEN, '✓')} ${PAST[r.action]} ${what}${id}${adopted}`;
      if (r.trunk_domain === undefined) return line;
      // In the report the SIP domain (what users copy into their PBX) gets its own line, which keeps lines
      // within 80 columns; a progress log line stays one line.
      return domainAt === 'below' ? `${line}\n    sip domain: ${r.trunk_domain}` : `${line} → ${r.trunk_domain}`;
    }
    case 'failed':
      return `${paint(RED, '✗')} failed ${r.action} ${what}: ${r.error ?? 'unknown error'}`;
    case 'skipped':
      return `${paint(YELLOW, '-')} skipped ${what} (depends on failed ${r.skipped_because ?? 'change'})`;
    case 'not-started':
      return `${paint(DIM, '·')} not started ${r.action} ${what}`;
  }
}

function toJsonResult(r: ChangeResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    key: r.key,
    action: r.action,
    kind: r.kind,
    name: r.name,
    outcome: r.outcome,
    id: r.id,
  };
  if (r.error !== undefined) out.error = r.error;
  if (r.skipped_because !== undefined) out.skipped_because = r.skipped_because;
  if (r.adopted !== undefined) out.adopted = r.adopted;
  if (r.trunk_domain !== undefined) out.trunk_domain = r.trunk_domain;
  if (r.notes !== undefined) out.notes = r.notes;
  return out;
}
