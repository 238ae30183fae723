// Every sample: the valid ones load with no diagnostics at all; each invalid one yields exactly its message.
import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiagnostic, parseManifest } from '../../src/manifest/index.js';
import { repoPath, SAMPLE_ENV } from './helpers.js';

function check(relative: string, env: Record<string, string | undefined> = SAMPLE_ENV) {
  return parseManifest(readFileSync(repoPath(relative), 'utf8'), relative, env);
}

const valid = suite('parseManifest on samples/*.yaml');

const VALID = ['full.yaml', 'ha-inbound.yaml', 'minimal.yaml', 'outbound-office.yaml'];

valid('the valid samples are exactly the four documented ones', () => {
  assert.equal(readdirSync(repoPath('samples')).filter((f) => f.endsWith('.yaml')).sort(), VALID);
});

for (const name of VALID) {
  valid(`${name} is valid without warnings and carries the schema modeline`, () => {
    const loaded = check(`samples/${name}`);
    assert.equal(loaded.diagnostics.map(formatDiagnostic), []);
    assert.ok(loaded.desired);
    assert.ok(readFileSync(repoPath(`samples/${name}`), 'utf8').startsWith('# yaml-language-server: $schema=../schema/manifest.schema.json\n'));
  });
}

valid('full.yaml uses every kind and every field', () => {
  const text = readFileSync(repoPath('samples/full.yaml'), 'utf8');
  const desired = check('samples/full.yaml').desired!;
  assert.equal(desired.declared, ['uri', 'credential', 'ipacl', 'trunk', 'endpoint', 'number']);
  const schema = JSON.parse(readFileSync(repoPath('schema/manifest.schema.json'), 'utf8'));
  for (const kind of ['uri', 'credential', 'ipacl', 'trunk', 'endpoint', 'number']) {
    for (const field of Object.keys(schema.definitions[kind].properties)) {
      assert.ok(new RegExp(`^\\s+(- )?${field}:`, 'm').test(text), `${kind}.${field} is not shown in full.yaml`);
    }
  }
  assert.ok(/^prune:/m.test(text));
});

valid('the variables each valid sample needs are listed in its header', () => {
  for (const name of VALID) {
    const text = readFileSync(repoPath(`samples/${name}`), 'utf8');
    const header = text.slice(0, text.indexOf('\nversion:'));
    const used = new Set([...text.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]).filter((v) => v !== 'VAR'));
    for (const v of used) assert.ok(header.includes(v), `${name} uses ${v} but its header does not list it`);
    if (used.size === 0) assert.ok(header.includes('Environment variables needed: none'), name);
  }
});

// One entry per file in samples/invalid: the exact diagnostics, in order.
const INVALID: Record<string, { env?: Record<string, string>; expect: string[] }> = {
  'alias-bomb.yaml': { expect: ['7:36: aliases expand to more than 100000 values; refusing the file'] },
  'app-id-number.yaml': { expect: ['7:13: app_id must be a string or null; put it in quotes'] },
  'auth-without-password.yaml': { expect: ['4:3: authentication_needed is true but password is missing'] },
  'bad-cidr.yaml': { expect: ['5:34: "198.51.100.0/33" has a prefix length outside 0-32'] },
  'cidr-host-bits.yaml': { expect: ['6:34: warning: "198.51.100.7/24" has host bits set after /24; did you mean 198.51.100.0/24?'] },
  'bad-enum.yaml': { expect: ['9:19: trunk_status must be one of "enabled", "disabled"; did you mean "enabled"?'] },
  'bad-ip-address.yaml': { expect: ['6:9: "203.0.113.256" is not an IPv4 or IPv6 address or CIDR block'] },
  'bad-sip-uri.yaml': { expect: ['5:10: uri needs a user: sip:user@host[:port]'] },
  'credential-password-rules.yaml': {
    env: { OFFICE_SIP_PASSWORD: 'officepass1' },
    expect: ['7:15: password needs at least one of ~!@#$%^&*()_+ (from ${OFFICE_SIP_PASSWORD})'],
  },
  'credential-username.yaml': { expect: ['5:15: username must be 5-20 letters and digits'] },
  'duplicate-name.yaml': { expect: ['6:11: duplicate uri name "pbx": already used at line 4'] },
  'duplicate-yaml-key.yaml': { expect: ['6:5: duplicate key "uri" (first at line 5)'] },
  'endpoint-alias.yaml': {
    expect: ['5:12: alias may contain letters, digits, "-" and "_", in words separated by single spaces'],
  },
  'endpoint-username.yaml': {
    expect: ['4:15: username must be 1-25 letters and digits, starting with a letter (Plivo appends 12 digits itself)'],
  },
  'fallback-equals-primary.yaml': { expect: ['10:19: fallback_uri must differ from primary_uri'] },
  'inbound-with-credential.yaml': { expect: ['14:5: credential is for outbound trunks; this trunk is inbound'] },
  'literal-password.yaml': {
    expect: ['6:15: warning: password is written in the manifest; use ${VAR} to keep it out of the file'],
  },
  'malformed.yaml': {
    expect: ['6:3: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  'missing-primary-uri.yaml': {
    expect: ['7:3: inbound trunk needs primary_uri (the name of a uri that receives its calls)'],
  },
  'missing-version.yaml': { expect: ['2:1: missing required field "version"'] },
  'misspelt-key.yaml': { expect: ['8:5: unknown field "trunk_directon"; did you mean "trunk_direction"?'] },
  'multiple-documents.yaml': {
    expect: ['6:1: only one YAML document is allowed; remove the second "---" and what follows'],
  },
  'number-format.yaml': {
    expect: ['11:13: number must be E.164 digits without "+": 8-15 digits, the first not 0 (country code first, e.g. "14155551234")'],
  },
  'number-outbound-trunk.yaml': {
    expect: [
      '13:12: trunk "office-out" is outbound; a number needs an inbound trunk (the API accepts an outbound one, but the number then silently stops answering calls)',
    ],
  },
  'number-unquoted.yaml': { expect: ['11:13: number must be a string; put it in quotes'] },
  'not-a-mapping.yaml': {
    expect: ['2:1: the manifest must be a mapping of keys ("version: 1", "trunks: …"), not a list or a single value'],
  },
  'outbound-with-uri.yaml': { expect: ['13:5: primary_uri is for inbound trunks; this trunk is outbound'] },
  'outbound-without-auth.yaml': {
    expect: ['4:3: outbound trunk needs ipacl, credential or both (how Plivo recognises your PBX)'],
  },
  'prune-undeclared.yaml': {
    expect: ['4:15: prune lists "endpoints" but the manifest has no "endpoints:" list; write "endpoints: []" to delete every live one'],
  },
  'tab-indent.yaml': {
    expect: [
      '4:1: tabs are not allowed as indentation; indent with spaces',
      '5:1: tabs are not allowed as indentation; indent with spaces',
    ],
  },
  'unknown-reference.yaml': { expect: ['9:18: no uri named "primery-pbx" in this manifest; did you mean "primary-pbx"?'] },
  'unset-variable.yaml': { expect: ['8:15: environment variable PBX_PASWORD is not set; did you mean PBX_PASSWORD?'] },
  'wrong-kind-reference.yaml': { expect: ['10:12: no ipacl named "office" in this manifest; "office" is a credential'] },
};

const invalid = suite('parseManifest on samples/invalid/*.yaml');

invalid('every invalid sample has an expectation here, and every expectation a file', () => {
  assert.equal(readdirSync(repoPath('samples/invalid')).sort(), Object.keys(INVALID).sort());
});

for (const [name, { env, expect }] of Object.entries(INVALID)) {
  invalid(`${name}: ${expect[0]}`, () => {
    const file = `samples/invalid/${name}`;
    const loaded = check(file, { ...SAMPLE_ENV, ...env });
    assert.equal(loaded.diagnostics.map(formatDiagnostic), expect.map((line) => `${file}:${line}`));
    const errors = loaded.diagnostics.some((d) => d.severity === 'error');
    assert.is(loaded.desired === null, errors);
  });
}

valid.run();
invalid.run();
