// Refusals: deletes of objects a live trunk still uses, mass deletes (and --force), ambiguous identities.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planChanges } from '../../src/plan/index.js';
import { checkMassDelete, refuseAmbiguous, refuseInUse } from '../../src/plan/safety.js';
import type { Change } from '../../src/plan/types.js';
import {
  changeLines,
  desiredOf,
  liveCredential,
  liveIpacl,
  liveOf,
  liveTrunk,
  liveUri,
  options,
  prune,
  refusalLines,
  trunk,
  uri,
} from './builders.js';

const inUse = suite('refuseInUse');

inUse('names the object, the trunks, whether they are managed, and how to proceed', () => {
  const r = refuseInUse(liveUri('u1', 'pbx'), [liveTrunk('t2', 'b'), liveTrunk('t1', null)], (t) => t.id === 't2');
  assert.is(r.code, 'in-use');
  assert.is(r.message, 'uri pbx (u1) would be deleted while unmanaged trunk trunk-t1 (t1), trunk b (t2) still uses it: Plivo deletes a trunk together with a URI it uses.');
  assert.match(r.hint, /--prune uris,trunks/);
  assert.equal(r.objects.map((o) => o.id), ['u1', 't1', 't2']);
  assert.is(r.overridable, false);
});

inUse.run();

const mass = suite('checkMassDelete');

const deletes = (n: number): Change[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `uri:u${i}`,
    action: 'delete',
    kind: 'uri',
    name: `u${i}`,
    id: `id${i}`,
    before: null,
    after: null,
    changed: [],
    depends_on: [],
    notes: [],
  }));

mass('refuses more than the fraction when the kind has at least minObjects', () => {
  const { refusal, warning } = checkMassDelete('uri', deletes(4), 10, options());
  assert.is(warning, undefined);
  assert.is(refusal?.code, 'mass-delete');
  assert.is(refusal?.message, 'the plan deletes 4 of 10 live uris (40%), more than the 30% allowed at once.');
  assert.match(refusal?.hint ?? '', /--force/);
  assert.is(refusal?.overridable, true);
  assert.is(refusal?.objects.length, 4);
});

mass('allows up to the fraction, and anything below minObjects', () => {
  assert.equal(checkMassDelete('uri', deletes(3), 10, options()), {});
  assert.equal(checkMassDelete('uri', deletes(9), 9, options()), {});
});

mass('--force turns the refusal into a warning', () => {
  assert.equal(checkMassDelete('uri', deletes(10), 10, options({ force: true })), {
    warning: 'deleting 10 of 10 live uris (100%): allowed by --force.',
  });
});

mass.run();

const ambiguous = suite('refuseAmbiguous');

ambiguous('names the sorted ids and says how to proceed', () => {
  const r = refuseAmbiguous('trunk', 'main', [liveTrunk('9', 'main'), liveTrunk('10', 'main')]);
  assert.is(r.message, '2 live trunks have the name "main" (ids 9, 10); no change is planned for it.');
  assert.match(r.hint, /Rename or delete the extra trunks/);
  assert.is(r.overridable, false);
});

ambiguous.run();

const plan = suite('planChanges: refusals');

plan('--prune uris with an unmanaged trunk still using the uri: refused', () => {
  const p = planChanges(
    desiredOf(),
    liveOf(liveUri('u1', 'pbx'), liveTrunk('t1', 'legacy', { primary_uri_id: 'u1' })),
    prune('uri'),
  );
  assert.equal(changeLines(p), ['- uri pbx (u1)']);
  assert.equal(refusalLines(p), ['in-use: uri pbx (u1), trunk legacy (t1)']);
  assert.match(p.refusals[0].message, /while unmanaged trunk legacy \(t1\)/);
});

plan('a fallback, credential or ipacl reference counts as a use too', () => {
  const p = planChanges(
    desiredOf(),
    liveOf(
      liveUri('u1', 'backup'),
      liveCredential('c1', 'ops'),
      liveIpacl('a1', 'office'),
      liveTrunk('t1', 'legacy', { fallback_uri_id: 'u1', credential_id: 'c1', ipacl_id: 'a1' }),
    ),
    prune('uri', 'credential', 'ipacl'),
  );
  assert.equal(refusalLines(p), [
    'in-use: uri backup (u1), trunk legacy (t1)',
    'in-use: credential ops (c1), trunk legacy (t1)',
    'in-use: ipacl office (a1), trunk legacy (t1)',
  ]);
});

plan('a managed trunk whose entry keeps a reference to a pruned object is refused too', () => {
  // The manifest points `main` at a name that only the live, unmanaged uri carries.
  const p = planChanges(
    desiredOf(trunk('main', { primary_uri: 'pbx' })),
    liveOf(liveUri('u1', 'pbx'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' })),
    prune('uri'),
  );
  assert.equal(refusalLines(p), ['in-use: uri pbx (u1), trunk main (t1)']);
  assert.not.match(p.refusals[0].message, /unmanaged/);
});

plan('a trunk that is ambiguous keeps its references, so deleting what it uses is refused', () => {
  const p = planChanges(
    desiredOf(trunk('main')),
    liveOf(liveUri('u1', 'old'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' }), liveTrunk('t2', 'main')),
    prune('uri'),
  );
  assert.equal(refusalLines(p), ['ambiguous-identity: trunk main (t1), trunk main (t2)', 'in-use: uri old (u1), trunk main (t1)']);
});

plan('a uri freed by the plan is not refused', () => {
  const p = planChanges(
    desiredOf(trunk('main')),
    liveOf(liveUri('u1', 'old'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' })),
    prune('uri'),
  );
  assert.equal(p.refusals, []);
  assert.equal(changeLines(p), ['~ trunk main (t1): primary_uri', '- uri old (u1) [after trunk:main]']);
});

const manyUris = (n: number) => liveOf(...Array.from({ length: n }, (_, i) => liveUri(`u${i}`, `old${String(i).padStart(2, '0')}`)));

plan('mass delete: more than 30% of at least 10 live objects of a kind is refused; --force lifts it', () => {
  const keep = Array.from({ length: 6 }, (_, i) => uri(`old${String(i).padStart(2, '0')}`));
  const p = planChanges(desiredOf(...keep), manyUris(10), prune('uri'));
  assert.is(p.summary.delete, 4);
  assert.equal(p.refusals.map((r) => r.code), ['mass-delete']);
  const forced = planChanges(desiredOf(...keep), manyUris(10), { ...prune('uri'), force: true });
  assert.equal(forced.refusals, []);
  assert.equal(forced.warnings, ['deleting 4 of 10 live uris (40%): allowed by --force.']);
});

plan('mass delete: exactly the threshold, or a small account, is not refused', () => {
  const keep = Array.from({ length: 7 }, (_, i) => uri(`old${String(i).padStart(2, '0')}`));
  assert.equal(planChanges(desiredOf(...keep), manyUris(10), prune('uri')).refusals, []);
  assert.equal(planChanges(desiredOf(), manyUris(9), prune('uri')).refusals, []);
});

plan('refusals come in a fixed order: ambiguous, in-use, mass-delete', () => {
  const live = manyUris(10);
  live.uri.push(liveUri('d1', 'dup'), liveUri('d2', 'dup'));
  live.trunk.push(liveTrunk('t1', 'legacy', { primary_uri_id: 'u3' }));
  const p = planChanges(desiredOf(uri('dup')), live, prune('uri'));
  assert.equal(p.refusals.map((r) => r.code), ['ambiguous-identity', 'in-use', 'mass-delete']);
});

plan.run();
