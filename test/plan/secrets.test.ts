// Write-only secrets: no perpetual diff, rotation on request, endpoint MD5 comparison, one warning each.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planChanges } from '../../src/plan/index.js';
import {
  NOTE_AUTH_ON,
  NOTE_CREDENTIAL_RESEND,
  NOTE_ROTATED,
  RotateRequest,
  decidePassword,
  md5Hex,
  warnAboutPasswords,
} from '../../src/plan/secrets.js';
import { SENSITIVE } from '../../src/plan/types.js';
import {
  SUFFIX,
  changeLines,
  credential,
  desiredOf,
  endpoint,
  liveCredential,
  liveEndpoint,
  liveOf,
  liveUri,
  options,
  secret,
  uri,
} from './builders.js';

const authUri = (name: string) => uri(name, { authentication_needed: true, username: 'plivo', password: secret('s3cret!') });
const liveAuthUri = (id: string, name: string) => liveUri(id, name, { authentication_needed: true, username: 'plivo' });

const md5 = suite('md5Hex');

md5('is the lowercase hex MD5 of the UTF-8 bytes', () => {
  assert.is(md5Hex('password'), '5f4dcc3b5aa765d61d8327deb882cf99');
});

md5.run();

const rotate = suite('RotateRequest');

rotate('matches "all" or the kind:name key', () => {
  assert.ok(new RotateRequest(['all']).includes(uri('pbx')));
  assert.ok(new RotateRequest(['uri:pbx']).includes(uri('pbx')));
  assert.not.ok(new RotateRequest(['credential:pbx']).includes(uri('pbx')));
  assert.ok(new RotateRequest(['endpoint:alice']).includes(endpoint('alice')));
});

rotate('lists keys that name nothing known, sorted', () => {
  assert.equal(new RotateRequest(['all', 'uri:b', 'uri:a', 'uri:ok']).unknownKeys(new Set(['uri:ok'])), ['uri:a', 'uri:b']);
});

rotate.run();

const decide = suite('decidePassword');

decide('endpoint with a hash: sent exactly when the MD5 differs (hash case ignored)', () => {
  const none = new RotateRequest([]);
  const same = liveEndpoint('e1', `alice${SUFFIX}`, { password_md5: md5Hex('pw-alice').toUpperCase() });
  assert.equal(decidePassword(endpoint('alice'), same, none, false), { send: false, notes: [], blind: null });
  const drifted = liveEndpoint('e1', `alice${SUFFIX}`, { password_md5: md5Hex('other') });
  assert.equal(decidePassword(endpoint('alice'), drifted, none, false), { send: true, notes: [], blind: null });
});

decide('endpoint without a hash: blind, unless rotated', () => {
  const l = liveEndpoint('e1', `alice${SUFFIX}`, { password_md5: undefined });
  assert.equal(decidePassword(endpoint('alice'), l, new RotateRequest([]), false).blind, 'no-hash');
  assert.equal(decidePassword(endpoint('alice'), l, new RotateRequest(['all']), false), {
    send: true,
    notes: [NOTE_ROTATED],
    blind: null,
  });
});

decide('uri: write-only unless rotated, or sent when authentication is turned on', () => {
  const none = new RotateRequest([]);
  assert.equal(decidePassword(authUri('pbx'), liveAuthUri('u1', 'pbx'), none, false).blind, 'write-only');
  assert.equal(decidePassword(authUri('pbx'), liveUri('u1', 'pbx'), none, true).notes, [NOTE_AUTH_ON]);
  assert.equal(decidePassword(uri('pbx'), liveUri('u1', 'pbx'), new RotateRequest(['all']), false).send, false);
});

decide('credential: re-sent with any update, write-only otherwise', () => {
  const none = new RotateRequest([]);
  assert.equal(decidePassword(credential('ops'), liveCredential('c1', 'ops'), none, true), {
    send: false,
    notes: [NOTE_CREDENTIAL_RESEND],
    blind: null,
  });
  assert.equal(decidePassword(credential('ops'), liveCredential('c1', 'ops'), none, false).blind, 'write-only');
});

decide.run();

const warn = suite('warnAboutPasswords');

warn('nothing to say when every password is seen or sent', () => {
  assert.equal(warnAboutPasswords({ 'write-only': 0, 'no-hash': 0 }, []), []);
});

warn('one line per kind of blindness, singular or plural, then one per unknown --rotate key', () => {
  const lines = warnAboutPasswords({ 'write-only': 1, 'no-hash': 3 }, ['uri:x']);
  assert.is(lines.length, 3);
  assert.match(lines[0], /^1 uri\/credential password cannot be read back/);
  assert.match(lines[1], /^3 endpoint passwords could not be compared/);
  assert.match(lines[2], /^--rotate uri:x names no/);
});

warn.run();

const plan = suite('planChanges: secrets');

plan('uri and credential passwords never show a perpetual diff; one warning says how to rotate', () => {
  const p = planChanges(
    desiredOf(authUri('pbx'), authUri('backup'), credential('ops')),
    liveOf(liveAuthUri('u1', 'pbx'), liveAuthUri('u2', 'backup'), liveCredential('c1', 'ops')),
    options(),
  );
  assert.equal(changeLines(p), []);
  assert.is(p.warnings.length, 1);
  assert.match(p.warnings[0], /^3 uri\/credential passwords cannot be read back/);
  assert.match(p.warnings[0], /--rotate uri:NAME/);
  assert.match(p.warnings[0], /--rotate all/);
});

plan('no write-only warning when no managed object has such a password', () => {
  const p = planChanges(desiredOf(uri('pbx')), liveOf(liveUri('u1', 'pbx')), options());
  assert.equal(p.warnings, []);
});

plan('--rotate uri:NAME updates that uri with password changed and a note', () => {
  const p = planChanges(
    desiredOf(authUri('pbx'), authUri('backup')),
    liveOf(liveAuthUri('u1', 'pbx'), liveAuthUri('u2', 'backup')),
    options({ rotate: ['uri:pbx'] }),
  );
  assert.equal(changeLines(p), ['~ uri pbx (u1): password']);
  assert.equal(p.changes[0].notes, [NOTE_ROTATED]);
  assert.equal([p.changes[0].before?.password, p.changes[0].after?.password], [SENSITIVE, SENSITIVE]);
  assert.match(p.warnings[0], /^1 uri\/credential password cannot/);
});

plan('--rotate all rotates every uri and credential password, and no write-only warning remains', () => {
  const p = planChanges(
    desiredOf(authUri('pbx'), credential('ops'), uri('plain')),
    liveOf(liveAuthUri('u1', 'pbx'), liveCredential('c1', 'ops'), liveUri('u3', 'plain')),
    options({ rotate: ['all'] }),
  );
  assert.equal(changeLines(p), ['~ uri pbx (u1): password', '~ credential ops (c1): password']);
  assert.equal(p.warnings, []);
});

plan('a credential update notes that the password is sent again', () => {
  const p = planChanges(desiredOf(credential('ops', { username: 'newuser' })), liveOf(liveCredential('c1', 'ops')), options());
  assert.equal(changeLines(p), ['~ credential ops (c1): username']);
  assert.equal(p.changes[0].notes, [NOTE_CREDENTIAL_RESEND]);
  assert.equal(p.warnings, []);
});

plan('turning uri authentication on sends the password along', () => {
  const p = planChanges(desiredOf(authUri('pbx')), liveOf(liveUri('u1', 'pbx')), options());
  assert.equal(changeLines(p), ['~ uri pbx (u1): authentication_needed, username, password']);
  assert.equal(p.changes[0].notes, [NOTE_AUTH_ON]);
});

plan('endpoint password compared through the MD5 when the API returns it', () => {
  const live = liveOf(
    liveEndpoint('e1', `alice${SUFFIX}`),
    liveEndpoint('e2', `bob${SUFFIX}`, { password_md5: md5Hex('old') }),
  );
  const p = planChanges(desiredOf(endpoint('alice'), endpoint('bob')), live, options());
  assert.equal(changeLines(p), ['~ endpoint bob (e2): password']);
  assert.equal(p.warnings, []);
});

plan('endpoint passwords without a hash: no change, one aggregated warning; rotate sends them', () => {
  const live = liveOf(
    liveEndpoint('e1', `alice${SUFFIX}`, { password_md5: undefined }),
    liveEndpoint('e2', `bob${SUFFIX}`, { password_md5: undefined }),
  );
  const desired = desiredOf(endpoint('alice'), endpoint('bob'));
  const p = planChanges(desired, live, options());
  assert.equal(changeLines(p), []);
  assert.equal(p.warnings.length, 1);
  assert.match(p.warnings[0], /^2 endpoint passwords could not be compared/);
  const rotated = planChanges(desired, live, options({ rotate: ['endpoint:bob'] }));
  assert.equal(changeLines(rotated), ['~ endpoint bob (e2): password']);
  assert.match(rotated.warnings[0], /^1 endpoint password could not be compared/);
});

plan('a create always sends the password and needs no rotation', () => {
  const p = planChanges(desiredOf(authUri('pbx'), credential('ops'), endpoint('alice')), liveOf(), options());
  assert.equal(changeLines(p), ['+ uri pbx', '+ credential ops', '+ endpoint alice']);
  assert.ok(p.changes.every((c) => c.changed.includes('password') && c.after?.password === SENSITIVE));
  assert.equal(p.warnings, []);
});

plan('a --rotate key that names nothing with a password is warned about', () => {
  const p = planChanges(desiredOf(uri('plain'), credential('ops')), liveOf(), options({ rotate: ['uri:plain', 'credential:ops', 'trunk:x'] }));
  assert.equal(p.warnings, [
    '--rotate trunk:x names no uri, credential or endpoint with a password in the manifest; ignored.',
    '--rotate uri:plain names no uri, credential or endpoint with a password in the manifest; ignored.',
  ]);
});

plan('no secret value appears anywhere in a plan', () => {
  const p = planChanges(
    desiredOf(
      uri('pbx', { authentication_needed: true, username: 'u', password: secret('TOPSECRET-1') }),
      credential('ops', { password: secret('TOPSECRET-2') }),
      endpoint('alice', { password: secret('TOPSECRET-3') }),
    ),
    liveOf(liveCredential('c1', 'ops', { username: 'x' }), liveEndpoint('e1', `alice${SUFFIX}`, { password_md5: md5Hex('x') })),
    options({ rotate: ['all'] }),
  );
  assert.is(p.changes.length, 3);
  assert.not.match(JSON.stringify(p), /TOPSECRET/);
  assert.not.match(JSON.stringify(p), new RegExp(md5Hex('x')));
});

plan.run();
