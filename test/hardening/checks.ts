// Assertions the hardening suites share: what every diagnostic must look like, what no output may contain, and
// the signs of a crash that must never reach a user.
import * as assert from 'uvu/assert';
import type { LoadedManifest } from '../../src/manifest/index.js';

/** Longer messages are not messages a person can act on. */
export const MAX_MESSAGE_LENGTH = 600;

/**
 * Every diagnostic names the file and a real position in the text, says something on one line, and carries
 * no secret; errors and a desired state exclude each other.
 */
export function assertDiagnostics(text: string, loaded: LoadedManifest, secrets: readonly string[] = []): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of loaded.diagnostics) {
    const shown = JSON.stringify(d).slice(0, 300);
    assert.is(d.file, loaded.file, shown);
    assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines, `line out of range (${lines} lines): ${shown}`);
    assert.ok(Number.isInteger(d.column) && d.column >= 1, `column out of range: ${shown}`);
    assert.ok(d.message.trim().length > 0, `empty message: ${shown}`);
    assert.not.ok(d.message.includes('\n'), `message spans lines: ${shown}`);
    assert.ok(d.message.length <= MAX_MESSAGE_LENGTH, `message of ${d.message.length} characters: ${shown}`);
    assert.not.match(d.message, /internal error|TypeError|RangeError|undefined|\[object Object\]/, shown);
    for (const s of secrets) assert.not.ok(d.message.includes(s), `a secret value is in: ${shown}`);
  }
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  assert.is(loaded.desired === null, errors > 0, `errors: ${errors}, desired: ${loaded.desired === null ? 'null' : 'set'}`);
}

/** Signs that an exception escaped to the user: a stack frame, the CLI's internal-error line, a raw JS error name. */
export const CRASH = /\n\s+at .+[:(]\d+|internal error|This is a bug in plivo-sync|Uncaught|TypeError|ReferenceError|RangeError/;

/** Every form in which a secret could leak: as is, JSON-escaped, URL-encoded and in base64. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = new Set([secret, json, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('base64')]);
  return [...forms].filter((f) => f.length >= 6);
}

/** Fails naming the secret's label and where it was found (never the value itself: that would leak it too). */
export function assertNoSecrets(where: string, text: string, secrets: Record<string, string>): void {
  for (const [label, value] of Object.entries(secrets)) {
    for (const form of secretForms(value)) {
      if (text.includes(form)) assert.unreachable(`${label} appears in ${where}`);
    }
  }
}
