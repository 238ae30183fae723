// Identity: which live object a manifest entry means (names, `<kind>-<id>`, endpoint suffixes, ambiguity).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { indexDesired, indexLive, matchIdentity, nameOfId, refersTo } from '../../src/plan/identity.js';
import { planChanges } from '../../src/plan/index.js';
import {
  SUFFIX,
  changeLines,
  desiredOf,
  endpoint,
  liveEndpoint,
  liveOf,
  liveTrunk,
  liveUri,
  options,
  prune,
  refusalLines,
  trunk,
  uri,
} from './builders.js';

const match = suite('matchIdentity');

match('a named object is its name', () => {
  assert.is(matchIdentity(liveUri('u1', 'pbx')), 'pbx');
});

match('an unnamed object is <kind>-<id>, for null and empty names alike', () => {
  assert.is(matchIdentity(liveTrunk('42741122632602585', null)), 'trunk-42741122632602585');
  assert.is(matchIdentity(liveUri('u1', '')), 'uri-u1');
});

match('an endpoint is its username without exactly 12 trailing digits', () => {
  assert.is(matchIdentity(liveEndpoint('1', `alice${SUFFIX}`)), 'alice');
  assert.is(matchIdentity(liveEndpoint('2', `alice1${SUFFIX}`)), 'alice1');
});

match('an endpoint without a 12-digit suffix matches nothing', () => {
  assert.is(matchIdentity(liveEndpoint('1', 'alice')), null);
  assert.is(matchIdentity(liveEndpoint('2', `${SUFFIX}`)), null);
});

match.run();

const index = suite('indexLive');

index('indexes by id and by identity, keeping every claimant of an identity', () => {
  const idx = indexLive(liveOf(liveUri('u1', 'pbx'), liveUri('u2', 'pbx'), liveUri('u3', null)));
  assert.equal([...idx.uri.byId.keys()], ['u1', 'u2', 'u3']);
  assert.equal(idx.uri.byIdentity.get('pbx')?.map((l) => l.id), ['u1', 'u2']);
  assert.equal(idx.uri.byIdentity.get('uri-u3')?.map((l) => l.id), ['u3']);
});

index('leaves unmatchable endpoints out of the identity index', () => {
  const idx = indexLive(liveOf(liveEndpoint('e1', 'bob'), liveEndpoint('e2', `bob${SUFFIX}`)));
  assert.equal(idx.endpoint.byIdentity.get('bob')?.map((l) => l.id), ['e2']);
  assert.ok(idx.endpoint.byId.has('e1'));
});

index.run();

const desired = suite('indexDesired');

desired('indexes manifest entries by identity', () => {
  const byName = indexDesired(desiredOf(endpoint('alice'), endpoint('bob')), 'endpoint');
  assert.equal([...byName.keys()], ['alice', 'bob']);
});

desired('throws on a duplicate identity, which validation rules out', () => {
  assert.throws(() => indexDesired(desiredOf(uri('pbx'), uri('pbx')), 'uri'), /two uri entries named "pbx"/);
});

desired.run();

const resolve = suite('refersTo');

resolve('a name stands for the live objects with that identity, and for nothing else', () => {
  const idx = indexLive(liveOf(liveUri('u1', 'pbx'), liveUri('u2', null)));
  assert.ok(refersTo(idx, 'uri', 'pbx', 'u1'));
  assert.not.ok(refersTo(idx, 'uri', 'pbx', 'u2'));
  assert.ok(refersTo(idx, 'uri', 'uri-u2', 'u2'));
  assert.not.ok(refersTo(idx, 'uri', 'new', 'u1'));
  assert.not.ok(refersTo(idx, 'credential', 'pbx', 'u1'));
});

resolve.run();

const nameOf = suite('nameOfId');

nameOf('shows a live reference as the identity of its target, or (missing <id>)', () => {
  const idx = indexLive(liveOf(liveUri('u1', 'pbx'), liveUri('u2', null)));
  assert.is(nameOfId(idx, 'uri', 'u1'), 'pbx');
  assert.is(nameOfId(idx, 'uri', 'u2'), 'uri-u2');
  assert.is(nameOfId(idx, 'uri', 'gone'), '(missing gone)');
});

nameOf.run();

const plan = suite('planChanges: identity');

plan('an entry matches the live object of the same name: nothing to do', () => {
  const p = planChanges(desiredOf(uri('pbx')), liveOf(liveUri('u1', 'pbx')), options());
  assert.equal(changeLines(p), []);
});

plan('an endpoint matches its username plus exactly 12 digits', () => {
  const p = planChanges(desiredOf(endpoint('alice')), liveOf(liveEndpoint('e1', `alice${SUFFIX}`)), options());
  assert.equal(changeLines(p), []);
  assert.equal(p.unmanaged, []);
});

plan('near-misses of the suffix do not match: 11 or 13 digits, another prefix, no suffix', () => {
  const live = liveOf(
    liveEndpoint('e11', `alice${SUFFIX.slice(1)}`),
    liveEndpoint('e13', `alice9${SUFFIX}`),
    liveEndpoint('eprefix', `xalice${SUFFIX}`),
    liveEndpoint('ebare', 'alice'),
  );
  const p = planChanges(desiredOf(endpoint('alice')), live, options());
  assert.equal(changeLines(p), ['+ endpoint alice']);
  assert.equal(
    p.unmanaged.map((u) => `${u.name} (${u.id})`),
    ['alice (ebare)', `alice${SUFFIX.slice(1)} (e11)`, 'alice9 (e13)', 'xalice (eprefix)'],
  );
});

plan('an unnamed live object matches the entry named <kind>-<id>, and its missing name is no change', () => {
  const p = planChanges(desiredOf(trunk('trunk-42741122632602585')), liveOf(liveTrunk('42741122632602585', null)), options());
  assert.equal(changeLines(p), []);
});

plan('an unnamed live object that differs is updated under its <kind>-<id> name', () => {
  const p = planChanges(
    desiredOf(trunk('trunk-42', { secure: true })),
    liveOf(liveTrunk('42', null)),
    options(),
  );
  assert.equal(changeLines(p), ['~ trunk trunk-42 (42): secure']);
  assert.equal(p.changes[0].before?.name, 'trunk-42');
});

plan('two live objects with one identity: refused, naming both ids, and nothing planned for it', () => {
  const p = planChanges(
    desiredOf(uri('pbx', { uri: 'new.example.com' }), trunk('main', { primary_uri: 'pbx' })),
    liveOf(liveUri('u2', 'pbx'), liveUri('u1', 'pbx'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' })),
    options(),
  );
  assert.equal(changeLines(p), []);
  assert.equal(refusalLines(p), ['ambiguous-identity: uri pbx (u1), uri pbx (u2)']);
  assert.match(p.refusals[0].message, /2 live uris have the name "pbx" \(ids u1, u2\)/);
  assert.is(p.refusals[0].overridable, false);
});

plan('two endpoints with one username and different suffixes are ambiguous', () => {
  const p = planChanges(
    desiredOf(endpoint('alice')),
    liveOf(liveEndpoint('e1', `alice${SUFFIX}`), liveEndpoint('e2', 'alice261123120001')),
    options(),
  );
  assert.equal(refusalLines(p), ['ambiguous-identity: endpoint alice (e1), endpoint alice (e2)']);
  assert.match(p.refusals[0].message, /username alice \+ 12 digits/);
});

plan('a named object and an unnamed one claiming the same <kind>-<id> are ambiguous', () => {
  const p = planChanges(desiredOf(uri('uri-u1')), liveOf(liveUri('u1', null), liveUri('u9', 'uri-u1')), options());
  assert.equal(refusalLines(p), ['ambiguous-identity: uri uri-u1 (u1), uri uri-u1 (u9)']);
});

plan('unmanaged duplicates are left alone without a refusal, and refused when pruned', () => {
  const live = liveOf(liveUri('u1', 'old'), liveUri('u2', 'old'));
  const kept = planChanges(desiredOf(), live, options());
  assert.equal(kept.refusals, []);
  assert.equal(kept.unmanaged.map((u) => u.id), ['u1', 'u2']);
  const pruned = planChanges(desiredOf(), live, prune('uri'));
  assert.equal(changeLines(pruned), []);
  assert.equal(refusalLines(pruned), ['ambiguous-identity: uri old (u1), uri old (u2)']);
});

plan.run();
