// The JSON Schema: its own hygiene, its agreement with the code, and how its errors read.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DELETABLE_KINDS, MANIFEST_KEYS, KINDS } from '../../src/model.js';
import { DOCUMENT_FIELDS, FIELDS } from '../../src/manifest/fields.js';
import { pointerToPath, schema } from '../../src/manifest/schema.js';
import { diagnose, repoPath } from './helpers.js';

type SchemaNode = Record<string, unknown>;

const file = suite('schema/manifest.schema.json');

file('is the schema the code compiles', () => {
  assert.equal(JSON.parse(readFileSync(repoPath('schema/manifest.schema.json'), 'utf8')), schema);
});

file('every property, at every depth, has a description and every object forbids unknown keys', () => {
  const visit = (node: SchemaNode, where: string) => {
    if (node.type === 'object') assert.is(node.additionalProperties, false, `${where} allows unknown keys`);
    for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, SchemaNode>)) {
      const target = typeof child.$ref === 'string' ? (schema.definitions as Record<string, SchemaNode>)[child.$ref.split('/').pop()!] : child;
      assert.type(target.description, 'string', `${where}.${name} has no description`);
      assert.ok((target.description as string).length > 10, `${where}.${name} has a stub description`);
      visit(child, `${where}.${name}`);
    }
    if (node.items) visit(node.items as SchemaNode, `${where}[]`);
  };
  visit(schema as SchemaNode, '');
  for (const [name, def] of Object.entries(schema.definitions)) visit(def as SchemaNode, name);
});

file('lists exactly the fields the normaliser reads, per kind and at the top', () => {
  const definitions = schema.definitions as unknown as Record<string, { properties: Record<string, unknown> }>;
  for (const kind of KINDS) {
    assert.equal(Object.keys(definitions[kind].properties).sort(), [...FIELDS[kind]].sort(), kind);
    const list = (schema.properties as unknown as Record<string, { items: { $ref: string } }>)[MANIFEST_KEYS[kind]];
    assert.is(list.items.$ref, `#/definitions/${kind}`);
  }
  assert.equal(Object.keys(schema.properties).sort(), [...DOCUMENT_FIELDS, ...KINDS.map((k) => MANIFEST_KEYS[k])].sort());
  // Kinds that are never deleted (numbers) cannot be pruned.
  assert.equal(schema.properties.prune.items.enum, DELETABLE_KINDS.map((k) => MANIFEST_KEYS[k]));
});

const check = suite('checkSchema');

check('a missing field is reported at its item\'s dash', () => {
  const text = 'version: 1\nuris:\n  - name: a\n    uri: a.example.com\ntrunks:\n  - trunk_direction: inbound\n    primary_uri: a\n';
  assert.equal(diagnose(text), ['m.yaml:6:3: missing required field "name"']);
});

check('an unknown key is reported at the key, with the nearest allowed key or the list of them', () => {
  assert.equal(diagnose('version: 1\ntrunk:\n  - name: a\n'), [
    'm.yaml:2:1: unknown field "trunk"; did you mean "trunks"?',
  ]);
  assert.equal(diagnose('version: 1\nipacls:\n  - name: a\n    ip_addresses: [1.2.3.4]\n    colour: red\n'), [
    'm.yaml:5:5: unknown field "colour"; allowed: name, ip_addresses, protect',
  ]);
});

check('a misspelt required key is one problem, not two', () => {
  assert.equal(diagnose('version: 1\nuris:\n  - nmae: a\n    uri: a.example.com\n'), [
    'm.yaml:3:5: unknown field "nmae"; did you mean "name"?',
  ]);
});

check('wrong types, enums, consts and empties read plainly, at the value', () => {
  assert.equal(
    diagnose('version: "1"\nprune: [uris, uris]\nuris: {}\nipacls:\n  - name: ""\n    ip_addresses: []\n    protect: yes\n'),
    [
      'm.yaml:1:10: version must be 1',
      'm.yaml:2:15: prune lists the same entry twice',
      'm.yaml:3:7: uris must be a list',
      'm.yaml:5:11: name must not be empty',
      'm.yaml:6:19: ip_addresses must not be empty',
      'm.yaml:7:14: protect must be true or false',
    ],
  );
  assert.equal(diagnose('version: 1\nprune: [pbxs]\n'), [
    'm.yaml:2:9: prune[0] must be one of "uris", "credentials", "ipacls", "trunks", "endpoints"',
  ]);
});

check('every problem in the file is reported at once, in line order', () => {
  const lines = diagnose('version: 1\nuris:\n  - name: 1\n    url: x\n  - uri: a.example.com\n');
  assert.equal(lines, [
    'm.yaml:3:11: name must be a string; put it in quotes',
    'm.yaml:4:5: unknown field "url"; did you mean "uri"?',
    'm.yaml:5:3: missing required field "name"',
  ]);
});

const pointer = suite('pointerToPath');

pointer('tells indexes from keys by the data and decodes escapes', () => {
  const data = { trunks: [{ name: 'a' }], '0': { 'a/b': 1 } };
  assert.is(pointerToPath('', data), '');
  assert.is(pointerToPath('/trunks/0/name', data), 'trunks[0].name');
  assert.is(pointerToPath('/0/a~1b', data), '0.a/b');
});

file.run();
check.run();
pointer.run();
