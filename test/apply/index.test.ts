// applyPlan against the in-memory fake API: ordering, concurrency, failures, lost responses, interruption.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyPlan, type ApplyEvent, type ApplyOptions } from '../../src/apply/index.js';
import { RefusedError } from '../../src/errors.js';
import type { DesiredState } from '../../src/model.js';
import type { Plan } from '../../src/plan/types.js';
import { AuthError, ApiError } from '../../src/plivo/errors.js';
import { FakeApi } from './fake-api.js';
import {
  URI_PASSWORD,
  change,
  credential,
  desiredOf,
  endpoint,
  liveNumber,
  liveTrunk,
  liveUri,
  number,
  planOf,
  trunk,
  uri,
} from './fixture.js';

/** A promise a test opens by hand; it opens itself after a while so a broken scheduler fails instead of hanging. */
function gate(): { wait: Promise<void>; open: () => void } {
  let resolve!: () => void;
  const wait = new Promise<void>((r) => (resolve = r));
  const timer = setTimeout(resolve, 2000);
  const open = () => {
    clearTimeout(timer);
    resolve();
  };
  return { wait, open };
}

/** What the promise rejects with; fails the test when it resolves. */
async function failureOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return assert.unreachable('expected a rejection');
}

function run(plan: Plan, desired: DesiredState, fake: FakeApi, opts: Partial<ApplyOptions> = {}) {
  return applyPlan(plan, desired, fake.snapshot(), fake, { concurrency: 4, ...opts });
}

const lostPerformed = { type: 'lost', performed: true } as const;
const lostDropped = { type: 'lost', performed: false } as const;
const apiError = (message: string) => ({ type: 'error', make: () => new ApiError(message, 400, 'POST', 'x/') }) as const;

const applyPlanSuite = suite('applyPlan');

applyPlanSuite('creates the URIs a trunk references before the trunk, with their new ids', async () => {
  const fake = new FakeApi();
  // Endpoints first in the plan and slow, so the trunk would overtake its URIs if dependencies were ignored.
  fake.latency = (_m, kind) => (kind === 'uri' ? 3 : 0);
  const eps = ['ann', 'bob', 'cid', 'dan'].map((u) => endpoint(u));
  const desired = desiredOf(uri('a'), uri('b'), trunk('t', { primary_uri: 'a', fallback_uri: 'b' }), ...eps);
  const plan = planOf(
    ...eps.map((e) => change('create', 'endpoint', e.username)),
    change('create', 'uri', 'a'),
    change('create', 'uri', 'b'),
    change('create', 'trunk', 't', { deps: ['uri:a', 'uri:b'] }),
  );
  const report = await run(plan, desired, fake, { concurrency: 3 });

  assert.equal(report.summary, { done: 7, failed: 0, skipped: 0, 'not-started': 0 });
  const [t] = fake.find('trunk', 't');
  assert.is(t.primary_uri_id, fake.find('uri', 'a')[0].id);
  assert.is(t.fallback_uri_id, fake.find('uri', 'b')[0].id);
  const order = fake.calls.filter((c) => c.method === 'create').map((c) => `${c.kind}:${c.identity}`);
  assert.ok(order.indexOf('trunk:t') > order.indexOf('uri:a'));
  assert.ok(order.indexOf('trunk:t') > order.indexOf('uri:b'));
});

applyPlanSuite('routes numbers to a trunk created in the same run, then deletes the trunk they left', async () => {
  const fake = new FakeApi();
  fake.seed(liveUri('u1', 'pbx'));
  const old = fake.seed(liveTrunk('t-old', 'old', { primary_uri_id: 'u1' }));
  fake.seed(liveNumber('14155551234', old.id));
  fake.seed(liveNumber('14155551235'));
  // The trunk create is slow, so a number update would overtake it if the dependency were ignored.
  fake.latency = (method, kind) => (method === 'create' && kind === 'trunk' ? 3 : 0);
  const desired = desiredOf(uri('pbx'), trunk('new', { primary_uri: 'pbx' }), number('14155551234', 'new'), number('14155551235', 'new'));
  const plan = planOf(
    change('create', 'trunk', 'new'),
    change('update', 'number', '14155551234', { id: '14155551234', changed: ['trunk'], deps: ['trunk:new'] }),
    change('update', 'number', '14155551235', { id: '14155551235', changed: ['trunk'], deps: ['trunk:new'] }),
    change('delete', 'trunk', 'old', { id: old.id, deps: ['number:14155551234'] }),
  );
  const report = await run(plan, desired, fake);

  assert.equal(report.summary, { done: 4, failed: 0, skipped: 0, 'not-started': 0 });
  const created = fake.find('trunk', 'new')[0].id;
  assert.equal(fake.state.number.map((n) => [n.id, n.trunk_id]), [['14155551234', created], ['14155551235', created]]);
  assert.equal(
    fake.calls.filter((c) => c.kind === 'number').map((c) => [c.method, c.identity, c.changed]),
    [['update', '14155551234', ['trunk']], ['update', '14155551235', ['trunk']]],
  );
  const order = fake.calls.map((c) => `${c.method} ${c.kind}:${c.identity}`);
  assert.ok(order.indexOf('update number:14155551234') > order.indexOf('create trunk:new'));
  assert.ok(order.indexOf('remove trunk:old') > order.indexOf('update number:14155551234'));
});

applyPlanSuite('a number update that fails skips the delete of the trunk it was leaving', async () => {
  const fake = new FakeApi();
  const live = fake.seed(liveTrunk('t-live', 'main'));
  const old = fake.seed(liveTrunk('t-old', 'old'));
  fake.seed(liveNumber('14155551234', old.id));
  fake.inject({ method: 'update', kind: 'number' }, apiError('no trunk with id t-live'));
  const plan = planOf(
    change('update', 'number', '14155551234', { id: '14155551234', changed: ['trunk'] }),
    change('delete', 'trunk', 'old', { id: old.id, deps: ['number:14155551234'] }),
  );
  const report = await run(plan, desiredOf(trunk('main'), number('14155551234', 'main')), fake);
  assert.equal(report.results.map((r) => r.outcome), ['failed', 'skipped']);
  assert.equal(fake.state.trunk.map((t) => t.id), [live.id, old.id]);
  assert.is(fake.state.number[0].trunk_id, old.id);
});

applyPlanSuite('updates the trunk off a URI before deleting that URI, so the cascade never fires', async () => {
  const fake = new FakeApi();
  const old = fake.seed(liveUri('u-old', 'old'));
  fake.seed(liveTrunk('t-1', 't', { primary_uri_id: old.id }));
  fake.latency = (m, kind) => (m === 'update' && kind === 'trunk' ? 5 : 0);
  const desired = desiredOf(uri('new'), trunk('t', { primary_uri: 'new' }));
  const plan = planOf(
    change('create', 'uri', 'new'),
    change('update', 'trunk', 't', { id: 't-1', changed: ['primary_uri'], deps: ['uri:new'] }),
    change('delete', 'uri', 'old', { id: 'u-old', deps: ['trunk:t'] }),
  );
  const report = await run(plan, desired, fake);

  assert.is(report.summary.done, 3);
  assert.equal(fake.cascaded, []);
  assert.is(fake.find('trunk', 't')[0].primary_uri_id, fake.find('uri', 'new')[0].id);
  assert.equal(fake.find('uri', 'old'), []);
  const update = fake.calls.find((c) => c.method === 'update');
  assert.equal(update?.changed, ['primary_uri']);
});

applyPlanSuite('starts a change as soon as its own dependencies are done, not in waves', async () => {
  const fake = new FakeApi();
  const trunkStarted = gate();
  let slowFinishedFirst: boolean | undefined;
  // The slow URI is held until the trunk's create starts: in waves the trunk would have to wait for it.
  fake.hold = (m, kind, id) => (m === 'create' && kind === 'uri' && id === 'slow' ? trunkStarted.wait : undefined);
  fake.onCall = (m, kind) => {
    if (m !== 'create' || kind !== 'trunk') return;
    slowFinishedFirst = fake.count('create', 'uri', 'slow') > 0;
    trunkStarted.open();
  };
  const desired = desiredOf(uri('fast'), uri('slow'), trunk('t', { primary_uri: 'fast' }));
  const plan = planOf(
    change('create', 'uri', 'fast'),
    change('create', 'uri', 'slow'),
    change('create', 'trunk', 't', { deps: ['uri:fast'] }),
  );
  const report = await run(plan, desired, fake);

  assert.is(report.summary.done, 3);
  assert.is(slowFinishedFirst, false);
});

applyPlanSuite('never has more changes in flight than the concurrency bound, and uses it', async () => {
  for (const concurrency of [1, 4]) {
    const fake = new FakeApi();
    fake.latency = () => 1;
    const eps = Array.from({ length: 20 }, (_, i) => endpoint(`user${i}`));
    let running = 0;
    const onEvent = (e: ApplyEvent) => (running = Math.max(running, e.counts.running));
    const report = await run(planOf(...eps.map((e) => change('create', 'endpoint', e.username))), desiredOf(...eps), fake, {
      concurrency,
      onEvent,
    });
    assert.is(report.summary.done, 20);
    assert.is(fake.maxInFlight, concurrency, `API calls in flight with concurrency ${concurrency}`);
    assert.is(running, concurrency, `changes running with concurrency ${concurrency}`);
  }
});

applyPlanSuite('a failure skips exactly what depends on it, transitively, and everything else runs', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create', kind: 'uri', identity: 'a' }, apiError('uri is not a valid SIP URI'));
  const desired = desiredOf(
    uri('a'),
    uri('b'),
    credential('office'),
    trunk('ta', { primary_uri: 'a' }),
    trunk('tb', { primary_uri: 'b' }),
    endpoint('alice'),
  );
  const plan = planOf(
    change('create', 'uri', 'a'),
    change('create', 'uri', 'b'),
    change('create', 'credential', 'office'),
    change('create', 'trunk', 'ta', { deps: ['uri:a'] }),
    change('create', 'trunk', 'tb', { deps: ['uri:b'] }),
    // Depends on the skipped trunk only: skipped because of the failure at the root of the chain.
    change('create', 'endpoint', 'alice', { deps: ['trunk:ta'] }),
  );
  const report = await run(plan, desired, fake);

  const outcome = Object.fromEntries(report.results.map((r) => [r.key, [r.outcome, r.skipped_because ?? r.error ?? null]]));
  assert.equal(outcome, {
    'uri:a': ['failed', 'uri is not a valid SIP URI'],
    'uri:b': ['done', null],
    'credential:office': ['done', null],
    'trunk:ta': ['skipped', 'uri:a'],
    'trunk:tb': ['done', null],
    'endpoint:alice': ['skipped', 'uri:a'],
  });
  assert.equal(report.summary, { done: 3, failed: 1, skipped: 2, 'not-started': 0 });
  assert.is(fake.count('create', 'trunk', 'ta'), 0);
  assert.is(report.interrupted, false);
});

applyPlanSuite('an exception that is not an API error fails only its own change', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create', kind: 'uri', identity: 'a' }, { type: 'error', make: () => new TypeError('cannot read x') });
  // trunk:ghost names a URI that neither the account nor the run has.
  const desired = desiredOf(uri('a'), uri('b'), trunk('ghost', { primary_uri: 'nowhere' }));
  const plan = planOf(change('create', 'uri', 'a'), change('create', 'uri', 'b'), change('create', 'trunk', 'ghost'));
  const report = await run(plan, desired, fake);

  assert.equal(
    report.results.map((r) => [r.key, r.outcome, r.error ?? null]),
    [
      ['uri:a', 'failed', 'cannot read x'],
      ['uri:b', 'done', null],
      ['trunk:ghost', 'failed', 'uri "nowhere" does not exist in the account'],
    ],
  );
});

applyPlanSuite('a change whose manifest entry is missing fails without calling the API', async () => {
  const fake = new FakeApi();
  const report = await run(planOf(change('create', 'uri', 'gone')), desiredOf(), fake);
  assert.is(report.results[0].outcome, 'failed');
  assert.is(report.results[0].error, 'uri "gone" is not in the manifest');
  assert.is(fake.calls.length, 0);
});

applyPlanSuite('lost response on a performed create: adopted, never duplicated, and its id used downstream', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create', kind: 'uri', identity: 'a' }, lostPerformed);
  const desired = desiredOf(uri('a'), trunk('t', { primary_uri: 'a' }));
  const plan = planOf(change('create', 'uri', 'a'), change('create', 'trunk', 't', { deps: ['uri:a'] }));
  const report = await run(plan, desired, fake);

  const [a] = fake.find('uri', 'a');
  assert.equal(fake.find('uri', 'a').length, 1);
  assert.is(fake.count('create', 'uri', 'a'), 1);
  assert.is(fake.count('update', 'uri'), 0, 'nothing differs, so no follow-up update');
  assert.equal(report.results[0], { key: 'uri:a', action: 'create', kind: 'uri', name: 'a', outcome: 'done', id: a.id, adopted: true });
  assert.is(fake.find('trunk', 't')[0].primary_uri_id, a.id);
});

applyPlanSuite('an adopted object that differs from the manifest is updated so the run converges', async () => {
  const fake = new FakeApi();
  const desired = desiredOf(uri('a'), endpoint('alice'));
  const before = fake.snapshot();
  // Someone made these between our read and our create; our own create is then lost before reaching the server.
  fake.seed({ ...liveUri('u-9', 'a'), uri: 'elsewhere.example.com' });
  fake.seed({ kind: 'endpoint', id: 'e-9', username: 'alice261123120000', alias: 'alice-desk', password_md5: '0'.repeat(32), app_id: null });
  fake.inject({ method: 'create', kind: 'uri' }, lostDropped);
  fake.inject({ method: 'create', kind: 'endpoint' }, lostDropped);
  const plan = planOf(change('create', 'uri', 'a'), change('create', 'endpoint', 'alice'));
  const report = await applyPlan(plan, desired, before, fake, { concurrency: 2 });

  assert.equal(report.results.map((r) => [r.outcome, r.id, r.adopted]), [
    ['done', 'u-9', true],
    ['done', 'e-9', true],
  ]);
  assert.equal(fake.calls.filter((c) => c.method === 'update').map((c) => [c.kind, c.changed]), [
    ['uri', ['uri']],
    ['endpoint', ['password']],
  ]);
  assert.is(fake.find('uri', 'a')[0].uri, 'a.example.com:5060');
  assert.is(fake.state.uri.length + fake.state.endpoint.length, 2);
});

applyPlanSuite('lost response on a create that was not performed: looked up, then created exactly once', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create', kind: 'endpoint', identity: 'alice' }, lostDropped);
  const report = await run(planOf(change('create', 'endpoint', 'alice')), desiredOf(endpoint('alice')), fake);

  assert.is(report.results[0].outcome, 'done');
  assert.is(report.results[0].adopted, undefined);
  assert.equal(fake.calls.map((c) => `${c.method} ${c.result}`), ['create error', 'list ok', 'create ok']);
  assert.is(fake.state.endpoint.length, 1);
  assert.is(report.results[0].id, fake.state.endpoint[0].id);
});

applyPlanSuite('an endpoint is looked up by its username plus exactly 12 digits, not by prefix', async () => {
  const fake = new FakeApi();
  const before = fake.snapshot();
  // "alice2" + 12 digits and "alice" + 11 digits are other endpoints, not alice.
  fake.seed({ kind: 'endpoint', id: 'e-1', username: 'alice2261123120000', alias: 'x', app_id: null });
  fake.seed({ kind: 'endpoint', id: 'e-2', username: 'alice26112312000', alias: 'x', app_id: null });
  fake.inject({ method: 'create', kind: 'endpoint' }, lostDropped);
  const report = await applyPlan(planOf(change('create', 'endpoint', 'alice')), desiredOf(endpoint('alice')), before, fake, {
    concurrency: 1,
  });
  assert.is(report.results[0].outcome, 'done');
  assert.is(report.results[0].adopted, undefined);
  assert.is(fake.count('create'), 2);
});

applyPlanSuite('a failed lookup after a lost response fails the change and never creates again', async () => {
  for (const lost of [lostPerformed, lostDropped]) {
    const fake = new FakeApi();
    fake.inject({ method: 'create', kind: 'uri' }, lost);
    fake.inject({ method: 'list', kind: 'uri' }, apiError('service unavailable'));
    const desired = desiredOf(uri('a'), trunk('t', { primary_uri: 'a' }));
    const plan = planOf(change('create', 'uri', 'a'), change('create', 'trunk', 't', { deps: ['uri:a'] }));
    const report = await run(plan, desired, fake);

    assert.is(report.results[0].outcome, 'failed');
    assert.match(report.results[0].error ?? '', /looking it up failed too \(service unavailable\), so it was not created again/);
    assert.is(report.results[1].outcome, 'skipped');
    assert.is(fake.count('create', 'uri'), 1);
    assert.is(fake.state.uri.length, lost.performed ? 1 : 0);
  }
});

applyPlanSuite('repeated lost responses stop after maxCreateAttempts', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create' }, lostDropped, Infinity);
  const report = await run(planOf(change('create', 'uri', 'a')), desiredOf(uri('a')), fake, { maxCreateAttempts: 4 });

  assert.is(report.results[0].outcome, 'failed');
  assert.match(report.results[0].error ?? '', /not confirmed after 4 attempts/);
  assert.is(fake.count('create'), 4);
  assert.is(fake.count('list'), 4);
  assert.is(fake.state.uri.length, 0);
});

applyPlanSuite('two objects found after a lost response: fails naming both ids, creates nothing', async () => {
  const fake = new FakeApi();
  const before = fake.snapshot();
  fake.seed(liveUri('u-1', 'a'));
  fake.seed(liveUri('u-2', 'a'));
  fake.inject({ method: 'create' }, lostDropped);
  const report = await applyPlan(planOf(change('create', 'uri', 'a')), desiredOf(uri('a')), before, fake, { concurrency: 1 });

  assert.is(report.results[0].outcome, 'failed');
  assert.match(report.results[0].error ?? '', /2 uris named "a" exist \(ids u-1, u-2\)/);
  assert.is(fake.count('create'), 1);
  assert.is(fake.state.uri.length, 2);
});

applyPlanSuite('interruption: in-flight changes finish, nothing new starts, the rest is not-started', async () => {
  const fake = new FakeApi();
  const aborted = gate();
  const controller = new AbortController();
  // Both first creates are held until the abort, so exactly they are in flight when it happens.
  fake.hold = () => aborted.wait;
  const eps = Array.from({ length: 8 }, (_, i) => endpoint(`user${i}`));
  let starts = 0;
  const onEvent = (e: ApplyEvent) => {
    if (e.type === 'start' && ++starts === 2) {
      controller.abort();
      aborted.open();
    }
  };
  const plan = planOf(...eps.map((e) => change('create', 'endpoint', e.username)));
  const report = await run(plan, desiredOf(...eps), fake, { concurrency: 2, signal: controller.signal, onEvent });

  assert.is(report.interrupted, true);
  assert.equal(report.summary, { done: 2, failed: 0, skipped: 0, 'not-started': 6 });
  assert.equal(report.results.slice(0, 2).map((r) => r.outcome), ['done', 'done']);
  assert.is(fake.state.endpoint.length, 2);
  assert.is(starts, 2);
});

applyPlanSuite('an already aborted signal starts nothing', async () => {
  const fake = new FakeApi();
  const controller = new AbortController();
  controller.abort();
  const report = await run(planOf(change('create', 'uri', 'a')), desiredOf(uri('a')), fake, { signal: controller.signal });
  assert.is(report.interrupted, true);
  assert.is(report.results[0].outcome, 'not-started');
  assert.is(fake.calls.length, 0);
});

applyPlanSuite('an authentication failure stops the run: the rest is not-started and the report says why', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create', kind: 'uri', identity: 'b' }, { type: 'error', make: () => new AuthError('POST', 'Zentrunk/URI/') });
  const desired = desiredOf(uri('a'), uri('b'), uri('c'), trunk('t', { primary_uri: 'b' }));
  const plan = planOf(
    change('create', 'uri', 'a'),
    change('create', 'uri', 'b'),
    change('create', 'uri', 'c'),
    change('create', 'trunk', 't', { deps: ['uri:b'] }),
  );
  const report = await run(plan, desired, fake, { concurrency: 1 });

  assert.equal(report.results.map((r) => r.outcome), ['done', 'failed', 'not-started', 'not-started']);
  assert.equal(report.stopped, {
    reason: 'auth',
    message: 'authentication failed (401): the auth id or token is wrong',
    hint: 'Check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN (Console → API Keys).',
  });
  assert.is(report.interrupted, false);
  assert.is(fake.count('create', 'uri', 'c'), 0);
});

applyPlanSuite('an authentication failure while reading a trunk back keeps the trunk done but stops the run', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'get' }, { type: 'error', make: () => new AuthError('GET', 'Zentrunk/Trunk/') });
  const desired = desiredOf(trunk('t'), uri('later'));
  const plan = planOf(change('create', 'trunk', 't'), change('create', 'uri', 'later'));
  const report = await run(plan, desired, fake, { concurrency: 1 });

  assert.equal(report.results.map((r) => r.outcome), ['done', 'not-started']);
  assert.match(report.results[0].notes?.[0] ?? '', /^could not read the trunk back for its domain: authentication failed/);
  assert.is(report.stopped?.reason, 'auth');
  assert.is(fake.state.uri.length, 0);
});

applyPlanSuite('reads a created or updated trunk back for its domain; a failed read is a note', async () => {
  const fake = new FakeApi();
  const u = fake.seed(liveUri('u-1', 'a'));
  fake.seed(liveTrunk('t-1', 'old', { primary_uri_id: u.id }));
  fake.inject({ method: 'get', kind: 'trunk', identity: 'old' }, apiError('temporarily unavailable'));
  const desired = desiredOf(uri('a'), trunk('new', { primary_uri: 'a' }), trunk('old', { primary_uri: 'a', secure: true }));
  const plan = planOf(change('create', 'trunk', 'new'), change('update', 'trunk', 'old', { id: 't-1', changed: ['secure'] }));
  const report = await run(plan, desired, fake);

  const created = fake.find('trunk', 'new')[0];
  assert.is(report.results[0].trunk_domain, `${created.id}.zt.plivo.com`);
  assert.is(report.results[1].outcome, 'done');
  assert.is(report.results[1].trunk_domain, undefined);
  assert.equal(report.results[1].notes, ['could not read the trunk back for its domain: temporarily unavailable']);
});

applyPlanSuite('deletes by the planned id and forgets it', async () => {
  const fake = new FakeApi();
  fake.seed(liveUri('u-1', 'a'));
  const report = await run(planOf(change('delete', 'uri', 'a', { id: 'u-1' })), desiredOf(), fake);
  assert.equal(report.results[0], { key: 'uri:a', action: 'delete', kind: 'uri', name: 'a', outcome: 'done', id: 'u-1' });
  assert.is(fake.state.uri.length, 0);
});

applyPlanSuite('secret values never reach an error message', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create' }, apiError(`password ${URI_PASSWORD} is too weak`));
  const report = await run(planOf(change('create', 'uri', 'a')), desiredOf(uri('a')), fake);
  assert.is(report.results[0].error, 'password (sensitive) is too weak');
});

applyPlanSuite('emits start before the end of each change, with running counts', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create', identity: 'a' }, apiError('bad'));
  const events: string[] = [];
  const desired = desiredOf(uri('a'), trunk('t', { primary_uri: 'a' }));
  const plan = planOf(change('create', 'uri', 'a'), change('create', 'trunk', 't', { deps: ['uri:a'] }));
  await run(plan, desired, fake, {
    onEvent: (e) => events.push(`${e.type} ${e.key} ${e.counts.finished}/${e.counts.total} running=${e.counts.running}`),
  });
  assert.equal(events, ['start uri:a 0/2 running=1', 'failed uri:a 1/2 running=0', 'skipped trunk:t 2/2 running=0']);
});

applyPlanSuite('refuses a plan that carries refusals, or whose dependencies cannot be met, before any call', async () => {
  const fake = new FakeApi();
  const refused = planOf(change('delete', 'uri', 'a', { id: 'u-1' }));
  refused.refusals.push({ code: 'in-use', message: 'uri a is used by trunk t', objects: [], hint: 'delete t too', overridable: false });
  assert.instance(await failureOf(run(refused, desiredOf(), fake)), RefusedError);
  const dangling = planOf(change('create', 'trunk', 't', { deps: ['uri:nowhere'] }));
  assert.instance(await failureOf(run(dangling, desiredOf(trunk('t')), fake)), RefusedError);
  assert.is(fake.calls.length, 0);
});

applyPlanSuite('an empty plan is an empty report', async () => {
  const report = await run(planOf(), desiredOf(), new FakeApi());
  assert.equal(report, { results: [], summary: { done: 0, failed: 0, skipped: 0, 'not-started': 0 }, interrupted: false });
});

applyPlanSuite.run();
