// ${VAR} in string values: replaced from the environment in place, with the values kept for redaction and
// unset or malformed references reported at the reference itself.
import type { Report } from './report.js';
import { childPath } from './source.js';
import { suggest } from './suggestion.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces every `${VAR}` in every string of `value` (mutated in place; `$${` stands for a literal `${`).
 * Returns the non-empty values substituted, which are secrets for every output from here on.
 */
export function interpolate(value: unknown, env: Record<string, string | undefined>, report: Report): string[] {
  const secrets = new Set<string>();
  // One unset variable may be referenced thousands of times: look for its likely spelling once.
  const guesses = new Map<string, string | undefined>();
  const guessFor = (name: string) => {
    if (!guesses.has(name)) guesses.set(name, suggest(name, Object.keys(env).filter((k) => env[k] !== undefined)));
    return guesses.get(name);
  };
  // The path as segments, joined only for the few strings that contain a "$".
  const segments: (string | number)[] = [];
  const pathOf = () => segments.reduce<string>((path, segment) => childPath(path, segment), '');
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return node.includes('$') ? substitute(node, pathOf(), env, report, secrets, guessFor) : node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        segments.push(i);
        node[i] = visit(node[i]);
        segments.pop();
      }
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        segments.push(key);
        record[key] = visit(record[key]);
        segments.pop();
      }
    }
    return node;
  };
  visit(value);
  return [...secrets];
}

function substitute(
  text: string,
  path: string,
  env: Record<string, string | undefined>,
  report: Report,
  secrets: Set<string>,
  guessFor: (name: string) => string | undefined,
): string {
  let out = '';
  const vars: string[] = [];
  let resolved = true;
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('$${', i)) {
      out += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      out += text[i++];
      continue;
    }
    const close = text.indexOf('}', i + 2);
    const name = close < 0 ? '' : text.slice(i + 2, close);
    if (close < 0 || !NAME.test(name)) {
      const what = close < 0 ? 'an unclosed "${"' : `"\${${name}}", which is not a variable name`;
      report.errorAtOffset(referenceOffset(report, path, text.slice(i, close < 0 ? i + 2 : close + 1)), path,
        `${what}; write $\${ for a literal "\${"`);
      resolved = false;
      break;
    }
    const found = env[name];
    if (found === undefined) {
      const guess = guessFor(name);
      report.errorAtOffset(referenceOffset(report, path, `\${${name}}`), path,
        `environment variable ${name} is not set${guess ? `; did you mean ${guess}?` : ''}`);
      resolved = false;
    } else {
      out += found;
      if (found !== '') secrets.add(found);
    }
    if (!vars.includes(name)) vars.push(name);
    i = close + 1;
  }
  if (vars.length > 0) report.markInterpolated(path, vars);
  // Checks after this one would only repeat the real problem, or describe a value the user did not write.
  if (!resolved) report.markUnresolved(path);
  return out;
}

/** Where `reference` is written inside the value's source text; the value's start when it cannot be found there. */
function referenceOffset(report: Report, path: string, reference: string): number {
  const span = report.locator.valueSpan(path);
  if (!span) return report.locator.offset(path, 'value');
  const at = report.locator.text.slice(span[0], span[1]).indexOf(reference);
  return at < 0 ? span[0] : span[0] + at;
}
