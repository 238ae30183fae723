// `plivo-sync validate`: every problem in a manifest, as FILE:LINE:COL lines or a JSON array. Never touches
// the network.
import { EXIT } from '../errors.js';
import type { Io } from '../io.js';
import { formatDiagnostic, loadManifest } from '../manifest/index.js';

export interface ValidateOptions {
  manifest: string;
  format: 'text' | 'json';
}

/** 0 when valid (warnings allowed), 3 when not. Text: diagnostics on stderr, one summary line on stdout. */
export async function runValidate(opts: ValidateOptions, io: Io): Promise<number> {
  const loaded = await loadManifest(opts.manifest, io.env);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = loaded.diagnostics.length - errors;
  if (opts.format === 'json') {
    const rows = loaded.diagnostics.map(({ file, line, column, path, message, severity }) => ({ file, line, column, path, message, severity }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    for (const d of loaded.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    const counts = [plural(errors, 'error'), plural(warnings, 'warning')].filter((s) => s !== '').join(', ');
    io.out(`${opts.manifest}: ${errors > 0 ? 'invalid' : 'valid'}${counts ? ` (${counts})` : ''}\n`);
  }
  return errors > 0 ? EXIT.INVALID : EXIT.OK;
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}
