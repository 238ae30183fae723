// Ownership: unmanaged objects are left alone and listed; prune deletes them per kind; protect holds.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planChanges } from '../../src/plan/index.js';
import { decideFate } from '../../src/plan/ownership.js';
import {
  SUFFIX,
  changeLines,
  desiredOf,
  endpoint,
  liveEndpoint,
  liveIpacl,
  liveOf,
  liveTrunk,
  liveUri,
  options,
  prune,
  trunk,
  uri,
} from './builders.js';

const fate = suite('decideFate');

fate('a live object named in the manifest is managed, pruned or not, protected or not', () => {
  assert.is(decideFate(uri('pbx'), false), 'manage');
  assert.is(decideFate(uri('pbx'), true), 'manage');
  assert.is(decideFate(uri('pbx', { protect: true }), true), 'manage');
});

fate('anything else is kept, and deleted only when its kind is pruned', () => {
  assert.is(decideFate(undefined, false), 'keep');
  assert.is(decideFate(undefined, true), 'delete');
});

fate.run();

const plan = suite('planChanges: ownership');

const live = () =>
  liveOf(
    liveUri('u1', 'pbx'),
    liveUri('u2', 'stray'),
    liveIpacl('a1', null),
    liveTrunk('t1', 'other'),
    liveEndpoint('e1', `bob${SUFFIX}`),
    liveEndpoint('e2', `carol${SUFFIX}`),
  );

plan('without prune, unmanaged objects are listed in kind order, then name, and left alone', () => {
  const p = planChanges(desiredOf(uri('pbx')), live(), options());
  assert.equal(changeLines(p), []);
  assert.equal(
    p.unmanaged.map((u) => `${u.kind} ${u.name} ${u.id}`),
    ['uri stray u2', 'ipacl ipacl-a1 a1', 'trunk other t1', 'endpoint bob e1', 'endpoint carol e2'],
  );
});

plan('prune deletes the unmanaged objects of the pruned kinds only', () => {
  const p = planChanges(desiredOf(uri('pbx')), live(), prune('uri', 'endpoint'));
  assert.equal(changeLines(p), ['- uri stray (u2)', '- endpoint bob (e1)', '- endpoint carol (e2)']);
  assert.equal(p.unmanaged.map((u) => u.id), ['a1', 't1']);
  assert.equal(p.summary, { create: 0, update: 0, delete: 3 });
});

plan('a delete shows the live object as the manifest would describe it', () => {
  const p = planChanges(desiredOf(), liveOf(liveTrunk('t1', 'other', { secure: true })), prune('trunk'));
  assert.equal(p.changes[0].before, {
    name: 'other',
    trunk_direction: 'inbound',
    trunk_status: 'enabled',
    secure: true,
    primary_uri: null,
    fallback_uri: null,
    ipacl: null,
    credential: null,
  });
  assert.is(p.changes[0].after, null);
  assert.equal(p.changes[0].changed, []);
});

plan('protect: true objects are never deleted, even with every kind pruned', () => {
  const p = planChanges(
    desiredOf(uri('pbx', { protect: true }), trunk('main', { protect: true }), endpoint('bob', { protect: true })),
    liveOf(liveUri('u1', 'pbx'), liveTrunk('t1', 'main'), liveEndpoint('e1', `bob${SUFFIX}`)),
    prune('uri', 'credential', 'ipacl', 'trunk', 'endpoint'),
  );
  assert.equal(changeLines(p), []);
  assert.equal(p.unmanaged, []);
});

plan('an empty manifest with nothing pruned plans nothing and deletes nothing', () => {
  const p = planChanges(desiredOf(), live(), options());
  assert.equal(p.changes, []);
  assert.is(p.unmanaged.length, 6);
});

plan.run();
