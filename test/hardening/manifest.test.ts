// Bad input, in process: generated manifests (valid, one mistake away, or anything at all) through parseManifest,
// planChanges and applyPlan. Nothing may throw, every problem is positioned, and an invalid file plans nothing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseManifest, MAX_MANIFEST_BYTES } from '../../src/manifest/index.js';
import { MANIFEST_KEYS, emptyLiveState, desiredIdentity } from '../../src/model.js';
import { planChanges } from '../../src/plan/index.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/types.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../../src/apply/index.js';
import { runApply } from '../../src/commands/apply.js';
import { runPlan } from '../../src/commands/plan.js';
import { runValidate } from '../../src/commands/validate.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createPlivoApi } from '../../src/plivo/index.js';
import { CRASH, assertDiagnostics } from './checks.js';
import { TESTED_KINDS, exitCodeOf, findDuplicates, memoryIo, type MemoryIo } from './support.js';
import { HEAVY_MISTAKES, MISTAKES, STYLES, type Mistake, anyValue, applyMistake, renderYaml, validManifest, yamlSoup, type Doc } from './manifests.js';
import { SEED, check, checkAsync, sized } from './size.js';

const FILE = 'fuzz.yaml';

function secretsOf(env: Record<string, string>): string[] {
  return Object.values(env).filter((v) => v.length >= 8);
}

function countEntries(doc: Doc): number {
  return TESTED_KINDS.reduce((n, k) => n + ((doc[MANIFEST_KEYS[k]] as unknown[] | undefined)?.length ?? 0), 0);
}

// ---------------------------------------------------------------------------------------------------------
const parse = suite('parseManifest');

parse('a valid generated manifest loads without a problem, in every YAML style', () => {
  check(
    fc.property(validManifest(), fc.constantFrom(...STYLES), ({ doc, env }, style) => {
      const text = renderYaml(doc, style);
      const loaded = parseManifest(text, FILE, env);
      assertDiagnostics(text, loaded, secretsOf(env));
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column}: ${d.message}`);
      assert.equal(errors, [], `${style}:\n${text}`);
      const desired = loaded.desired!;
      const extra = style === 'anchors' && Array.isArray(doc.ipacls) && doc.ipacls.length > 0 ? 1 : 0;
      assert.is(TESTED_KINDS.reduce((n, k) => n + desired[k].length, 0), countEntries(doc) + extra);
      for (const v of Object.values(env)) assert.ok(loaded.secrets.includes(v), 'every ${VAR} value is known as a secret');
    }),
    sized(100, 2000),
  );
});

function assertMistakeFound(mistakes: readonly Mistake[], numRuns: number): void {
  const seen = new Set<string>();
  check(
    fc.property(validManifest({ min: 1, max: 3 }), fc.constantFrom(...mistakes), fc.nat(), fc.nat(), (gen, mistake, r1, r2) => {
      const broken = applyMistake(gen, mistake, r1, r2);
      fc.pre(broken !== null);
      seen.add(mistake);
      const loaded = parseManifest(broken.text, FILE, broken.env);
      assertDiagnostics(broken.text, loaded, secretsOf(broken.env));
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.length > 0, `${mistake} went unnoticed:\n${broken.text.slice(0, 2000)}`);
      const at = broken.at;
      if (at !== null && at !== '') {
        const inEntry = errors.some((d) => d.path === at || d.path.startsWith(`${at}.`) || d.path.startsWith(`${at}[`));
        assert.ok(inEntry, `${mistake}: no error at ${at}; got ${errors.map((d) => `${d.path}: ${d.message}`).join(' | ')}`);
      }
    }),
    numRuns,
  );
  assert.equal([...seen].sort(), [...mistakes].sort(), 'every kind of mistake was tried');
}

parse('one mistake in a valid manifest is reported, at the entry that holds it', () => {
  assertMistakeFound(MISTAKES.filter((m) => !HEAVY_MISTAKES.includes(m)), sized(300, 4000));
});

parse('deep nesting and alias bombs are refused with a position, not expanded', () => {
  assertMistakeFound(HEAVY_MISTAKES, sized(4, 60));
});

parse('text made of YAML’s hardest tokens never throws, and every message is positioned', () => {
  check(
    fc.property(yamlSoup, (text) => {
      assertDiagnostics(text.replace(/^\uFEFF/, ''), parseManifest(text, FILE, { X: 'value-of-x' }));
    }),
    sized(600, 6000),
  );
});

parse('any Unicode text, lone surrogates and control characters included', () => {
  check(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      assertDiagnostics(text.replace(/^\uFEFF/, ''), parseManifest(text, FILE, {}));
    }),
    sized(300, 4000),
  );
});

parse('any value as the whole document, or in place of one field of a valid manifest', () => {
  check(
    fc.property(validManifest({ min: 1, max: 2, unicode: false }), anyValue, fc.nat(), fc.boolean(), ({ doc, env }, value, r, whole) => {
      let target: unknown = value;
      if (!whole) {
        const copy = structuredClone(doc) as Record<string, unknown>;
        const lists = Object.entries(copy).filter(([k, v]) => k !== 'prune' && Array.isArray(v) && v.length > 0) as [string, Record<string, unknown>[]][];
        if (lists.length > 0) {
          const [, list] = lists[r % lists.length];
          const item = list[r % list.length];
          const keys = Object.keys(item);
          item[keys[r % keys.length]] = value;
        } else copy.version = value;
        target = copy;
      }
      const text = stringify(target, { lineWidth: 0 }) ?? '';
      assertDiagnostics(text, parseManifest(text, FILE, env), secretsOf(env));
    }),
    sized(200, 3000),
  );
});

parse('size limits: a huge valid manifest loads, an oversized one is refused with a position', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `u${i}`);
  const big = `version: 1\nuris:\n${names.map((n) => `  - name: ${n}\n    uri: ${n}.example.com\n`).join('')}`;
  const ok = parseManifest(big, FILE, {});
  assertDiagnostics(big, ok);
  assert.is(ok.desired?.uri.length, 5000);

  const long = `version: 1\nuris:\n  - name: ${'n'.repeat(1_000_000)}\n    uri: example.com\n`;
  const loadedLong = parseManifest(long, FILE, {});
  assertDiagnostics(long, loadedLong);

  const oversized = `version: 1\n# ${'x'.repeat(MAX_MANIFEST_BYTES)}\n`;
  const refused = parseManifest(oversized, FILE, {});
  assertDiagnostics(oversized, refused);
  assert.ok(refused.diagnostics.some((d) => d.severity === 'error'));
});

parse.run();

// ---------------------------------------------------------------------------------------------------------
const plan = suite('planChanges');

plan('a generated manifest plans one create per entry on an empty account, each after what it depends on', () => {
  check(
    fc.property(validManifest(), fc.boolean(), ({ doc, env }, prune) => {
      const loaded = parseManifest(renderYaml(doc), FILE, env);
      const desired = loaded.desired!;
      const p = planChanges(desired, emptyLiveState(), { ...DEFAULT_PLAN_OPTIONS, prune: prune ? [...TESTED_KINDS] : [] });
      assert.equal(p.refusals, []);
      assert.is(p.changes.length, countEntries(doc));
      assert.ok(p.changes.every((c) => c.action === 'create'));
      const position = new Map(p.changes.map((c, i) => [c.key, i]));
      for (const [i, c] of p.changes.entries()) for (const dep of c.depends_on) assert.ok((position.get(dep) ?? Infinity) < i, `${c.key} before ${dep}`);
      const names = new Set(TESTED_KINDS.flatMap((k) => desired[k].map((d) => `${k}:${desiredIdentity(d)}`)));
      assert.equal(new Set(p.changes.map((c) => c.key)), names);
      // a plan is data for people and CI: no ${VAR} value may be in it
      const shown = JSON.stringify(p);
      for (const s of secretsOf(env)) assert.not.ok(shown.includes(s), 'a secret value is in the plan');
    }),
    sized(100, 1500),
  );
});

plan.run();

// ---------------------------------------------------------------------------------------------------------
const apply = suite<{ emulator: Emulator }>('applyPlan');

apply.before(async (ctx) => {
  ctx.emulator = await startEmulator({ rateLimit: 0, seed: SEED });
});
apply.after(async (ctx) => {
  await ctx.emulator.close();
});

apply('a generated manifest applied to a live account converges: the next plan is empty, no identity twice', async ({ emulator }) => {
  const config = { apiUrl: emulator.url, authId: emulator.authId, authToken: emulator.authToken, concurrency: 8, rateLimit: 0, timeoutMs: 5000, debug: false };
  let round = 0;
  let changes = 0;
  await checkAsync(
    fc.asyncProperty(validManifest({ max: 3 }), fc.boolean(), async ({ doc, env }, prune) => {
      round++;
      const loaded = parseManifest(renderYaml(doc), FILE, env);
      const desired = loaded.desired!;
      const api = createPlivoApi(config, { secrets: loaded.secrets });
      // the account keeps what earlier rounds left: updates, adoptions and (with prune) deletes all get exercised
      const options = { ...DEFAULT_PLAN_OPTIONS, prune: prune ? desired.declared : [], force: true };
      const live = await api.readAll();
      const p = planChanges(desired, live, options);
      fc.pre(p.refusals.length === 0);
      changes += p.changes.length;
      const report = await applyPlan(p, desired, live, api, { concurrency: 8 });
      const failures = report.results.filter((r) => r.outcome !== 'done').map((r) => `${r.key}: ${r.outcome} ${r.error ?? ''}`);
      assert.equal(failures, [], `round ${round}`);
      const again = planChanges(desired, await api.readAll(), options);
      assert.equal(again.changes.map((c) => `${c.action} ${c.key} ${c.changed.join(',')}`), [], `round ${round}: apply-then-plan`);
      assert.equal(findDuplicates(emulator), []);
      const shown = JSON.stringify(report);
      for (const s of secretsOf(env)) assert.not.ok(shown.includes(s), 'a secret value is in the apply report');
    }),
    sized(12, 150),
  );
  assert.ok(changes > round, `only ${changes} changes in ${round} rounds`);
});

apply.run();

// ---------------------------------------------------------------------------------------------------------
const commands = suite<{ emulator: Emulator; dir: string }>('validate, plan and apply commands');

commands.before(async (ctx) => {
  ctx.emulator = await startEmulator({ rateLimit: 0, seed: SEED });
  ctx.dir = mkdtempSync(join(tmpdir(), 'plivo-sync-hardening-'));
});
commands.after(async (ctx) => {
  await ctx.emulator.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

commands('an invalid manifest: validate, plan and apply all exit 3 with positioned messages, and no request is sent', async ({ emulator, dir }) => {
  const file = join(dir, 'broken.yaml');
  const api = { PLIVO_API_URL: emulator.url, PLIVO_AUTH_ID: emulator.authId, PLIVO_AUTH_TOKEN: emulator.authToken };
  const flags = { rotate: [], force: false, prune: '' };
  await checkAsync(
    fc.asyncProperty(validManifest({ min: 1, max: 2 }), fc.constantFrom(...MISTAKES.filter((m) => !HEAVY_MISTAKES.includes(m))), fc.nat(), fc.nat(), async (gen, mistake, r1, r2) => {
      const broken = applyMistake(gen, mistake, r1, r2);
      fc.pre(broken !== null);
      writeFileSync(file, broken.text);
      const env = { ...broken.env, ...api };
      const runs: [string, (io: MemoryIo) => Promise<number>][] = [
        ['validate', (io) => runValidate({ manifest: file, format: 'text' }, io)],
        ['validate json', (io) => runValidate({ manifest: file, format: 'json' }, io)],
        ['plan', (io) => runPlan({ manifest: file, format: 'json', detailedExitcode: true, ...flags }, io)],
        ['apply', (io) => runApply({ target: file, autoApprove: true, format: 'json', ...flags }, io)],
      ];
      for (const [name, command] of runs) {
        const io = memoryIo(env);
        const code = await exitCodeOf(io, () => command(io));
        assert.is(code, 3, `${name} (${mistake}): ${io.stderr}`);
        assert.not.match(io.stderr + io.stdout, CRASH, `${name} (${mistake})`);
        if (name === 'validate json') {
          const rows = JSON.parse(io.stdout) as { file: string; line: number; column: number }[];
          assert.ok(rows.length > 0 && rows.every((r) => r.file === file && r.line >= 1 && r.column >= 1));
        } else {
          assert.match(io.stderr, new RegExp(`^${escape(file)}:\\d+:\\d+: `, 'm'), `${name} (${mistake}): ${io.stderr}`);
        }
      }
      assert.is(emulator.stats.requests, 0, `${mistake}: an invalid manifest sent a request`);
    }),
    sized(20, 250),
  );
});

commands.run();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
