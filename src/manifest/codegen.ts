// Build step: writes the manifest schema's validator as ajv standalone code next to this module (validator.js),
// so commands neither load ajv's compiler nor compile the schema at every start. Run after tsc:
//   node dist/src/manifest/codegen.js
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import AjvModule from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, GENERATED_VALIDATOR, hashSchema, schema } from './schema.js';

// ajv is CommonJS: under NodeNext its exports are the modules' `default`.
const Ajv = AjvModule.default;
const standaloneCode = standaloneModule.default;

/**
 * The validator as an ES module exporting `validate` (and default) and `schemaHash`, with the same options as
 * the runtime compile; schema.ts ignores it when the hash is not its schema's. `requireFrom` is where ajv's
 * runtime helpers are resolved from (default: the module itself).
 */
export function renderValidator(requireFrom?: string): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  // ajv's ESM output still require()s its small runtime helpers (deep equality for const/enum, string length).
  const base = requireFrom === undefined ? 'import.meta.url' : JSON.stringify(requireFrom);
  return [
    '// Generated from schema/manifest.schema.json by src/manifest/codegen.ts at build time; do not edit.',
    "import { createRequire } from 'node:module';",
    `const require = createRequire(${base});`,
    `export const schemaHash = ${JSON.stringify(hashSchema())};`,
    code,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(new URL(GENERATED_VALIDATOR, import.meta.url), renderValidator());
}
