// Builders for apply's tests: manifest entries, live objects and plan changes with defaults filled in.
import {
  changeKey,
  type Action,
  type Change,
  type Plan,
} from '../../src/plan/types.js';
import {
  emptyDesiredState,
  type Desired,
  type DesiredCredential,
  type DesiredEndpoint,
  type DesiredIpacl,
  type DesiredNumber,
  type DesiredState,
  type DesiredUri,
  type Kind,
  type LiveNumber,
  type LiveTrunk,
  type LiveUri,
} from '../../src/model.js';

export const URI_PASSWORD = 'uri-Secret#1';
export const CREDENTIAL_PASSWORD = 'cred-Secret#2';
export const ENDPOINT_PASSWORD = 'ep-Secret#3';

export function uri(name: string, over: Partial<DesiredUri> = {}): DesiredUri {
  return {
    kind: 'uri',
    name,
    uri: `${name}.example.com:5060`,
    authentication_needed: true,
    username: 'plivo_in',
    password: { ref: 'PBX_PASSWORD', value: URI_PASSWORD },
    protect: false,
    ...over,
  };
}

export function credential(name: string, over: Partial<DesiredCredential> = {}): DesiredCredential {
  return { kind: 'credential', name, username: 'officeuser', password: { ref: 'OFFICE', value: CREDENTIAL_PASSWORD }, protect: false, ...over };
}

export function ipacl(name: string, over: Partial<DesiredIpacl> = {}): DesiredIpacl {
  return { kind: 'ipacl', name, ip_addresses: ['203.0.113.10', '198.51.100.0/24'], protect: false, ...over };
}

// A trunk needs no apply-specific defaults: the planner tests' builder serves both.
export { trunk } from '../plan/builders.js';

export function endpoint(username: string, over: Partial<DesiredEndpoint> = {}): DesiredEndpoint {
  return { kind: 'endpoint', username, alias: `${username}-desk`, password: { ref: 'EP', value: ENDPOINT_PASSWORD }, protect: false, ...over };
}

export function number(digits: string, trunkName: string): DesiredNumber {
  return { kind: 'number', number: digits, trunk: trunkName, protect: false };
}

export function desiredOf(...objs: Desired[]): DesiredState {
  const state = emptyDesiredState();
  for (const o of objs) (state[o.kind] as Desired[]).push(o);
  state.declared = [...new Set(objs.map((o) => o.kind))];
  return state;
}

export function liveUri(id: string, name: string): LiveUri {
  return { kind: 'uri', id, name, uri: `${name}.example.com:5060`, authentication_needed: true, username: 'plivo_in' };
}

export function liveTrunk(id: string, name: string, over: Partial<LiveTrunk> = {}): LiveTrunk {
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
    ...over,
  };
}

/** A number in the account (numbers are bought, never created), routed to the trunk `trunk_id` or to none. */
export function liveNumber(digits: string, trunk_id: string | null = null): LiveNumber {
  return { kind: 'number', id: digits, number: digits, trunk_id, application: null };
}

export interface ChangeOptions {
  id?: string | null;
  deps?: string[];
  changed?: string[];
}

export function change(action: Action, kind: Kind, name: string, opts: ChangeOptions = {}): Change {
  return {
    key: changeKey(kind, name),
    action,
    kind,
    name,
    id: opts.id ?? null,
    before: null,
    after: null,
    changed: opts.changed ?? [],
    depends_on: opts.deps ?? [],
    notes: [],
  };
}

export function planOf(...changes: Change[]): Plan {
  const count = (a: Action) => changes.filter((c) => c.action === a).length;
  return {
    changes,
    unmanaged: [],
    refusals: [],
    warnings: [],
    summary: { create: count('create'), update: count('update'), delete: count('delete') },
  };
}
