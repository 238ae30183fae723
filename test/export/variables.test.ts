import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createVariableAllocator, deriveVariableName } from '../../src/export/variables.js';

const deriveVariableNameSuite = suite('deriveVariableName');

deriveVariableNameSuite('upper-cases and turns every other character into _', () => {
  assert.is(deriveVariableName('uri', 'primary-pbx'), 'URI_PRIMARY_PBX_PASSWORD');
  assert.is(deriveVariableName('credential', 'office.main 2'), 'CREDENTIAL_OFFICE_MAIN_2_PASSWORD');
  assert.is(deriveVariableName('endpoint', 'alice'), 'ENDPOINT_ALICE_PASSWORD');
  assert.is(deriveVariableName('uri', 'zürich'), 'URI_Z_RICH_PASSWORD');
  assert.is(deriveVariableName('uri', 'uri-8fde2db4'), 'URI_URI_8FDE2DB4_PASSWORD');
});

deriveVariableNameSuite('always gives a valid shell variable name', () => {
  for (const name of ['1st', '-', 'ünïcödé', 'a b', '$x', '${Y}']) {
    assert.match(deriveVariableName('credential', name), /^[A-Z_][A-Z0-9_]*$/);
  }
});

deriveVariableNameSuite('refuses kinds without a password', () => {
  assert.throws(() => deriveVariableName('trunk', 'x'));
  assert.throws(() => deriveVariableName('ipacl', 'x'));
});

deriveVariableNameSuite.run();

const createVariableAllocatorSuite = suite('createVariableAllocator');

createVariableAllocatorSuite('numbers later clashes in call order', () => {
  const next = createVariableAllocator();
  assert.equal(
    [next('uri', 'a-b'), next('uri', 'a_b'), next('uri', 'a.b'), next('credential', 'a-b')],
    ['URI_A_B_PASSWORD', 'URI_A_B_PASSWORD_2', 'URI_A_B_PASSWORD_3', 'CREDENTIAL_A_B_PASSWORD'],
  );
});

createVariableAllocatorSuite('a numbered name never takes another object’s derived name', () => {
  const next = createVariableAllocator();
  const names = ['a', 'A', 'a-password-2', 'a_PASSWORD_2', 'a-2', 'a_2'].map((n) => next('uri', n));
  assert.is(new Set(names).size, names.length);
  assert.equal(names, [
    'URI_A_PASSWORD',
    'URI_A_PASSWORD_2',
    'URI_A_PASSWORD_2_PASSWORD',
    'URI_A_PASSWORD_2_PASSWORD_2',
    'URI_A_2_PASSWORD',
    'URI_A_2_PASSWORD_2',
  ]);
});

createVariableAllocatorSuite.run();
