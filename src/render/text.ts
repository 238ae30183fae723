// The plan for people: Terraform-like `+ create` / `~ update` / `- delete` blocks with field-level changes,
// then refusals, warnings and the summary. Fits 80 columns; colour only when asked.
import type { Change, Plan } from '../plan/types.js';
import { choosePaint } from './color.js';
import type { Paint } from './color.js';
import { cleanText, describeFields, describeHeader, describeSummary, describeUnmanaged } from './fields.js';
import type { Marker } from './fields.js';

const WIDTH = 80;

/** Word-wraps free text to WIDTH, the first line after `first`, the rest after `rest`. */
export function wrapText(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

function renderChange(change: Change, paint: Paint): string[] {
  const { symbol, title } = describeHeader(change);
  const tone = change.action === 'create' ? paint.green : change.action === 'update' ? paint.yellow : paint.red;
  const mark = (m: Marker, s: string) => (m === '+' ? paint.green(s) : m === '-' ? paint.red(s) : s);
  const lines = [`${tone(symbol)} ${paint.bold(title)}`];
  const rows = describeFields(change);
  const width = Math.max(0, ...rows.filter((r) => 'value' in r).map((r) => r.field.length + 1));
  for (const row of rows) {
    if ('value' in row) {
      lines.push(`    ${`${row.field}:`.padEnd(width)} ${row.value}`);
    } else {
      lines.push(`    ${row.field}:`);
      for (const item of row.items) lines.push(mark(item.marker, `      ${item.marker} ${item.value}`));
    }
  }
  for (const note of change.notes) lines.push(...wrapText(cleanText(note), '    # ', '      '));
  return lines;
}

export function renderPlanText(plan: Plan, options: { color: boolean }): string {
  const paint = choosePaint(options.color);
  const out: string[] = [];
  for (const change of plan.changes) out.push(...renderChange(change, paint), '');
  for (const r of plan.refusals) {
    const [first, ...rest] = wrapText(cleanText(r.message), '! refused: ', '  ');
    out.push(paint.red(paint.bold('! refused:')) + first.slice('! refused:'.length), ...rest);
    out.push(...wrapText(cleanText(r.hint), '  hint: ', '  '), '');
  }
  for (const w of plan.warnings) {
    const [first, ...rest] = wrapText(cleanText(w), 'warning: ', '  ');
    out.push(paint.yellow('warning:') + first.slice('warning:'.length), ...rest);
  }
  if (plan.warnings.length > 0) out.push('');
  out.push(paint.bold(describeSummary(plan)));
  const unmanaged = describeUnmanaged(plan);
  if (unmanaged !== null) out.push(...wrapText(unmanaged, '', ''));
  return `${out.join('\n')}\n`;
}
