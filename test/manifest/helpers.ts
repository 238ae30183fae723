// Shared by the manifest tests: where the repository is, the environment the samples expect, and a shorthand
// that runs the whole pipeline on a text and returns its diagnostics as printed.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, parseManifest } from '../../src/manifest/index.js';

/** The repository root, found from this file whether it runs from test/ (tsx) or dist/test/ (compiled). */
const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'samples')) || !existsSync(join(dir, 'schema'))) {
    if (dirname(dir) === dir) throw new Error('cannot find the repository root (samples/ and schema/)');
    dir = dirname(dir);
  }
  return dir;
})();

export function repoPath(relative: string): string {
  return join(ROOT, relative);
}

/** Values valid for the API, as the e2e tests set them. */
export const SAMPLE_ENV: Record<string, string> = {
  PBX_PASSWORD: 'Pbx-secret-1',
  OFFICE_SIP_PASSWORD: 'Office#pass1',
  ALICE_SIP_PASSWORD: 'alice-secret',
};

/** Diagnostics for `text` (as file "m.yaml") in the printed form "m.yaml:LINE:COL: message". */
export function diagnose(text: string, env: Record<string, string | undefined> = SAMPLE_ENV): string[] {
  return parseManifest(text, 'm.yaml', env).diagnostics.map(formatDiagnostic);
}
