// The JSON Schema check: the build step's standalone validator (codegen.ts), else ajv compiled once on first
// use; its errors turned into one plain message each, positioned at the offending key, value or item.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import schema from '../../schema/manifest.schema.json' with { type: 'json' };
import { KIND_TRAITS, MANIFEST_KEYS, kindOfManifestKey } from '../model.js';
import type { Report } from './report.js';
import { childPath, parentPath } from './source.js';
import { suggest } from './suggestion.js';

export { schema };

/** verbose: errors carry their parent schema, where additionalProperties finds the allowed keys to suggest. */
export const AJV_OPTIONS: Options = { allErrors: true, allowUnionTypes: true, strict: true, verbose: true };

/** Written next to this module by the build step; absent when running from source. */
export const GENERATED_VALIDATOR = './validator.js';

/** Identifies the schema a generated validator was made from. */
export function hashSchema(): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

// Loading ajv and compiling the schema costs about 0.1 s at every start: the generated validator avoids both.
const generated = await loadGenerated();
let compiled: ValidateFunction | undefined;

/** The generated validator, unless there is none or it was made from another version of the schema. */
async function loadGenerated(): Promise<ValidateFunction | undefined> {
  let module: { default: ValidateFunction; schemaHash?: string };
  try {
    module = (await import(GENERATED_VALIDATOR)) as typeof module;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw e;
  }
  return module.schemaHash === hashSchema() ? module.default : undefined;
}

function compileSchema(): ValidateFunction {
  if (generated) return generated;
  // ajv is CommonJS, required only here so that a build with the generated validator never loads it.
  const Ajv = (createRequire(import.meta.url)('ajv') as typeof import('ajv')).default;
  compiled ??= new Ajv(AJV_OPTIONS).compile(schema);
  return compiled;
}

export function checkSchema(value: unknown, report: Report): void {
  const validate = compileSchema();
  if (validate(value)) return;
  const errors = validate.errors ?? [];
  const problems = errors.map((error) => describe(error, pointerToPath(error.instancePath, value)));
  // A misspelt key whose suggestion is a missing required field is one mistake: report only the misspelling.
  const explained = new Set(problems.flatMap((p) => (p.suggested ? [childPath(p.parent ?? '', p.suggested)] : [])));
  const seen = new Set<string>();
  for (const problem of problems) {
    if (problem.missing && explained.has(childPath(problem.path, problem.missing))) continue;
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report.error(problem.path, problem.at, problem.message);
  }
}

interface Problem {
  path: string;
  at: 'key' | 'value' | 'item';
  message: string;
  /** required: the missing field. */
  missing?: string;
  /** additionalProperties: the object's path and the known field the unknown key probably meant. */
  parent?: string;
  suggested?: string;
}

/** "/trunks/1/primary_uri" → "trunks[1].primary_uri", telling array indexes from keys by the data itself. */
export function pointerToPath(pointer: string, root: unknown): string {
  if (pointer === '') return '';
  let path = '';
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = childPath(path, Number(segment));
      node = node[Number(segment)];
    } else {
      path = childPath(path, segment);
      node = (node as Record<string, unknown> | null)?.[segment];
    }
  }
  return path;
}

/** "trunks[0].secure" → "secure"; "uris[2]" → "uris[2]"; "" → "the manifest". */
function labelOf(path: string): string {
  if (path === '') return 'the manifest';
  return path.slice(path.lastIndexOf('.') + 1);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  null: 'null',
  integer: 'a whole number',
  number: 'a number',
};

function describe(error: ErrorObject, path: string): Problem {
  const label = labelOf(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, at: 'item', message: `missing required field "${String(params.missingProperty)}"`, missing: String(params.missingProperty) };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as Record<string, unknown>);
      const guess = suggest(key, allowed);
      const hint = guess ? `; did you mean "${guess}"?` : `; allowed: ${allowed.join(', ')}`;
      return { path: childPath(path, key), at: 'key', message: `unknown field "${key}"${hint}`, parent: path, suggested: guess };
    }
    case 'type': {
      const types = ([] as string[]).concat(params.type as string | string[]);
      const quote = typeof error.data === 'number' && types.includes('string') ? '; put it in quotes' : '';
      return { path, at: 'value', message: `${label} must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}${quote}` };
    }
    case 'enum': {
      // A kind the schema leaves out of prune because it is never deleted deserves the reason, not the list.
      const kind = parentPath(path) === 'prune' && typeof error.data === 'string' ? kindOfManifestKey(error.data) : undefined;
      if (kind && !KIND_TRAITS[kind].deletable) {
        return { path, at: 'value', message: `prune cannot list "${MANIFEST_KEYS[kind]}": ${MANIFEST_KEYS[kind]} are never deleted` };
      }
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? suggest(error.data, allowed) : undefined;
      const hint = guess ? `; did you mean "${guess}"?` : '';
      return { path, at: 'value', message: `${label} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}${hint}` };
    }
    case 'const':
      return { path, at: 'value', message: `${label} must be ${JSON.stringify(params.allowedValue)}` };
    case 'minItems':
    case 'minLength':
      return { path, at: 'value', message: `${label} must not be empty` };
    case 'uniqueItems':
      return { path: childPath(path, Number(params.i)), at: 'value', message: `${label} lists the same entry twice` };
    default:
      return { path, at: 'value', message: `${label} ${error.message ?? 'is invalid'}` };
  }
}
