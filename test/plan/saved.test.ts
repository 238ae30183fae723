// Saved plans: fingerprints of the live objects a plan was computed from, and what makes a saved plan stale.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planChanges } from '../../src/plan/index.js';
import { canonicalJson, createSavedPlan, findStale, fingerprintLive } from '../../src/plan/saved.js';
import { md5Hex } from '../../src/plan/secrets.js';
import {
  SUFFIX,
  desiredOf,
  endpoint,
  liveEndpoint,
  liveOf,
  liveTrunk,
  liveUri,
  options,
  secret,
  trunk,
  uri,
} from './builders.js';

const canonical = suite('canonicalJson');

canonical('sorts keys at every level and drops undefined members', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: null }], c: undefined } }), '{"a":{"d":[1,{"y":null,"z":1}]},"b":1}');
});

canonical.run();

const fingerprint = suite('fingerprintLive');

fingerprint('is a sha256 hex that ignores key order and follows every field', () => {
  const a = liveUri('u1', 'pbx');
  const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
  assert.match(fingerprintLive(a), /^[0-9a-f]{64}$/);
  assert.is(fingerprintLive(reordered), fingerprintLive(a));
  assert.is.not(fingerprintLive({ ...a, uri: 'other' }), fingerprintLive(a));
});

fingerprint('leaves the endpoint password hash out', () => {
  const l = liveEndpoint('e1', `alice${SUFFIX}`);
  assert.is(fingerprintLive({ ...l, password_md5: md5Hex('changed') }), fingerprintLive(l));
});

fingerprint.run();

const manifest = { path: 'plivo.yaml', sha256: 'ab'.repeat(32) };
const desired = desiredOf(uri('pbx', { uri: 'new.example.com' }), uri('extra'), trunk('main', { primary_uri: 'pbx' }), endpoint('alice'));
const live = () =>
  liveOf(
    liveUri('u1', 'pbx'),
    liveUri('u9', 'stray'),
    liveTrunk('t1', 'main', { primary_uri_id: 'u1' }),
    liveEndpoint('e1', `alice${SUFFIX}`),
  );

const create = suite('createSavedPlan');

create('holds the plan, the options, the manifest hash and a fingerprint of every live object', () => {
  const plan = planChanges(desired, live(), options());
  const saved = createSavedPlan(plan, live(), manifest, options());
  assert.is(saved.format_version, 1);
  assert.is(saved.kind, 'plivo-sync-plan');
  assert.equal(saved.manifest, manifest);
  assert.equal(saved.plan, plan);
  assert.equal(saved.options, options());
  assert.equal(Object.keys(saved.fingerprints), ['endpoint:e1', 'trunk:t1', 'uri:u1', 'uri:u9']);
  assert.is(saved.fingerprints['uri:u1'], fingerprintLive(live().uri[0]));
});

create('carries no secret: neither password values nor hashes', () => {
  const d = desiredOf(uri('pbx', { authentication_needed: true, username: 'x', password: secret('TOPSECRET') }), endpoint('alice', { password: secret('TOPSECRET2') }));
  const l = liveOf(liveEndpoint('e1', `alice${SUFFIX}`, { password_md5: md5Hex('old-password') }));
  const text = JSON.stringify(createSavedPlan(planChanges(d, l, options({ rotate: ['all'] })), l, manifest, options({ rotate: ['all'] })));
  assert.not.match(text, /TOPSECRET/);
  assert.not.match(text, new RegExp(md5Hex('old-password')));
});

create.run();

const stale = suite('findStale');

const saved = () => createSavedPlan(planChanges(desired, live(), options()), live(), manifest, options());

stale('nothing when the account is as it was', () => {
  assert.equal(findStale(saved(), live()), []);
});

stale('a changed object is named with its identity', () => {
  const now = live();
  now.trunk[0].secure = true;
  assert.equal(findStale(saved(), now), [{ kind: 'trunk', id: 't1', name: 'main', reason: 'changed' }]);
});

stale('a deleted object is named when the plan knows it, null otherwise', () => {
  const now = live();
  now.uri = [];
  now.endpoint = [];
  assert.equal(findStale(saved(), now), [
    { kind: 'uri', id: 'u1', name: 'pbx', reason: 'deleted' },
    { kind: 'uri', id: 'u9', name: 'stray', reason: 'deleted' },
    { kind: 'endpoint', id: 'e1', name: null, reason: 'deleted' },
  ]);
});

stale('a new object with an identity the plan creates or changes has appeared', () => {
  const now = live();
  now.uri.push(liveUri('u5', 'extra'), liveUri('u6', 'pbx'));
  now.endpoint.push(liveEndpoint('e2', `alice261123120001`));
  assert.equal(findStale(saved(), now), [
    { kind: 'uri', id: 'u5', name: 'extra', reason: 'appeared' },
    { kind: 'uri', id: 'u6', name: 'pbx', reason: 'appeared' },
  ]);
});

stale('new objects of identities the plan does not touch do not make it stale', () => {
  const now = live();
  now.uri.push(liveUri('u7', 'unrelated'));
  now.endpoint.push(liveEndpoint('e3', `bob${SUFFIX}`));
  assert.equal(findStale(saved(), now), []);
});

stale('survives a JSON round trip, as it is read back from a file', () => {
  const reread = JSON.parse(JSON.stringify(saved()));
  assert.equal(findStale(reread, live()), []);
});

stale.run();
