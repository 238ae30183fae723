// diffAdopted: which fields an adopted object still needs changed, in the plan's field names.
import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { diffAdopted } from '../../src/apply/drift.js';
import type { LiveEndpoint } from '../../src/model.js';
import { liveTrunk, liveUri } from './fixture.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

const diffAdoptedSuite = suite('diffAdopted');

diffAdoptedSuite('nothing when the readable fields match; null and "" are equal', () => {
  const live = { ...liveUri('u-1', 'a'), username: '' };
  const write = { name: 'a', uri: 'a.example.com:5060', authentication_needed: true, username: null, password: 'secret-1' };
  assert.equal(diffAdopted('uri', live, write), []);
});

diffAdoptedSuite('trunk references are compared by id and named as in the manifest', () => {
  const live = liveTrunk('t-1', 't', { primary_uri_id: 'u-1', secure: true });
  const write = {
    name: 't',
    trunk_direction: 'inbound' as const,
    trunk_status: 'disabled' as const,
    secure: true,
    primary_uri_id: 'u-2',
    fallback_uri_id: null,
    ipacl_id: null,
    credential_id: null,
  };
  assert.equal(diffAdopted('trunk', live, write), ['trunk_status', 'primary_uri']);
});

diffAdoptedSuite('ip addresses compare in order; credentials by username only', () => {
  const acl = { kind: 'ipacl' as const, id: 'i-1', name: 'office', ip_addresses: ['198.51.100.0/24', '203.0.113.10'] };
  assert.equal(diffAdopted('ipacl', acl, { name: 'office', ip_addresses: ['203.0.113.10', '198.51.100.0/24'] }), ['ip_addresses']);
  assert.equal(diffAdopted('ipacl', acl, { name: 'office', ip_addresses: [...acl.ip_addresses] }), []);
  const cred = { kind: 'credential' as const, id: 'c-1', name: 'office', username: 'officeuser' };
  assert.equal(diffAdopted('credential', cred, { name: 'office', username: 'officeuser', password: 'any-Thing#1' }), []);
  assert.equal(diffAdopted('credential', cred, { name: 'office', username: 'other', password: 'x' }), ['username']);
});

diffAdoptedSuite('endpoint: password through its MD5 when returned, app_id only when the manifest sets it', () => {
  const live: LiveEndpoint = { kind: 'endpoint', id: 'e-1', username: 'alice261123120000', alias: 'desk', app_id: 'app-1' };
  const write = { username: 'alice', alias: 'desk', password: 'pw-Secret#1' };
  assert.equal(diffAdopted('endpoint', live, write), [], 'no hash returned: the password cannot be compared');
  assert.equal(diffAdopted('endpoint', { ...live, password_md5: md5('pw-Secret#1').toUpperCase() }, write), []);
  assert.equal(diffAdopted('endpoint', { ...live, password_md5: md5('old') }, write), ['password']);
  assert.equal(diffAdopted('endpoint', live, { ...write, app_id: null }), ['app_id']);
  assert.equal(diffAdopted('endpoint', live, { ...write, alias: 'other', app_id: 'app-1' }), ['alias']);
});

diffAdoptedSuite.run();
