// Plans for renderer tests: one computed from a realistic manifest and account, and small hand-made ones.
import { planChanges } from '../../src/plan/index.js';
import type { Change, Plan } from '../../src/plan/types.js';
import {
  SUFFIX,
  desiredOf,
  endpoint,
  ipacl,
  liveEndpoint,
  liveIpacl,
  liveOf,
  liveTrunk,
  liveUri,
  prune,
  secret,
  trunk,
  uri,
} from '../plan/builders.js';

/** One create, three updates (a list diff, references, an endpoint), two deletes, a refusal, a warning. */
export function samplePlan(): Plan {
  const desired = desiredOf(
    uri('primary-pbx', { uri: 'sip.example.com', authentication_needed: true, username: 'plivo_inbound', password: secret('x!12345') }),
    ipacl('office', ['10.0.0.1', '10.0.0.3']),
    trunk('inbound-main', { primary_uri: 'primary-pbx', secure: true }),
    endpoint('alice', { alias: 'Alice' }),
  );
  const live = liveOf(
    liveUri('f19c4773', 'old-pbx'),
    liveIpacl('90b6eb07', 'office', ['10.0.0.2', '10.0.0.1']),
    liveTrunk('42741122632602585', 'inbound-main', { primary_uri_id: 'f19c4773' }),
    liveTrunk('31784177241575', 'legacy', { primary_uri_id: 'f19c4773' }),
    liveEndpoint('32866729519064', `alice${SUFFIX}`, { password_md5: undefined }),
    liveEndpoint('17551316589618', `bob${SUFFIX}`),
  );
  return planChanges(desired, live, prune('uri', 'endpoint'));
}

export function emptyPlan(): Plan {
  return { changes: [], unmanaged: [], refusals: [], warnings: [], summary: { create: 0, update: 0, delete: 0 } };
}

/** `n` endpoint creates, for size limits. */
export function manyCreates(n: number): Plan {
  const changes: Change[] = Array.from({ length: n }, (_, i) => {
    const name = `user${String(i).padStart(5, '0')}`;
    return {
      key: `endpoint:${name}`,
      action: 'create',
      kind: 'endpoint',
      name,
      id: null,
      before: null,
      after: { username: name, alias: name, password: '(sensitive)' },
      changed: ['username', 'alias', 'password'],
      depends_on: [],
      notes: [],
    };
  });
  return { ...emptyPlan(), changes, summary: { create: n, update: 0, delete: 0 } };
}
