// The plan's dependency graph: what apply refuses to start, and who is skipped when a change fails.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph, collectDependents } from '../../src/apply/graph.js';
import { RefusedError } from '../../src/errors.js';
import { change } from './fixture.js';

function refusal(fn: () => unknown): string {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.instance(caught, RefusedError);
  return (caught as Error).message;
}

const buildGraphSuite = suite('buildGraph');

buildGraphSuite('counts distinct dependencies and lists dependents in plan order', () => {
  const g = buildGraph([
    change('create', 'uri', 'a'),
    change('create', 'uri', 'b'),
    change('create', 'trunk', 't', { deps: ['uri:a', 'uri:b', 'uri:a'] }),
    change('create', 'trunk', 'u', { deps: ['uri:a'] }),
  ]);
  assert.equal([...g.waitsFor], [['uri:a', 0], ['uri:b', 0], ['trunk:t', 2], ['trunk:u', 1]]);
  assert.equal(g.dependents.get('uri:a'), ['trunk:t', 'trunk:u']);
  assert.equal(g.dependents.get('trunk:t'), []);
});

buildGraphSuite('refuses duplicate keys, unknown dependencies and cycles', () => {
  assert.is(refusal(() => buildGraph([change('create', 'uri', 'a'), change('update', 'uri', 'a')])), 'the plan lists uri:a twice');
  assert.is(
    refusal(() => buildGraph([change('create', 'trunk', 't', { deps: ['uri:gone'] })])),
    'trunk:t depends on uri:gone, which is not in the plan',
  );
  assert.is(
    refusal(() =>
      buildGraph([
        change('create', 'uri', 'free'),
        change('create', 'uri', 'a', { deps: ['trunk:t'] }),
        change('create', 'trunk', 't', { deps: ['uri:a'] }),
        change('create', 'endpoint', 'behind', { deps: ['trunk:t'] }),
      ]),
    ),
    "the plan's dependencies form a cycle through uri:a, trunk:t, endpoint:behind",
  );
});

buildGraphSuite.run();

const collectDependentsSuite = suite('collectDependents');

collectDependentsSuite('every direct and indirect dependent once, nearest first', () => {
  const g = buildGraph([
    change('create', 'uri', 'a'),
    change('create', 'trunk', 't', { deps: ['uri:a'] }),
    change('create', 'trunk', 'u', { deps: ['uri:a', 'trunk:t'] }),
    change('create', 'endpoint', 'e', { deps: ['trunk:u'] }),
    change('create', 'uri', 'other'),
  ]);
  assert.equal(collectDependents(g, 'uri:a'), ['trunk:t', 'trunk:u', 'endpoint:e']);
  assert.equal(collectDependents(g, 'uri:other'), []);
});

collectDependentsSuite.run();
