// Bad input through the built CLI: generated manifests (valid, one mistake away, token soup, any value) run
// through validate, plan and apply against an emulator. Every run ends with 0 or 3, within its time, with
// positioned messages, no crash, and no request at all for an invalid manifest.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { stringify } from 'yaml';
import pLimit from 'p-limit';
import { startAccount, tempFiles, type CliResult } from '../e2e/harness.js';
import { CRASH } from './checks.js';
import { MISTAKES, STYLES, anyValue, applyMistake, renderYaml, validManifest, yamlSoup } from './manifests.js';
import { SEED, sized } from './size.js';

interface Case {
  text: string;
  env: Record<string, string>;
  /** undefined: either outcome is fine (random text may happen to be a valid manifest). */
  valid: boolean | undefined;
  label: string;
}

const caseArb: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(validManifest({ max: 3 }), fc.constantFrom(...STYLES)).map(([g, style]) => {
    delete g.doc.prune; // a fresh account has nothing to prune; the refusals have their own tests
    return { text: renderYaml(g.doc, style), env: g.env, valid: true, label: `valid (${style})` };
  }),
  fc.tuple(validManifest({ min: 1, max: 2 }), fc.constantFrom(...MISTAKES), fc.nat(), fc.nat()).map(([g, m, a, b]) => {
    const broken = applyMistake(g, m, a, b);
    return broken === null
      ? { text: 'version: 1\nversion: 1\n', env: {}, valid: false, label: 'duplicate version' }
      : { text: broken.text, env: broken.env, valid: false, label: m };
  }),
  yamlSoup.map((text) => ({ text, env: {}, valid: undefined, label: 'token soup' })),
  anyValue.map((v) => ({ text: stringify(v, { lineWidth: 0 }) ?? '', env: {}, valid: undefined, label: 'any value' })),
);

const COMMANDS = [
  ['validate'],
  ['validate', '--format', 'json'],
  ['plan', '--format', 'json'],
  ['plan', '--format', 'markdown'],
  ['apply', '--auto-approve', '--format', 'json'],
] as const;

const cli = suite('the built CLI on generated manifests');

cli('every command ends with 0 or 3, positioned, without a crash, a hang or a request for an invalid file', async () => {
  const cases = fc.sample(fc.tuple(caseArb, fc.constantFrom(...COMMANDS)), { numRuns: sized(24, 300), seed: SEED });
  // a file name a shell would need quoting for, so messages are checked against names as given
  const files = tempFiles({});
  const limit = pLimit(3);
  const problems: string[] = [];
  let invalid = 0;
  try {
    await Promise.all(
      cases.map(([c, command], i) =>
        limit(async () => {
          const name = `case ${i} mañana.yaml`;
          const file = files.path(name);
          (await import('node:fs')).writeFileSync(file, c.text);
          const account = await startAccount({ seed: SEED + i });
          let r: CliResult;
          try {
            r = await account.run([command[0], file, ...command.slice(1)], { env: c.env, timeoutMs: 30_000 });
          } finally {
            await account.close();
          }
          const where = `case ${i} (${c.label}, ${command.join(' ')})`;
          const all = r.stdout + r.stderr;
          const failIf = (bad: boolean, why: string) => {
            if (bad) problems.push(`${where}: ${why}\n--- stderr:\n${r.stderr.slice(0, 1500)}\n--- file:\n${c.text.slice(0, 800)}`);
          };
          failIf(r.code === null, 'did not finish in 30 s');
          failIf(r.code !== 0 && r.code !== 3, `exit ${r.code}`);
          failIf(CRASH.test(all), 'crash output');
          if (c.valid !== undefined) failIf((r.code === 0) !== c.valid, `exit ${r.code} for a ${c.valid ? 'valid' : 'invalid'} manifest`);
          if (r.code === 3) {
            invalid++;
            failIf(account.emulator.stats.requests !== 0, `${account.emulator.stats.requests} requests for an invalid manifest`);
            if (command[1] === '--format' && command[0] === 'validate') {
              const rows = JSON.parse(r.stdout) as { file: string; line: number; column: number; message: string }[];
              failIf(!rows.some((d) => d.file === file && d.line >= 1 && d.column >= 1 && d.message !== ''), 'no positioned JSON row');
            } else {
              failIf(!r.stderr.split('\n').some((l) => l.startsWith(`${file}:`) && /^:\d+:\d+: \S/.test(l.slice(file.length))), 'no FILE:LINE:COL: line');
            }
          }
        }),
      ),
    );
  } finally {
    files.cleanup();
  }
  assert.equal(problems, []);
  assert.ok(invalid > 0 && invalid < cases.length, `a mix of valid and invalid cases (${invalid} of ${cases.length} invalid)`);
});

cli.run();
