// `npm pack` makes a package that installs and runs from the tarball alone: installed into a fresh project
// outside this repository (dependencies from the npm registry), `npx plivo-sync --help` and `validate` of a
// sample shipped in the package exit 0.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ShellResult } from './shell.js';

const REPO = realpathSync('.');
const PACKAGE = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; dependencies: Record<string, string> };

/** Variables npm sets for this repository's scripts: npm_config_local_prefix would point npm back at it. */
const SCRIPT_VARS = /^(npm_config_local_prefix|npm_package_.*|npm_lifecycle_.*|npm_command|INIT_CWD|NODE_PATH)$/i;

/**
 * The environment of a user's shell: the user's own npm settings (registry, proxy, CA) kept, but nothing
 * that ties npm or node to this repository, and no PATH entry inside it.
 */
function userEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || SCRIPT_VARS.test(k) || k.startsWith('PLIVO_')) continue;
    env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((p) => p !== '' && !p.startsWith(REPO))
    .join(delimiter);
  return { ...env, NO_COLOR: '1' };
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The start of npm's error: its code and message, without warnings or the stack that follows. */
const excerpt = (s: string) => s.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn')).slice(0, 8).join('\n');

interface PackContext {
  tmp: string;
  project: string;
  files: string[];
  installed: string;
  /** Why packing or installing failed: every test reports it (uvu does not print errors from hooks). */
  setupError?: string;
}

/** Retries kept short: an unreachable registry should fail in seconds, not after npm's minute of backoff. */
const FETCH = ['--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=3000', '--fetch-timeout=20000'];

async function packAndInstall(ctx: PackContext): Promise<string | undefined> {
  if (!existsSync('dist/src/cli.js')) return 'build first: npm run build';
  if (realpathSync(ctx.tmp).startsWith(REPO)) return 'the temp project must be outside the repository';

  const packed = await run('npm', ['pack', '--json', '--pack-destination', ctx.tmp], REPO, 30_000);
  if (packed.code !== 0) return `npm pack failed (exit ${packed.code}):\n${excerpt(packed.stderr)}`;
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  ctx.files = info.files.map((f) => f.path);

  writeFileSync(join(ctx.project, 'package.json'), '{ "name": "newcomer-project", "version": "1.0.0", "private": true }\n');
  const tarball = join(ctx.tmp, info.filename);
  const installed = await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', ...FETCH], ctx.project, 45_000);
  if (installed.code === 0) return undefined;
  const ping = await run('npm', ['ping', ...FETCH], ctx.project, 10_000);
  if (ping.code !== 0) {
    return `the npm registry is unreachable, and installing the tarball needs it for plivo-sync's dependencies:\n${excerpt(ping.stderr)}`;
  }
  return `npm install ${info.filename} failed (exit ${installed.code}):\n${excerpt(installed.stderr)}`;
}

const pack = suite<PackContext>('npm pack: the tarball installs and runs on its own');

pack.before(async (ctx) => {
  ctx.tmp = mkdtempSync(join(tmpdir(), 'plivo-sync-pack-'));
  ctx.project = join(ctx.tmp, 'project');
  ctx.installed = join(ctx.project, 'node_modules', PACKAGE.name);
  ctx.files = [];
  mkdirSync(ctx.project);
  ctx.setupError = await packAndInstall(ctx);
});
pack.before.each((ctx) => {
  if (ctx.setupError) assert.unreachable(ctx.setupError);
});
pack.after((ctx) => rmSync(ctx.tmp, { recursive: true, force: true }));

pack('holds the built CLI, the schema, the samples and the README, and no tests or TypeScript sources', ({ files }) => {
  for (const f of ['package.json', 'README.md', 'dist/src/cli.js', 'samples/minimal.yaml', 'schema/manifest.schema.json']) {
    assert.ok(files.includes(f), `${f} is not in the package`);
  }
  const stray = files.filter((f) => /^(test|src|bench|dist\/test|dist\/bench|node_modules)\//.test(f) || f.endsWith('.ts'));
  assert.equal(stray, [], 'files that do not belong in the package');
});

pack('installs into a fresh project with its dependencies there, and the plivo-sync command', ({ project }) => {
  assert.ok(existsSync(join(project, 'node_modules', '.bin', 'plivo-sync')), 'node_modules/.bin/plivo-sync');
  for (const dep of Object.keys(PACKAGE.dependencies)) {
    assert.ok(existsSync(join(project, 'node_modules', dep, 'package.json')), `dependency ${dep} is not installed in the project`);
  }
});

pack('npx plivo-sync --help exits 0 and shows the commands', async ({ project }) => {
  // --no: never fetch a "plivo-sync" from the registry; only the one just installed may run
  const r = await run('npx', ['--no', '--', 'plivo-sync', '--help'], project, 20_000);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^plivo-sync <command>/);
  for (const c of ['validate', 'plan', 'apply', 'export', 'emulator', 'demo', 'completion']) assert.match(r.stdout, `plivo-sync ${c}`);
});

pack('npx plivo-sync validate exits 0 on a sample copied out of the package', async ({ project, installed }) => {
  copyFileSync(join(installed, 'samples', 'minimal.yaml'), join(project, 'plivo.yaml'));
  const r = await run('npx', ['--no', '--', 'plivo-sync', 'validate', 'plivo.yaml'], project, 20_000);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, 'plivo.yaml: valid');
});

pack.run();
