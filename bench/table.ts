// The benchmark table: one row per measured quantity, with its bound, their ratio, the target and whether it
// was met, printed as aligned plain text.

export interface Row {
  scenario: string;
  /** Shown with `unit`; null when the scenario could not measure it. */
  measured: number | null;
  /** The limit it is compared with; null for a row that only reports. */
  bound: number | null;
  unit: 's' | 'MB' | 'requests' | '%' | 'changes' | 'x';
  /** Human text: "ratio ≤ 1.15", "< 1 s", "= P". */
  target: string;
  /** null: nothing to meet (a reported figure). */
  met: boolean | null;
}

export function ratioOf(row: Row): number | null {
  if (row.measured === null || row.bound === null || row.bound === 0) return null;
  return row.measured / row.bound;
}

function formatValue(v: number | null, unit: Row['unit']): string {
  if (v === null) return '—';
  switch (unit) {
    case 's':
      return `${v.toFixed(3)} s`;
    case 'MB':
      return `${v.toFixed(1)} MB`;
    case '%':
      return `${v.toFixed(2)} %`;
    case 'x':
      return v.toFixed(2);
    default:
      return `${Math.round(v)} ${unit}`;
  }
}

const HEADERS = ['scenario', 'measured', 'bound', 'ratio', 'target', 'met?'];

export function formatCells(row: Row): string[] {
  const ratio = ratioOf(row);
  return [
    row.scenario,
    formatValue(row.measured, row.unit),
    formatValue(row.bound, row.unit),
    ratio === null ? '—' : ratio.toFixed(2),
    row.target,
    row.met === null ? '—' : row.met ? 'yes' : 'NO',
  ];
}

/** Aligned columns (text left, numbers right), or a Markdown table for the README. */
export function formatTable(rows: readonly Row[], style: 'text' | 'markdown' = 'text'): string {
  const cells = rows.map(formatCells);
  if (style === 'markdown') {
    const line = (c: string[]) => `| ${c.join(' | ')} |`;
    return [line(HEADERS), line(HEADERS.map(() => '---')), ...cells.map(line)].join('\n') + '\n';
  }
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const align = (c: string[]) => c.map((v, i) => (i === 0 || i >= 4 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ').trimEnd();
  return [align(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(align)].join('\n') + '\n';
}
