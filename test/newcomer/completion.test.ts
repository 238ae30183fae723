// `plivo-sync completion`: the printed script is valid bash (zsh when that is the shell) and, once sourced,
// completes the commands and a command's flags.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempFiles } from '../e2e/harness.js';
import { runBash, shellEnv, writeShim } from './shell.js';

const COMMANDS = ['validate', 'plan', 'apply', 'export', 'emulator', 'demo', 'completion'];

const completion = suite<{ dir: ReturnType<typeof tempFiles>; bin: string }>('completion: plivo-sync completion');

completion.before((ctx) => {
  ctx.dir = tempFiles({});
  ctx.bin = writeShim(ctx.dir.dir);
});
completion.after((ctx) => ctx.dir.cleanup());

/** What bash would offer after typing `words` and pressing Tab, with the script sourced. */
async function complete(bin: string, dir: string, words: string[]): Promise<string[]> {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const script = [
    'source <(plivo-sync completion)',
    `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}`,
    '_plivo-sync_yargs_completions',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = await runBash(script, { cwd: dir, env: shellEnv(bin, { SHELL: '/bin/bash' }) });
  assert.is(r.code, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

completion('prints a bash script that registers a completion for plivo-sync', async ({ bin, dir }) => {
  const r = await runCli(['completion'], { env: { SHELL: '/bin/bash' } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^complete .* plivo-sync$/m);
  const syntax = await runBash(`bash -n <<'EOF'\n${r.stdout}\nEOF`, { cwd: dir.dir, env: shellEnv(bin) });
  assert.is(syntax.code, 0, syntax.stderr);
});

completion('prints a zsh script when zsh is the shell', async () => {
  const r = await runCli(['completion'], { env: { SHELL: '/bin/zsh' } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^#compdef plivo-sync$/m);
  assert.match(r.stdout, 'compdef _plivo-sync_yargs_completions plivo-sync');
});

completion('the sourced script completes every command', async ({ bin, dir }) => {
  const offered = await complete(bin, dir.dir, ['plivo-sync', '']);
  for (const c of COMMANDS) assert.ok(offered.includes(c), `"${c}" is not offered: ${offered.join(' ')}`);
  assert.equal(await complete(bin, dir.dir, ['plivo-sync', 'va']), ['validate']);
});

completion("the sourced script completes a command's flags", async ({ bin, dir }) => {
  const offered = await complete(bin, dir.dir, ['plivo-sync', 'plan', '--d']);
  assert.ok(offered.includes('--detailed-exitcode'), offered.join(' '));
  assert.ok(offered.includes('--debug'), offered.join(' '));
});

completion.run();
