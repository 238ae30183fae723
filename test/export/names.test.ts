import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareNames, nameLiveObject, nameLiveState } from '../../src/export/names.js';
import { RefusedError } from '../../src/errors.js';
import { account, endpoint, trunk, uri } from './fixtures.js';

const nameLiveObjectSuite = suite('nameLiveObject');

nameLiveObjectSuite('uses the live name, or <kind>-<id> for a missing or empty one', () => {
  assert.equal(nameLiveObject(uri('u1', 'pbx'))!.name, 'pbx');
  assert.equal(nameLiveObject(uri('u1', null)), { live: uri('u1', null), name: 'uri-u1', unnamed: true });
  assert.is(nameLiveObject(trunk('42', ''))!.name, 'trunk-42');
});

nameLiveObjectSuite('strips the 12-digit suffix from endpoint usernames; none without one', () => {
  assert.is(nameLiveObject(endpoint('e1', 'alice'))!.name, 'alice');
  assert.is(nameLiveObject(endpoint('e1', 'x', { username: 'bob' })), null);
  assert.is(nameLiveObject(endpoint('e1', 'x', { username: 'bob12345678901' })), null);
});

nameLiveObjectSuite('rewrites a matching prefix only, and remembers the old name', () => {
  const r = { from: 'prod-', to: 'staging-' };
  assert.equal(nameLiveObject(uri('u1', 'prod-pbx'), r), { live: uri('u1', 'prod-pbx'), name: 'staging-pbx', unnamed: false, renamedFrom: 'prod-pbx' });
  assert.is(nameLiveObject(uri('u1', 'eu-prod-pbx'), r)!.name, 'eu-prod-pbx');
  assert.is(nameLiveObject(uri('u1', 'Prod-pbx'), r)!.name, 'Prod-pbx');
  assert.is(nameLiveObject(endpoint('e1', 'prodalice'), { from: 'prod', to: 'stg' })!.name, 'stgalice');
});

nameLiveObjectSuite('leaves unnamed identities alone, even when the prefix matches them', () => {
  const n = nameLiveObject(uri('u1', null), { from: 'uri-', to: 'x-' })!;
  assert.is(n.name, 'uri-u1');
  assert.is(n.renamedFrom, undefined);
});

nameLiveObjectSuite('an empty "from" adds a prefix; an identical rewrite is no rewrite', () => {
  assert.is(nameLiveObject(uri('u1', 'pbx'), { from: '', to: 'new-' })!.name, 'new-pbx');
  assert.is(nameLiveObject(uri('u1', 'pbx'), { from: 'p', to: 'p' })!.renamedFrom, undefined);
});

nameLiveObjectSuite.run();

const compareNamesSuite = suite('compareNames');

compareNamesSuite('orders by UTF-16 code units, independent of locale', () => {
  assert.equal(['b', 'é', 'B', 'a', 'a-1', 'a1'].sort(compareNames), ['B', 'a', 'a-1', 'a1', 'b', 'é']);
  assert.is(compareNames('x', 'x'), 0);
});

compareNamesSuite.run();

const nameLiveStateSuite = suite('nameLiveState');

nameLiveStateSuite('names and sorts only the kinds asked for', () => {
  const live = account({ uri: [uri('u2', 'b'), uri('u1', 'a')], trunk: [trunk('t1', 'x'), trunk('t2', 'x')] });
  const { named } = nameLiveState(live, ['uri']);
  assert.equal([...named.keys()], ['uri']);
  assert.equal(named.get('uri')!.map((n) => n.name), ['a', 'b']);
});

nameLiveStateSuite('sets aside endpoints no manifest can match', () => {
  const live = account({ endpoint: [endpoint('e1', 'alice'), endpoint('e2', 'x', { username: 'bob' })] });
  const { named, unmatchable } = nameLiveState(live, ['endpoint']);
  assert.equal(named.get('endpoint')!.map((n) => n.name), ['alice']);
  assert.equal(unmatchable.map((l) => l.id), ['e2']);
});

nameLiveStateSuite('reports every collision of every kind in one refusal', () => {
  const live = account({
    uri: [uri('u1', 'a'), uri('u2', 'a'), uri('u3', 'b'), uri('u4', 'b')],
    trunk: [trunk('t1', 'x'), trunk('t2', 'x')],
  });
  try {
    nameLiveState(live, ['uri', 'trunk']);
    assert.unreachable('expected a refusal');
  } catch (e) {
    assert.instance(e, RefusedError);
    const lines = (e as Error).message.split('\n').slice(1);
    assert.equal(lines, ['  uris "a": ids u1, u2', '  uris "b": ids u3, u4', '  trunks "x": ids t1, t2']);
  }
});

nameLiveStateSuite('shows the full live username of colliding endpoints', () => {
  const live = account({ endpoint: [endpoint('e1', 'al'), endpoint('e2', 'x', { username: 'al999999999999' })] });
  try {
    nameLiveState(live, ['endpoint']);
    assert.unreachable('expected a refusal');
  } catch (e) {
    assert.match((e as Error).message, 'endpoints "al": ids e1 (username "al261123120000"), e2 (username "al999999999999")');
  }
});

nameLiveStateSuite.run();
