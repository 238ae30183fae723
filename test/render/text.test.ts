// The text renderer: exact output, colour, 80 columns, and names that could be terminal escapes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderPlanText, wrapText } from '../../src/render/text.js';
import type { Plan } from '../../src/plan/types.js';
import { emptyPlan, samplePlan } from './fixture.js';

const SAMPLE = `+ create uri primary-pbx
    name:                  "primary-pbx"
    uri:                   "sip.example.com"
    authentication_needed: true
    username:              "plivo_inbound"
    password:              (sensitive)

~ update ipacl office (90b6eb07)
    ip_addresses:
        "10.0.0.1"
      - "10.0.0.2"
      + "10.0.0.3"

~ update trunk inbound-main (42741122632602585)
    secure:      false → true
    primary_uri: "old-pbx" → "primary-pbx"

~ update endpoint alice (32866729519064)
    alias: "alice" → "Alice"

- delete uri old-pbx (f19c4773)

- delete endpoint bob (17551316589618)

! refused: uri old-pbx (f19c4773) would be deleted while unmanaged trunk legacy
  (31784177241575) still uses it: Plivo deletes a trunk together with a URI it
  uses.
  hint: Keep the uri (add it to the manifest or drop uris from --prune), or
  manage the trunk: add it to the manifest without this reference, or prune
  trunks too (--prune uris,trunks).

warning: 1 endpoint password could not be compared: Plivo returned no password
  hash, so a drift would not show here; --rotate endpoint:NAME (or --rotate all)
  sends one again.

Plan: 1 to create, 3 to update, 2 to delete.
1 unmanaged object left alone (1 trunk); --prune would delete it.
`;

const render = suite('renderPlanText');

render('renders a full plan exactly', () => {
  assert.fixture(renderPlanText(samplePlan(), { color: false }), SAMPLE);
});

render('no line is wider than 80 columns', () => {
  for (const line of renderPlanText(samplePlan(), { color: false }).split('\n')) {
    assert.ok(line.length <= 80, line);
  }
});

render('an empty plan says No changes.', () => {
  assert.is(renderPlanText(emptyPlan(), { color: false }), 'No changes.\n');
});

render('unmanaged objects are counted per kind, plural when more than one', () => {
  const plan: Plan = {
    ...emptyPlan(),
    unmanaged: [
      { kind: 'uri', id: 'u1', name: 'a' },
      { kind: 'endpoint', id: 'e1', name: 'b' },
      { kind: 'endpoint', id: 'e2', name: 'c' },
    ],
  };
  assert.is(
    renderPlanText(plan, { color: false }),
    'No changes.\n3 unmanaged objects left alone (1 uri, 2 endpoints); --prune would delete them.\n',
  );
});

render('colour: green creates, yellow updates, red deletes and refusals, bold headers and summary', () => {
  const plan = samplePlan();
  const text = renderPlanText({ ...plan, changes: [plan.changes[0], plan.changes[1], plan.changes[4]], warnings: [] }, { color: true });
  assert.fixture(
    text,
    [
      '\x1b[32m+\x1b[39m \x1b[1mcreate uri primary-pbx\x1b[22m',
      '    name:                  "primary-pbx"',
      '    uri:                   "sip.example.com"',
      '    authentication_needed: true',
      '    username:              "plivo_inbound"',
      '    password:              (sensitive)',
      '',
      '\x1b[33m~\x1b[39m \x1b[1mupdate ipacl office (90b6eb07)\x1b[22m',
      '    ip_addresses:',
      '        "10.0.0.1"',
      '\x1b[31m      - "10.0.0.2"\x1b[39m',
      '\x1b[32m      + "10.0.0.3"\x1b[39m',
      '',
      '\x1b[31m-\x1b[39m \x1b[1mdelete uri old-pbx (f19c4773)\x1b[22m',
      '',
      '\x1b[31m\x1b[1m! refused:\x1b[22m\x1b[39m uri old-pbx (f19c4773) would be deleted while unmanaged trunk legacy',
      '  (31784177241575) still uses it: Plivo deletes a trunk together with a URI it',
      '  uses.',
      '  hint: Keep the uri (add it to the manifest or drop uris from --prune), or',
      '  manage the trunk: add it to the manifest without this reference, or prune',
      '  trunks too (--prune uris,trunks).',
      '',
      '\x1b[1mPlan: 1 to create, 3 to update, 2 to delete.\x1b[22m',
      '1 unmanaged object left alone (1 trunk); --prune would delete it.',
      '',
    ].join('\n'),
  );
});

render('without colour there is no escape sequence at all', () => {
  assert.not.match(renderPlanText(samplePlan(), { color: false }), /\x1b/);
});

render('a number routed away from an application reads as what it routes to, before and after', () => {
  const plan: Plan = {
    ...emptyPlan(),
    changes: [
      {
        key: 'number:14155551234',
        action: 'update',
        kind: 'number',
        name: '14155551234',
        id: '14155551234',
        before: { number: '14155551234', trunk: '/v1/Account/MA1/Application/33406267401237901/' },
        after: { number: '14155551234', trunk: 'inbound-main' },
        changed: ['trunk'],
        depends_on: ['trunk:inbound-main'],
        notes: [],
      },
    ],
    summary: { create: 0, update: 1, delete: 0 },
  };
  assert.fixture(
    renderPlanText(plan, { color: false }),
    [
      '~ update number 14155551234',
      '    trunk: "/v1/Account/MA1/Application/33406267401237901/" → "inbound-main"',
      '',
      'Plan: 0 to create, 1 to update, 0 to delete.',
      '',
    ].join('\n'),
  );
});

render('notes are # lines; names and values from the API cannot smuggle control characters', () => {
  const plan: Plan = {
    ...emptyPlan(),
    changes: [
      {
        key: 'trunk:evil',
        action: 'update',
        kind: 'trunk',
        name: 'evil\x1b[2J',
        id: '42',
        before: { trunk_status: 'enabled\x1b]0;pwned\x07' },
        after: { trunk_status: 'disabled' },
        changed: ['trunk_status'],
        depends_on: [],
        notes: ['password rotated on request'],
      },
    ],
    summary: { create: 0, update: 1, delete: 0 },
  };
  const text = renderPlanText(plan, { color: false });
  assert.not.match(text, /\x1b|\x07/);
  assert.fixture(
    text,
    [
      '~ update trunk "evil\\u001b[2J" (42)',
      '    trunk_status: "enabled\\u001b]0;pwned\\u0007" → "disabled"',
      '    # password rotated on request',
      '',
      'Plan: 0 to create, 1 to update, 0 to delete.',
      '',
    ].join('\n'),
  );
});

render.run();

const wrap = suite('wrapText');

wrap('breaks between words at 80 columns with a hanging indent', () => {
  const lines = wrapText('word '.repeat(32).trim(), 'lead: ', '  ');
  // "lead: " plus 15 words is exactly 80 columns.
  assert.equal(lines, [`lead: ${'word '.repeat(15).trim()}`, `  ${'word '.repeat(15).trim()}`, '  word word']);
});

wrap('keeps a word longer than the line whole', () => {
  assert.equal(wrapText(`a ${'x'.repeat(90)} b`, '', ''), ['a', 'x'.repeat(90), 'b']);
});

wrap.run();
