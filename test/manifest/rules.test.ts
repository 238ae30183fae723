// The checks beyond the schema, one rule at a time, with the exact message and position each gives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SAMPLE_ENV, diagnose } from './helpers.js';

const URIS = 'uris:\n  - name: pbx\n    uri: pbx.example.com\n  - name: backup\n    uri: 203.0.113.20\n';
const AUTH = 'ipacls:\n  - name: office\n    ip_addresses: [203.0.113.10]\ncredentials:\n  - name: login\n    username: officeuser\n    password: ${OFFICE_SIP_PASSWORD}\n';
// Lines 1-13 are the header; a trunk list written after it starts at line 14.
const HEAD = `version: 1\n${URIS}${AUTH}trunks:\n`;
const trunk = (body: string) => diagnose(`${HEAD}  - name: t\n${body}`);

const rules = suite('checkRules');

rules('identities are unique per kind, reported at the second with the first one\'s line', () => {
  assert.equal(diagnose('version: 1\nendpoints:\n  - {username: alice, alias: a, password: "${ALICE_SIP_PASSWORD}"}\n  - {username: alice, alias: b, password: "${ALICE_SIP_PASSWORD}"}\n'), [
    'm.yaml:4:16: duplicate endpoint username "alice": already used at line 3',
  ]);
  // The same name in two kinds is fine.
  assert.equal(diagnose(`version: 1\n${URIS}ipacls:\n  - name: pbx\n    ip_addresses: [203.0.113.10]\n`), []);
});

rules('trunk references must name an object of the right kind in this manifest', () => {
  assert.equal(trunk('    trunk_direction: inbound\n    primary_uri: pbx\n    fallback_uri: nowhere\n'), [
    'm.yaml:18:19: no uri named "nowhere" in this manifest',
  ]);
  assert.equal(trunk('    trunk_direction: outbound\n    credential: office\n'), [
    'm.yaml:17:17: no credential named "office" in this manifest; "office" is an ipacl',
  ]);
});

rules('inbound trunks need primary_uri and take no ipacl or credential', () => {
  assert.equal(trunk('    trunk_direction: inbound\n    fallback_uri: backup\n'), [
    'm.yaml:15:3: inbound trunk needs primary_uri (the name of a uri that receives its calls)',
  ]);
  assert.equal(trunk('    trunk_direction: inbound\n    primary_uri: pbx\n    ipacl: office\n    credential: login\n'), [
    'm.yaml:18:5: ipacl is for outbound trunks; this trunk is inbound',
    'm.yaml:19:5: credential is for outbound trunks; this trunk is inbound',
  ]);
  // null means none.
  assert.equal(trunk('    trunk_direction: inbound\n    primary_uri: pbx\n    ipacl: null\n'), []);
});

rules('outbound trunks need ipacl or credential and take no URIs', () => {
  assert.equal(trunk('    trunk_direction: outbound\n'), [
    'm.yaml:15:3: outbound trunk needs ipacl, credential or both (how Plivo recognises your PBX)',
  ]);
  assert.equal(trunk('    trunk_direction: outbound\n    credential: login\n    fallback_uri: backup\n'), [
    'm.yaml:18:5: fallback_uri is for inbound trunks; this trunk is outbound',
  ]);
  assert.equal(trunk('    trunk_direction: outbound\n    ipacl: office\n'), []);
});

rules('fallback_uri must differ from primary_uri', () => {
  assert.equal(trunk('    trunk_direction: inbound\n    primary_uri: pbx\n    fallback_uri: pbx\n'), [
    'm.yaml:18:19: fallback_uri must differ from primary_uri',
  ]);
});

rules('endpoint usernames: letters and digits, 1-25, starting with a letter', () => {
  const endpoint = (username: string) =>
    diagnose(`version: 1\nendpoints:\n  - username: ${username}\n    alias: a\n    password: \${ALICE_SIP_PASSWORD}\n`);
  assert.equal(endpoint('a'), []);
  assert.equal(endpoint(`a${'1'.repeat(24)}`), []);
  for (const bad of [`a${'1'.repeat(25)}`, '"9lives"', 'alice_1', 'al-ice', '"élise"']) {
    assert.equal(endpoint(bad), [
      'm.yaml:3:15: username must be 1-25 letters and digits, starting with a letter (Plivo appends 12 digits itself)',
    ], bad);
  }
});

rules('endpoint aliases: letters, digits, hyphens, underscores, words separated by single spaces', () => {
  const alias = (value: string) => diagnose(`version: 1\nendpoints:\n  - username: alice\n    alias: ${value}\n    password: \${ALICE_SIP_PASSWORD}\n`);
  for (const ok of ['alice-desk', 'Front_Desk_2', '"7"', 'Test Account']) assert.equal(alias(ok), [], ok);
  for (const bad of ['"a  b"', '" lead"', '"trail "', 'trail.', 'a@b', '""']) {
    assert.equal(alias(bad), ['m.yaml:4:12: alias may contain letters, digits, "-" and "_", in words separated by single spaces'], bad);
  }
});

rules('endpoint app_id: an application id, or null', () => {
  const app = (value: string) =>
    diagnose(`version: 1\nendpoints:\n  - username: alice\n    alias: a\n    password: \${ALICE_SIP_PASSWORD}\n    app_id: ${value}\n`);
  for (const ok of ['"33406267401237901"', 'null', 'abc_1-2']) assert.equal(app(ok), [], ok);
  assert.equal(app('"33 40"'), ['m.yaml:6:13: app_id must be an application id (letters, digits, "-" and "_")']);
  assert.equal(app('""'), ['m.yaml:6:13: app_id must not be empty']);
});

rules('passwords: endpoint at least 5; credential 5-20 of the allowed set with a special; URI 5-64 printable', () => {
  const endpoint = (pw: string) => diagnose('version: 1\nendpoints:\n  - username: alice\n    alias: a\n    password: ${P}\n', { P: pw });
  assert.equal(endpoint('12345'), []);
  assert.equal(endpoint('1234'), ['m.yaml:5:15: password must be at least 5 characters (from ${P})']);

  const credential = (pw: string) => diagnose('version: 1\ncredentials:\n  - name: c\n    username: officeuser\n    password: ${P}\n', { P: pw });
  assert.equal(credential('a~b_c'), []);
  assert.equal(credential('Abcdefghij12345678#'), []);
  assert.equal(credential('abcdefgh'), ['m.yaml:5:15: password needs at least one of ~!@#$%^&*()_+ (from ${P})']);
  for (const bad of ['a#b', 'abcdefghij1234567890#', 'abc-def#', 'abc def#']) {
    assert.equal(credential(bad), ['m.yaml:5:15: password must be 5-20 characters from letters, digits and ~!@#$%^&*()_+ (from ${P})'], bad);
  }

  const uri = (pw: string) =>
    diagnose('version: 1\nuris:\n  - name: u\n    uri: a.example.com\n    authentication_needed: true\n    username: plivo\n    password: ${P}\n', { P: pw });
  assert.equal(uri('s3cret!"\'{}'), []);
  for (const bad of ['abcd', 'has space', 'x'.repeat(65)]) {
    assert.equal(uri(bad), ['m.yaml:7:15: password must be 5-64 printable characters without spaces (from ${P})'], bad);
  }
});

rules('credential usernames: 5-20 letters and digits', () => {
  const credential = (u: string) => diagnose(`version: 1\ncredentials:\n  - name: c\n    username: ${u}\n    password: \${OFFICE_SIP_PASSWORD}\n`);
  assert.equal(credential('abcde'), []);
  assert.equal(credential('a'.repeat(20)), []);
  for (const bad of ['abcd', 'a'.repeat(21), 'office_user']) {
    assert.equal(credential(bad), ['m.yaml:4:15: username must be 5-20 letters and digits'], bad);
  }
});

rules('authentication_needed needs username and password; without it they are optional', () => {
  assert.equal(diagnose('version: 1\nuris:\n  - name: u\n    uri: a.example.com\n    authentication_needed: true\n'), [
    'm.yaml:3:3: authentication_needed is true but username is missing',
    'm.yaml:3:3: authentication_needed is true but password is missing',
  ]);
  assert.equal(diagnose('version: 1\nuris:\n  - name: u\n    uri: a.example.com\n    authentication_needed: false\n'), []);
});

rules('ACL addresses are checked one by one and listed once; host bits are a warning', () => {
  assert.equal(diagnose('version: 1\nipacls:\n  - name: a\n    ip_addresses:\n      - 10.0.0.0/8\n      - 10.0.0.0/8\n      - 10.0.0.1/8\n      - 10.0.0.0/40\n'), [
    'm.yaml:6:9: "10.0.0.0/8" is already listed (ip_addresses[0])',
    'm.yaml:7:9: warning: "10.0.0.1/8" has host bits set after /8; did you mean 10.0.0.0/8?',
    'm.yaml:8:9: "10.0.0.0/40" has a prefix length outside 0-32',
  ]);
  // From the environment, neither the address nor the network derived from it is printed.
  assert.equal(diagnose('version: 1\nipacls:\n  - name: a\n    ip_addresses: ["${NET}", "${BAD}"]\n', { NET: '10.9.9.9/8', BAD: 'x' }), [
    'm.yaml:4:20: warning: address has host bits set after /8 (from ${NET})',
    'm.yaml:4:30: address is not an IPv4 or IPv6 address or CIDR block (from ${BAD})',
  ]);
});

rules('prune may only name kinds the manifest lists', () => {
  assert.equal(diagnose('version: 1\nprune: [uris]\nuris: []\n'), []);
  assert.equal(diagnose('version: 1\nprune: [trunks]\n'), [
    'm.yaml:2:9: prune lists "trunks" but the manifest has no "trunks:" list; write "trunks: []" to delete every live one',
  ]);
});

rules('a literal password is a warning; a ${VAR} one is not', () => {
  const lines = diagnose('version: 1\ncredentials:\n  - name: c\n    username: officeuser\n    password: "Lit#eral1"\n');
  assert.equal(lines, ['m.yaml:5:15: warning: password is written in the manifest; use ${VAR} to keep it out of the file']);
  assert.not.ok(lines.join('').includes('Lit#eral1'));
});

rules('references to a trunk whose direction is invalid are still resolved, not judged by direction', () => {
  assert.equal(trunk('    trunk_direction: sideways\n    primary_uri: nowhere\n'), [
    'm.yaml:16:22: trunk_direction must be one of "inbound", "outbound"',
    'm.yaml:17:18: no uri named "nowhere" in this manifest',
  ]);
});

// An inbound and an outbound trunk on lines 14-20; a numbers list written after it starts at line 21.
const TRUNKS = `${HEAD}  - name: in\n    trunk_direction: inbound\n    primary_uri: pbx\n  - name: out\n    trunk_direction: outbound\n    ipacl: office\nnumbers:\n`;
const numbers = (body: string, env: Record<string, string> = {}) => diagnose(`${TRUNKS}${body}`, { ...SAMPLE_ENV, ...env });

rules('numbers: E.164 digits without "+", quoted, each once', () => {
  assert.equal(numbers('  - {number: "14155551234", trunk: in}\n  - {number: "442071838750", trunk: in}\n'), []);
  assert.equal(numbers('  - {number: 14155551234, trunk: in}\n'), ['m.yaml:22:14: number must be a string; put it in quotes']);
  assert.equal(numbers('  - {number: "+14155551234", trunk: in}\n'), [
    'm.yaml:22:14: number is written without "+": E.164 digits only, as the API wants them',
  ]);
  const format = 'number must be E.164 digits without "+": 8-15 digits, the first not 0 (country code first, e.g. "14155551234")';
  for (const bad of ['04155551234', '1415555', '1234567890123456', '1 415 555 1234', '1-415-555-1234', '']) {
    assert.equal(numbers(`  - {number: "${bad}", trunk: in}\n`), [`m.yaml:22:14: ${format}`], bad);
  }
  assert.equal(numbers('  - {number: "14155551234", trunk: in}\n  - {number: "14155551234", trunk: in}\n'), [
    'm.yaml:23:14: duplicate number "14155551234": already used at line 22',
  ]);
});

rules('numbers: the trunk is one of this manifest, and inbound', () => {
  assert.equal(numbers('  - {number: "14155551234", trunk: inn}\n'), [
    'm.yaml:22:36: no trunk named "inn" in this manifest; did you mean "in"?',
  ]);
  assert.equal(numbers('  - {number: "14155551234", trunk: pbx}\n'), [
    'm.yaml:22:36: no trunk named "pbx" in this manifest; "pbx" is a uri',
  ]);
  assert.equal(numbers('  - {number: "14155551234", trunk: out}\n'), [
    'm.yaml:22:36: trunk "out" is outbound; a number needs an inbound trunk (the API accepts an outbound one, but the number then silently stops answering calls)',
  ]);
  // From the environment: the value is not repeated, the variable is named.
  assert.equal(numbers('  - {number: "14155551234", trunk: "${TRUNK}"}\n', { TRUNK: 'out' }), [
    'm.yaml:22:36: that trunk is outbound; a number needs an inbound trunk (the API accepts an outbound one, but the number then silently stops answering calls) (from ${TRUNK})',
  ]);
  assert.equal(numbers('  - {number: "14155551234"}\n'), ['m.yaml:22:3: missing required field "trunk"']);
});

rules('numbers are never pruned: prune cannot list them', () => {
  assert.equal(diagnose('version: 1\nprune: [numbers]\nnumbers: []\n'), ['m.yaml:2:9: prune cannot list "numbers": numbers are never deleted']);
  assert.equal(diagnose('version: 1\nprune: [numbers]\n'), ['m.yaml:2:9: prune cannot list "numbers": numbers are never deleted']);
});

rules.run();
