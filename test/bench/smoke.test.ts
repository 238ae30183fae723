// The benchmark harness kept working: the suite at quick size produces a row with a number for every
// scenario, and the bounds it compares with follow the formulas in bench/README.md. No timing assertions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { composeAccount, countPages, countProbePages, renderManifest } from '../../bench/account.js';
import { computeApplyBound } from '../../bench/apply.js';
import { computeReadFloor } from '../../bench/read.js';
import { SCENARIOS, runSuite } from '../../bench/suite.js';
import { formatTable, type Row } from '../../bench/table.js';
import { parseManifest } from '../../src/manifest/index.js';
import { PASSWORD_ENV } from '../../bench/account.js';

const RunSuite = suite('runSuite');

RunSuite('quick mode measures every scenario with numbers', async () => {
  const seen: string[] = [];
  const rows = await runSuite({ only: SCENARIOS, quick: true, onScenario: (name) => seen.push(name) });
  assert.equal(seen, [...SCENARIOS]);
  assert.ok(rows.length >= SCENARIOS.length);
  for (const prefix of ['read', 'apply', 'planner', 'start-up']) {
    assert.ok(rows.some((r) => r.scenario.startsWith(prefix)), `a row for ${prefix}`);
  }
  for (const row of rows) {
    assert.type(row.measured, 'number', row.scenario);
    assert.ok(Number.isFinite(row.measured), `${row.scenario}: finite`);
    if (row.bound !== null) assert.ok(Number.isFinite(row.bound) && row.bound > 0, `${row.scenario}: bound`);
  }
});

RunSuite('--only runs just the scenarios named', async () => {
  const seen: string[] = [];
  const rows = await runSuite({ only: ['planner'], quick: true, onScenario: (name) => seen.push(name) });
  assert.equal(seen, ['planner']);
  assert.ok(rows.every((r) => r.scenario.startsWith('planner')));
});

const ComposeAccount = suite('composeAccount');

ComposeAccount('6,000 objects fill exactly 300 pages of 20', () => {
  const c = composeAccount(6000);
  assert.equal(c, { uri: 1200, credential: 600, ipacl: 600, trunk: 1200, endpoint: 2400 });
  assert.is(countPages(c), 300);
  assert.is(countProbePages(c), 5);
});

ComposeAccount('a count that leaves its last page part-full needs no empty page after it', () => {
  const c = composeAccount(1005);
  assert.is(countPages(c), 10 + 5 + 5 + 10 + 21);
  assert.is(countProbePages(c), 4);
});

ComposeAccount('endpoints take the remainder', () => {
  const c = composeAccount(1005);
  assert.is(c.uri + c.credential + c.ipacl + c.trunk + c.endpoint, 1005);
  assert.is(c.endpoint, 405);
});

const RenderManifest = suite('renderManifest');

RenderManifest('is a valid manifest with every object of the composition', () => {
  const c = composeAccount(100);
  const loaded = parseManifest(renderManifest(c), 'bench.yaml', { ...PASSWORD_ENV });
  assert.equal(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  const d = loaded.desired;
  assert.ok(d);
  assert.equal([d.uri.length, d.credential.length, d.ipacl.length, d.trunk.length, d.endpoint.length], [20, 10, 10, 20, 40]);
});

const ComputeReadFloor = suite('computeReadFloor');

ComputeReadFloor('first pages in one round trip, then ten at a time', () => {
  assert.is(computeReadFloor(300, 5, 10, 100), 0.1 * 31);
  assert.is(computeReadFloor(5, 5, 10, 100), 0.1);
  assert.is(computeReadFloor(6, 5, 10, 100), 0.2);
});

const ComputeApplyBound = suite('computeApplyBound');

ComputeApplyBound('one 5-s window per full limit of requests before the last, plus its round trip', () => {
  assert.is(computeApplyBound(300, 300, 50), 0.05);
  assert.is(computeApplyBound(301, 300, 50), 5.05);
  assert.is(computeApplyBound(1205, 300, 50), 20.05);
});

const FormatTable = suite('formatTable');

const ROWS: Row[] = [
  { scenario: 'x: time', measured: 1.5, bound: 1, unit: 's', target: 'ratio ≤ 1.15', met: false },
  { scenario: 'x: count', measured: 300, bound: null, unit: 'requests', target: 'reported', met: null },
];

FormatTable('text: aligned columns with ratio and met?', () => {
  assert.is(
    formatTable(ROWS),
    [
      'scenario      measured    bound  ratio  target        met?',
      '--------  ------------  -------  -----  ------------  ----',
      'x: time        1.500 s  1.000 s   1.50  ratio ≤ 1.15  NO',
      'x: count  300 requests        —      —  reported      —',
      '',
    ].join('\n'),
  );
});

FormatTable('markdown: one row per line', () => {
  assert.is(
    formatTable(ROWS, 'markdown'),
    [
      '| scenario | measured | bound | ratio | target | met? |',
      '| --- | --- | --- | --- | --- | --- |',
      '| x: time | 1.500 s | 1.000 s | 1.50 | ratio ≤ 1.15 | NO |',
      '| x: count | 300 requests | — | — | reported | — |',
      '',
    ].join('\n'),
  );
});

RunSuite.run();
ComposeAccount.run();
RenderManifest.run();
ComputeReadFloor.run();
ComputeApplyBound.run();
FormatTable.run();
