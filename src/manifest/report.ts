// Diagnostics: the problems found in a manifest, each at a file position, collected and printed one per line.
import type { Locator, Anchor } from './source.js';

export interface Diagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** e.g. "trunks[1].primary_uri" ("" for the document). */
  path: string;
  /** Never contains a secret value. */
  message: string;
  severity: 'error' | 'warning';
}

/** "FILE:LINE:COL: message", or "FILE:LINE:COL: warning: message". */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

/**
 * Where every check reports. It knows which values came from ${VAR} (their messages say so and never print the
 * value) and which could not be resolved (later checks stay quiet about those: the unset variable is the problem).
 */
export class Report {
  private readonly found: Diagnostic[] = [];
  private readonly origins = new Map<string, string[]>();
  private readonly unresolved = new Set<string>();

  constructor(
    readonly file: string,
    readonly locator: Locator,
  ) {}

  /** The value at `path` was built from these ${VAR} references. */
  markInterpolated(path: string, vars: string[]): void {
    this.origins.set(path, vars);
  }

  markUnresolved(path: string): void {
    this.unresolved.add(path);
  }

  isInterpolated(path: string): boolean {
    return this.origins.has(path);
  }

  /** The ${VAR} names the string at `path` was built from; empty when it was written literally. */
  varsOf(path: string): readonly string[] {
    return this.origins.get(path) ?? [];
  }

  error(path: string, at: Anchor, message: string): void {
    this.add(path, at, message, 'error');
  }

  warn(path: string, at: Anchor, message: string): void {
    this.add(path, at, message, 'warning');
  }

  /** A problem at an exact offset in the text (parser errors, a ${VAR} inside a longer string). */
  errorAtOffset(offset: number, path: string, message: string): void {
    this.push(offset, path, message, 'error');
  }

  get errorCount(): number {
    return this.found.reduce((n, d) => n + (d.severity === 'error' ? 1 : 0), 0);
  }

  /** Every diagnostic, by position (a stable sort keeps same-position ones in the order they were found). */
  diagnostics(): Diagnostic[] {
    return [...this.found].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private add(path: string, at: Anchor, message: string, severity: Diagnostic['severity']): void {
    if (this.unresolved.has(path)) return;
    const vars = at === 'value' ? this.origins.get(path) : undefined;
    const text = vars ? `${message} (from ${vars.map((v) => `\${${v}}`).join(', ')})` : message;
    this.push(this.locator.offset(path, at), path, text, severity);
  }

  private push(offset: number, path: string, message: string, severity: Diagnostic['severity']): void {
    const { line, column } = this.locator.position(offset);
    this.found.push({ file: this.file, line, column, path, message, severity });
  }
}
