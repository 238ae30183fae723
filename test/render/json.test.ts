// The JSON plan document: version, key order, masking, formatting.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderPlanJson } from '../../src/render/json.js';
import { emptyPlan, samplePlan } from './fixture.js';

const json = suite('renderPlanJson');

json('a versioned document with stable top-level and change key order', () => {
  const doc = JSON.parse(renderPlanJson(samplePlan()));
  assert.equal(Object.keys(doc), ['format_version', 'changes', 'summary', 'unmanaged', 'refusals', 'warnings']);
  assert.is(doc.format_version, 1);
  assert.equal(Object.keys(doc.changes[0]), ['action', 'kind', 'name', 'id', 'before', 'after', 'changed', 'depends_on', 'notes']);
  assert.equal(Object.keys(doc.refusals[0]), ['code', 'message', 'objects', 'hint', 'overridable']);
  assert.equal(doc.summary, { create: 1, update: 3, delete: 2 });
  assert.equal(doc.unmanaged, [{ kind: 'trunk', id: '31784177241575', name: 'legacy' }]);
});

json('changes as documented: names without suffix, ids, before/after views, dependencies', () => {
  const doc = JSON.parse(renderPlanJson(samplePlan()));
  assert.equal(
    doc.changes.map((c: { action: string; kind: string; name: string; id: string | null }) => [c.action, c.kind, c.name, c.id]),
    [
      ['create', 'uri', 'primary-pbx', null],
      ['update', 'ipacl', 'office', '90b6eb07'],
      ['update', 'trunk', 'inbound-main', '42741122632602585'],
      ['update', 'endpoint', 'alice', '32866729519064'],
      ['delete', 'uri', 'old-pbx', 'f19c4773'],
      ['delete', 'endpoint', 'bob', '17551316589618'],
    ],
  );
  const trunk = doc.changes[2];
  assert.equal(trunk.depends_on, ['uri:primary-pbx']);
  assert.equal([trunk.before.primary_uri, trunk.after.primary_uri], ['old-pbx', 'primary-pbx']);
  assert.equal(doc.changes[4].depends_on, ['trunk:inbound-main']);
  assert.is(doc.changes[0].after.password, '(sensitive)');
});

json('secrets masked: no password value appears', () => {
  assert.not.match(renderPlanJson(samplePlan()), /x!12345/);
});

json('two-space indentation and a final newline', () => {
  assert.is(
    renderPlanJson(emptyPlan()),
    '{\n  "format_version": 1,\n  "changes": [],\n  "summary": {\n    "create": 0,\n    "update": 0,\n    "delete": 0\n  },\n  "unmanaged": [],\n  "refusals": [],\n  "warnings": []\n}\n',
  );
});

json.run();
