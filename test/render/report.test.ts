// The apply report renderers: exact text (with and without colour), JSON, progress lines and the live counter.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApplyEvent, ApplyReport, ChangeResult } from '../../src/apply/index.js';
import { formatCounter, formatProgressLine, renderReportJson, renderReportText } from '../../src/render/report.js';

const TRUNK_ID = '42741122632602585';

const results: ChangeResult[] = [
  { key: 'uri:primary-pbx', action: 'create', kind: 'uri', name: 'primary-pbx', outcome: 'done', id: 'u-1', adopted: true },
  {
    key: 'trunk:inbound-main',
    action: 'create',
    kind: 'trunk',
    name: 'inbound-main',
    outcome: 'done',
    id: TRUNK_ID,
    trunk_domain: `${TRUNK_ID}.zt.plivo.com`,
  },
  {
    key: 'trunk:outbound-main',
    action: 'update',
    kind: 'trunk',
    name: 'outbound-main',
    outcome: 'done',
    id: 't-2',
    notes: ['could not read the trunk back for its domain: timeout'],
  },
  { key: 'uri:x', action: 'update', kind: 'uri', name: 'x', outcome: 'failed', id: 'u-3', error: 'invalid uri format' },
  { key: 'trunk:y', action: 'update', kind: 'trunk', name: 'y', outcome: 'skipped', id: 't-4', skipped_because: 'uri:x' },
  { key: 'endpoint:alice', action: 'delete', kind: 'endpoint', name: 'alice', outcome: 'not-started', id: 'e-5' },
];

function reportOf(rs: ChangeResult[], extra: Partial<ApplyReport> = {}): ApplyReport {
  const summary = { done: 0, failed: 0, skipped: 0, 'not-started': 0 };
  for (const r of rs) summary[r.outcome]++;
  return { results: rs, summary, interrupted: false, ...extra };
}

const renderReportTextSuite = suite('renderReportText');

renderReportTextSuite('one line per change, notes, the summary and what to do next', () => {
  assert.is(
    renderReportText(reportOf(results, { interrupted: true }), { color: false }),
    [
      '✓ created uri primary-pbx (u-1) (adopted after a lost response)',
      `✓ created trunk inbound-main (${TRUNK_ID})`,
      `    sip domain: ${TRUNK_ID}.zt.plivo.com`,
      '✓ updated trunk outbound-main (t-2)',
      '  note: could not read the trunk back for its domain: timeout',
      '✗ failed update uri x: invalid uri format',
      '- skipped trunk y (depends on failed uri:x)',
      '· not started delete endpoint alice',
      '',
      'Apply: 3 done, 1 failed, 1 skipped, 1 not started.',
      'Interrupted: the changes already in flight finished; 1 was not started.',
      'Fix what the errors above say, then re-run `plivo-sync apply` to converge.',
      '',
    ].join('\n'),
  );
});

renderReportTextSuite('all done: no advice', () => {
  assert.is(
    renderReportText(reportOf(results.slice(0, 1)), { color: false }),
    '✓ created uri primary-pbx (u-1) (adopted after a lost response)\n\nApply: 1 done, 0 failed, 0 skipped, 0 not started.\n',
  );
});

renderReportTextSuite('a routed number is named once: its digits are its id', () => {
  const routed: ChangeResult = { key: 'number:14155551234', action: 'update', kind: 'number', name: '14155551234', outcome: 'done', id: '14155551234' };
  assert.match(renderReportText(reportOf([routed]), { color: false }), '✓ updated number 14155551234\n');
});

renderReportTextSuite('a run stopped by authentication says why and how to continue', () => {
  const stopped = { reason: 'auth' as const, message: 'authentication failed (401): the auth id or token is wrong', hint: 'Check PLIVO_AUTH_ID.' };
  const text = renderReportText(reportOf(results.slice(5), { stopped }), { color: false });
  assert.is(
    text,
    [
      '· not started delete endpoint alice',
      '',
      'Apply: 0 done, 0 failed, 0 skipped, 1 not started.',
      'Stopped: authentication failed (401): the auth id or token is wrong. Check PLIVO_AUTH_ID.',
      'Re-run `plivo-sync apply` to converge: it plans again from the live account, so nothing done is repeated.',
      '',
    ].join('\n'),
  );
});

renderReportTextSuite('colour marks only the symbols, and only when asked', () => {
  const colored = renderReportText(reportOf(results), { color: true });
  assert.ok(colored.includes('\x1b[32m✓\x1b[0m created uri primary-pbx'));
  assert.ok(colored.includes('\x1b[31m✗\x1b[0m failed update uri x'));
  assert.ok(colored.includes('\x1b[33m-\x1b[0m skipped trunk y'));
  assert.ok(colored.includes('\x1b[2m·\x1b[0m not started'));
  assert.is(colored.replace(/\x1b\[[0-9;]*m/g, ''), renderReportText(reportOf(results), { color: false }));
  assert.not.match(renderReportText(reportOf(results), { color: false }), /\x1b/);
});

renderReportTextSuite.run();

const renderReportJsonSuite = suite('renderReportJson');

renderReportJsonSuite('a versioned document with every result and the summary', () => {
  const json = renderReportJson(reportOf(results.slice(3, 5)));
  assert.is(
    json,
    `${JSON.stringify(
      {
        format_version: 1,
        results: [
          { key: 'uri:x', action: 'update', kind: 'uri', name: 'x', outcome: 'failed', id: 'u-3', error: 'invalid uri format' },
          { key: 'trunk:y', action: 'update', kind: 'trunk', name: 'y', outcome: 'skipped', id: 't-4', skipped_because: 'uri:x' },
        ],
        summary: { done: 0, failed: 1, skipped: 1, 'not-started': 0 },
        interrupted: false,
      },
      null,
      2,
    )}\n`,
  );
});

renderReportJsonSuite('keeps every optional field that is set, and the stop reason', () => {
  const stopped = { reason: 'auth' as const, message: 'authentication failed (401)' };
  const doc = JSON.parse(renderReportJson(reportOf(results, { interrupted: true, stopped })));
  assert.equal(doc.results[0].adopted, true);
  assert.is(doc.results[1].trunk_domain, `${TRUNK_ID}.zt.plivo.com`);
  assert.equal(doc.results[2].notes, ['could not read the trunk back for its domain: timeout']);
  assert.is(doc.interrupted, true);
  assert.equal(doc.stopped, stopped);
  assert.equal(Object.keys(doc), ['format_version', 'results', 'summary', 'interrupted', 'stopped']);
});

renderReportJsonSuite.run();

const counts = { total: 40, finished: 12, done: 10, failed: 1, skipped: 1, running: 3 };

const formatProgressLineSuite = suite('formatProgressLine');

formatProgressLineSuite('one uncoloured line per finished change, nothing for a start', () => {
  const done: ApplyEvent = { type: 'done', key: 'trunk:inbound-main', result: results[1], counts };
  assert.is(formatProgressLine(done), `✓ created trunk inbound-main (${TRUNK_ID}) → ${TRUNK_ID}.zt.plivo.com`);
  const failed: ApplyEvent = { type: 'failed', key: 'uri:x', result: results[3], counts };
  assert.is(formatProgressLine(failed), '✗ failed update uri x: invalid uri format');
  const start: ApplyEvent = { type: 'start', key: 'uri:x', action: 'update', kind: 'uri', name: 'x', counts };
  assert.is(formatProgressLine(start), null);
});

formatProgressLineSuite.run();

const formatCounterSuite = suite('formatCounter');

formatCounterSuite('finished out of total, then each outcome, overwriting the line', () => {
  assert.is(formatCounter(counts), '\r[12/40] 10 done, 1 failed, 1 skipped');
  assert.is(formatCounter({ total: 3, done: 0, failed: 0, skipped: 0 }), '\r[0/3] 0 done, 0 failed, 0 skipped');
});

formatCounterSuite.run();
