// Synthetic accounts for the benchmarks: how many objects of each kind, their wire bodies for seeding the
// emulator, the manifest that describes them exactly, and the same objects as model states for the planner.
import { createHash } from 'node:crypto';
import { emptyDesiredState, emptyLiveState, type DesiredState, type Kind, type LiveState } from '../src/model.js';
import type { Emulator } from '../src/emulator/index.js';

/** The kinds a synthetic account holds: the ones every plan reads (phone numbers are read only on demand). */
export const ACCOUNT_KINDS = ['uri', 'credential', 'ipacl', 'trunk', 'endpoint'] as const satisfies readonly Kind[];
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export type Composition = Record<AccountKind, number>;

/** Passwords come from the environment, as a user's would; one value per kind keeps the manifest small. */
export const PASSWORD_ENV = {
  BENCH_CREDENTIAL_PASSWORD: 'bench#Cred1',
  BENCH_ENDPOINT_PASSWORD: 'bench-endpoint-pw',
} as const;

/** Parts per ten for uri, credential, ipacl, trunk, endpoint: a trunking account with endpoints as the bulk. */
const SHARES: Composition = { uri: 2, credential: 1, ipacl: 1, trunk: 2, endpoint: 4 };

/** Splits `total` across the kinds by SHARES; the endpoints take any remainder. */
export function composeAccount(total: number): Composition {
  const unit = Math.floor(total / 10);
  const c: Composition = { uri: unit * SHARES.uri, credential: unit * SHARES.credential, ipacl: unit * SHARES.ipacl, trunk: unit * SHARES.trunk, endpoint: 0 };
  c.endpoint = total - c.uri - c.credential - c.ipacl - c.trunk;
  return c;
}

/** Pages of 20 (the API's largest) needed to list every kind. */
export function countPages(c: Composition): number {
  return ACCOUNT_KINDS.reduce((n, k) => n + Math.max(1, Math.ceil(c[k] / 20)), 0);
}

/**
 * The empty pages the client reads after a kind whose count fills its last page exactly: only such a page can
 * show that total_count was understated by whole pages (src/plivo/paginate.ts).
 */
export function countProbePages(c: Composition): number {
  return ACCOUNT_KINDS.filter((k) => c[k] > 0 && c[k] % 20 === 0).length;
}

const pad = (i: number): string => String(i).padStart(6, '0');
const names = {
  uri: (i: number) => `pbx-${pad(i)}`,
  credential: (i: number) => `cred-${pad(i)}`,
  ipacl: (i: number) => `office-${pad(i)}`,
  trunk: (i: number) => `trunk-${pad(i)}`,
  endpoint: (i: number) => `bench${pad(i)}`,
};
const uriTarget = (i: number) => `pbx${pad(i)}.example.com`;
const credentialUser = (i: number) => `benchuser${pad(i)}`;
const ipAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Even trunks are inbound on a URI, odd ones outbound through an ACL and a credential. */
function trunkRefs(i: number, c: Composition): { inbound: boolean; uri: number; ipacl: number; credential: number } {
  return { inbound: i % 2 === 0, uri: i % Math.max(1, c.uri), ipacl: i % Math.max(1, c.ipacl), credential: i % Math.max(1, c.credential) };
}

/** The manifest text describing exactly the account seedAccount creates (so a plan against it is empty). */
export function renderManifest(c: Composition): string {
  const out: string[] = ['version: 1'];
  out.push('uris:');
  for (let i = 0; i < c.uri; i++) out.push(`  - name: ${names.uri(i)}`, `    uri: ${uriTarget(i)}`);
  out.push('credentials:');
  for (let i = 0; i < c.credential; i++) {
    out.push(`  - name: ${names.credential(i)}`, `    username: ${credentialUser(i)}`, '    password: ${BENCH_CREDENTIAL_PASSWORD}');
  }
  out.push('ipacls:');
  for (let i = 0; i < c.ipacl; i++) out.push(`  - name: ${names.ipacl(i)}`, `    ip_addresses: [${ipAddress(i)}]`);
  out.push('trunks:');
  for (let i = 0; i < c.trunk; i++) {
    const r = trunkRefs(i, c);
    out.push(`  - name: ${names.trunk(i)}`);
    if (r.inbound) out.push('    trunk_direction: inbound', `    primary_uri: ${names.uri(r.uri)}`);
    else out.push('    trunk_direction: outbound', `    ipacl: ${names.ipacl(r.ipacl)}`, `    credential: ${names.credential(r.credential)}`);
  }
  out.push('endpoints:');
  for (let i = 0; i < c.endpoint; i++) {
    out.push(`  - username: ${names.endpoint(i)}`, `    alias: ${names.endpoint(i)}`, '    password: ${BENCH_ENDPOINT_PASSWORD}');
  }
  return `${out.join('\n')}\n`;
}

/** Inserts the account renderManifest describes straight into the emulator store (no HTTP, no rate limit). */
export function seedAccount(emulator: Emulator, c: Composition): void {
  const ids = { uri: [] as string[], credential: [] as string[], ipacl: [] as string[] };
  for (let i = 0; i < c.uri; i++) ids.uri.push(emulator.seed('uri', { name: names.uri(i), uri: uriTarget(i) }).uri_uuid as string);
  for (let i = 0; i < c.credential; i++) {
    const body = { name: names.credential(i), username: credentialUser(i), password: PASSWORD_ENV.BENCH_CREDENTIAL_PASSWORD };
    ids.credential.push(emulator.seed('credential', body).credential_uuid as string);
  }
  for (let i = 0; i < c.ipacl; i++) {
    ids.ipacl.push(emulator.seed('ipacl', { name: names.ipacl(i), ip_addresses: [ipAddress(i)] }).ipacl_uuid as string);
  }
  for (let i = 0; i < c.trunk; i++) {
    const r = trunkRefs(i, c);
    const refs = r.inbound
      ? { trunk_direction: 'inbound', primary_uri_uuid: ids.uri[r.uri] }
      : { trunk_direction: 'outbound', ipacl_uuid: ids.ipacl[r.ipacl], credential_uuid: ids.credential[r.credential] };
    emulator.seed('trunk', { name: names.trunk(i), ...refs });
  }
  for (let i = 0; i < c.endpoint; i++) {
    emulator.seed('endpoint', { username: names.endpoint(i), alias: names.endpoint(i), password: PASSWORD_ENV.BENCH_ENDPOINT_PASSWORD });
  }
}

/**
 * Desired and live states of `total` objects for the pure planner: most identical, and per 100 objects one
 * update, one create and one unmanaged live object, so every path of the planner runs.
 */
export function buildPlannerStates(total: number): { desired: DesiredState; live: LiveState } {
  const c = composeAccount(total);
  const desired = emptyDesiredState();
  const live = emptyLiveState();
  desired.declared = [...ACCOUNT_KINDS];
  const id = (kind: AccountKind, i: number) => `${kind}-${String(i).padStart(18, '0')}`;
  const inLive = (i: number) => i % 100 !== 1; // every hundredth desired object is a create
  const drifted = (i: number) => i % 100 === 2; // and one an update
  const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
  const credentialSecret = { ref: 'BENCH_CREDENTIAL_PASSWORD', value: PASSWORD_ENV.BENCH_CREDENTIAL_PASSWORD };

  for (let i = 0; i < c.uri; i++) {
    const name = names.uri(i);
    desired.uri.push({ kind: 'uri', name, uri: uriTarget(i), authentication_needed: false, username: null, password: null, protect: false });
    if (inLive(i)) live.uri.push({ kind: 'uri', id: id('uri', i), name, uri: drifted(i) ? 'old.example.com' : uriTarget(i), authentication_needed: false, username: null });
  }
  for (let i = 0; i < c.credential; i++) {
    const name = names.credential(i);
    desired.credential.push({ kind: 'credential', name, username: credentialUser(i), password: credentialSecret, protect: false });
    if (inLive(i)) live.credential.push({ kind: 'credential', id: id('credential', i), name, username: drifted(i) ? 'olduser1' : credentialUser(i) });
  }
  for (let i = 0; i < c.ipacl; i++) {
    const name = names.ipacl(i);
    desired.ipacl.push({ kind: 'ipacl', name, ip_addresses: [ipAddress(i)], protect: false });
    if (inLive(i)) live.ipacl.push({ kind: 'ipacl', id: id('ipacl', i), name, ip_addresses: drifted(i) ? ['192.0.2.1'] : [ipAddress(i)] });
  }
  for (let i = 0; i < c.trunk; i++) {
    const name = names.trunk(i);
    const r = trunkRefs(i, c);
    desired.trunk.push({
      kind: 'trunk',
      name,
      trunk_direction: r.inbound ? 'inbound' : 'outbound',
      trunk_status: 'enabled',
      secure: false,
      primary_uri: r.inbound ? names.uri(r.uri) : null,
      fallback_uri: null,
      ipacl: r.inbound ? null : names.ipacl(r.ipacl),
      credential: r.inbound ? null : names.credential(r.credential),
      protect: false,
    });
    if (!inLive(i)) continue;
    live.trunk.push({
      kind: 'trunk',
      id: id('trunk', i),
      name,
      trunk_direction: r.inbound ? 'inbound' : 'outbound',
      trunk_status: drifted(i) ? 'disabled' : 'enabled',
      secure: false,
      primary_uri_id: r.inbound ? id('uri', r.uri) : null,
      fallback_uri_id: null,
      ipacl_id: r.inbound ? null : id('ipacl', r.ipacl),
      credential_id: r.inbound ? null : id('credential', r.credential),
      trunk_domain: `${id('trunk', i)}.zt.plivo.com`,
    });
  }
  for (let i = 0; i < c.endpoint; i++) {
    const username = names.endpoint(i);
    // Every endpoint its own password, as in a real manifest: the planner hashes each one.
    const password = `pw-${username}`;
    desired.endpoint.push({ kind: 'endpoint', username, alias: username, password: { ref: null, value: password }, protect: false });
    if (!inLive(i)) continue;
    live.endpoint.push({
      kind: 'endpoint',
      id: id('endpoint', i),
      username: `${username}261123120000`,
      alias: drifted(i) ? 'old-alias' : username,
      password_md5: md5(password),
      app_id: null,
    });
  }
  // Unmanaged live objects (not in the manifest, not pruned): one per hundred of each kind.
  for (const kind of ['uri', 'ipacl'] as const) {
    for (let i = 0; i < c[kind]; i += 100) {
      const extra = id(kind, total + i);
      if (kind === 'uri') live.uri.push({ kind, id: extra, name: `unmanaged-${i}`, uri: 'elsewhere.example.com', authentication_needed: false, username: null });
      else live.ipacl.push({ kind, id: extra, name: `unmanaged-${i}`, ip_addresses: ['198.51.100.1'] });
    }
  }
  // Through JSON, as the client's objects arrive (and the manifest's are built from parsed text): flat strings
  // and plain objects, not the concatenations made above. One kind at a time keeps the transient text small.
  const lists = [desired, live] as unknown as Record<AccountKind, unknown[]>[];
  for (const state of lists) for (const kind of ACCOUNT_KINDS) state[kind] = JSON.parse(JSON.stringify(state[kind])) as unknown[];
  return { desired, live };
}
