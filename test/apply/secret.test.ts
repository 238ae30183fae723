// Secrets out of apply's messages.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { collectSecrets, redactSecrets } from '../../src/apply/secret.js';
import { CREDENTIAL_PASSWORD, ENDPOINT_PASSWORD, URI_PASSWORD, credential, desiredOf, endpoint, uri } from './fixture.js';

const collectSecretsSuite = suite('collectSecrets');

collectSecretsSuite('every password of the manifest, once, longest first', () => {
  const desired = desiredOf(uri('a'), uri('b'), uri('none', { password: null }), credential('c'), endpoint('e'));
  assert.equal(
    collectSecrets(desired),
    [URI_PASSWORD, CREDENTIAL_PASSWORD, ENDPOINT_PASSWORD].sort((x, y) => y.length - x.length),
  );
});

collectSecretsSuite.run();

const redactSecretsSuite = suite('redactSecrets');

redactSecretsSuite('masks every occurrence, a longer secret before one it contains', () => {
  assert.is(redactSecrets('pw abc123! then abc123! and abc', ['abc123!', 'abc']), 'pw (sensitive) then (sensitive) and (sensitive)');
  assert.is(redactSecrets('no secret here', ['abc123!']), 'no secret here');
});

redactSecretsSuite.run();
