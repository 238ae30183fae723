// Small builders for planner fixtures: desired and live objects with sensible defaults, states made of them,
// plan options, and a one-line-per-change description that tests compare as text.
import { KINDS, emptyDesiredState, emptyLiveState } from '../../src/model.js';
import type {
  Desired,
  DesiredCredential,
  DesiredEndpoint,
  DesiredIpacl,
  DesiredNumber,
  DesiredState,
  DesiredTrunk,
  DesiredUri,
  Kind,
  Live,
  LiveCredential,
  LiveEndpoint,
  LiveIpacl,
  LiveNumber,
  LiveState,
  LiveTrunk,
  LiveUri,
} from '../../src/model.js';
import { md5Hex } from '../../src/plan/secrets.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/types.js';
import type { Plan, PlanOptions } from '../../src/plan/types.js';

/** A 12-digit suffix as Plivo appends it. */
export const SUFFIX = '261123120000';

export function secret(value: string, ref: string | null = null) {
  return { ref, value };
}

export function uri(name: string, over: Partial<DesiredUri> = {}): DesiredUri {
  return {
    kind: 'uri',
    name,
    uri: `${name}.example.com`,
    authentication_needed: false,
    username: null,
    password: null,
    protect: false,
    ...over,
  };
}

export function credential(name: string, over: Partial<DesiredCredential> = {}): DesiredCredential {
  return { kind: 'credential', name, username: `${name}user`, password: secret(`pw-${name}!`), protect: false, ...over };
}

export function ipacl(name: string, ip_addresses: string[] = ['10.0.0.1'], over: Partial<DesiredIpacl> = {}): DesiredIpacl {
  return { kind: 'ipacl', name, ip_addresses, protect: false, ...over };
}

export function trunk(name: string, over: Partial<DesiredTrunk> = {}): DesiredTrunk {
  return {
    kind: 'trunk',
    name,
    trunk_direction: 'inbound',
    trunk_status: 'enabled',
    secure: false,
    primary_uri: null,
    fallback_uri: null,
    ipacl: null,
    credential: null,
    protect: false,
    ...over,
  };
}

export function endpoint(username: string, over: Partial<DesiredEndpoint> = {}): DesiredEndpoint {
  return { kind: 'endpoint', username, alias: username, password: secret(`pw-${username}`), protect: false, ...over };
}

export function number(digits: string, trunkName: string, over: Partial<DesiredNumber> = {}): DesiredNumber {
  return { kind: 'number', number: digits, trunk: trunkName, protect: false, ...over };
}

export function liveUri(id: string, name: string | null, over: Partial<LiveUri> = {}): LiveUri {
  return {
    kind: 'uri',
    id,
    name,
    uri: `${name}.example.com`,
    authentication_needed: false,
    username: null,
    ...over,
  };
}

export function liveCredential(id: string, name: string | null, over: Partial<LiveCredential> = {}): LiveCredential {
  return { kind: 'credential', id, name, username: `${name}user`, ...over };
}

export function liveIpacl(id: string, name: string | null, ip_addresses: string[] = ['10.0.0.1'], over: Partial<LiveIpacl> = {}): LiveIpacl {
  return { kind: 'ipacl', id, name, ip_addresses, ...over };
}

export function liveTrunk(id: string, name: string | null, over: Partial<LiveTrunk> = {}): LiveTrunk {
  return {
    kind: 'trunk',
    id,
    name,
    trunk_direction: 'inbound',
    trunk_status: 'enabled',
    secure: false,
    primary_uri_id: null,
    fallback_uri_id: null,
    ipacl_id: null,
    credential_id: null,
    trunk_domain: `${id}.zt.plivo.com`,
    ...over,
  };
}

/** A live endpoint as `endpoint(username)` would create it: suffix appended, MD5 of the default password. */
export function liveEndpoint(id: string, username: string, over: Partial<LiveEndpoint> = {}): LiveEndpoint {
  const base = username.replace(/[0-9]{12}$/, '');
  return {
    kind: 'endpoint',
    id,
    username,
    alias: base,
    password_md5: md5Hex(`pw-${base}`),
    app_id: null,
    sip_uri: `sip:${username}@phone.plivo.com`,
    ...over,
  };
}

/** A number in the account, routed to the trunk `trunk_id` (null: to none; `application` for anything else). */
export function liveNumber(digits: string, trunk_id: string | null, over: Partial<LiveNumber> = {}): LiveNumber {
  return { kind: 'number', id: digits, number: digits, trunk_id, application: null, ...over };
}

export function desiredOf(...objects: Desired[]): DesiredState {
  const state = emptyDesiredState();
  for (const o of objects) (state[o.kind] as Desired[]).push(o);
  state.declared = KINDS.filter((k) => state[k].length > 0);
  return state;
}

export function liveOf(...objects: Live[]): LiveState {
  const state = emptyLiveState();
  for (const o of objects) (state[o.kind] as Live[]).push(o);
  return state;
}

export function options(over: Partial<PlanOptions> = {}): PlanOptions {
  return { ...DEFAULT_PLAN_OPTIONS, ...over };
}

export function prune(...kinds: Kind[]): PlanOptions {
  return options({ prune: kinds });
}

/**
 * One line per change, in plan order: `~ trunk main (42): primary_uri [after uri:pbx]`. Tests compare
 * these as text, which reads like the plan itself.
 */
export function changeLines(plan: Plan): string[] {
  return plan.changes.map((c) => {
    const symbol = c.action === 'create' ? '+' : c.action === 'update' ? '~' : '-';
    const id = c.id === null ? '' : ` (${c.id})`;
    const fields = c.action === 'update' ? `: ${c.changed.join(', ')}` : '';
    const after = c.depends_on.length > 0 ? ` [after ${c.depends_on.join(', ')}]` : '';
    return `${symbol} ${c.kind} ${c.name}${id}${fields}${after}`;
  });
}

/** `code: kind name (id), …` per refusal. */
export function refusalLines(plan: Plan): string[] {
  return plan.refusals.map((r) => `${r.code}: ${r.objects.map((o) => `${o.kind} ${o.name} (${o.id})`).join(', ')}`);
}
