// renderValidator: the build step's standalone validator answers exactly as the schema compiled at run time,
// verdicts and errors alike, on the samples, every invalid sample and a handful of targeted mistakes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvModule, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { renderValidator } from '../../src/manifest/codegen.js';
import { AJV_OPTIONS, hashSchema, schema } from '../../src/manifest/schema.js';
import { repoPath } from './helpers.js';

const Ajv = AjvModule.default;

function documents(): unknown[] {
  const docs: unknown[] = [];
  for (const dir of ['samples', 'samples/invalid']) {
    for (const name of readdirSync(repoPath(dir)).filter((n) => n.endsWith('.yaml')).sort()) {
      try {
        docs.push(parse(readFileSync(repoPath(join(dir, name)), 'utf8'), { uniqueKeys: false }));
      } catch {
        // files the YAML parser itself refuses never reach the schema
      }
    }
  }
  docs.push(
    null,
    [],
    {},
    { version: 2 },
    { version: 1, prune: ['uris', 'uris', 'nope'] },
    { version: 1, uris: [{ name: '', uri: 5, protect: 'yes' }] },
    { version: 1, trunks: [{ name: 't', trunk_direction: 'sideways', secure: 1, extra: true }] },
    { version: 1, ipacls: [{ name: 'a', ip_addresses: [] }], endpoints: [{ username: 'x' }] },
  );
  return docs;
}

const render = suite('renderValidator');

render('agrees with the runtime compile on every document', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-codegen-'));
  try {
    const file = join(dir, 'validator.mjs');
    // ajv's runtime helpers resolve from the repository, as they do from dist/ after the build step
    writeFileSync(file, renderValidator(repoPath('package.json')));
    const generated = (await import(pathToFileURL(file).href)) as { default: ValidateFunction; schemaHash: string };
    assert.is(generated.schemaHash, hashSchema());
    const standalone = generated.default;
    const compiled = new Ajv(AJV_OPTIONS).compile(schema);
    let invalid = 0;
    for (const doc of documents()) {
      const verdict = compiled(doc);
      if (!verdict) invalid++;
      assert.is(standalone(doc), verdict, JSON.stringify(doc));
      assert.equal(standalone.errors, compiled.errors);
    }
    assert.ok(invalid > 10, 'the documents exercise the errors');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

render('names its source, the schema it was made from, and resolves its helpers from itself by default', () => {
  const code = renderValidator();
  assert.ok(code.startsWith('// Generated from schema/manifest.schema.json'));
  assert.ok(code.includes(`export const schemaHash = "${hashSchema()}";`));
  assert.ok(code.includes('createRequire(import.meta.url)'));
});

render.run();
