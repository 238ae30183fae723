// The pull-request comment: marker, exact layout, escaping, and the size cap with its pointer.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_MAX_CHARS, MARKDOWN_MARKER, renderPlanMarkdown } from '../../src/render/markdown.js';
import type { Plan } from '../../src/plan/types.js';
import { emptyPlan, manyCreates, samplePlan } from './fixture.js';

const SAMPLE = `<!-- plivo-sync plan -->
### plivo-sync plan: 1 to create, 3 to update, 2 to delete (refused)

**Refused: this plan cannot be applied.**

- uri old-pbx (f19c4773) would be deleted while unmanaged trunk legacy (31784177241575) still uses it: Plivo deletes a trunk together with a URI it uses.<br>Hint: Keep the uri (add it to the manifest or drop uris from --prune), or manage the trunk: add it to the manifest without this reference, or prune trunks too (--prune uris,trunks).

> Warning: 1 endpoint password could not be compared: Plivo returned no password hash, so a drift would not show here; --rotate endpoint:NAME (or --rotate all) sends one again.

1 unmanaged object left alone (1 trunk); --prune would delete it.

| | kind | name | changed |
|:-:|---|---|---|
| \`+\` | uri | \`primary-pbx\` | name, uri, authentication_needed, username, password |
| \`~\` | ipacl | \`office\` | ip_addresses |
| \`~\` | trunk | \`inbound-main\` | secure, primary_uri |
| \`~\` | endpoint | \`alice\` | alias |
| \`-\` | uri | \`old-pbx\` |  |
| \`-\` | endpoint | \`bob\` |  |

<details><summary>Field changes</summary>

\`\`\`diff
+ create uri primary-pbx
    name:                  "primary-pbx"
    uri:                   "sip.example.com"
    authentication_needed: true
    username:              "plivo_inbound"
    password:              (sensitive)

~ update ipacl office (90b6eb07)
    ip_addresses:
        "10.0.0.1"
-       "10.0.0.2"
+       "10.0.0.3"

~ update trunk inbound-main (42741122632602585)
    secure:      false → true
    primary_uri: "old-pbx" → "primary-pbx"

~ update endpoint alice (32866729519064)
    alias: "alice" → "Alice"

- delete uri old-pbx (f19c4773)

- delete endpoint bob (17551316589618)
\`\`\`

</details>
`;

const md = suite('renderPlanMarkdown');

md('renders a full plan exactly, starting with the stable marker', () => {
  const text = renderPlanMarkdown(samplePlan(), {});
  assert.fixture(text, SAMPLE);
  assert.ok(text.startsWith(`${MARKDOWN_MARKER}\n`));
});

md('an empty plan is a marker and a heading; a title replaces the default', () => {
  assert.is(renderPlanMarkdown(emptyPlan(), { title: 'prod account' }), `${MARKDOWN_MARKER}\n### prod account: no changes\n\n`);
});

md('stays within maxChars and points to the full plan, dropping field diffs first', () => {
  const plan = manyCreates(40);
  const full = renderPlanMarkdown(plan, {});
  assert.ok(full.includes('<details>'));
  const capped = renderPlanMarkdown(plan, { maxChars: full.length - 100 });
  assert.ok(capped.length <= full.length - 100);
  assert.ok(capped.includes('| `+` | endpoint | `user00039` |'), 'every table row is kept');
  assert.match(capped, /\n```\n\n<\/details>\n\n… \d+ more changes; run `plivo-sync plan` for the full plan\.\n$/);
});

md('when even the table does not fit, it is cut with the count of changes left out', () => {
  const plan = manyCreates(2000);
  const text = renderPlanMarkdown(plan, { maxChars: 5000 });
  assert.ok(text.length <= 5000);
  assert.not.ok(text.includes('<details>'));
  const shown = text.split('\n').filter((l) => l.startsWith('| `+`')).length;
  assert.ok(shown > 10);
  assert.ok(text.endsWith(`\n… ${2000 - shown} more changes; run \`plivo-sync plan\` for the full plan.\n`));
});

md('the default cap fits a GitHub comment', () => {
  const text = renderPlanMarkdown(manyCreates(5000), {});
  assert.ok(text.length <= DEFAULT_MAX_CHARS);
  assert.match(text, /more changes; run `plivo-sync plan` for the full plan\.\n$/);
});

md('names from the API cannot break the table, inject HTML or close the code fence', () => {
  const [change] = manyCreates(1).changes;
  const plan: Plan = {
    ...manyCreates(1),
    changes: [{ ...change, name: 'a|b<img src=x>', after: { alias: '```' }, changed: ['alias'] }],
    refusals: [
      { code: 'ambiguous-identity', message: 'two <b>x</b> [link](http://x)', objects: [], hint: 'fix *it*', overridable: false },
    ],
  };
  const text = renderPlanMarkdown(plan, {});
  assert.ok(text.includes('| `+` | endpoint | `a\\|b<img src=x>` | alias |'));
  assert.ok(text.includes('- two \\<b\\>x\\</b\\> \\[link\\](http://x)<br>Hint: fix \\*it\\*'));
  assert.ok(text.includes('\n````diff\n'), 'the fence is longer than any backtick run inside');
});

md.run();
