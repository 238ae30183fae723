// Field comparison: each field of each kind, changed and unchanged; null/""/absent; address sets; references.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { diffObject } from '../../src/plan/diff.js';
import { planChanges } from '../../src/plan/index.js';
import { RotateRequest } from '../../src/plan/secrets.js';
import type { Desired, Live } from '../../src/model.js';
import {
  SUFFIX,
  changeLines,
  credential,
  desiredOf,
  endpoint,
  ipacl,
  liveCredential,
  liveEndpoint,
  liveIpacl,
  liveOf,
  liveTrunk,
  liveUri,
  options,
  trunk,
  uri,
} from './builders.js';

const none = new RotateRequest([]);
const ids: Record<string, string[]> = { 'uri:pbx': ['u1'], 'uri:backup': ['u2'], 'ipacl:office': ['a1'], 'credential:ops': ['c1'] };
const resolve = (kind: string, name: string, id: string) => (ids[`${kind}:${name}`] ?? []).includes(id);

/** [what differs, desired, live, expected changed fields] */
const CASES: Array<[string, Desired, Live, string[]]> = [
  ['uri: nothing', uri('pbx'), liveUri('u1', 'pbx'), []],
  ['uri: uri', uri('pbx', { uri: 'sip.example.com:5060' }), liveUri('u1', 'pbx'), ['uri']],
  ['uri: authentication_needed', uri('pbx', { authentication_needed: true }), liveUri('u1', 'pbx'), ['authentication_needed']],
  ['uri: username', uri('pbx', { username: 'plivo' }), liveUri('u1', 'pbx'), ['username']],
  ['uri: username equal', uri('pbx', { username: 'plivo' }), liveUri('u1', 'pbx', { username: 'plivo' }), []],
  ['credential: nothing', credential('ops'), liveCredential('c1', 'ops'), []],
  ['credential: username', credential('ops', { username: 'other' }), liveCredential('c1', 'ops'), ['username']],
  ['ipacl: nothing', ipacl('office', ['10.0.0.1']), liveIpacl('a1', 'office', ['10.0.0.1']), []],
  ['ipacl: ip_addresses', ipacl('office', ['10.0.0.1', '10.0.0.2']), liveIpacl('a1', 'office', ['10.0.0.1']), ['ip_addresses']],
  ['ipacl: same set, other order and duplicates', ipacl('office', ['10.0.0.2', '10.0.0.1', '10.0.0.1']), liveIpacl('a1', 'office', ['10.0.0.1', '10.0.0.2']), []],
  ['trunk: nothing', trunk('main'), liveTrunk('t1', 'main'), []],
  ['trunk: trunk_direction', trunk('main', { trunk_direction: 'outbound' }), liveTrunk('t1', 'main'), ['trunk_direction']],
  ['trunk: trunk_status', trunk('main', { trunk_status: 'disabled' }), liveTrunk('t1', 'main'), ['trunk_status']],
  ['trunk: secure', trunk('main', { secure: true }), liveTrunk('t1', 'main'), ['secure']],
  ['trunk: primary_uri set', trunk('main', { primary_uri: 'pbx' }), liveTrunk('t1', 'main'), ['primary_uri']],
  ['trunk: primary_uri same id', trunk('main', { primary_uri: 'pbx' }), liveTrunk('t1', 'main', { primary_uri_id: 'u1' }), []],
  ['trunk: primary_uri other id', trunk('main', { primary_uri: 'pbx' }), liveTrunk('t1', 'main', { primary_uri_id: 'u2' }), ['primary_uri']],
  ['trunk: primary_uri removed', trunk('main'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' }), ['primary_uri']],
  ['trunk: fallback_uri', trunk('main', { fallback_uri: 'backup' }), liveTrunk('t1', 'main'), ['fallback_uri']],
  ['trunk: fallback_uri same', trunk('main', { fallback_uri: 'backup' }), liveTrunk('t1', 'main', { fallback_uri_id: 'u2' }), []],
  ['trunk: ipacl', trunk('main', { ipacl: 'office' }), liveTrunk('t1', 'main', { ipacl_id: 'zz' }), ['ipacl']],
  ['trunk: ipacl same', trunk('main', { ipacl: 'office' }), liveTrunk('t1', 'main', { ipacl_id: 'a1' }), []],
  ['trunk: credential', trunk('main', { credential: 'ops' }), liveTrunk('t1', 'main'), ['credential']],
  ['trunk: credential same', trunk('main', { credential: 'ops' }), liveTrunk('t1', 'main', { credential_id: 'c1' }), []],
  ['trunk: reference to an object being created', trunk('main', { primary_uri: 'new' }), liveTrunk('t1', 'main', { primary_uri_id: 'u1' }), ['primary_uri']],
  ['trunk: several fields in view order', trunk('main', { credential: 'ops', secure: true }), liveTrunk('t1', 'main'), ['secure', 'credential']],
  ['endpoint: nothing', endpoint('alice'), liveEndpoint('e1', `alice${SUFFIX}`), []],
  ['endpoint: alias', endpoint('alice', { alias: 'Alice' }), liveEndpoint('e1', `alice${SUFFIX}`), ['alias']],
  ['endpoint: app_id set', endpoint('alice', { app_id: '77' }), liveEndpoint('e1', `alice${SUFFIX}`), ['app_id']],
  ['endpoint: app_id same', endpoint('alice', { app_id: '77' }), liveEndpoint('e1', `alice${SUFFIX}`, { app_id: '77' }), []],
  ['endpoint: app_id null detaches', endpoint('alice', { app_id: null }), liveEndpoint('e1', `alice${SUFFIX}`, { app_id: '77' }), ['app_id']],
  ['endpoint: app_id absent leaves it alone', endpoint('alice'), liveEndpoint('e1', `alice${SUFFIX}`, { app_id: '77' }), []],
];

const diff = suite('diffObject');

for (const [title, d, l, expected] of CASES) {
  diff(title, () => {
    assert.equal(diffObject(d, l, resolve, none).changed, expected);
  });
}

diff('null, "" and absent optional strings are equal', () => {
  assert.equal(diffObject(uri('pbx', { username: null }), liveUri('u1', 'pbx', { username: '' }), resolve, none).changed, []);
  assert.equal(diffObject(uri('pbx', { username: '' }), liveUri('u1', 'pbx', { username: null }), resolve, none).changed, []);
  assert.equal(diffObject(endpoint('alice', { app_id: '' }), liveEndpoint('e1', `alice${SUFFIX}`), resolve, none).changed, []);
  assert.equal(
    diffObject(trunk('main'), liveTrunk('t1', 'main', { primary_uri_id: '' as unknown as null }), resolve, none).changed,
    [],
  );
});

diff.run();

const plan = suite('planChanges: fields');

plan('an update carries the live view before and the manifest view after', () => {
  const p = planChanges(
    desiredOf(uri('pbx'), uri('backup'), trunk('main', { primary_uri: 'backup', secure: true })),
    liveOf(liveUri('u1', 'pbx'), liveUri('u2', 'backup'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' })),
    options(),
  );
  assert.equal(changeLines(p), ['~ trunk main (t1): secure, primary_uri']);
  const [c] = p.changes;
  assert.equal([c.before?.primary_uri, c.after?.primary_uri], ['pbx', 'backup']);
  assert.equal([c.before?.secure, c.after?.secure], [false, true]);
});

plan('a reference is compared by resolved id: a renamed live target that keeps its id is no change', () => {
  const p = planChanges(
    desiredOf(uri('pbx'), trunk('main', { primary_uri: 'pbx' })),
    liveOf(liveUri('u1', 'pbx'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' })),
    options(),
  );
  assert.equal(changeLines(p), []);
});

plan('a reference to an unnamed live object resolves through its <kind>-<id> name', () => {
  const p = planChanges(
    desiredOf(uri('uri-u7'), trunk('main', { primary_uri: 'uri-u7' })),
    liveOf(liveUri('u7', null, { uri: 'uri-u7.example.com' }), liveTrunk('t1', 'main', { primary_uri_id: 'u7' })),
    options(),
  );
  assert.equal(changeLines(p), []);
});

plan('a live reference to an id that exists nowhere shows as (missing <id>)', () => {
  const p = planChanges(
    desiredOf(uri('pbx'), trunk('main', { primary_uri: 'pbx' })),
    liveOf(liveUri('u1', 'pbx'), liveTrunk('t1', 'main', { primary_uri_id: 'ghost' })),
    options(),
  );
  assert.equal(changeLines(p), ['~ trunk main (t1): primary_uri']);
  assert.is(p.changes[0].before?.primary_uri, '(missing ghost)');
});

plan('a create lists the fields it sets', () => {
  const p = planChanges(desiredOf(uri('pbx')), liveOf(), options());
  assert.equal(p.changes[0].changed, ['name', 'uri', 'authentication_needed']);
  assert.is(p.changes[0].before, null);
  assert.is(p.changes[0].id, null);
});

plan.run();
