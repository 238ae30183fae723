// createSafely on its own: a lost create is looked up before anything is sent again.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSafely } from '../../src/apply/create.js';
import { AuthError } from '../../src/plivo/errors.js';
import { FakeApi } from './fake-api.js';
import { liveUri } from './fixture.js';

const write = { name: 'a', uri: 'a.example.com:5060', authentication_needed: false, username: null, password: null };

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  return assert.unreachable('expected a rejection');
}

const createSafelySuite = suite('createSafely');

createSafelySuite('a confirmed create is sent once and not looked up', async () => {
  const fake = new FakeApi();
  const out = await createSafely(fake, 'uri', 'a', write);
  assert.equal(out, { adopted: false, id: fake.state.uri[0].id });
  assert.equal(fake.calls.map((c) => c.method), ['create']);
});

createSafelySuite('alternating losses: each loss is followed by a lookup, and the performed one is adopted', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create' }, { type: 'lost', performed: false });
  fake.inject({ method: 'create' }, { type: 'lost', performed: true });
  const out = await createSafely(fake, 'uri', 'a', write);
  assert.equal(fake.calls.map((c) => c.method), ['create', 'list', 'create', 'list']);
  assert.is(out.adopted, true);
  assert.is(out.id, fake.state.uri[0].id);
  assert.is(fake.state.uri.length, 1);
});

createSafelySuite('an object without a name is found under <kind>-<id>', async () => {
  const fake = new FakeApi();
  fake.seed({ ...liveUri('u-7', 'x'), name: null });
  fake.inject({ method: 'create' }, { type: 'lost', performed: false });
  const out = await createSafely(fake, 'uri', 'uri-u-7', { ...write, name: 'uri-u-7' });
  assert.equal([out.adopted, out.id], [true, 'u-7']);
});

createSafelySuite('errors other than a lost response are passed on untouched, without a lookup', async () => {
  const fake = new FakeApi();
  const auth = new AuthError('POST', 'Zentrunk/URI/');
  fake.inject({ method: 'create' }, { type: 'error', make: () => auth });
  assert.is(await failureOf(createSafely(fake, 'uri', 'a', write)), auth);
  assert.equal(fake.calls.map((c) => c.method), ['create']);
});

createSafelySuite('an authentication failure of the lookup is passed on as such', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create' }, { type: 'lost', performed: false });
  fake.inject({ method: 'list' }, { type: 'error', make: () => new AuthError('GET', 'Zentrunk/URI/') });
  assert.instance(await failureOf(createSafely(fake, 'uri', 'a', write)), AuthError);
  assert.is(fake.count('create'), 1);
});

createSafelySuite('a list that kept changing while read: a match is adopted, an absence proves nothing', async () => {
  const found = new FakeApi();
  found.listsKeepChanging = true;
  found.inject({ method: 'create' }, { type: 'lost', performed: true });
  const out = await createSafely(found, 'uri', 'a', write);
  assert.is(out.adopted, true);
  assert.is(found.state.uri.length, 1);

  const absent = new FakeApi();
  absent.listsKeepChanging = true;
  absent.inject({ method: 'create' }, { type: 'lost', performed: false });
  const err = await failureOf(createSafely(absent, 'uri', 'a', write));
  assert.match((err as Error).message, /the uri list kept changing while it was read\), so it was not created again/);
  assert.is(absent.count('create'), 1);
});

createSafelySuite('a single attempt allowed: one loss with nothing found fails', async () => {
  const fake = new FakeApi();
  fake.inject({ method: 'create' }, { type: 'lost', performed: false });
  const err = await failureOf(createSafely(fake, 'uri', 'a', write, 1));
  assert.match((err as Error).message, /^the create was not confirmed after 1 attempt, each answer lost/);
  assert.is(fake.count('create'), 1);
});

createSafelySuite.run();
