// Live-state builders for the export tests: single objects with defaults, and whole accounts of any size.
import type { LiveCredential, LiveEndpoint, LiveIpacl, LiveNumber, LiveState, LiveTrunk, LiveUri } from '../../src/model.js';

export function uri(id: string, name: string | null, extra: Partial<LiveUri> = {}): LiveUri {
  return { kind: 'uri', id, name, uri: `${id}.pbx.example.com:5060`, authentication_needed: false, username: null, ...extra };
}

export function credential(id: string, name: string | null, extra: Partial<LiveCredential> = {}): LiveCredential {
  return { kind: 'credential', id, name, username: `user${id}`, ...extra };
}

export function ipacl(id: string, name: string | null, extra: Partial<LiveIpacl> = {}): LiveIpacl {
  return { kind: 'ipacl', id, name, ip_addresses: ['203.0.113.10'], ...extra };
}

export function trunk(id: string, name: string | null, extra: Partial<LiveTrunk> = {}): LiveTrunk {
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
    ...extra,
  };
}

/** `base` is the username as written in a manifest; the live one carries a 12-digit suffix. */
export function endpoint(id: string, base: string, extra: Partial<LiveEndpoint> = {}): LiveEndpoint {
  return { kind: 'endpoint', id, username: `${base}261123120000`, alias: `${base}-desk`, app_id: null, ...extra };
}

/** A number routed to the trunk `trunk_id` (null: to none; set `application` for an Application link). */
export function number(digits: string, trunk_id: string | null, extra: Partial<LiveNumber> = {}): LiveNumber {
  return { kind: 'number', id: digits, number: digits, trunk_id, application: null, ...extra };
}

export function account(parts: Partial<LiveState>): LiveState {
  return { uri: [], credential: [], ipacl: [], trunk: [], endpoint: [], number: [], ...parts };
}

/**
 * An account with `n` objects of each kind, every field varied: inbound trunks (even i) use a primary and a
 * fallback uri, outbound ones an ACL and a credential; every fifth object of each kind has no name.
 */
export function largeAccount(n: number): LiveState {
  const pad = (i: number) => String(i).padStart(4, '0');
  const nameOr = (prefix: string, i: number) => (i % 5 === 4 ? null : `${prefix}-${pad(i)}`);
  const live = account({});
  for (let i = 0; i < n; i++) {
    live.uri.push(
      uri(`u${pad(i)}`, nameOr('prod-pbx', i), i % 2 === 0 ? { authentication_needed: true, username: `in${pad(i)}` } : {}),
    );
    live.credential.push(credential(`c${pad(i)}`, nameOr('prod-cred', i)));
    live.ipacl.push(ipacl(`a${pad(i)}`, nameOr('prod-acl', i), { ip_addresses: [`198.51.100.${i % 250}`, `10.${i % 250}.0.0/16`] }));
    live.trunk.push(
      trunk(
        `t${pad(i)}`,
        nameOr('prod-trunk', i),
        i % 2 === 0
          ? { primary_uri_id: `u${pad(i)}`, fallback_uri_id: `u${pad((i + 1) % n)}`, secure: i % 4 === 0 }
          : { trunk_direction: 'outbound', ipacl_id: `a${pad(i)}`, credential_id: `c${pad(i)}`, trunk_status: i % 3 === 0 ? 'disabled' : 'enabled' },
      ),
    );
    live.endpoint.push(endpoint(`e${pad(i)}`, `ep${pad(i)}`, i % 3 === 0 ? { app_id: `3340626740123${pad(i)}` } : {}));
  }
  return live;
}

/** A copy with every kind's list in a different order, chosen by `seed` (a small LCG: no Math.random). */
export function shuffled(live: LiveState, seed: number): LiveState {
  let s = seed >>> 0 || 1;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const shuffle = <T>(xs: T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  return {
    uri: shuffle(live.uri),
    credential: shuffle(live.credential),
    ipacl: shuffle(live.ipacl),
    trunk: shuffle(live.trunk),
    endpoint: shuffle(live.endpoint),
    number: shuffle(live.number),
  };
}
