// planChanges as a whole: summary, determinism under shuffled input, and convergence (applying exactly the
// changed fields of a plan, then planning again, gives no changes) over random desired and live states.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { KINDS, desiredIdentity, emptyLiveState } from '../../src/model.js';
import type { Desired, DesiredState, Kind, Live, LiveState } from '../../src/model.js';
import { indexLive, matchIdentity, nameOfId } from '../../src/plan/identity.js';
import { planChanges } from '../../src/plan/index.js';
import { md5Hex } from '../../src/plan/secrets.js';
import type { Plan, PlanOptions } from '../../src/plan/types.js';
import { REFS, TRUNK_REFS } from '../../src/plan/order.js';
import { viewDesired, viewLive } from '../../src/plan/view.js';
import {
  SUFFIX,
  credential,
  desiredOf,
  endpoint,
  ipacl,
  liveCredential,
  liveEndpoint,
  liveIpacl,
  liveNumber,
  liveOf,
  liveTrunk,
  liveUri,
  number,
  options,
  secret,
  trunk,
  uri,
} from './builders.js';

const NAMES = ['a', 'b', 'c', 'd'];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];
/** Every live account holds these numbers (a manifest naming another would be refused, not planned). */
const NUMBERS = ['14155550001', '14155550002', '14155550003'];

const optionalName = fc.option(fc.constantFrom(...NAMES), { nil: null });

/** A valid desired state: unique names per kind, trunk references only to names in the manifest. */
const desiredArb: fc.Arbitrary<DesiredState> = fc
  .record({
    uris: fc.uniqueArray(fc.constantFrom(...NAMES)),
    creds: fc.uniqueArray(fc.constantFrom(...NAMES)),
    acls: fc.uniqueArray(fc.constantFrom(...NAMES)),
    trunks: fc.uniqueArray(fc.constantFrom(...NAMES)),
    eps: fc.uniqueArray(fc.constantFrom(...NAMES)),
    nums: fc.uniqueArray(fc.constantFrom(...NUMBERS)),
    seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
  })
  .map(({ uris, creds, acls, trunks, eps, nums, seed }) => {
    let i = 0;
    const pick = <T>(xs: readonly T[]): T => xs[seed[i++ % seed.length] % xs.length];
    const ref = (names: string[]) => (names.length > 0 && pick([true, false]) ? pick(names) : null);
    return desiredOf(
      ...uris.map((n) =>
        pick([true, false])
          ? uri(n, { uri: pick(['x.example.com', `${n}.example.com`]) })
          : uri(n, { authentication_needed: true, username: pick(['u1', 'u2']), password: secret('pw!123') }),
      ),
      ...creds.map((n) => credential(n, { username: pick(['user1', 'user2']) })),
      ...acls.map((n) => ipacl(n, [pick(IPS), pick(IPS)])),
      ...trunks.map((n) =>
        trunk(n, {
          secure: pick([true, false]),
          trunk_status: pick(['enabled', 'disabled'] as const),
          primary_uri: ref(uris),
          fallback_uri: ref(uris),
          ipacl: ref(acls),
          credential: ref(creds),
        }),
      ),
      ...eps.map((n) => endpoint(n, { alias: pick([n, 'Other']), app_id: pick([undefined, null, '77']) })),
      ...(trunks.length > 0 ? nums.map((n) => number(n, pick(trunks))) : []),
    );
  });

const liveArb: fc.Arbitrary<LiveState> = fc
  .record({
    counts: fc.array(fc.nat({ max: 4 }), { minLength: 5, maxLength: 5 }),
    seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
  })
  .map(({ counts, seed }) => {
    let i = 0;
    const pick = <T>(xs: readonly T[]): T => xs[seed[i++ % seed.length] % xs.length];
    const ids = (kind: Kind) => Array.from({ length: counts[KINDS.indexOf(kind)] }, (_, n) => `${kind}${n}`);
    const refTo = (kind: Kind) => pick([null, 'ghost', ...ids(kind)]);
    return liveOf(
      ...ids('uri').map((id) => liveUri(id, pick([null, ...NAMES]), { uri: pick(['x.example.com', 'y.example.com']) })),
      ...ids('credential').map((id) => liveCredential(id, pick([null, ...NAMES]), { username: pick(['user1', 'user2']) })),
      ...ids('ipacl').map((id) => liveIpacl(id, pick([null, ...NAMES]), [pick(IPS)])),
      ...ids('trunk').map((id) =>
        liveTrunk(id, pick([null, ...NAMES]), {
          secure: pick([true, false]),
          primary_uri_id: refTo('uri'),
          fallback_uri_id: refTo('uri'),
          ipacl_id: refTo('ipacl'),
          credential_id: refTo('credential'),
        }),
      ),
      ...ids('endpoint').map((id) =>
        liveEndpoint(id, `${pick(NAMES)}${pick([SUFFIX, SUFFIX.slice(1)])}`, {
          alias: pick(['a', 'Other']),
          app_id: pick([null, '77']),
          password_md5: pick([undefined, md5Hex('pw-a'), md5Hex('old')]),
        }),
      ),
      ...NUMBERS.map((n) => {
        const trunkId = refTo('trunk');
        return liveNumber(n, trunkId, { application: trunkId === null ? pick([null, '/v1/Account/MA1/Application/77/']) : null });
      }),
    );
  });

const optionsArb: fc.Arbitrary<PlanOptions> = fc
  .subarray([...KINDS])
  .map((kinds) => options({ prune: kinds, force: true }));

/** A permutation driven by a seed, so shuffles are reproducible from fast-check's counterexample. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function shuffleDesired(d: DesiredState, seed: number): DesiredState {
  const out = { ...d };
  for (const k of KINDS) (out[k] as Desired[]) = shuffle(d[k] as Desired[], seed + KINDS.indexOf(k));
  return out;
}

function shuffleLive(l: LiveState, seed: number): LiveState {
  const out = emptyLiveState();
  for (const k of KINDS) (out[k] as Live[]) = shuffle(l[k] as Live[], seed + KINDS.indexOf(k));
  return out;
}

/**
 * What apply would leave behind: deletes remove, creates add the full object, updates write ONLY the fields in
 * `changed` (so a field the planner forgot to report stays different and the next plan shows it).
 */
function simulateApply(plan: Plan, desired: DesiredState, live: LiveState): LiveState {
  const next = structuredClone(live);
  let created = 0;
  const entry = (kind: Kind, name: string) => (desired[kind] as Desired[]).find((d) => desiredIdentity(d) === name) as Desired;
  const idOf = (kind: Kind, name: string | null) =>
    name === null ? null : ((next[kind] as Live[]).find((l) => matchIdentity(l) === name) as Live).id;
  for (const c of plan.changes) {
    const list = next[c.kind] as Live[];
    if (c.action === 'delete') {
      (next[c.kind] as Live[]) = list.filter((l) => l.id !== c.id);
      continue;
    }
    const d = entry(c.kind, c.name) as Desired & Record<string, unknown>;
    let target: Record<string, unknown>;
    if (c.action === 'create') {
      const id = `new${created++}`;
      target = c.kind === 'endpoint' ? { kind: 'endpoint', id, username: `${c.name}${SUFFIX}`, app_id: null } : { kind: c.kind, id, name: c.name };
      list.push(target as unknown as Live);
    } else {
      target = list.find((l) => l.id === c.id) as unknown as Record<string, unknown>;
    }
    for (const field of c.changed) {
      const ref = REFS[c.kind].find((r) => r.field === field);
      if (ref) target[`${field}_id`] = idOf(ref.target, d[field] as string | null);
      if (ref && c.kind === 'number') target.application = null;
      else if (field === 'password') {
        if (c.kind === 'endpoint') target.password_md5 = md5Hex((d.password as { value: string }).value);
      } else if (field !== 'name' && !(c.kind === 'endpoint' && field === 'username')) target[field] = d[field];
    }
    if (c.action === 'create' && c.kind === 'trunk') {
      for (const r of TRUNK_REFS) target[`${r.field}_id`] ??= null;
    }
    if (c.action === 'create' && c.kind === 'uri') target.username ??= null;
  }
  return next;
}

const whole = suite('planChanges');

whole('summary counts the changes by action', () => {
  const p = planChanges(
    desiredOf(uri('new1'), uri('new2'), uri('pbx', { uri: 'moved.example.com' })),
    liveOf(liveUri('u1', 'pbx'), liveUri('u2', 'gone')),
    options({ prune: ['uri'] }),
  );
  assert.equal(p.summary, { create: 2, update: 1, delete: 1 });
});

whole('an empty manifest against an empty account plans nothing', () => {
  assert.equal(planChanges(desiredOf(), liveOf(), options()), {
    changes: [],
    unmanaged: [],
    refusals: [],
    warnings: [],
    summary: { create: 0, update: 0, delete: 0 },
  });
});

whole('does not modify its inputs', () => {
  fc.assert(
    fc.property(desiredArb, liveArb, optionsArb, (desired, live, opts) => {
      const before = JSON.stringify([desired, live, opts]);
      planChanges(desired, live, opts);
      assert.is(JSON.stringify([desired, live, opts]), before);
    }),
  );
});

whole('the same input gives the same plan, whatever the order of objects in it', () => {
  fc.assert(
    fc.property(desiredArb, liveArb, optionsArb, fc.nat(), (desired, live, opts, seed) => {
      const plan = planChanges(desired, live, opts);
      assert.equal(planChanges(desired, live, opts), plan);
      assert.equal(planChanges(shuffleDesired(desired, seed), shuffleLive(live, seed), opts), plan);
    }),
    { numRuns: 300 },
  );
});

whole('applying exactly the changed fields converges: the next plan has no changes', () => {
  let converged = 0;
  fc.assert(
    fc.property(desiredArb, liveArb, optionsArb, (desired, live, opts) => {
      const plan = planChanges(desired, live, opts);
      if (plan.refusals.length > 0) return;
      converged++;
      const after = simulateApply(plan, desired, live);
      const again = planChanges(desired, after, opts);
      assert.equal(again.changes, []);
      assert.equal(again.refusals, []);
      // Independently of the diff: every entry now has a live object that looks like it (secrets aside).
      const index = indexLive(after);
      for (const kind of KINDS) {
        for (const d of desired[kind] as Desired[]) {
          const [l, ...more] = index[kind].byIdentity.get(desiredIdentity(d)) ?? [];
          assert.equal(more, []);
          const { password: _a, ...want } = viewDesired(d);
          const { password: _b, ...got } = viewLive(l, d, (k, id) => nameOfId(index, k, id));
          assert.equal(got, want);
        }
      }
    }),
    { numRuns: 400 },
  );
  assert.ok(converged > 50, `only ${converged} random plans were free of refusals`);
});

whole.run();
