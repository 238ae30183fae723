// The example GitHub Actions workflows: they parse, every plivo-sync command and flag in them exists, and their
// steps, run for real against the emulator, post one plan comment, fail on refusals and apply a saved plan.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli, startAccount, tempFiles, type Account } from '../e2e/harness.js';
import {
  createFakeGitHub,
  findStep,
  loadWorkflow,
  runGitHubScript,
  runStep,
  type Comment,
  type StepContext,
  type Workflow,
} from './actions.js';
import { listCodeBlocks } from './blocks.js';
import { shellEnv, writeShim } from './shell.js';

const PR_FILE = 'examples/github-actions/plan-on-pull-request.yml';
const MAIN_FILE = 'examples/github-actions/apply-on-main.yml';
const PACKAGE_VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** The README's example manifest: the workflows' env lists the secrets it needs. */
const README_MANIFEST = (() => {
  const block = listCodeBlocks(readFileSync('README.md', 'utf8')).find((b) => b.lang === 'yaml' && b.text.includes('version: 1'));
  if (!block) throw new Error('README.md has no yaml block with a manifest');
  return `${block.text}\n`;
})();
// from the parsed values, so a comment that mentions ${VAR} does not count
const MANIFEST_VARS = [...new Set([...JSON.stringify(parse(README_MANIFEST)).matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]))].sort();
const PASSWORDS: Record<string, string> = {
  PBX_PASSWORD: 'pbx-Secret-4411',
  OFFICE_SIP_PASSWORD: 'Office#7715',
  ALICE_SIP_PASSWORD: 'alice-Secret-2290',
};

const STEP_NAMES = {
  install: 'Install plivo-sync',
  plan: 'Plan',
  comment: 'Post the plan as a comment',
  verdict: 'Fail on a refusal or an error',
  upload: 'Upload the saved plan',
  download: 'Download the saved plan',
  apply: 'Apply the saved plan',
};

/** Each `plivo-sync <command> …` in a run script, cut at the first redirection or shell operator. */
function listCliInvocations(run: string): { command: string; args: string[]; line: string }[] {
  const found: { command: string; args: string[]; line: string }[] = [];
  for (const line of run.split('\n')) {
    const m = /(?:^|[\s;&|(])plivo-sync\s+(.*)$/.exec(line);
    if (!m) continue;
    const tokens = m[1].trim().split(/\s+/);
    const end = tokens.findIndex((t) => /^(\d?>|>>|\|\||&&|\||;|<)/.test(t));
    const [command, ...args] = end < 0 ? tokens : tokens.slice(0, end);
    found.push({ command, args, line: line.trim() });
  }
  return found;
}

function allSteps(wf: Workflow) {
  return Object.values(wf.jobs).flatMap((job) => job.steps);
}

const WORKFLOWS = { [PR_FILE]: loadWorkflow(PR_FILE), [MAIN_FILE]: loadWorkflow(MAIN_FILE) };

// ---------------------------------------------------------------------------------------------------------------
const files = suite('loadWorkflow: the example workflows');

files('both parse, trigger on the manifest, and run steps in bash -eo pipefail', () => {
  for (const [path, wf] of Object.entries(WORKFLOWS)) {
    assert.ok(wf.name, `${path}: name`);
    assert.ok(Object.keys(wf.jobs).length > 0, `${path}: jobs`);
    assert.is(wf.defaults?.run?.shell, 'bash', `${path}: defaults.run.shell`);
    const trigger = (wf.on.pull_request ?? wf.on.push) as { paths?: string[] } | undefined;
    assert.ok(trigger?.paths?.includes('plivo.yaml'), `${path}: runs when plivo.yaml changes`);
  }
  assert.ok('pull_request' in WORKFLOWS[PR_FILE].on);
  assert.equal((WORKFLOWS[MAIN_FILE].on.push as { branches: string[] }).branches, ['main']);
});

files('install the plivo-sync version this repository builds, on Node 20', () => {
  for (const [path, wf] of Object.entries(WORKFLOWS)) {
    assert.is(wf.env?.PLIVO_SYNC_VERSION, PACKAGE_VERSION, `${path}: PLIVO_SYNC_VERSION is package.json's version`);
    for (const job of Object.values(wf.jobs)) {
      assert.match(findStep(job, STEP_NAMES.install).run ?? '', '"plivo-sync@${PLIVO_SYNC_VERSION}"');
      const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      assert.is(String(node?.with?.['node-version']), '20', `${path}: setup-node 20`);
      assert.ok(job.steps[0].uses?.startsWith('actions/checkout@'), `${path}: checks out first`);
    }
  }
});

files('secrets reach only the steps that run plivo-sync, each from the repository secret of its own name', () => {
  for (const [path, wf] of Object.entries(WORKFLOWS)) {
    assert.not.match(JSON.stringify(wf.env ?? {}), 'secrets.', `${path}: no secrets in workflow env`);
    for (const job of Object.values(wf.jobs)) assert.not.match(JSON.stringify(job.env ?? {}), 'secrets.', `${path}: no secrets in job env`);
    for (const step of allSteps(wf)) {
      const secretNames = Object.entries(step.env ?? {}).filter(([, v]) => String(v).includes('secrets.'));
      for (const [name, value] of secretNames) assert.is(value, `\${{ secrets.${name} }}`, `${path}: ${step.name} ${name}`);
      if (listCliInvocations(step.run ?? '').length === 0) {
        assert.is(secretNames.length, 0, `${path}: step "${step.name}" does not run plivo-sync but gets secrets`);
        continue;
      }
      const names = secretNames.map(([n]) => n).sort();
      assert.equal(names, ['PLIVO_AUTH_ID', 'PLIVO_AUTH_TOKEN', ...MANIFEST_VARS].sort(), `${path}: step "${step.name}"`);
    }
  }
});

// ---------------------------------------------------------------------------------------------------------------
const commands = suite('listCliInvocations: every plivo-sync command in a run step exists with those flags');

const helpCache = new Map<string, string>();
async function helpOf(command: string): Promise<string> {
  if (!helpCache.has(command)) {
    const r = await runCli([command, '--help']);
    assert.is(r.code, 0, `plivo-sync ${command} --help: ${r.stderr}`);
    helpCache.set(command, r.stdout);
  }
  return helpCache.get(command)!;
}

commands('the workflows invoke plan and apply', () => {
  const used = Object.values(WORKFLOWS).flatMap((wf) => allSteps(wf).flatMap((s) => listCliInvocations(s.run ?? '').map((c) => c.command)));
  assert.equal([...new Set(used)].sort(), ['apply', 'plan']);
});

commands('each command is a real subcommand and each flag (and choice value) is in its --help', async () => {
  for (const [path, wf] of Object.entries(WORKFLOWS)) {
    for (const step of allSteps(wf)) {
      for (const { command, args, line } of listCliInvocations(step.run ?? '')) {
        const help = await helpOf(command);
        // yargs prints the general help for an unknown command, so the first line names the command asked for
        assert.ok(help.startsWith(`plivo-sync ${command} `), `${path}: "${line}": ${command} is not a command`);
        for (let i = 0; i < args.length; i++) {
          if (!args[i].startsWith('--')) continue;
          const flag = args[i].split('=')[0];
          const entry = help.split('\n').find((l) => new RegExp(`^\\s+${flag}(\\s|,|$)`).test(l));
          assert.ok(entry, `${path}: "${line}": ${flag} is not a flag of plivo-sync ${command}`);
          const start = help.indexOf(entry!);
          const choices = /\[choices: ([^\]]+)\]/.exec(help.slice(start, help.indexOf('\n  --', start + 1)));
          const value = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
          if (choices) assert.ok(choices[1].includes(`"${value}"`), `${path}: "${line}": ${flag} ${value} is not one of ${choices[1]}`);
        }
      }
    }
  }
});

commands('the pull-request plan is the markdown plan with --detailed-exitcode the README documents', () => {
  const run = findStep(WORKFLOWS[PR_FILE].jobs.plan, STEP_NAMES.plan).run ?? '';
  assert.match(run, 'plivo-sync plan plivo.yaml --format markdown --detailed-exitcode > plan.md');
  assert.match(readFileSync('README.md', 'utf8'), '`plivo-sync plan plivo.yaml --format markdown --detailed-exitcode`');
});

// ---------------------------------------------------------------------------------------------------------------
interface PrContext {
  account: Account;
  checkout: ReturnType<typeof tempFiles>;
  comments: Comment[];
  values: Record<string, string>;
  ctx: StepContext;
}

const pr = suite<PrContext>('runGitHubScript: plan-on-pull-request against the emulator');
const prWorkflow = WORKFLOWS[PR_FILE];
const prJob = prWorkflow.jobs.plan;

pr.before.each(async (c) => {
  c.account = await startAccount();
  c.checkout = tempFiles({ 'plivo.yaml': README_MANIFEST });
  // what people already wrote on the pull request: neither is the plan comment
  c.comments = [
    { id: 1, body: 'Looks good; note the <!-- plivo-sync plan --> comment below.', user: { type: 'User' } },
    { id: 2, body: '<!-- plivo-sync plan -->\nquoted by a person', user: { type: 'User' } },
  ];
  c.values = {
    'github.event.pull_request.number': '42',
    'secrets.PLIVO_AUTH_ID': c.account.env.PLIVO_AUTH_ID,
    'secrets.PLIVO_AUTH_TOKEN': c.account.env.PLIVO_AUTH_TOKEN,
    ...Object.fromEntries(MANIFEST_VARS.map((v) => [`secrets.${v}`, PASSWORDS[v]])),
  };
  // the emulator stands in for api.plivo.com, which the workflow reaches without PLIVO_API_URL
  const env = shellEnv(writeShim(c.checkout.dir), { PLIVO_API_URL: c.account.env.PLIVO_API_URL });
  c.ctx = { cwd: c.checkout.dir, env, workflow: prWorkflow, values: c.values };
});
pr.after.each(async (c) => {
  await c.account.close();
  c.checkout.cleanup();
});

/** Runs the job's plan, comment and verdict steps in order, as the runner would; returns the verdict. */
async function runPrJob(c: PrContext) {
  const plan = await runStep(findStep(prJob, STEP_NAMES.plan), c.ctx);
  assert.is(plan.code, 0, `the plan step never fails by itself: ${plan.stderr}`);
  const values = { ...c.values, 'steps.plan.outputs.exitcode': plan.outputs.exitcode };
  await runGitHubScript(findStep(prJob, STEP_NAMES.comment), { ...c.ctx, values, github: createFakeGitHub(c.comments), issueNumber: 42 });
  const verdict = await runStep(findStep(prJob, STEP_NAMES.verdict), { ...c.ctx, values });
  const bot = c.comments.filter((x) => x.user.type === 'Bot');
  assert.is(bot.length, 1, 'exactly one plan comment');
  assert.is(c.comments[0].body, 'Looks good; note the <!-- plivo-sync plan --> comment below.');
  assert.is(c.comments[1].body, '<!-- plivo-sync plan -->\nquoted by a person');
  for (const secret of [c.account.env.PLIVO_AUTH_TOKEN, ...Object.values(PASSWORDS)]) {
    assert.not.ok(bot[0].body.includes(secret), 'a secret reached the comment');
  }
  return { exitcode: plan.outputs.exitcode, comment: bot[0], verdict };
}

pr('the marker in the comment script is the first line plivo-sync prints for --format markdown', async (c) => {
  const script = String(findStep(prJob, STEP_NAMES.comment).with?.script);
  const marker = /const marker = '([^']+)';/.exec(script)?.[1];
  const r = await c.account.run(['plan', c.checkout.path('plivo.yaml'), '--format', 'markdown', '--detailed-exitcode'], { env: PASSWORDS });
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stdout.split('\n')[0], marker);
});

pr('changes (exit 2): one comment with the plan is posted and the job passes', async (c) => {
  const { exitcode, comment, verdict } = await runPrJob(c);
  assert.is(exitcode, '2');
  assert.match(comment.body, /^<!-- plivo-sync plan -->\n/);
  assert.match(comment.body, '7 to create, 0 to update, 0 to delete');
  assert.is(verdict.code, 0, verdict.stdout + verdict.stderr);
});

pr('a later push with no changes (exit 0) updates that same comment and the job passes', async (c) => {
  const first = await runPrJob(c);
  const apply = await c.account.run(['apply', c.checkout.path('plivo.yaml'), '--auto-approve'], { env: PASSWORDS });
  assert.is(apply.code, 0, apply.stdout + apply.stderr);
  const second = await runPrJob(c);
  assert.is(second.exitcode, '0');
  assert.is(second.comment.id, first.comment.id);
  assert.match(second.comment.body, 'no changes');
  assert.is(second.verdict.code, 0, second.verdict.stdout);
});

pr('a refusal (exit 6): the comment says why, then the job fails', async (c) => {
  const legacy = c.account.emulator.seed('uri', { name: 'legacy-pbx', uri: '198.51.100.7:5060' });
  c.account.emulator.seed('trunk', { name: 'legacy-inbound', trunk_direction: 'inbound', primary_uri_uuid: legacy.uri_uuid });
  writeFileSync(c.checkout.path('plivo.yaml'), `${README_MANIFEST}prune: [uris]\n`);
  const { exitcode, comment, verdict } = await runPrJob(c);
  assert.is(exitcode, '6');
  assert.match(comment.body, 'Refused');
  assert.match(comment.body, 'legacy-inbound');
  assert.is.not(verdict.code, 0);
  assert.match(verdict.stdout, '::error::plivo-sync refused this plan (exit 6)');
});

pr('an error before any plan (exit 4, a wrong token): the comment shows the error, then the job fails', async (c) => {
  c.ctx.values = { ...c.values, 'secrets.PLIVO_AUTH_TOKEN': 'not-the-token' };
  c.values = c.ctx.values;
  const { exitcode, comment, verdict } = await runPrJob(c);
  assert.is(exitcode, '4');
  assert.match(comment.body, /^<!-- plivo-sync plan -->\n### plivo-sync plan failed \(exit 4\)\n/);
  assert.match(comment.body, 'authentication failed');
  assert.not.ok(comment.body.includes('not-the-token'), 'the wrong token reached the comment');
  assert.is.not(verdict.code, 0);
  assert.match(verdict.stdout, '::error::plivo-sync plan failed (exit 4)');
});

// ---------------------------------------------------------------------------------------------------------------
const main = suite<{ account: Account; checkouts: ReturnType<typeof tempFiles>[] }>('runStep: apply-on-main against the emulator');
const mainWorkflow = WORKFLOWS[MAIN_FILE];

main.before.each(async (c) => {
  c.account = await startAccount();
  c.checkouts = [];
});
main.after.each(async (c) => {
  await c.account.close();
  for (const checkout of c.checkouts) checkout.cleanup();
});

/** A fresh checkout of the merge commit, as each job gets. */
function checkoutFor(c: { account: Account; checkouts: ReturnType<typeof tempFiles>[] }, manifest = README_MANIFEST): StepContext {
  const checkout = tempFiles({ 'plivo.yaml': manifest });
  c.checkouts.push(checkout);
  const values = {
    'secrets.PLIVO_AUTH_ID': c.account.env.PLIVO_AUTH_ID,
    'secrets.PLIVO_AUTH_TOKEN': c.account.env.PLIVO_AUTH_TOKEN,
    ...Object.fromEntries(MANIFEST_VARS.map((v) => [`secrets.${v}`, PASSWORDS[v]])),
  };
  const env = shellEnv(writeShim(checkout.dir), { PLIVO_API_URL: c.account.env.PLIVO_API_URL });
  return { cwd: checkout.dir, env, workflow: mainWorkflow, values };
}

main('one apply at a time, never cancelled, behind the production environment, only when the plan has changes', () => {
  const { concurrency, jobs } = mainWorkflow;
  assert.ok(concurrency?.group, 'a concurrency group');
  assert.not.match(concurrency!.group, '${{', 'one group for every run, not per commit or branch');
  assert.is(concurrency!['cancel-in-progress'], false);
  assert.is(jobs.apply.environment, 'production');
  assert.is(jobs.apply.needs, 'plan');
  assert.is(jobs.apply.if, "needs.plan.outputs.changes == 'true'");
  assert.is(jobs.plan.outputs?.changes, '${{ steps.plan.outputs.changes }}');
  assert.is(jobs.plan.environment, undefined, 'planning needs no approval');
});

main('the artifact the plan job uploads is the one the apply job downloads, next to the manifest', () => {
  const upload = findStep(mainWorkflow.jobs.plan, STEP_NAMES.upload);
  const download = findStep(mainWorkflow.jobs.apply, STEP_NAMES.download);
  assert.ok(upload.uses?.startsWith('actions/upload-artifact@'));
  assert.ok(download.uses?.startsWith('actions/download-artifact@'));
  assert.is(upload.with?.name, download.with?.name);
  assert.is(upload.with?.path, 'plan.json');
  assert.is(download.with?.path, undefined, 'downloaded into the workspace root');
  assert.is(upload.if, "steps.plan.outputs.changes == 'true'");
  assert.match(findStep(mainWorkflow.jobs.plan, STEP_NAMES.plan).run ?? '', '--out plan.json');
  assert.is(findStep(mainWorkflow.jobs.apply, STEP_NAMES.apply).run?.trim(), 'plivo-sync apply plan.json');
});

main('merge with changes: the plan job saves plan.json, the apply job applies it from a fresh checkout, then nothing is left', async (c) => {
  const planJob = checkoutFor(c);
  const planned = await runStep(findStep(mainWorkflow.jobs.plan, STEP_NAMES.plan), planJob);
  assert.is(planned.code, 0, planned.stderr);
  assert.is(planned.outputs.changes, 'true');
  assert.match(planned.summary, /^<!-- plivo-sync plan -->\n/);
  assert.ok(existsSync(join(planJob.cwd, 'plan.json')));

  const applyJob = checkoutFor(c);
  copyFileSync(join(planJob.cwd, 'plan.json'), join(applyJob.cwd, 'plan.json')); // the artifact
  const applied = await runStep(findStep(mainWorkflow.jobs.apply, STEP_NAMES.apply), applyJob);
  assert.is(applied.code, 0, applied.stdout + applied.stderr);
  assert.match(applied.stdout, 'Apply: 7 done, 0 failed');
  assert.not.match(applied.stdout + applied.stderr, c.account.env.PLIVO_AUTH_TOKEN);

  const again = await runStep(findStep(mainWorkflow.jobs.plan, STEP_NAMES.plan), checkoutFor(c));
  assert.is(again.code, 0, again.stderr);
  assert.is(again.outputs.changes, 'false', 'no apply job, no reviewer asked');
});

main('a refused plan fails the plan job, so nothing is uploaded or applied', async (c) => {
  const legacy = c.account.emulator.seed('uri', { name: 'legacy-pbx', uri: '198.51.100.7:5060' });
  c.account.emulator.seed('trunk', { name: 'legacy-inbound', trunk_direction: 'inbound', primary_uri_uuid: legacy.uri_uuid });
  const planned = await runStep(findStep(mainWorkflow.jobs.plan, STEP_NAMES.plan), checkoutFor(c, `${README_MANIFEST}prune: [uris]\n`));
  assert.is(planned.code, 6, planned.stderr);
  assert.is(planned.outputs.changes, undefined);
  assert.match(planned.summary, 'Refused');
});

files.run();
commands.run();
pr.run();
main.run();
