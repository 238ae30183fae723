// Timeouts, through the built CLI: a request that never answers is cut off after --timeout and handled as a lost
// response. A create is looked up before anything is sent again (adopted when the server made it, made once when
// it did not); a read is simply retried. A proxy in front of the emulator decides which request hangs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAccount, tempFiles, type Account } from '../e2e/harness.js';
import { CRASH } from './checks.js';
import { startProxy, type Action } from './proxy.js';

/** Hangs the first request that matches, passes everything else. */
function hangFirst(method: string, path: string, how: 'hang-before' | 'hang-after'): (m: string, p: string) => Action {
  let done = false;
  return (m, p) => {
    if (done || m !== method || p !== path) return 'pass';
    done = true;
    return how;
  };
}

const MANIFEST = `version: 1
uris:
  - name: slow-pbx
    uri: slow.example.com
endpoints:
  - username: slowdesk
    alias: slow-desk
    password: \${SLOW_PASSWORD}
`;
const ENV = { SLOW_PASSWORD: 'slow-Pass-2207' };

const timeouts = suite<{ account: Account; files: ReturnType<typeof tempFiles> }>('a request that never answers');

timeouts.before.each(async (ctx) => {
  ctx.account = await startAccount();
  ctx.files = tempFiles({ 'slow.yaml': MANIFEST });
});
timeouts.after.each(async (ctx) => {
  await ctx.account.close();
  ctx.files.cleanup();
});

interface Result {
  kind: string;
  outcome: string;
  adopted?: boolean;
}

for (const [how, adopted] of [['hang-after', true], ['hang-before', false]] as const) {
  const what = how === 'hang-after' ? 'performed, its answer never sent' : 'never reaching the server';
  timeouts(`a create ${what}: cut off after --timeout, looked up, ${adopted ? 'adopted' : 'made once'}`, async ({ account, files }) => {
    // the first create of each kind hangs
    const uri = hangFirst('POST', 'Zentrunk/URI/', how);
    const endpoint = hangFirst('POST', 'Endpoint/', how);
    const proxy = await startProxy(account.emulator.url, (m, p) => (uri(m, p) !== 'pass' ? how : endpoint(m, p)));
    try {
      // long enough that only the held requests run into it, even on a loaded machine
      const r = await account.run(['apply', files.path('slow.yaml'), '--auto-approve', '--format', 'json', '--timeout', '1.5', '--debug'], {
        env: { ...ENV, PLIVO_API_URL: proxy.url },
        timeoutMs: 20_000,
      });
      assert.is(r.code, 0, r.stderr);
      assert.not.match(r.stderr, CRASH);
      assert.equal(proxy.seen.filter((s) => s.startsWith('hang')), [`${how} POST Zentrunk/URI/`, `${how} POST Endpoint/`]);
      // the client gave up at the timeout, then read the kind before creating again (or not)
      assert.match(r.stderr, /✗ POST Zentrunk\/URI\/ \d+ ms no answer within 1500 ms/);
      assert.match(r.stderr, /✗ POST Endpoint\/ \d+ ms no answer within 1500 ms/);
      const results = (JSON.parse(r.stdout) as { results: Result[] }).results;
      assert.equal(results.map((x) => [x.kind, x.outcome, x.adopted === true]), [['uri', 'done', adopted], ['endpoint', 'done', adopted]]);
      assert.is(account.emulator.dump('uri').length, 1);
      assert.is(account.emulator.dump('endpoint').length, 1);
      const posts = proxy.seen.filter((s) => s.includes('POST')).length;
      assert.is(posts, adopted ? 2 : 4, proxy.seen.join('\n'));
    } finally {
      await proxy.close();
    }
  });
}

timeouts('a read that never answers is cut off and read again', async ({ account, files }) => {
  const proxy = await startProxy(account.emulator.url, hangFirst('GET', 'Zentrunk/Trunk/', 'hang-before'));
  try {
    const r = await account.run(['plan', files.path('slow.yaml'), '--timeout', '1.5', '--debug'], { env: { ...ENV, PLIVO_API_URL: proxy.url }, timeoutMs: 20_000 });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, /GET Zentrunk\/Trunk\/.* no answer within 1500 ms/);
    assert.match(r.stderr, /retry 2\/5 GET Zentrunk\/Trunk\//);
    assert.match(r.stdout, 'Plan: 2 to create');
  } finally {
    await proxy.close();
  }
});

timeouts('reads that never answer at all: exit 5 after the retries, naming the request and --timeout', async ({ account, files }) => {
  const proxy = await startProxy(account.emulator.url, (m, p) => (m === 'GET' && p === 'Endpoint/' ? 'hang-before' : 'pass'));
  try {
    const r = await account.run(['plan', files.path('slow.yaml'), '--timeout', '0.1'], { env: { ...ENV, PLIVO_API_URL: proxy.url }, timeoutMs: 30_000 });
    assert.is(r.code, 5, r.stderr);
    assert.match(r.stderr, /^error: GET Endpoint\/: no answer within 100 ms/m);
    assert.match(r.stderr, '--timeout');
    assert.not.match(r.stderr, CRASH);
  } finally {
    await proxy.close();
  }
});

timeouts.run();
