// Keeps secrets out of everything the client prints: debug traces and error messages.
// Two layers, because either alone leaks: JSON keys that hold secrets are masked wherever they appear, and
// known secret strings (the auth token, its Basic form, values registered by the caller) are cut out of any
// text, including server messages that echo a value back.

export const MASK = '***';

/** Keys whose values are always secret, in request and response bodies alike (endpoint GETs carry an MD5). */
const SECRET_KEY = /password|token|secret|authorization/i;

/** The same keys inside text that is not valid JSON (a truncated body): `"password": "…"`. */
const SECRET_PAIR = /("[^"]*(?:password|token|secret|authorization)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"?/gi;

/** Shorter strings are not redacted as text: they would mangle ordinary words and protect nothing. */
const MIN_SECRET_LENGTH = 3;

export class Redactor {
  private secrets: string[] = [];

  constructor(values: readonly string[] = []) {
    this.add(values);
  }

  /** Registers more secret strings (passwords, `${VAR}` values). */
  add(values: readonly string[]): void {
    for (const v of values) {
      if (typeof v === 'string' && v.length >= MIN_SECRET_LENGTH && !this.secrets.includes(v)) this.secrets.push(v);
    }
    // Longest first, so a secret that contains another is cut out whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  /** The text with every registered secret, and any quoted secret key's value, replaced by the mask. */
  text(s: string): string {
    let out = s.replace(SECRET_PAIR, `$1"${MASK}"`);
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A JSON-like value with secret keys masked and secret strings cut out, as new data. */
  value(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEY.test(k) && x !== null && x !== '' ? MASK : this.value(x);
      return out;
    }
    return v;
  }

  /**
   * A response or request body for a trace line: parsed and masked when it is JSON, else masked as text.
   * Cut to `max` characters so one list page does not flood the terminal.
   */
  body(raw: string, max = 4000): string {
    let shown: string;
    try {
      shown = JSON.stringify(this.value(JSON.parse(raw)));
    } catch {
      shown = this.text(raw);
    }
    return shown.length > max ? `${shown.slice(0, max)}… (${shown.length} chars)` : shown;
  }
}
