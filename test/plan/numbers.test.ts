// The planner and phone numbers: attach and re-route are updates of `trunk` ordered after the trunk's create,
// a number the account lacks is refused (never created), numbers are never deleted or listed as unmanaged, and
// a trunk delete that would leave a number routed to it is refused unless the plan routes the number away.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planChanges } from '../../src/plan/index.js';
import { refuseNotInAccount } from '../../src/plan/safety.js';
import { viewLive } from '../../src/plan/view.js';
import {
  changeLines,
  desiredOf,
  liveNumber,
  liveOf,
  liveTrunk,
  liveUri,
  number,
  options,
  prune,
  refusalLines,
  trunk,
  uri,
} from './builders.js';

const N1 = '14155551234';
const N2 = '442071838750';
const APP = '/v1/Account/MA123/Application/33406267401237901/';

/** A uri and the inbound trunk `main` on it, both live and in the manifest. */
const base = () => ({
  desired: [uri('pbx'), trunk('main', { primary_uri: 'pbx' })],
  live: [liveUri('u1', 'pbx'), liveTrunk('t1', 'main', { primary_uri_id: 'u1' })],
});

const routing = suite('planChanges: routing numbers');

routing('a number routed nowhere is attached: an update of trunk, null → the trunk name', () => {
  const { desired, live } = base();
  const p = planChanges(desiredOf(...desired, number(N1, 'main')), liveOf(...live, liveNumber(N1, null)), options());
  assert.equal(changeLines(p), [`~ number ${N1} (${N1}): trunk`]);
  assert.equal([p.changes[0].before, p.changes[0].after], [{ number: N1, trunk: null }, { number: N1, trunk: 'main' }]);
  assert.equal(p.refusals, []);
});

routing('a number routed to another trunk is re-routed; one linked to an application shows that link before', () => {
  const { desired, live } = base();
  const p = planChanges(
    desiredOf(...desired, number(N1, 'main'), number(N2, 'main')),
    liveOf(...live, liveTrunk('t2', 'other', { primary_uri_id: 'u1' }), liveNumber(N1, 't2'), liveNumber(N2, null, { application: APP })),
    options(),
  );
  assert.equal(changeLines(p), [`~ number ${N1} (${N1}): trunk`, `~ number ${N2} (${N2}): trunk`]);
  assert.equal(p.changes.map((c) => [c.before?.trunk, c.after?.trunk]), [['other', 'main'], [APP, 'main']]);
});

routing('a number already routed to its trunk is no change, even when the trunk is updated', () => {
  const { live } = base();
  const p = planChanges(
    desiredOf(uri('pbx'), trunk('main', { primary_uri: 'pbx', secure: true }), number(N1, 'main')),
    liveOf(...live, liveNumber(N1, 't1')),
    options(),
  );
  assert.equal(changeLines(p), ['~ trunk main (t1): secure']);
});

routing('routing to a trunk the plan creates waits for that create; the rest of the account is not waited on', () => {
  const p = planChanges(
    desiredOf(uri('pbx'), trunk('new', { primary_uri: 'pbx' }), number(N1, 'new')),
    liveOf(liveNumber(N1, null)),
    options(),
  );
  assert.equal(changeLines(p), ['+ uri pbx', '+ trunk new [after uri:pbx]', `~ number ${N1} (${N1}): trunk [after trunk:new]`]);
});

routing('a number the account does not hold is refused, never created, and nothing is planned for it', () => {
  const { desired, live } = base();
  const p = planChanges(desiredOf(...desired, number(N1, 'main'), number(N2, 'main')), liveOf(...live, liveNumber(N1, 't1')), options());
  assert.equal(changeLines(p), []);
  assert.equal(refusalLines(p), [`not-in-account: number ${N2} (null)`]);
  assert.is(p.refusals[0].message, `number ${N2} is not in the account; numbers are never created by plivo-sync.`);
  assert.match(p.refusals[0].hint, 'buy or port the number first');
  assert.is(p.refusals[0].overridable, false);
});

routing('numbers the manifest does not name are left alone and not listed as unmanaged', () => {
  const { desired, live } = base();
  const p = planChanges(desiredOf(...desired, number(N1, 'main')), liveOf(...live, liveNumber(N1, 't1'), liveNumber(N2, null)), options());
  assert.equal(p.changes, []);
  assert.equal(p.unmanaged, []);
});

routing('numbers are never deleted, whatever prune says', () => {
  const p = planChanges(desiredOf(), liveOf(liveNumber(N1, null), liveNumber(N2, null)), prune('number'));
  assert.equal(p.changes, []);
  assert.equal(p.refusals, []);
});

routing.run();

const trunkDelete = suite('planChanges: deleting a trunk numbers route to');

trunkDelete('a pruned trunk that a number still routes to is refused, naming the number', () => {
  const { desired, live } = base();
  const p = planChanges(
    desiredOf(...desired, number(N1, 'main')),
    liveOf(...live, liveTrunk('t2', 'old', { primary_uri_id: 'u1' }), liveNumber(N1, 't1'), liveNumber(N2, 't2')),
    prune('trunk'),
  );
  assert.equal(changeLines(p), ['- trunk old (t2)']);
  assert.equal(refusalLines(p), [`in-use: trunk old (t2), number ${N2} (${N2})`]);
  assert.is(
    p.refusals[0].message,
    `trunk old (t2) would be deleted while unmanaged number ${N2} still routes to it: Plivo detaches a number from a deleted trunk, and the number then stops answering calls.`,
  );
  assert.match(p.refusals[0].hint, 'add them to the manifest with another inbound trunk');
});

trunkDelete('re-routed in the same plan, the number is not in the way: its update runs before the trunk delete', () => {
  const p = planChanges(
    desiredOf(uri('pbx'), trunk('new', { primary_uri: 'pbx' }), number(N1, 'new')),
    liveOf(liveUri('u1', 'pbx'), liveTrunk('t2', 'old', { primary_uri_id: 'u1' }), liveNumber(N1, 't2')),
    prune('trunk'),
  );
  assert.equal(p.refusals, []);
  assert.equal(changeLines(p), [
    '+ trunk new',
    `~ number ${N1} (${N1}): trunk [after trunk:new]`,
    `- trunk old (t2) [after number:${N1}]`,
  ]);
});

trunkDelete('a deleted trunk with no numbers on it needs nothing from them', () => {
  const { desired, live } = base();
  const p = planChanges(desiredOf(...desired, number(N1, 'main')), liveOf(...live, liveTrunk('t2', 'old', { primary_uri_id: 'u1' }), liveNumber(N1, 't1')), prune('trunk'));
  assert.equal(changeLines(p), ['- trunk old (t2)']);
  assert.equal(p.refusals, []);
});

trunkDelete('without numbers read (the manifest declares none), nothing about them holds a trunk delete up', () => {
  const p = planChanges(desiredOf(uri('pbx')), liveOf(liveUri('u1', 'pbx'), liveTrunk('t2', 'old', { primary_uri_id: 'u1' })), prune('trunk'));
  assert.equal(changeLines(p), ['- trunk old (t2)']);
});

trunkDelete.run();

const notInAccount = suite('refuseNotInAccount');

notInAccount('names the kind and identity, has no id, says how to proceed, cannot be forced', () => {
  const r = refuseNotInAccount(number(N1, 'main'));
  assert.equal(r, {
    code: 'not-in-account',
    message: `number ${N1} is not in the account; numbers are never created by plivo-sync.`,
    objects: [{ kind: 'number', id: null, name: N1 }],
    hint: r.hint,
    overridable: false,
  });
  assert.match(r.hint, /^plivo-sync routes numbers but never buys them/);
});

notInAccount.run();

const view = suite('viewLive: numbers');

view('the trunk by name; else the raw application; else null', () => {
  const nameOf = (_kind: string, id: string) => (id === 't1' ? 'main' : `(missing ${id})`);
  assert.equal(viewLive(liveNumber(N1, 't1'), null, nameOf), { number: N1, trunk: 'main' });
  assert.equal(viewLive(liveNumber(N1, 'gone'), null, nameOf), { number: N1, trunk: '(missing gone)' });
  assert.equal(viewLive(liveNumber(N1, null, { application: APP }), null, nameOf), { number: N1, trunk: APP });
  assert.equal(viewLive(liveNumber(N1, null), null, nameOf), { number: N1, trunk: null });
});

view.run();
