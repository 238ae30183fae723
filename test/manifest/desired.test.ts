// The desired state a valid manifest normalises to: defaults, secrets, sources, declared kinds and prune.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseManifest } from '../../src/manifest/index.js';

const load = (text: string, env: Record<string, string> = {}) => {
  const loaded = parseManifest(text, 'm.yaml', env);
  assert.equal(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  return loaded.desired!;
};

const build = suite('buildDesired');

build('applies the API defaults and null for absent optional fields', () => {
  const d = load('version: 1\nuris:\n  - name: u\n    uri: a.example.com\ntrunks:\n  - name: t\n    trunk_direction: inbound\n    primary_uri: u\n');
  assert.equal(d.uri, [{ kind: 'uri', name: 'u', uri: 'a.example.com', authentication_needed: false, username: null, password: null, protect: false, source: 'm.yaml:3:3' }]);
  assert.equal(d.trunk, [{
    kind: 'trunk', name: 't', trunk_direction: 'inbound', trunk_status: 'enabled', secure: false,
    primary_uri: 'u', fallback_uri: null, ipacl: null, credential: null, protect: false, source: 'm.yaml:6:3',
  }]);
});

build('wraps secrets with the variable they came from, or null when literal', () => {
  const d = load(
    'version: 1\ncredentials:\n  - name: c\n    username: officeuser\n    password: ${PW}\n  - name: d\n    username: officeuser2\n    password: "Lit#eral1"\n',
    { PW: 'Env#pass1' },
  );
  assert.equal(d.credential.map((c) => c.password), [{ ref: 'PW', value: 'Env#pass1' }, { ref: null, value: 'Lit#eral1' }]);
});

build('marks fields built from ${VAR} as sensitive, except passwords (always secret), names and references', () => {
  const d = load(
    'version: 1\nuris:\n  - name: ${NAME}\n    uri: ${HOST}:5060\n    authentication_needed: true\n    username: ${USER}\n    password: ${PW}\n' +
      'ipacls:\n  - name: a\n    ip_addresses: [10.0.0.1, "${OFFICE_IP}"]\n  - name: b\n    ip_addresses: [10.0.0.2]\n',
    { NAME: 'pbx', HOST: 'pbx.example.com', USER: 'plivoin', PW: 'secret-pw', OFFICE_IP: '10.0.0.7' },
  );
  assert.equal(d.uri[0].sensitive, ['uri', 'username']);
  assert.equal(d.ipacl.map((a) => a.sensitive), [['ip_addresses'], undefined]);
});

build('keeps an endpoint\'s app_id undefined when absent and null when written as null', () => {
  const endpoint = (extra: string) =>
    load(`version: 1\nendpoints:\n  - username: alice\n    alias: a\n    password: \${P}\n${extra}`, { P: 'secret' }).endpoint[0];
  assert.not.ok('app_id' in endpoint(''));
  assert.is(endpoint('    app_id: null\n').app_id, null);
  assert.is(endpoint('    app_id: "123"\n').app_id, '123');
  assert.is(endpoint('    protect: true\n').protect, true);
});

build('declares the kinds whose key appears, even empty, in the canonical order', () => {
  const d = load('version: 1\ntrunks: []\nuris: []\n');
  assert.equal(d.declared, ['uri', 'trunk']);
  assert.equal(d.prune, []);
});

build('normalises prune: true to the declared kinds and a list to kinds', () => {
  assert.equal(load('version: 1\nprune: true\nendpoints: []\nipacls: []\n').prune, ['ipacl', 'endpoint']);
  assert.equal(load('version: 1\nprune: [endpoints, uris]\nendpoints: []\nuris: []\nipacls: []\n').prune, ['uri', 'endpoint']);
  assert.equal(load('version: 1\nprune: false\nuris: []\n').prune, []);
});

build('numbers: the digits and the trunk name, never in prune even with prune: true', () => {
  const d = load(
    'version: 1\nprune: true\nuris:\n  - name: u\n    uri: a.example.com\ntrunks:\n  - name: t\n    trunk_direction: inbound\n    primary_uri: u\nnumbers:\n  - number: "14155551234"\n    trunk: t\n',
  );
  assert.equal(d.number, [{ kind: 'number', number: '14155551234', trunk: 't', protect: false, source: 'm.yaml:11:3' }]);
  assert.equal(d.declared, ['uri', 'trunk', 'number']);
  assert.equal(d.prune, ['uri', 'trunk']);
});

build('is null when there is any error', () => {
  assert.is(parseManifest('version: 1\nuris:\n  - name: u\n', 'm.yaml', {}).desired, null);
});

build.run();
