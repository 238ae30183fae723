// The manifest's public face: text or file → every diagnostic at once, and the desired state when there are
// none. Pure apart from loadManifest's one read; never touches the network.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { DesiredState } from '../model.js';
import { buildDesired } from './desired.js';
import type { WrittenManifest } from './fields.js';
import { interpolate } from './interpolation.js';
import { Report, type Diagnostic } from './report.js';
import { checkRules } from './rules.js';
import { checkSchema } from './schema.js';
import { parseSource } from './source.js';

export { formatDiagnostic, type Diagnostic } from './report.js';

/** Files above this are refused before parsing. */
export const MAX_MANIFEST_BYTES = 20 * 1024 * 1024;

export interface LoadedManifest {
  file: string;
  /** null when there is any error. */
  desired: DesiredState | null;
  /** Every problem at once, sorted by line and column. */
  diagnostics: Diagnostic[];
  /** Of the raw file bytes (saved plans compare it). */
  sha256: string;
  /** Every interpolated ${VAR} value and literal password, for redaction. */
  secrets: string[];
}

export function parseManifest(text: string, file: string, env: Record<string, string | undefined>): LoadedManifest {
  const bytes = Buffer.from(text, 'utf8');
  const sha256 = sha256Of(bytes);
  if (bytes.length > MAX_MANIFEST_BYTES) {
    return { file, desired: null, diagnostics: [tooLarge(file, bytes.length)], sha256, secrets: [] };
  }
  // A BOM is legal at the start of a UTF-8 file but is no part of the YAML; columns count from after it.
  const source = parseSource(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const report = new Report(file, source.locator);
  for (const p of source.problems) report.errorAtOffset(p.offset, p.path, p.message);
  if (source.fatal) return { file, desired: null, diagnostics: report.diagnostics(), sha256, secrets: [] };

  const doc = source.value;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    report.error('', 'value', doc === null
      ? 'the manifest is empty; it needs at least "version: 1"'
      : 'the manifest must be a mapping of keys ("version: 1", "trunks: …"), not a list or a single value');
    return { file, desired: null, diagnostics: report.diagnostics(), sha256, secrets: [] };
  }
  const interpolated = interpolate(doc, env, report);
  checkSchema(doc, report);
  const literal = checkRules(doc as Record<string, unknown>, report);
  const secrets = [...new Set([...interpolated, ...literal])];
  const desired = report.errorCount > 0 ? null : buildDesired(doc as WrittenManifest, {
    sourceOf: (path) => {
      const { line, column } = source.locator.position(source.locator.offset(path, 'item'));
      return `${file}:${line}:${column}`;
    },
    varsOf: (path) => report.varsOf(path),
  });
  return { file, desired, diagnostics: report.diagnostics(), sha256, secrets };
}

/** Reads the file (refusing one over the size limit before reading it) and parses it. */
export async function loadManifest(file: string, env: Record<string, string | undefined>): Promise<LoadedManifest> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_MANIFEST_BYTES) return { file, desired: null, diagnostics: [tooLarge(file, size)], sha256: '', secrets: [] };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw unreadable(file, e);
  }
  let text: string;
  try {
    // fatal: a stray Latin-1 byte is refused, not silently replaced; ignoreBOM keeps bytes and text in step, so
    // parseManifest hashes exactly the file's bytes.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { file, desired: null, diagnostics: [at1(file, 'the file is not UTF-8 text')], sha256: sha256Of(bytes), secrets: [] };
  }
  return parseManifest(text, file, env);
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function at1(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, path: '', message, severity: 'error' };
}

function tooLarge(file: string, size: number): Diagnostic {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return at1(file, `the file is ${mb(size)}; manifests over ${mb(MAX_MANIFEST_BYTES)} are refused`);
}

function unreadable(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
  return new UsageError(`${file}: ${why}`, 'Give the path of a YAML manifest, e.g. samples/minimal.yaml.');
}
