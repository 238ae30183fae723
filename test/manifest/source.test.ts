// YAML text → value and positions: the index, duplicate keys, and the refusals.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_ALIAS_VALUES, childPath, parentPath, parseSource } from '../../src/manifest/source.js';

const at = (text: string, path: string, anchor: 'key' | 'value' | 'item') => {
  const { locator } = parseSource(text);
  const { line, column } = locator.position(locator.offset(path, anchor));
  return `${line}:${column}`;
};

const parse = suite('parseSource');

parse('turns the document into plain values', () => {
  const { value, problems, fatal } = parseSource('version: 1\nuris:\n  - name: a\n    x: [1, "2", null, true]\n');
  assert.equal(value, { version: 1, uris: [{ name: 'a', x: [1, '2', null, true] }] });
  assert.equal(problems, []);
  assert.is(fatal, false);
});

parse('reports a duplicate key at the second occurrence, naming the first line, and keeps the first value', () => {
  const { value, problems, fatal, locator } = parseSource('a: 1\nb: 2\na: 3\n');
  assert.equal(value, { a: 1, b: 2 });
  assert.is(fatal, false);
  assert.equal(problems.map((p) => [locator.position(p.offset), p.path, p.message]), [
    [{ line: 3, column: 1 }, 'a', 'duplicate key "a" (first at line 1)'],
  ]);
});

parse('refuses alias expansion beyond the budget at the alias that crossed it', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 7; i++) {
    const prev = String.fromCharCode(96 + i);
    levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  const { problems, fatal, locator } = parseSource(levels.join('\n'));
  assert.is(fatal, true);
  assert.is(problems.length, 1);
  assert.is(problems[0].message, `aliases expand to more than ${MAX_ALIAS_VALUES} values; refusing the file`);
  assert.is(locator.text.slice(problems[0].offset, problems[0].offset + 2).startsWith('*'), true);
});

parse('expands aliases within the budget as copies', () => {
  const { value, fatal } = parseSource('a: &ips [1.2.3.4]\nb: *ips\n');
  assert.is(fatal, false);
  assert.equal(value, { a: ['1.2.3.4'], b: ['1.2.3.4'] });
});

parse('refuses a self-referencing anchor instead of recursing forever', () => {
  const { problems, fatal } = parseSource('a: &a [*a]\n');
  assert.is(fatal, true);
  assert.match(problems[0].message, /nested more than \d+ levels deep/);
});

parse('reports syntax errors as fatal, one per line', () => {
  const { problems, fatal, locator } = parseSource('a: [1,\nb: 2\n');
  assert.is(fatal, true);
  assert.ok(problems.length >= 1);
  const lines = problems.map((p) => locator.position(p.offset).line);
  assert.equal(lines, [...new Set(lines)]);
  assert.ok(problems.every((p) => p.message.startsWith('invalid YAML: ')));
});

parse('refuses complex keys', () => {
  const { problems, fatal } = parseSource('? [a]\n: b\n');
  assert.is(fatal, true);
  assert.is(problems[0].message, 'keys must be plain words such as "name"');
});

const locate = suite('Locator.offset');

locate('points at keys, values and sequence dashes', () => {
  const text = 'uris:\n  - name: a\n    uri: x.example.com\n  -   name: b\n';
  assert.is(at(text, 'uris[0].uri', 'key'), '3:5');
  assert.is(at(text, 'uris[0].uri', 'value'), '3:10');
  assert.is(at(text, 'uris[0]', 'item'), '2:3');
  assert.is(at(text, 'uris[1]', 'item'), '4:3');
  assert.is(at(text, 'uris[1]', 'value'), '4:7');
});

locate('uses flow items\' own positions and falls back to the nearest ancestor', () => {
  const text = 'a: [x, {b: 1}]\nc: &q {d: 1}\ne: *q\n';
  assert.is(at(text, 'a[1]', 'item'), '1:8');
  assert.is(at(text, 'e.d', 'value'), '3:4');
  assert.is(at(text, 'nothing.here', 'key'), '1:1');
});

const child = suite('childPath');

child('appends keys with dots and indexes in brackets', () => {
  assert.is(childPath('', 'trunks'), 'trunks');
  assert.is(childPath('trunks', 1), 'trunks[1]');
  assert.is(childPath('trunks[1]', 'name'), 'trunks[1].name');
});

const parent = suite('parentPath');

parent('drops the last key or index; the document has no parent', () => {
  assert.is(parentPath('trunks[1].name'), 'trunks[1]');
  assert.is(parentPath('trunks[1]'), 'trunks');
  assert.is(parentPath('trunks'), '');
  assert.is(parentPath(''), null);
});

parse.run();
locate.run();
child.run();
parent.run();
