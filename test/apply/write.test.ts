// Write models: references resolved to ids at run time, secrets as values, endpoint app_id left alone.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IdBook, buildWrite, findDesired } from '../../src/apply/write.js';
import { emptyLiveState } from '../../src/model.js';
import { CREDENTIAL_PASSWORD, ENDPOINT_PASSWORD, URI_PASSWORD, credential, desiredOf, endpoint, ipacl, liveTrunk, liveUri, number, trunk, uri } from './fixture.js';

function book(): IdBook {
  const live = emptyLiveState();
  live.uri.push(liveUri('u-1', 'a'), { ...liveUri('u-2', 'x'), name: null }, liveUri('u-3', 'twice'), liveUri('u-4', 'twice'));
  live.credential.push({ kind: 'credential', id: 'c-1', name: 'office', username: 'officeuser' });
  return new IdBook(live);
}

const idBookSuite = suite('IdBook.resolve');

idBookSuite('live ids by identity, overridden by ids created in this run, forgotten after a delete', () => {
  const ids = book();
  assert.is(ids.resolve('uri', 'a'), 'u-1');
  assert.is(ids.resolve('uri', 'uri-u-2'), 'u-2');
  assert.is(ids.resolve('uri', null), null);
  ids.record('uri', 'a', 'u-new');
  assert.is(ids.resolve('uri', 'a'), 'u-new');
  ids.forget('credential', 'c-1');
  assert.throws(() => ids.resolve('credential', 'office'), /credential "office" does not exist in the account/);
});

idBookSuite('an unknown name and a name claimed twice are errors, not guesses', () => {
  const ids = book();
  assert.throws(() => ids.resolve('ipacl', 'a'), /ipacl "a" does not exist/);
  assert.throws(() => ids.resolve('uri', 'twice'), /2 live uris are named "twice" \(ids u-3, u-4\)/);
});

idBookSuite.run();

const buildWriteSuite = suite('buildWrite');

buildWriteSuite('each kind, with secrets as values and references as ids', () => {
  const ids = book();
  assert.equal(buildWrite('uri', uri('a'), ids), {
    name: 'a',
    uri: 'a.example.com:5060',
    authentication_needed: true,
    username: 'plivo_in',
    password: URI_PASSWORD,
  });
  assert.is(buildWrite('uri', uri('a', { password: null }), ids).password, null);
  assert.equal(buildWrite('credential', credential('office'), ids), { name: 'office', username: 'officeuser', password: CREDENTIAL_PASSWORD });
  assert.equal(buildWrite('ipacl', ipacl('office'), ids), { name: 'office', ip_addresses: ['203.0.113.10', '198.51.100.0/24'] });
  assert.equal(buildWrite('trunk', trunk('t', { trunk_direction: 'outbound', credential: 'office' }), ids), {
    name: 't',
    trunk_direction: 'outbound',
    trunk_status: 'enabled',
    secure: false,
    primary_uri_id: null,
    fallback_uri_id: null,
    ipacl_id: null,
    credential_id: 'c-1',
  });
});

buildWriteSuite('an endpoint without app_id leaves it out; null detaches', () => {
  const ids = book();
  const w = buildWrite('endpoint', endpoint('alice'), ids);
  assert.equal(w, { username: 'alice', alias: 'alice-desk', password: ENDPOINT_PASSWORD });
  assert.ok(!('app_id' in w));
  assert.is(buildWrite('endpoint', endpoint('alice', { app_id: null }), ids).app_id, null);
});

buildWriteSuite('a number: the id of its trunk, the live one or the one created in this run', () => {
  const live = emptyLiveState();
  live.trunk.push(liveTrunk('42', 'main'));
  const ids = new IdBook(live);
  assert.equal(buildWrite('number', number('14155551234', 'main'), ids), { trunk_id: '42' });
  ids.record('trunk', 'new', '43');
  assert.equal(buildWrite('number', number('14155551234', 'new'), ids), { trunk_id: '43' });
  assert.throws(() => buildWrite('number', number('14155551234', 'gone'), ids), /trunk "gone" does not exist in the account/);
});

buildWriteSuite.run();

const findDesiredSuite = suite('findDesired');

findDesiredSuite('by kind and identity; an endpoint by its username, a number by its digits', () => {
  const desired = desiredOf(uri('a'), trunk('a'), endpoint('alice'), number('14155551234', 'a'));
  assert.is(findDesired(desired, 'trunk', 'a').kind, 'trunk');
  assert.is(findDesired(desired, 'endpoint', 'alice').username, 'alice');
  assert.is(findDesired(desired, 'number', '14155551234').trunk, 'a');
  assert.throws(() => findDesired(desired, 'ipacl', 'a'), /ipacl "a" is not in the manifest/);
});

findDesiredSuite.run();
