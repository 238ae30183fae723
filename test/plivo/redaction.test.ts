import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MASK, Redactor } from '../../src/plivo/redaction.js';

const text = suite('Redactor.text');

text('cuts registered secrets, longest first, and ignores trivially short ones', () => {
  const r = new Redactor(['abcdef', 'abc', 'x']);
  assert.is(r.text('key abcdefgh and abc and x'), `key ${MASK}gh and ${MASK} and x`);
  r.add(['gh']);
  assert.is(r.text('gh'), 'gh');
});

text('masks secret keys in JSON-like text that does not parse, even cut mid-value', () => {
  const r = new Redactor();
  assert.is(r.text('{"username": "u", "password": "p@ss\\"w'), `{"username": "u", "password": "${MASK}"`);
  assert.is(r.text('{"auth_token":"t1","a":1}'), `{"auth_token":"${MASK}","a":1}`);
});

text.run();

const value = suite('Redactor.value');

value('masks secret keys at any depth and secret strings anywhere', () => {
  const r = new Redactor(['s3cret!']);
  assert.equal(r.value({ password: 'p', nested: [{ new_password: 'q', note: 'was s3cret!' }], n: 1, password_hint: null }), {
    password: MASK,
    nested: [{ new_password: MASK, note: `was ${MASK}` }],
    n: 1,
    password_hint: null,
  });
});

value.run();

const body = suite('Redactor.body');

body('renders JSON compactly, masked, and cuts long bodies', () => {
  const r = new Redactor();
  assert.is(r.body('{ "password": "x", "a": 1 }'), `{"password":"${MASK}","a":1}`);
  assert.is(r.body('not json'), 'not json');
  const long = r.body(JSON.stringify({ s: 'y'.repeat(100) }), 20);
  assert.ok(long.startsWith('{"s":"yyyy'));
  assert.match(long, /… \(\d+ chars\)$/);
});

body.run();
