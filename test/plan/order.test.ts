// Dependencies and execution order: parents before trunks, trunks before the parents they stop using.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planChanges } from '../../src/plan/index.js';
import { dependOnParents, dependOnUsers, indexUsers, orderChanges } from '../../src/plan/order.js';
import type { Action, Change } from '../../src/plan/types.js';
import type { Kind } from '../../src/model.js';
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
  prune,
  trunk,
  uri,
} from './builders.js';

function change(action: Action, kind: Kind, name: string, depends_on: string[] = []): Change {
  return {
    key: `${kind}:${name}`,
    action,
    kind,
    name,
    id: action === 'create' ? null : `${name}-id`,
    before: null,
    after: null,
    changed: [],
    depends_on,
    notes: [],
  };
}

const keys = (changes: Change[]) => changes.map((c) => `${c.action} ${c.key}`);

const order = suite('orderChanges');

order('without dependencies: creates and updates, then deletes; kinds in KINDS order; then name', () => {
  const sorted = orderChanges([
    change('delete', 'uri', 'a'),
    change('create', 'endpoint', 'a'),
    change('update', 'trunk', 'b'),
    change('create', 'trunk', 'a'),
    change('create', 'uri', 'z'),
    change('delete', 'trunk', 'a'),
    change('update', 'uri', 'b'),
  ]);
  assert.equal(keys(sorted), [
    'update uri:b',
    'create uri:z',
    'create trunk:a',
    'update trunk:b',
    'create endpoint:a',
    'delete uri:a',
    'delete trunk:a',
  ]);
});

order('a dependency wins over rank: a uri delete waits for the trunk delete', () => {
  const sorted = orderChanges([change('delete', 'uri', 'a', ['trunk:t']), change('delete', 'trunk', 't')]);
  assert.equal(keys(sorted), ['delete trunk:t', 'delete uri:a']);
});

order('every change comes after all it depends on; depends_on is sorted by rank', () => {
  const t = change('create', 'trunk', 't', ['uri:b', 'credential:c', 'uri:a']);
  const sorted = orderChanges([t, change('create', 'uri', 'b'), change('update', 'credential', 'c'), change('create', 'uri', 'a')]);
  assert.equal(keys(sorted), ['create uri:a', 'create uri:b', 'update credential:c', 'create trunk:t']);
  assert.equal(t.depends_on, ['uri:a', 'uri:b', 'credential:c']);
});

order('throws on a dependency outside the plan and on a cycle', () => {
  assert.throws(() => orderChanges([change('create', 'trunk', 't', ['uri:x'])]), /not in the plan/);
  assert.throws(
    () => orderChanges([change('update', 'uri', 'a', ['trunk:t']), change('update', 'trunk', 't', ['uri:a'])]),
    /cycle/,
  );
});

order.run();

const users = suite('indexUsers');

users('maps each referenced object to the live trunks using it, each trunk once', () => {
  const t1 = liveTrunk('t1', 'a', { primary_uri_id: 'u1', fallback_uri_id: 'u1', credential_id: 'c1' });
  const t2 = liveTrunk('t2', 'b', { primary_uri_id: 'u2', fallback_uri_id: 'u1', ipacl_id: 'a1' });
  const idx = indexUsers([t1, t2]);
  assert.equal(idx.get('uri:u1')?.map((t) => t.id), ['t1', 't2']);
  assert.equal(idx.get('uri:u2')?.map((t) => t.id), ['t2']);
  assert.equal(idx.get('credential:c1')?.map((t) => t.id), ['t1']);
  assert.equal(idx.get('ipacl:a1')?.map((t) => t.id), ['t2']);
  assert.is(idx.get('credential:u1'), undefined);
});

users.run();

const parents = suite('dependOnParents');

parents('depends on the create/update of each referenced object, never on a delete', () => {
  const t = change('create', 'trunk', 't');
  const planned = new Map<string, Change>([
    ['uri:p', change('create', 'uri', 'p')],
    ['credential:c', change('delete', 'credential', 'c')],
    ['ipacl:a', change('update', 'ipacl', 'a')],
  ]);
  dependOnParents(t, trunk('t', { primary_uri: 'p', fallback_uri: 'p', ipacl: 'a', credential: 'c' }), planned);
  assert.equal(t.depends_on, ['uri:p', 'ipacl:a']);
});

parents.run();

const usersDep = suite('dependOnUsers');

usersDep('depends on each trunk change given, skipping trunks without one', () => {
  const u = change('delete', 'uri', 'old');
  dependOnUsers(u, [change('update', 'trunk', 'a'), undefined, change('delete', 'trunk', 'b')]);
  assert.equal(u.depends_on, ['trunk:a', 'trunk:b']);
});

usersDep.run();

const plan = suite('planChanges: order');

plan('a trunk is created after the new uri, credential and ipacl it uses', () => {
  const p = planChanges(
    desiredOf(
      trunk('out', { trunk_direction: 'outbound', credential: 'ops', ipacl: 'office' }),
      trunk('in', { primary_uri: 'pbx' }),
      uri('pbx'),
      credential('ops'),
      ipacl('office'),
    ),
    liveOf(),
    options(),
  );
  assert.equal(changeLines(p), [
    '+ uri pbx',
    '+ credential ops',
    '+ ipacl office',
    '+ trunk in [after uri:pbx]',
    '+ trunk out [after credential:ops, ipacl:office]',
  ]);
});

plan('a trunk update waits for the new uri it switches to, and for updates of parents it keeps', () => {
  const p = planChanges(
    desiredOf(uri('pbx', { uri: 'moved.example.com' }), uri('new'), trunk('main', { primary_uri: 'new', fallback_uri: 'pbx' })),
    liveOf(liveUri('u1', 'pbx'), liveTrunk('t1', 'main', { primary_uri_id: 'u1', fallback_uri_id: 'u1' })),
    options(),
  );
  assert.equal(changeLines(p), ['+ uri new', '~ uri pbx (u1): uri', '~ trunk main (t1): primary_uri [after uri:new, uri:pbx]']);
});

plan('a pruned uri is deleted after the trunk update that stops using it', () => {
  const p = planChanges(
    desiredOf(uri('pbx'), trunk('main', { primary_uri: 'pbx' })),
    liveOf(liveUri('u0', 'old'), liveUri('u1', 'pbx'), liveTrunk('t1', 'main', { primary_uri_id: 'u0' })),
    prune('uri'),
  );
  assert.equal(changeLines(p), ['~ trunk main (t1): primary_uri', '- uri old (u0) [after trunk:main]']);
  assert.equal(p.refusals, []);
});

plan('--prune uris,trunks: the trunk goes first, then its uri, credential and ipacl', () => {
  const p = planChanges(
    desiredOf(),
    liveOf(
      liveUri('u1', 'pbx'),
      liveCredential('c1', 'ops'),
      liveIpacl('a1', 'office'),
      liveTrunk('t1', 'legacy', { primary_uri_id: 'u1', credential_id: 'c1', ipacl_id: 'a1' }),
    ),
    options({ prune: ['uri', 'credential', 'ipacl', 'trunk'], deleteThreshold: { fraction: 1, minObjects: 10 } }),
  );
  assert.equal(changeLines(p), [
    '- trunk legacy (t1)',
    '- uri pbx (u1) [after trunk:legacy]',
    '- credential ops (c1) [after trunk:legacy]',
    '- ipacl office (a1) [after trunk:legacy]',
  ]);
  assert.equal(p.refusals, []);
});

plan('endpoints are independent of everything else', () => {
  const p = planChanges(
    desiredOf(endpoint('alice'), uri('pbx'), trunk('main', { primary_uri: 'pbx' })),
    liveOf(liveEndpoint('e0', `zed${SUFFIX}`)),
    prune('endpoint'),
  );
  assert.equal(changeLines(p), ['+ uri pbx', '+ trunk main [after uri:pbx]', '+ endpoint alice', '- endpoint zed (e0)']);
});

plan('every change comes after all of its depends_on', () => {
  const p = planChanges(
    desiredOf(uri('a'), uri('b'), credential('c'), trunk('t1', { primary_uri: 'a' }), trunk('t2', { primary_uri: 'b', credential: 'c' })),
    liveOf(liveUri('u0', 'old'), liveTrunk('x', 't1', { primary_uri_id: 'u0' })),
    prune('uri'),
  );
  const seen = new Set<string>();
  for (const c of p.changes) {
    for (const d of c.depends_on) assert.ok(seen.has(d), `${c.key} before ${d}`);
    seen.add(c.key);
  }
  assert.is(p.changes.length, 6);
});

plan.run();
