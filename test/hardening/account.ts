// A realistic account for the fault and broken-answer suites: managed objects (in the manifest), unmanaged ones a
// prune removes, and unmanaged trunks on unmanaged URIs that no prune of URIs alone may touch. Every kind spans
// more than one list page, so paging faults have pages to disagree between.
import type { Emulator } from '../../src/emulator/index.js';

export interface AccountSpec {
  /** Managed objects per kind (trunks: this many inbound, a third as many outbound). */
  managed: number;
  /** Unmanaged, unused objects per kind that a prune of their kind deletes. */
  extra: number;
  /** Unmanaged trunks, each on its own unmanaged URI: a prune of URIs alone must be refused. */
  kept: number;
  /** Objects only in the manifest (creates), per kind. */
  fresh: number;
}

export const ENV_NAMES = { uri: 'HARD_URI_PASSWORD', credential: 'HARD_CRED_PASSWORD', endpoint: 'HARD_EP_PASSWORD' } as const;

/** The passwords the manifest reads from the environment; distinctive, so a leak cannot be a coincidence. */
export const PASSWORDS: Record<string, string> = {
  [ENV_NAMES.uri]: 'uri-Pw-7c1f0e9a4b',
  [ENV_NAMES.credential]: 'cred#9e4d2b7a',
  [ENV_NAMES.endpoint]: 'ep-Pw-3a8b5c2d1e',
};

const pad = (i: number) => String(i).padStart(3, '0');

/** Seeds the account: managed objects as the manifest describes them, plus the unmanaged ones. */
export function seedAccount(emulator: Emulator, spec: AccountSpec): void {
  const uriIds = new Map<string, string>();
  for (let i = 0; i < spec.managed; i++) {
    const u = emulator.seed('uri', {
      name: `m-uri-${pad(i)}`,
      uri: `pbx${i}.example.com:5060`,
      authentication_needed: true,
      username: `in${i}`,
      password: PASSWORDS[ENV_NAMES.uri],
    });
    uriIds.set(`m-uri-${pad(i)}`, u.uri_uuid as string);
  }
  for (let i = 0; i < spec.kept; i++) {
    const u = emulator.seed('uri', { name: `k-uri-${pad(i)}`, uri: `kept${i}.example.net` });
    emulator.seed('trunk', { name: `k-trunk-${pad(i)}`, trunk_direction: 'inbound', primary_uri_uuid: u.uri_uuid });
  }
  for (let i = 0; i < spec.extra; i++) emulator.seed('uri', { name: `x-uri-${pad(i)}`, uri: `10.1.${i >> 8}.${i & 255}` });

  const credIds: string[] = [];
  const aclIds: string[] = [];
  for (let i = 0; i < spec.managed; i++) {
    credIds.push(emulator.seed('credential', { name: `m-cred-${pad(i)}`, username: `cred${pad(i)}user`, password: PASSWORDS[ENV_NAMES.credential] }).credential_uuid as string);
    aclIds.push(emulator.seed('ipacl', { name: `m-acl-${pad(i)}`, ip_addresses: [`192.0.2.${i % 250}`, `198.51.${i % 250}.0/24`] }).ipacl_uuid as string);
  }
  for (let i = 0; i < spec.extra; i++) {
    emulator.seed('credential', { name: `x-cred-${pad(i)}`, username: `xcred${pad(i)}`, password: 'Other#123' });
    emulator.seed('ipacl', { name: `x-acl-${pad(i)}`, ip_addresses: [`203.0.113.${i % 250}`] });
  }
  for (let i = 0; i < spec.managed; i++) {
    emulator.seed('trunk', { name: `m-in-${pad(i)}`, trunk_direction: 'inbound', primary_uri_uuid: uriIds.get(`m-uri-${pad(i)}`) });
  }
  for (let i = 0; i < Math.ceil(spec.managed / 3); i++) {
    emulator.seed('trunk', {
      name: `m-out-${pad(i)}`,
      trunk_direction: 'outbound',
      ipacl_uuid: aclIds[i % aclIds.length],
      credential_uuid: credIds[i % credIds.length],
    });
  }
  for (let i = 0; i < spec.managed; i++) {
    emulator.seed('endpoint', { username: `mep${pad(i)}`, alias: `desk-${i}`, password: PASSWORDS[ENV_NAMES.endpoint] });
  }
  for (let i = 0; i < spec.extra; i++) emulator.seed('endpoint', { username: `xep${pad(i)}`, alias: `old-${i}`, password: 'whatever1' });
}

/**
 * The manifest for the account: every managed object as seeded (one field changed on a few, so updates are
 * planned too) plus `fresh` new objects per kind.
 */
export function accountManifest(spec: AccountSpec): string {
  const lines = ['version: 1', 'uris:'];
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  for (const i of all(spec.managed)) {
    lines.push(`  - name: m-uri-${pad(i)}`, `    uri: pbx${i}.example.com:${i % 5 === 1 ? 5080 : 5060}`, '    authentication_needed: true', `    username: in${i}`, `    password: \${${ENV_NAMES.uri}}`);
  }
  for (const i of all(spec.fresh)) lines.push(`  - name: n-uri-${pad(i)}`, `    uri: new${i}.example.org`);
  lines.push('credentials:');
  for (const i of all(spec.managed)) lines.push(`  - name: m-cred-${pad(i)}`, `    username: cred${pad(i)}user`, `    password: \${${ENV_NAMES.credential}}`);
  for (const i of all(spec.fresh)) lines.push(`  - name: n-cred-${pad(i)}`, `    username: ncred${pad(i)}`, `    password: \${${ENV_NAMES.credential}}`);
  lines.push('ipacls:');
  for (const i of all(spec.managed)) {
    const extra = i % 4 === 2 ? `, 203.0.113.${200 + (i % 50)}` : '';
    lines.push(`  - name: m-acl-${pad(i)}`, `    ip_addresses: [192.0.2.${i % 250}, 198.51.${i % 250}.0/24${extra}]`);
  }
  for (const i of all(spec.fresh)) lines.push(`  - name: n-acl-${pad(i)}`, `    ip_addresses: [192.0.2.${(i + 100) % 250}]`);
  lines.push('trunks:');
  for (const i of all(spec.managed)) {
    lines.push(`  - name: m-in-${pad(i)}`, '    trunk_direction: inbound', `    primary_uri: m-uri-${pad(i)}`);
    if (i % 6 === 3) lines.push('    secure: true');
  }
  for (const i of all(Math.ceil(spec.managed / 3))) {
    lines.push(`  - name: m-out-${pad(i)}`, '    trunk_direction: outbound', `    ipacl: m-acl-${pad(i % spec.managed)}`, `    credential: m-cred-${pad(i % spec.managed)}`);
  }
  for (const i of all(spec.fresh)) lines.push(`  - name: n-in-${pad(i)}`, '    trunk_direction: inbound', `    primary_uri: n-uri-${pad(i)}`);
  lines.push('endpoints:');
  for (const i of all(spec.managed)) lines.push(`  - username: mep${pad(i)}`, `    alias: desk-${i}${i % 7 === 4 ? '-moved' : ''}`, `    password: \${${ENV_NAMES.endpoint}}`);
  for (const i of all(spec.fresh)) lines.push(`  - username: nep${pad(i)}`, `    alias: new-${i}`, `    password: \${${ENV_NAMES.endpoint}}`);
  return `${lines.join('\n')}\n`;
}
