// ${VAR} interpolation, seen through parseManifest: values, escapes, positions, secrets and silence about values.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseManifest } from '../../src/manifest/index.js';
import { diagnose } from './helpers.js';

const uri = (value: string) => `version: 1\nuris:\n  - name: pbx\n    uri: ${value}\n`;

const interpolate = suite('interpolate');

interpolate('replaces whole and embedded references and $${ escapes', () => {
  const loaded = parseManifest(
    'version: 1\nuris:\n  - name: "$${HOST}-${SITE}"\n    uri: sip:${USER}@pbx.example.com\n',
    'm.yaml',
    { SITE: 'lon', USER: 'plivo' },
  );
  assert.equal(loaded.diagnostics, []);
  assert.is(loaded.desired!.uri[0].name, '${HOST}-lon');
  assert.is(loaded.desired!.uri[0].uri, 'sip:plivo@pbx.example.com');
  assert.equal(loaded.secrets.sort(), ['lon', 'plivo']);
});

interpolate('reports an unset variable at its reference, even inside a longer string', () => {
  assert.equal(diagnose(uri('sip:${SIP_USER}@${SIP_HOST}'), { SIP_HOST: 'pbx.example.com' }), [
    'm.yaml:4:14: environment variable SIP_USER is not set',
  ]);
});

interpolate('reports malformed references', () => {
  assert.equal(diagnose(uri('"${not-a-name}"'), {}), [
    'm.yaml:4:11: "${not-a-name}", which is not a variable name; write $${ for a literal "${"',
  ]);
  assert.equal(diagnose(uri('"a${OPEN"'), {}), ['m.yaml:4:12: an unclosed "${"; write $${ for a literal "${"']);
});

interpolate('rule errors on interpolated values name the variable and never the value', () => {
  const secret = 'not a host at all';
  const lines = diagnose(uri('${PBX_URI}'), { PBX_URI: secret });
  assert.equal(lines, [
    'm.yaml:4:10: uri does not name a host (an IPv4 address, [IPv6] address or FQDN such as sip.example.com) (from ${PBX_URI})',
  ]);
  const schemaLines = diagnose('version: 1\ntrunks:\n  - name: t\n    trunk_direction: ${DIR}\n', { DIR: 'sideways' });
  assert.equal(schemaLines, [
    'm.yaml:4:22: trunk_direction must be one of "inbound", "outbound" (from ${DIR})',
  ]);
  assert.not.ok(schemaLines.join('').includes('sideways'));
});

interpolate('an unset variable is reported once, not again by the rules its empty value would fail', () => {
  const text = 'version: 1\ncredentials:\n  - name: c\n    username: officeuser\n    password: ${NOPE}\n';
  assert.equal(diagnose(text, {}), ['m.yaml:5:15: environment variable NOPE is not set']);
});

interpolate('a variable set to the empty string counts as set, and the rules judge the empty value', () => {
  const text = 'version: 1\nendpoints:\n  - username: alice\n    alias: a\n    password: ${EMPTY}\n';
  assert.equal(diagnose(text, { EMPTY: '' }), ['m.yaml:5:15: password must be at least 5 characters (from ${EMPTY})']);
});

interpolate.run();
