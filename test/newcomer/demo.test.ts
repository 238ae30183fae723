// `plivo-sync demo` as a newcomer first sees it: exit 0, readable in an 80-column terminal with and without
// colour, the five steps in order, and nothing left behind (no listening emulator, no temp directory).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../e2e/harness.js';
import { isListening } from './shell.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const STEPS = ['Validate', 'Plan', 'Apply', 'Plan again', 'Export'];

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The TMPDIR the demo ran with: it must be empty again afterwards. */
  tmp: string;
  /** What the test made to hold that TMPDIR, removed at the end. */
  root: string;
}

/**
 * Runs the built CLI's demo with the given colour settings and a TMPDIR of its own, as long as the per-user
 * one macOS gives (/var/folders/xx/<28 characters>/T/): where a newcomer is likely to run it.
 */
function runDemo(colour: Record<string, string>): Promise<DemoRun> {
  const root = mkdtempSync(join(tmpdir(), 'nc-'));
  const tmp = join(root, 'folders', 'zz', 'zyxvpxvq6csfxvn_n0000000000000', 'T');
  mkdirSync(tmp, { recursive: true });
  const env: Record<string, string> = { TMPDIR: tmp, ...colour };
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !(k in env) && k !== 'NO_COLOR' && k !== 'FORCE_COLOR' && !k.startsWith('PLIVO_')) env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, tmp, root });
    });
  });
}

const demo = suite<{ runs: Record<string, DemoRun> }>('runDemo: plivo-sync demo');

demo.before(async (ctx) => {
  // both runs at once: they share nothing but the machine
  const [plain, coloured] = await Promise.all([runDemo({ NO_COLOR: '1' }), runDemo({ FORCE_COLOR: '1' })]);
  ctx.runs = { 'NO_COLOR=1': plain, 'FORCE_COLOR=1': coloured };
});
demo.after((ctx) => {
  for (const run of Object.values(ctx.runs)) rmSync(run.root, { recursive: true, force: true });
});

demo('exits 0, coloured only with FORCE_COLOR=1', ({ runs }) => {
  for (const [name, run] of Object.entries(runs)) assert.is(run.code, 0, `${name}: ${run.stderr}`);
  assert.not.match(runs['NO_COLOR=1'].stdout, ANSI);
  assert.match(runs['FORCE_COLOR=1'].stdout, ANSI);
});

demo('every line fits 80 columns, counted in characters without colour codes', ({ runs }) => {
  for (const [name, run] of Object.entries(runs)) {
    const lines = `${run.stdout}${run.stderr}`.replace(ANSI, '').split('\n');
    const wide = lines.filter((l) => [...l].length > 80).map((l) => `  ${[...l].length}: ${l}`);
    assert.is(wide.length, 0, `${name}: lines wider than 80 columns:\n${wide.join('\n')}`);
  }
});

demo('shows the five steps in order, and step 4 finds no changes', ({ runs }) => {
  for (const [name, run] of Object.entries(runs)) {
    const text = run.stdout.replace(ANSI, '');
    const headings = [...text.matchAll(/^── (\d)\. (.+?) ─+$/gm)];
    assert.equal(headings.map((h) => `${h[1]}. ${h[2]}`), STEPS.map((s, i) => `${i + 1}. ${s}`), name);
    const step4 = text.slice(headings[3].index, headings[4].index);
    assert.match(step4, /^No changes\.$/m, `${name}: step 4`);
    assert.match(text.slice(headings[1].index, headings[2].index), /^Plan: \d+ to create, \d+ to update, \d+ to delete\.$/m);
    assert.match(text.slice(headings[2].index, headings[3].index), /^Apply: \d+ done, 0 failed, 0 skipped, 0 not started\.$/m);
  }
});

demo('leaves nothing behind: the emulator port is closed and its temp directory is gone', async ({ runs }) => {
  for (const [name, run] of Object.entries(runs)) {
    const port = /running on http:\/\/127\.0\.0\.1:(\d+)/.exec(run.stdout.replace(ANSI, ''));
    assert.ok(port, `${name}: the demo names its emulator's address`);
    assert.is(await isListening(Number(port![1])), false, `${name}: something still listens on ${port![1]}`);
    // any working directory the demo names, wherever it was made
    for (const [dir] of run.stdout.replace(ANSI, '').matchAll(/\/\S*plivo-sync-demo-[^/\s]+/g)) {
      assert.not.ok(existsSync(dir), `${name}: ${dir} is still there`);
    }
    assert.equal(readdirSync(run.tmp), [], `${name}: left in TMPDIR`);
  }
});

demo.run();
