import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { renderManifestText } from '../../src/export/document.js';

const renderManifestTextSuite = suite('renderManifestText');

renderManifestTextSuite('writes header, version, sections with comments, in the order given', () => {
  const text = renderManifestText(
    ['first line', 'second line'],
    [
      { key: 'uris', items: [{ fields: { name: 'a', uri: 'x.example.com' } }, { fields: { name: 'uri-1', uri: 'y.example.com' }, comment: 'about uri-1' }] },
      { key: 'trunks', comment: ['above trunks'], items: [] },
    ],
  );
  assert.fixture(
    text,
    `# first line
# second line

version: 1

uris:
  - name: a
    uri: x.example.com
  # about uri-1
  - name: uri-1
    uri: y.example.com

# above trunks
trunks: []
`,
  );
});

renderManifestTextSuite('writes short lists inline and long ones a line each', () => {
  const text = renderManifestText([], [
    {
      key: 'ipacls',
      items: [
        { fields: { name: 'short', ip_addresses: ['1.1.1.1', '2.2.2.2', '3.3.3.3'] } },
        { fields: { name: 'long', ip_addresses: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'] } },
      ],
    },
  ]);
  assert.match(text, '    ip_addresses: [1.1.1.1, 2.2.2.2, 3.3.3.3]\n');
  assert.match(text, '    ip_addresses:\n      - 1.1.1.1\n      - 2.2.2.2\n      - 3.3.3.3\n      - 4.4.4.4\n');
});

renderManifestTextSuite('keeps ${VAR} placeholders plain and reads back every value as written', () => {
  const fields = { name: 'off', password: '${X_PASSWORD}', app_id: '0123', alias: 'a: b # c', secure: true };
  const text = renderManifestText([], [{ key: 'things', items: [{ fields }] }]);
  assert.match(text, 'password: ${X_PASSWORD}\n');
  assert.equal((parse(text) as { things: unknown[] }).things, [fields]);
  assert.equal((parse(text, { version: '1.1' }) as { things: unknown[] }).things, [fields]);
});

renderManifestTextSuite.run();
