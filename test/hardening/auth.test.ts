// The emulator's authentication as an attacker would probe it: right id with a wrong token, wrong id with the
// right token, another account's id in the path, near misses and malformed headers are all 401; the comparison is
// of equal-length digests in constant time. The tool maps a 401 to exit 4.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthChecker } from '../../src/emulator/auth.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runPlan } from '../../src/commands/plan.js';
import { repoPath } from '../manifest/helpers.js';
import { exitCodeOf, memoryIo } from './support.js';

const ID = 'MAAUTHHARDENING00001';
const TOKEN = 'AuthToken0123456789abcdefABCDEF0123456789';
const OTHER_ID = 'MAOTHERACCOUNT000002';

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

async function status(e: Emulator, authorization: string | undefined, account = ID): Promise<number> {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const res = await fetch(`${e.url}/v1/Account/${account}/Zentrunk/Trunk/`, { headers });
  await res.text();
  return res.status;
}

const http = suite<{ e: Emulator }>('emulator authentication over HTTP');

http.before(async (ctx) => {
  ctx.e = await startEmulator({ authId: ID, authToken: TOKEN, rateLimit: 0 });
});
http.after(async (ctx) => {
  await ctx.e.close();
});

http('the right id and token, and only they, are let in', async ({ e }) => {
  assert.is(await status(e, basic(ID, TOKEN)), 200);
  const refused: [string, string | undefined, string?][] = [
    ['right id, wrong token', basic(ID, 'wrong-token')],
    ['wrong id, right token', basic(OTHER_ID, TOKEN)],
    ['both wrong', basic(OTHER_ID, 'wrong-token')],
    ['the right pair for another account in the path', basic(ID, TOKEN), OTHER_ID],
    ['the token missing its last character', basic(ID, TOKEN.slice(0, -1))],
    ['the token with one more character', basic(ID, `${TOKEN}x`)],
    ['the token in another case', basic(ID, TOKEN.toLowerCase())],
    ['an empty token', basic(ID, '')],
    ['id and token swapped', basic(TOKEN, ID)],
    ['a third part', basic(ID, `${TOKEN}:extra`)],
    ['no header', undefined],
    ['Basic without credentials', 'Basic'],
    ['not base64', 'Basic %%%%'],
    ['another scheme', `Bearer ${TOKEN}`],
    ['credentials not encoded', `Basic ${ID}:${TOKEN}`],
    ['a long header', basic(ID, 'x'.repeat(8000))],
  ];
  for (const [what, header, account] of refused) assert.is(await status(e, header, account), 401, what);
  // the refusals do not disturb the next honest request
  assert.is(await status(e, basic(ID, TOKEN)), 200);
  assert.is(e.stats.byStatus[401], refused.length);
});

http('a 401 says nothing about which half was wrong', async ({ e }) => {
  const bodies = new Set<string>();
  for (const header of [basic(ID, 'wrong-token'), basic(OTHER_ID, TOKEN), basic(OTHER_ID, 'nope')]) {
    const res = await fetch(`${e.url}/v1/Account/${ID}/Endpoint/`, { headers: { authorization: header } });
    bodies.add(await res.text());
  }
  assert.is(bodies.size, 1, [...bodies].join(' | '));
});

http.run();

// ---------------------------------------------------------------------------------------------------------
const checker = suite('createAuthChecker');

checker('compares digests of equal length in constant time, whatever the length of what is sent', () => {
  const check = createAuthChecker(ID, TOKEN);
  // timingSafeEqual throws on buffers of different lengths: a check that compared the raw strings would throw here
  for (const pass of ['', 'a', TOKEN.slice(0, 10), TOKEN, `${TOKEN}${'y'.repeat(500)}`]) {
    assert.is(check(basic(ID, pass)), pass === TOKEN ? 'ok' : 'invalid', `a token of ${pass.length} characters`);
  }
  assert.is(check(undefined), 'missing');
  const source = readFileSync(repoPath('src/emulator/auth.ts'), 'utf8');
  assert.match(source, /import \{[^}]*timingSafeEqual[^}]*\} from 'node:crypto'/);
  assert.match(source, /createHash\('sha256'\)/, 'both sides are hashed to one length first');
  assert.match(source, /timingSafeEqual\(given, expected\)/);
  assert.not.match(source, /===\s*(expected|authToken)|(expected|authToken)\s*===/, 'no early-exit string comparison');
});

checker.run();

// ---------------------------------------------------------------------------------------------------------
const tool = suite('the tool against a refusing account');

tool('a wrong auth id with the right token exits 4, before any change, with the hint to check both', async () => {
  const e = await startEmulator({ authId: ID, authToken: TOKEN, rateLimit: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'plivo-sync-auth-'));
  try {
    const file = join(dir, 'm.yaml');
    writeFileSync(file, 'version: 1\nuris:\n  - name: a\n    uri: a.example.com\n');
    for (const [authId, token] of [[OTHER_ID, TOKEN], [ID, 'wrong-token']]) {
      const io = memoryIo({ PLIVO_API_URL: e.url, PLIVO_AUTH_ID: authId, PLIVO_AUTH_TOKEN: token });
      const code = await exitCodeOf(io, () => runPlan({ manifest: file, format: 'text', detailedExitcode: false, rotate: [], force: false }, io));
      assert.is(code, 4, io.stderr);
      assert.match(io.stderr, 'PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN');
    }
    assert.is(e.stats.byMethod.POST ?? 0, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await e.close();
  }
});

tool.run();
