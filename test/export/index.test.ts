import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { exportManifest, defaultSchemaUrl, type ExportOptions } from '../../src/export/index.js';
import { EXIT, RefusedError } from '../../src/errors.js';
import { liveIdentity, type LiveState } from '../../src/model.js';
import { account, credential, endpoint, ipacl, largeAccount, number, shuffled, trunk, uri } from './fixtures.js';

const OPTS: ExportOptions = { source: 'account MA000TEST at https://api.plivo.com', toolVersion: '9.8.7' };

type Item = Record<string, unknown>;
interface Parsed {
  version: number;
  uris?: Item[];
  credentials?: Item[];
  ipacls?: Item[];
  trunks?: Item[];
  endpoints?: Item[];
  numbers?: Item[];
}

function exportParsed(live: LiveState, opts: Partial<ExportOptions> = {}) {
  const result = exportManifest(live, { ...OPTS, ...opts });
  return { result, doc: parse(result.text) as Parsed };
}

function refusal(fn: () => unknown): RefusedError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, RefusedError);
    return e as RefusedError;
  }
  assert.unreachable('expected a RefusedError');
  throw new Error('unreachable');
}

const small = () =>
  account({
    uri: [
      uri('u1', 'primary-pbx', { uri: 'sip.example.com:5060', authentication_needed: true, username: 'plivo_inbound' }),
      uri('u2', 'backup-pbx', { uri: '203.0.113.20:5060' }),
    ],
    credential: [credential('c1', 'office', { username: 'officeuser' })],
    ipacl: [ipacl('a1', 'office-ips', { ip_addresses: ['203.0.113.10', '198.51.100.0/24'] })],
    trunk: [
      trunk('t1', 'inbound-main', { primary_uri_id: 'u1', fallback_uri_id: 'u2' }),
      trunk('t2', 'outbound-main', { trunk_direction: 'outbound', ipacl_id: 'a1', credential_id: 'c1' }),
    ],
    endpoint: [endpoint('e1', 'alice', { alias: 'alice-desk', app_id: '33406267401237901' })],
  });

const exportManifestSuite = suite('exportManifest');

exportManifestSuite('writes the manifest of issue 3 from the account it describes', () => {
  const { result } = exportParsed(small());
  assert.fixture(
    result.text,
    `# yaml-language-server: $schema=${defaultSchemaUrl('9.8.7')}
# Exported from account MA000TEST at https://api.plivo.com by plivo-sync 9.8.7.
# Passwords cannot be read back: each is an environment variable placeholder to set before plan or
# apply; identities are names (endpoints: usernames without the 12-digit suffix Plivo adds).

version: 1

uris:
  - name: backup-pbx
    uri: 203.0.113.20:5060
  - name: primary-pbx
    uri: sip.example.com:5060
    authentication_needed: true
    username: plivo_inbound
    password: \${URI_PRIMARY_PBX_PASSWORD}

credentials:
  - name: office
    username: officeuser
    password: \${CREDENTIAL_OFFICE_PASSWORD}

ipacls:
  - name: office-ips
    ip_addresses: [203.0.113.10, 198.51.100.0/24]

trunks:
  - name: inbound-main
    trunk_direction: inbound
    primary_uri: primary-pbx
    fallback_uri: backup-pbx
  - name: outbound-main
    trunk_direction: outbound
    ipacl: office-ips
    credential: office

# app_id: the application attached in the source account. Applications are managed outside
# plivo-sync; another account will not have these ids: export with --drop-app-ids to leave them
# out (an absent app_id leaves the attached application alone).
endpoints:
  - username: alice
    alias: alice-desk
    password: \${ENDPOINT_ALICE_PASSWORD}
    app_id: "33406267401237901"
`,
  );
  assert.equal(result.variables, [
    { name: 'URI_PRIMARY_PBX_PASSWORD', for: 'uri primary-pbx' },
    { name: 'CREDENTIAL_OFFICE_PASSWORD', for: 'credential office' },
    { name: 'ENDPOINT_ALICE_PASSWORD', for: 'endpoint alice' },
  ]);
  assert.equal(result.unnamed, []);
  assert.equal(result.included, []);
  assert.equal(result.skipped, []);
  assert.equal(result.unrenamed, {});
});

exportManifestSuite('starts with the modeline, then names the source account and tool version', () => {
  const { result } = exportParsed(small(), { source: 'account MAXYZ at http://127.0.0.1:4010', toolVersion: '1.2.3' });
  const lines = result.text.split('\n');
  assert.is(lines[0], `# yaml-language-server: $schema=${defaultSchemaUrl('1.2.3')}`);
  assert.match(lines[1], 'account MAXYZ at http://127.0.0.1:4010');
  assert.match(lines[1], 'plivo-sync 1.2.3');
  const custom = exportManifest(small(), { ...OPTS, schemaUrl: 'https://example.com/s.json' }).text;
  assert.is(custom.split('\n')[0], '# yaml-language-server: $schema=https://example.com/s.json');
});

exportManifestSuite('omits fields at their defaults and writes the others', () => {
  const live = account({
    uri: [uri('u1', 'plain'), uri('u2', 'auth', { authentication_needed: true, username: 'bob' })],
    trunk: [
      trunk('t1', 'defaults', { primary_uri_id: 'u1' }),
      trunk('t2', 'changed', { primary_uri_id: 'u1', fallback_uri_id: 'u2', trunk_status: 'disabled', secure: true }),
    ],
  });
  const { doc } = exportParsed(live);
  assert.equal(doc.uris, [
    { name: 'auth', uri: 'u2.pbx.example.com:5060', authentication_needed: true, username: 'bob', password: '${URI_AUTH_PASSWORD}' },
    { name: 'plain', uri: 'u1.pbx.example.com:5060' },
  ]);
  assert.equal(doc.trunks, [
    { name: 'changed', trunk_direction: 'inbound', trunk_status: 'disabled', secure: true, primary_uri: 'plain', fallback_uri: 'auth' },
    { name: 'defaults', trunk_direction: 'inbound', primary_uri: 'plain' },
  ]);
});

exportManifestSuite('writes a username on a URI without authentication, with no password', () => {
  const { doc, result } = exportParsed(account({ uri: [uri('u1', 'x', { username: 'leftover' })] }));
  assert.equal(doc.uris, [{ name: 'x', uri: 'u1.pbx.example.com:5060', username: 'leftover' }]);
  assert.equal(result.variables, []);
});

exportManifestSuite('writes unnamed objects under <kind>-<id> with a comment, refers to them by it, and lists them', () => {
  const live = account({
    uri: [uri('8fde2db4-e7e0', null), uri('u2', '')],
    credential: [credential('c9', null)],
    ipacl: [ipacl('a9', null)],
    trunk: [
      trunk('42741122632602585', null, { primary_uri_id: '8fde2db4-e7e0', fallback_uri_id: 'u2' }),
      trunk('t2', 'out', { trunk_direction: 'outbound', ipacl_id: 'a9', credential_id: 'c9' }),
    ],
  });
  const { doc, result } = exportParsed(live);
  assert.equal(
    doc.uris!.map((u) => u.name),
    ['uri-8fde2db4-e7e0', 'uri-u2'],
  );
  assert.equal(doc.trunks![1], {
    name: 'trunk-42741122632602585',
    trunk_direction: 'inbound',
    primary_uri: 'uri-8fde2db4-e7e0',
    fallback_uri: 'uri-u2',
  });
  assert.equal(doc.trunks![0], { name: 'out', trunk_direction: 'outbound', ipacl: 'ipacl-a9', credential: 'credential-c9' });
  assert.match(
    result.text,
    '  # unnamed in the source account (id 42741122632602585)\n  - name: trunk-42741122632602585\n',
  );
  assert.match(result.text, '  # unnamed in the source account (id c9)\n  - name: credential-c9\n');
  assert.equal(result.unnamed, [
    { kind: 'uri', id: '8fde2db4-e7e0', written_as: 'uri-8fde2db4-e7e0' },
    { kind: 'uri', id: 'u2', written_as: 'uri-u2' },
    { kind: 'credential', id: 'c9', written_as: 'credential-c9' },
    { kind: 'ipacl', id: 'a9', written_as: 'ipacl-a9' },
    { kind: 'trunk', id: '42741122632602585', written_as: 'trunk-42741122632602585' },
  ]);
  assert.is(result.text.split('# unnamed in the source account').length - 1, 5);
});

exportManifestSuite('refuses colliding names within a kind, naming every id', () => {
  const live = account({
    trunk: [trunk('t1', 'main', { primary_uri_id: 'u1' }), trunk('t2', 'main', { primary_uri_id: 'u1' }), trunk('t3', 'main', { primary_uri_id: 'u1' })],
    uri: [uri('u1', 'pbx')],
    endpoint: [endpoint('e1', 'alice'), endpoint('e2', 'alice', { username: 'alice261123129999' })],
  });
  const e = refusal(() => exportManifest(live, OPTS));
  assert.is(e.exitCode, EXIT.REFUSED);
  for (const id of ['t1', 't2', 't3', 'e1', 'e2']) assert.match(e.message, id);
  assert.match(e.message, 'trunks "main"');
  assert.match(e.message, 'endpoints "alice"');
  assert.ok(e.hint && e.hint.length > 0);
});

exportManifestSuite('refuses a name that equals an unnamed object’s identity', () => {
  const live = account({ uri: [uri('42', null), uri('u7', 'uri-42')] });
  const e = refusal(() => exportManifest(live, OPTS));
  assert.match(e.message, '42 (unnamed)');
  assert.match(e.message, 'u7');
});

exportManifestSuite('allows one name in different kinds, and collisions in kinds not exported', () => {
  const live = account({
    uri: [uri('u1', 'same')],
    credential: [credential('c1', 'same')],
    ipacl: [ipacl('a1', 'same')],
    trunk: [trunk('t1', 'same', { primary_uri_id: 'u1' })],
    endpoint: [endpoint('e1', 'dup'), endpoint('e2', 'dup', { username: 'dup000000000001' })],
  });
  refusal(() => exportManifest(live, OPTS));
  const { doc } = exportParsed(live, { kinds: ['uri', 'credential', 'ipacl', 'trunk'] });
  assert.equal(doc.trunks, [{ name: 'same', trunk_direction: 'inbound', primary_uri: 'same' }]);
  assert.is(doc.endpoints, undefined);
});

exportManifestSuite('rewrites the prefix of names and of references to them, and of nothing else', () => {
  const live = account({
    uri: [
      uri('u1', 'prod-pbx', { uri: 'prod-pbx.example.com', authentication_needed: true, username: 'prod-user' }),
      uri('u2', 'eu-prod-pbx', { uri: 'sip:prod-@example.com' }),
      uri('u3', null),
    ],
    credential: [credential('c1', 'prod-office', { username: 'prodoffice1' })],
    ipacl: [ipacl('a1', 'prod-ips')],
    trunk: [
      trunk('t1', 'prod-in', { primary_uri_id: 'u1', fallback_uri_id: 'u3' }),
      trunk('t2', 'prod-', { primary_uri_id: 'u2' }),
      trunk('t3', 'prod-out', { trunk_direction: 'outbound', ipacl_id: 'a1', credential_id: 'c1' }),
    ],
    endpoint: [endpoint('e1', 'prodalice', { alias: 'prod-alias' })],
  });
  const { doc, result } = exportParsed(live, { rename: { from: 'prod', to: 'stg' } });
  assert.equal(doc.uris, [
    { name: 'eu-prod-pbx', uri: 'sip:prod-@example.com' },
    {
      name: 'stg-pbx',
      uri: 'prod-pbx.example.com',
      authentication_needed: true,
      username: 'prod-user',
      password: '${URI_STG_PBX_PASSWORD}',
    },
    { name: 'uri-u3', uri: 'u3.pbx.example.com:5060' },
  ]);
  assert.equal(doc.credentials, [{ name: 'stg-office', username: 'prodoffice1', password: '${CREDENTIAL_STG_OFFICE_PASSWORD}' }]);
  assert.equal(doc.ipacls![0].name, 'stg-ips');
  assert.equal(doc.trunks, [
    { name: 'stg-', trunk_direction: 'inbound', primary_uri: 'eu-prod-pbx' },
    { name: 'stg-in', trunk_direction: 'inbound', primary_uri: 'stg-pbx', fallback_uri: 'uri-u3' },
    { name: 'stg-out', trunk_direction: 'outbound', ipacl: 'stg-ips', credential: 'stg-office' },
  ]);
  assert.equal(doc.endpoints, [{ username: 'stgalice', alias: 'prod-alias', password: '${ENDPOINT_STGALICE_PASSWORD}' }]);
  assert.match(result.text, 'Names rewritten: prefix "prod" → "stg".');
  assert.equal(result.unrenamed, { uri: 2 });
});

exportManifestSuite('refuses a rewrite that makes two names collide', () => {
  const live = account({ uri: [uri('u1', 'prod-pbx'), uri('u2', 'staging-pbx')] });
  const e = refusal(() => exportManifest(live, { ...OPTS, rename: { from: 'prod-', to: 'staging-' } }));
  assert.match(e.message, 'uris "staging-pbx"');
  assert.match(e.message, 'u1 (named "prod-pbx")');
  assert.match(e.message, 'u2');
  assert.match(e.hint ?? '', '--rename-to');
});

exportManifestSuite('output is byte-identical for the same account in any order', () => {
  const live = largeAccount(50);
  const expected = exportManifest(live, OPTS);
  for (const seed of [1, 2, 3, 42, 9001]) {
    const again = exportManifest(shuffled(live, seed), OPTS);
    assert.is(again.text, expected.text);
    assert.equal(again.variables, expected.variables);
    assert.equal(again.unnamed, expected.unnamed);
  }
  assert.not.match(expected.text, /\d{4}-\d{2}-\d{2}T/);
});

exportManifestSuite('sorts each kind by identity in code-unit order, kinds in manifest order', () => {
  const live = account({
    uri: [uri('u1', 'b'), uri('u2', 'B'), uri('u3', 'a'), uri('u4', 'é'), uri('u5', null)],
    endpoint: [endpoint('e1', 'zed'), endpoint('e2', 'Amy'), endpoint('e3', 'bob')],
  });
  const { doc, result } = exportParsed(live);
  assert.equal(doc.uris!.map((u) => u.name), ['B', 'a', 'b', 'uri-u5', 'é']);
  assert.equal(doc.endpoints!.map((e) => e.username), ['Amy', 'bob', 'zed']);
  const keys = result.text.split('\n').filter((l) => /^[a-z]+:/.test(l)).map((l) => l.split(':')[0]);
  assert.equal(keys, ['version', 'uris', 'credentials', 'ipacls', 'trunks', 'endpoints']);
});

exportManifestSuite('writes endpoint usernames without the 12-digit suffix, and leaves out those without one', () => {
  const live = account({
    endpoint: [
      endpoint('e1', 'alice1'),
      endpoint('e2', 'x', { username: 'bob' }),
      endpoint('e3', 'x', { username: 'carol000000000001' }),
      endpoint('e4', 'x', { username: 'dave12345678901' }),
    ],
  });
  const { doc, result } = exportParsed(live, { kinds: ['endpoint'] });
  assert.equal(doc.endpoints!.map((e) => e.username), ['alice1', 'carol']);
  // No manifest entry can match a username without the suffix (dave's 11 digits are not one): the planner
  // never adopts such an endpoint, so writing it would make apply create a second one.
  assert.equal(result.skipped.map((s) => s.id), ['e2', 'e4']);
  assert.match(result.skipped[0].reason, 'username "bob" lacks the 12-digit suffix');
  assert.equal(result.variables.map((v) => v.for), ['endpoint alice1', 'endpoint carol']);
});

exportManifestSuite('derives one readable, unique variable per password', () => {
  const live = account({
    uri: [
      uri('u1', 'a-b', { authentication_needed: true, username: 'x' }),
      uri('u2', 'a_b', { authentication_needed: true, username: 'x' }),
      uri('u3', 'a.b', { authentication_needed: true, username: 'x' }),
      uri('u4', 'no-auth'),
    ],
    credential: [credential('c1', 'a-b')],
    endpoint: [endpoint('e1', 'ab')],
  });
  const { doc, result } = exportParsed(live);
  assert.equal(result.variables, [
    { name: 'URI_A_B_PASSWORD', for: 'uri a-b' },
    { name: 'URI_A_B_PASSWORD_2', for: 'uri a.b' },
    { name: 'URI_A_B_PASSWORD_3', for: 'uri a_b' },
    { name: 'CREDENTIAL_A_B_PASSWORD', for: 'credential a-b' },
    { name: 'ENDPOINT_AB_PASSWORD', for: 'endpoint ab' },
  ]);
  const placeholders = [...result.text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]);
  assert.equal(placeholders, result.variables.map((v) => v.name));
  assert.equal(doc.uris!.map((u) => u.password), ['${URI_A_B_PASSWORD}', '${URI_A_B_PASSWORD_2}', '${URI_A_B_PASSWORD_3}', undefined]);
});

exportManifestSuite('exports 50 of each kind with every reference resolving to a written name', () => {
  const live = largeAccount(50);
  const { doc, result } = exportParsed(live);
  for (const key of ['uris', 'credentials', 'ipacls', 'trunks', 'endpoints'] as const) assert.is(doc[key]!.length, 50, key);
  const names = (items: Item[] | undefined) => new Set(items!.map((i) => i.name));
  const uris = names(doc.uris);
  const acls = names(doc.ipacls);
  const creds = names(doc.credentials);
  for (const t of doc.trunks!) {
    const live_ = live.trunk.find((l) => liveIdentity(l) === t.name)!;
    assert.ok(live_, `trunk ${t.name} comes from the account`);
    const nameOf = (kind: 'uri' | 'ipacl' | 'credential', id: string | null) =>
      id === null ? undefined : liveIdentity(live[kind].find((o) => o.id === id)!);
    assert.is(t.primary_uri, nameOf('uri', live_.primary_uri_id));
    assert.is(t.fallback_uri, nameOf('uri', live_.fallback_uri_id));
    assert.is(t.ipacl, nameOf('ipacl', live_.ipacl_id));
    assert.is(t.credential, nameOf('credential', live_.credential_id));
    for (const [ref, set] of [['primary_uri', uris], ['fallback_uri', uris], ['ipacl', acls], ['credential', creds]] as const) {
      if (t[ref] !== undefined) assert.ok(set.has(t[ref]), `${t.name}.${ref}`);
    }
  }
  assert.is(result.unnamed.length, 4 * 10);
  assert.is(result.variables.length, 25 + 50 + 50);
  assert.is(new Set(result.variables.map((v) => v.name)).size, result.variables.length);
});

exportManifestSuite('writes only the kinds asked for, an empty kind as an empty list', () => {
  const live = account({ uri: [uri('u1', 'pbx')], endpoint: [endpoint('e1', 'alice')] });
  const { doc, result } = exportParsed(live, { kinds: ['credential', 'endpoint'] });
  assert.equal(Object.keys(doc), ['version', 'credentials', 'endpoints']);
  assert.equal(doc.credentials, []);
  assert.match(result.text, 'Kinds: credentials, endpoints.');
});

exportManifestSuite('with trunks but not their kinds, writes only the objects the trunks use and says so', () => {
  const live = account({
    uri: [uri('u1', 'used'), uri('u2', 'unused'), uri('u3', null)],
    credential: [credential('c1', 'cred')],
    ipacl: [ipacl('a1', 'unused-acl')],
    trunk: [
      trunk('t1', 'in', { primary_uri_id: 'u1', fallback_uri_id: 'u3' }),
      trunk('t2', 'out', { trunk_direction: 'outbound', credential_id: 'c1' }),
    ],
  });
  const { doc, result } = exportParsed(live, { kinds: ['trunk'] });
  assert.equal(Object.keys(doc), ['version', 'uris', 'credentials', 'trunks']);
  assert.equal(doc.uris!.map((u) => u.name), ['uri-u3', 'used']);
  assert.equal(result.included, [
    { kind: 'uri', id: 'u3', written_as: 'uri-u3' },
    { kind: 'uri', id: 'u1', written_as: 'used' },
    { kind: 'credential', id: 'c1', written_as: 'cred' },
  ]);
  assert.match(result.text, '# Only the uris the exported trunks use');
  assert.match(result.text, '# Only the credentials the exported trunks use');
});

exportManifestSuite('refuses a trunk that refers to an object the account did not list', () => {
  const live = account({ trunk: [trunk('t1', 'in', { primary_uri_id: 'gone' })] });
  const e = refusal(() => exportManifest(live, OPTS));
  assert.match(e.message, 'trunk "in" (id t1): primary_uri gone');
});

exportManifestSuite('writes app_id as a string with a note, or leaves it out when asked', () => {
  const live = account({ endpoint: [endpoint('e1', 'alice', { app_id: '33406267401237901' }), endpoint('e2', 'bob')] });
  const kept = exportParsed(live);
  assert.equal(kept.doc.endpoints!.map((e) => e.app_id), ['33406267401237901', undefined]);
  assert.match(kept.result.text, 'Applications are managed outside');
  const dropped = exportParsed(live, { dropAppIds: true });
  assert.equal(dropped.doc.endpoints!.map((e) => e.app_id), [undefined, undefined]);
  assert.match(dropped.result.text, 'app_id left out on purpose');
  const none = exportParsed(account({ endpoint: [endpoint('e2', 'bob')] }));
  assert.not.match(none.result.text, 'app_id');
});

exportManifestSuite('quotes values a YAML reader could take for something other than a string', () => {
  const live = account({
    uri: [uri('u1', 'no'), uri('u2', 'true'), uri('u3', '123'), uri('u4', 'on', { uri: '10.0.0.1' })],
    endpoint: [endpoint('e1', 'yes', { alias: 'null' })],
  });
  const { doc, result } = exportParsed(live);
  assert.equal(doc.uris!.map((u) => u.name), ['123', 'no', 'on', 'true']);
  assert.equal(doc.endpoints![0].alias, 'null');
  assert.match(result.text, 'name: "no"');
  assert.match(result.text, 'name: "on"');
  assert.match(result.text, 'username: "yes"');
  // A YAML 1.1 reader sees strings too.
  const old = parse(result.text, { version: '1.1' }) as Parsed;
  assert.equal(old.uris!.map((u) => u.name), ['123', 'no', 'on', 'true']);
});

exportManifestSuite('keeps a multi-line source string inside the header comment', () => {
  const { result } = exportParsed(small(), { source: 'a\nversion: 2' });
  assert.is((parse(result.text) as Parsed).version, 1);
});

exportManifestSuite('escapes ${ in values from the account so the manifest reads them back literally', () => {
  const live = account({
    uri: [uri('u1', 'a${B}c', { uri: 'sip:${x}@example.com' })],
    trunk: [trunk('t1', 'in', { primary_uri_id: 'u1' })],
    endpoint: [endpoint('e1', 'alice', { alias: 'x$${y' })],
  });
  const { doc, result } = exportParsed(live);
  assert.equal(doc.uris![0], { name: 'a$${B}c', uri: 'sip:$${x}@example.com' });
  assert.is(doc.trunks![0].primary_uri, 'a$${B}c');
  assert.is(doc.endpoints![0].alias, 'x$$${y');
  assert.equal(result.variables.map((v) => v.for), ['endpoint alice']);
  assert.is(doc.endpoints![0].password, '${ENDPOINT_ALICE_PASSWORD}');
});

exportManifestSuite.run();

const defaultSchemaUrlSuite = suite('defaultSchemaUrl');

defaultSchemaUrlSuite('points at the schema in the published package of this version', () => {
  assert.is(defaultSchemaUrl('0.1.0'), 'https://unpkg.com/plivo-sync@0.1.0/schema/manifest.schema.json');
});

defaultSchemaUrlSuite.run();

const numbersSuite = suite('exportManifest: numbers');

const APP = '/v1/Account/MA000TEST/Application/33406267401237901/';
const withNumbers = () => {
  const live = small();
  live.number.push(
    number('442071838750', 't1'),
    number('14155551234', 't1'),
    number('14155551235', null),
    number('14155551236', null, { application: APP }),
  );
  return live;
};

numbersSuite('writes the numbers routed to exported trunks, sorted, trunk by name; counts the others', () => {
  const { doc, result } = exportParsed(withNumbers());
  assert.equal(doc.numbers, [
    { number: '14155551234', trunk: 'inbound-main' },
    { number: '442071838750', trunk: 'inbound-main' },
  ]);
  assert.equal(result.omitted, [{ kind: 'number', count: 2, reason: 'routed to no trunk (to an application, or to nothing)' }]);
  assert.match(result.text, 'trunks:\n  - name: inbound-main');
  assert.ok(result.text.endsWith('numbers:\n  - number: "14155551234"\n    trunk: inbound-main\n  - number: "442071838750"\n    trunk: inbound-main\n'));
});

numbersSuite('no routed numbers, no numbers key: an empty list would scope nothing, numbers are never pruned', () => {
  const live = small();
  live.number.push(number('14155551235', null));
  const { doc, result } = exportParsed(live);
  assert.not.ok('numbers' in doc);
  assert.not.match(result.text, 'numbers:');
  assert.equal(result.omitted, [{ kind: 'number', count: 1, reason: 'routed to no trunk (to an application, or to nothing)' }]);
  assert.equal(exportManifest(small(), OPTS).omitted, []);
});

numbersSuite('numbers alone bring only the trunks they route to, and those trunks\' uris', () => {
  const live = withNumbers();
  live.trunk.push(trunk('t3', 'spare', { primary_uri_id: 'u2' }));
  const { doc, result } = exportParsed(live, { kinds: ['number'] });
  assert.equal(doc.trunks, [{ name: 'inbound-main', trunk_direction: 'inbound', primary_uri: 'primary-pbx', fallback_uri: 'backup-pbx' }]);
  assert.equal(doc.uris?.map((u) => u.name), ['backup-pbx', 'primary-pbx']);
  assert.not.ok('credentials' in doc);
  assert.not.ok('endpoints' in doc);
  assert.equal(result.included.map((i) => `${i.kind} ${i.written_as}`), ['uri backup-pbx', 'uri primary-pbx', 'trunk inbound-main']);
  assert.match(result.text, '# Only the trunks the exported numbers route to (trunks were not asked for), so that');
  assert.equal(doc.numbers?.length, 2);
});

numbersSuite('no prefix rewrite touches a number, and a rename follows the trunk', () => {
  const { doc } = exportParsed(withNumbers(), { rename: { from: 'inbound-', to: 'in-' } });
  assert.equal(doc.numbers?.map((n) => [n.number, n.trunk]), [['14155551234', 'in-main'], ['442071838750', 'in-main']]);
});

numbersSuite.run();
