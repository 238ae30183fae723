// Per-kind views: what a plan shows for manifest entries and live objects.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareText, normalizeSet, normalizeText, viewDesired, viewLive } from '../../src/plan/view.js';
import { SENSITIVE } from '../../src/plan/types.js';
import type { Kind } from '../../src/model.js';
import {
  SUFFIX,
  credential,
  endpoint,
  ipacl,
  liveCredential,
  liveEndpoint,
  liveIpacl,
  liveTrunk,
  liveUri,
  secret,
  trunk,
  uri,
} from './builders.js';

const names: Record<string, string> = { u1: 'pbx', a1: 'office', c1: 'ops' };
const nameOf = (kind: Kind, id: string) => names[id] ?? `(missing ${id})`;

const text = suite('normalizeText');

text('null, "" and absent are one value; everything else is kept', () => {
  assert.is(normalizeText(undefined), null);
  assert.is(normalizeText(null), null);
  assert.is(normalizeText(''), null);
  assert.is(normalizeText('x'), 'x');
  assert.is(normalizeText(false), false);
});

text.run();

const set = suite('normalizeSet');

set('sorts and removes duplicates', () => {
  assert.equal(normalizeSet(['10.0.0.2', '10.0.0.1', '10.0.0.2']), ['10.0.0.1', '10.0.0.2']);
  assert.equal(normalizeSet(null), []);
});

set.run();

const order = suite('compareText');

order('orders by code unit, whatever the locale', () => {
  assert.equal(['b', 'B', 'a', 'Z'].sort(compareText), ['B', 'Z', 'a', 'b']);
});

order.run();

const desired = suite('viewDesired');

desired('uri: secrets masked when set, null when unset', () => {
  assert.equal(viewDesired(uri('pbx', { authentication_needed: true, username: 'u', password: secret('s3cret!') })), {
    name: 'pbx',
    uri: 'pbx.example.com',
    authentication_needed: true,
    username: 'u',
    password: SENSITIVE,
  });
  assert.is(viewDesired(uri('pbx')).password, null);
});

desired('credential, ipacl (sorted set) and trunk (references as names)', () => {
  assert.equal(viewDesired(credential('ops')), { name: 'ops', username: 'opsuser', password: SENSITIVE });
  assert.equal(viewDesired(ipacl('office', ['10.0.0.2', '10.0.0.1', '10.0.0.2'])), {
    name: 'office',
    ip_addresses: ['10.0.0.1', '10.0.0.2'],
  });
  assert.equal(viewDesired(trunk('main', { primary_uri: 'pbx', credential: 'ops', trunk_direction: 'outbound' })), {
    name: 'main',
    trunk_direction: 'outbound',
    trunk_status: 'enabled',
    secure: false,
    primary_uri: 'pbx',
    fallback_uri: null,
    ipacl: null,
    credential: 'ops',
  });
});

desired('endpoint: app_id only when the manifest says something about it', () => {
  assert.equal(viewDesired(endpoint('alice')), { username: 'alice', alias: 'alice', password: SENSITIVE });
  assert.equal(viewDesired(endpoint('alice', { app_id: null })).app_id, null);
  assert.equal(viewDesired(endpoint('alice', { app_id: '123' })).app_id, '123');
});

desired('the secret value never appears in a view', () => {
  const view = JSON.stringify(viewDesired(endpoint('alice', { password: secret('hunter2-very-secret') })));
  assert.not.match(view, /hunter2/);
});

desired.run();

desired('fields built from ${VAR} are masked; names and references stay readable', () => {
  const d = uri('pbx', { uri: 'pbx-7713.example.com', username: 'u', sensitive: ['uri'] });
  assert.equal(viewDesired(d), { name: 'pbx', uri: SENSITIVE, authentication_needed: false, username: 'u', password: null });
  assert.equal(viewDesired(ipacl('office', ['10.0.0.9'], { sensitive: ['ip_addresses'] })).ip_addresses, SENSITIVE);
});

const live = suite('viewLive');

live('a field the manifest builds from ${VAR} is masked on the live side too, so a plan shows neither value', () => {
  const d = uri('pbx', { uri: 'pbx-7713.example.com', sensitive: ['uri'] });
  assert.is(viewLive(liveUri('u1', 'pbx', { uri: 'old-7713.example.com' }), d, nameOf).uri, SENSITIVE);
  assert.is(viewLive(liveUri('u1', 'pbx', { uri: 'old-7713.example.com' }), null, nameOf).uri, 'old-7713.example.com');
});

live('uri: the password shows as set exactly when authentication is on', () => {
  assert.is(viewLive(liveUri('u1', 'pbx', { authentication_needed: true, username: 'u' }), null, nameOf).password, SENSITIVE);
  assert.is(viewLive(liveUri('u1', 'pbx'), null, nameOf).password, null);
});

live('trunk: references resolved to names, unknown ids as (missing <id>), unnamed as <kind>-<id>', () => {
  const view = viewLive(liveTrunk('42', null, { primary_uri_id: 'u1', fallback_uri_id: 'gone', ipacl_id: 'a1' }), null, nameOf);
  assert.equal(view, {
    name: 'trunk-42',
    trunk_direction: 'inbound',
    trunk_status: 'enabled',
    secure: false,
    primary_uri: 'pbx',
    fallback_uri: '(missing gone)',
    ipacl: 'office',
    credential: null,
  });
});

live('server-assigned fields stay out of the view', () => {
  const view = viewLive(liveTrunk('42', 'main'), null, nameOf);
  assert.not.ok('trunk_domain' in view);
  const ep = viewLive(liveEndpoint('e1', `alice${SUFFIX}`), null, nameOf);
  assert.not.ok('sip_uri' in ep);
  assert.not.ok('password_md5' in ep);
});

live('endpoint: username without suffix; app_id follows the matching entry', () => {
  const l = liveEndpoint('e1', `alice${SUFFIX}`, { app_id: '77' });
  assert.equal(viewLive(l, null, nameOf), { username: 'alice', alias: 'alice', password: SENSITIVE, app_id: '77' });
  assert.not.ok('app_id' in viewLive(l, endpoint('alice'), nameOf));
  assert.is(viewLive(l, endpoint('alice', { app_id: null }), nameOf).app_id, '77');
});

live('credential and ipacl', () => {
  assert.equal(viewLive(liveCredential('c1', 'ops'), null, nameOf), { name: 'ops', username: 'opsuser', password: SENSITIVE });
  assert.equal(viewLive(liveIpacl('a1', 'office', ['10.0.0.9', '10.0.0.1']), null, nameOf), {
    name: 'office',
    ip_addresses: ['10.0.0.1', '10.0.0.9'],
  });
});

live.run();
