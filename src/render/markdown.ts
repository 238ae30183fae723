// The plan as a pull-request comment: a stable marker (so CI can update one comment), the summary, refusals
// first, a compact table of changes and collapsible field diffs, capped at maxChars with a pointer to the rest.
import type { Change, Plan } from '../plan/types.js';
import { cleanText, describeFields, describeHeader, describeUnmanaged } from './fields.js';

export const MARKDOWN_MARKER = '<!-- plivo-sync plan -->';
/** GitHub rejects comments over 65,536 characters; this leaves room for what CI adds around the plan. */
export const DEFAULT_MAX_CHARS = 60000;

/** Markdown-significant characters escaped, so a name read from the API cannot inject links or HTML. */
function escapeMarkdown(s: string): string {
  return cleanText(s)
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** A table cell in a code span; `|` still needs its escape inside a GFM table. */
function codeCell(s: string): string {
  const text = cleanText(s).replace(/\|/g, '\\|');
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function headingOf(plan: Plan, title: string): string {
  const { create, update, delete: del } = plan.summary;
  const counts = create + update + del === 0 ? 'no changes' : `${create} to create, ${update} to update, ${del} to delete`;
  return `### ${escapeMarkdown(title)}: ${counts}${plan.refusals.length > 0 ? ' (refused)' : ''}`;
}

function tableRow(c: Change): string {
  const { symbol } = describeHeader(c);
  return `| \`${symbol}\` | ${c.kind} | ${codeCell(c.name)} | ${c.changed.join(', ')} |`;
}

/** A change as lines of a ```diff block: list items carry their +/- in the first column so GitHub colours them. */
function diffLines(c: Change): string[] {
  const { symbol, title } = describeHeader(c);
  const lines = [`${symbol} ${title}`];
  const rows = describeFields(c);
  const width = Math.max(0, ...rows.filter((r) => 'value' in r).map((r) => r.field.length + 1));
  for (const row of rows) {
    if ('value' in row) {
      lines.push(`    ${`${row.field}:`.padEnd(width)} ${row.value}`);
    } else {
      lines.push(`    ${row.field}:`);
      for (const item of row.items) lines.push(`${item.marker}       ${item.value}`);
    }
  }
  for (const note of c.notes) lines.push(`    # ${cleanText(note)}`);
  return lines;
}

function pointer(n: number, noun = 'change'): string {
  return `… ${n} more ${n === 1 ? noun : `${noun}s`}; run \`plivo-sync plan\` for the full plan.\n`;
}

/** Room kept for the closing of an open block plus the pointer line, so a truncated comment stays well formed. */
const RESERVE = 200;

export function renderPlanMarkdown(plan: Plan, options: { maxChars?: number; title?: string }): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  let out = `${MARKDOWN_MARKER}\n${headingOf(plan, options.title ?? 'plivo-sync plan')}\n\n`;
  const fits = (s: string) => out.length + s.length + RESERVE <= maxChars;
  /** Appends lines while they fit; false (with a pointer appended) when some did not. */
  const addLines = (lines: readonly string[], noun: string): boolean => {
    for (let i = 0; i < lines.length; i++) {
      if (!fits(lines[i])) {
        out += `\n${pointer(lines.length - i, noun)}`;
        return false;
      }
      out += lines[i];
    }
    return true;
  };

  if (plan.refusals.length > 0) {
    out += '**Refused: this plan cannot be applied.**\n\n';
    const lines = plan.refusals.map((r) => `- ${escapeMarkdown(r.message)}<br>Hint: ${escapeMarkdown(r.hint)}\n`);
    if (!addLines(lines, 'refusal')) return out;
    out += '\n';
  }
  if (!addLines(plan.warnings.map((w) => `> Warning: ${escapeMarkdown(w)}\n`), 'warning')) return out;
  if (plan.warnings.length > 0) out += '\n';
  const unmanaged = describeUnmanaged(plan);
  if (unmanaged !== null) out += `${escapeMarkdown(unmanaged)}\n\n`;
  if (plan.changes.length === 0) return out;

  out += '| | kind | name | changed |\n|:-:|---|---|---|\n';
  if (!addLines(plan.changes.map((c) => `${tableRow(c)}\n`), 'change')) return out;

  const blocks = plan.changes.map((c) => `${diffLines(c).join('\n')}\n`);
  // A fence longer than any run of backticks in the content, so no value can close it early.
  let longestTicks = 0;
  for (const b of blocks) for (const t of b.match(/`+/g) ?? []) longestTicks = Math.max(longestTicks, t.length);
  const fence = '`'.repeat(Math.max(3, longestTicks + 1));
  const open = `\n<details><summary>Field changes</summary>\n\n${fence}diff\n`;
  const close = `${fence}\n\n</details>\n`;
  if (!fits(open)) return `${out}\n${pointer(plan.changes.length)}`;
  out += open;
  let shown = 0;
  for (const block of blocks) {
    const piece = shown === 0 ? block : `\n${block}`;
    if (!fits(piece)) break;
    out += piece;
    shown++;
  }
  out += close;
  return shown < blocks.length ? `${out}\n${pointer(blocks.length - shown)}` : out;
}
