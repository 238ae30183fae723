// Shared rendering pieces: values, names, field rows, headers, summary and unmanaged lines.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cleanText,
  describeFields,
  describeHeader,
  describeSummary,
  describeUnmanaged,
  formatName,
  formatValue,
} from '../../src/render/fields.js';
import { SENSITIVE } from '../../src/plan/types.js';
import { emptyPlan, samplePlan } from './fixture.js';

const value = suite('formatValue');

value('strings JSON-quoted, null as null, secrets as (sensitive), others as written', () => {
  assert.is(formatValue('sip "x"'), '"sip \\"x\\""');
  assert.is(formatValue(null), 'null');
  assert.is(formatValue(undefined), 'null');
  assert.is(formatValue(SENSITIVE), '(sensitive)');
  assert.is(formatValue(false), 'false');
  assert.is(formatValue(['a', 'b']), '["a", "b"]');
});

value.run();

const name = suite('formatName');

name('plain names as written, anything else JSON-quoted', () => {
  assert.is(formatName('inbound-main'), 'inbound-main');
  assert.is(formatName('10.0.0.0/24'), '"10.0.0.0/24"');
  assert.is(formatName('two words'), '"two words"');
  assert.is(formatName('a\x1bb'), '"a\\u001bb"');
});

name.run();

const clean = suite('cleanText');

clean('escapes control characters and keeps everything else', () => {
  assert.is(cleanText('ok → fine\n\x1b[31m'), 'ok → fine\\n\\u001b[31m');
});

clean.run();

const fields = suite('describeFields');

fields('a create lists its set fields, an update only changed ones, a delete none', () => {
  const [create, acl, trunk, , del] = samplePlan().changes;
  assert.equal(describeFields(create).map((r) => r.field), ['name', 'uri', 'authentication_needed', 'username', 'password']);
  assert.equal(describeFields(trunk), [
    { field: 'secure', value: 'false → true' },
    { field: 'primary_uri', value: '"old-pbx" → "primary-pbx"' },
  ]);
  assert.equal(describeFields(acl), [
    {
      field: 'ip_addresses',
      items: [
        { marker: ' ', value: '"10.0.0.1"' },
        { marker: '-', value: '"10.0.0.2"' },
        { marker: '+', value: '"10.0.0.3"' },
      ],
    },
  ]);
  assert.equal(describeFields(del), []);
});

fields('a list on a create shows every item as added', () => {
  const change = { ...samplePlan().changes[1], action: 'create' as const, id: null, before: null };
  assert.equal(describeFields(change), [
    { field: 'ip_addresses', items: [{ marker: '+', value: '"10.0.0.1"' }, { marker: '+', value: '"10.0.0.3"' }] },
  ]);
});

fields.run();

const header = suite('describeHeader');

header('symbol, action, kind, name and the live id when there is one', () => {
  const [create, , trunk, , del] = samplePlan().changes;
  assert.equal(describeHeader(create), { symbol: '+', title: 'create uri primary-pbx' });
  assert.equal(describeHeader(trunk), { symbol: '~', title: 'update trunk inbound-main (42741122632602585)' });
  assert.equal(describeHeader(del), { symbol: '-', title: 'delete uri old-pbx (f19c4773)' });
});

header('a number is its own id: shown once', () => {
  const [, , trunk] = samplePlan().changes;
  const routed = { ...trunk, key: 'number:14155551234', kind: 'number' as const, name: '14155551234', id: '14155551234' };
  assert.equal(describeHeader(routed), { symbol: '~', title: 'update number 14155551234' });
});

header.run();

const summary = suite('describeSummary');

summary('the exact summary line, or No changes.', () => {
  assert.is(describeSummary(samplePlan()), 'Plan: 1 to create, 3 to update, 2 to delete.');
  assert.is(describeSummary(emptyPlan()), 'No changes.');
});

summary.run();

const unmanaged = suite('describeUnmanaged');

unmanaged('null when nothing is unmanaged; singular and plural wording', () => {
  assert.is(describeUnmanaged(emptyPlan()), null);
  assert.is(describeUnmanaged(samplePlan()), '1 unmanaged object left alone (1 trunk); --prune would delete it.');
  const plan = {
    ...emptyPlan(),
    unmanaged: [
      { kind: 'endpoint' as const, id: 'e1', name: 'a' },
      { kind: 'ipacl' as const, id: 'a1', name: 'b' },
      { kind: 'ipacl' as const, id: 'a2', name: 'c' },
    ],
  };
  assert.is(describeUnmanaged(plan), '3 unmanaged objects left alone (2 ipacls, 1 endpoint); --prune would delete them.');
});

unmanaged.run();
