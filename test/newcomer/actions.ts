// A small stand-in for GitHub Actions, enough to run the example workflows' steps for real: `${{ }}` values
// from a table, `run:` steps in bash with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and github-script steps
// against an in-memory pull request.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { runBash, type ShellResult } from './shell.js';

export interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

export interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  permissions?: Record<string, string>;
  defaults?: { run?: { shell?: string } };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** Parses a workflow file; a YAML error is thrown with its position. */
export function loadWorkflow(path: string): Workflow {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS() as Workflow;
}

export function findStep(job: Job, name: string): Step {
  const step = job.steps.find((s) => s.name === name);
  if (!step) throw new Error(`no step named "${name}" (steps: ${job.steps.map((s) => s.name ?? s.uses).join(', ')})`);
  return step;
}

/** Replaces each `${{ expr }}` by its value in the table; an expression the table lacks is an error. */
export function expandExpressions(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in values)) throw new Error(`no value for \${{ ${expr} }} in this test`);
    return values[expr];
  });
}

function expandEnv(env: Record<string, string> | undefined, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, expandExpressions(String(v), values)]));
}

/** `key=value` lines of a GITHUB_OUTPUT file (the only form the example workflows write). */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

export interface StepContext {
  /** The job's working directory (the checkout). */
  cwd: string;
  /** The runner's environment before workflow, job and step env are added. */
  env: Record<string, string>;
  workflow: Workflow;
  /** Values of the `${{ }}` expressions the steps use, e.g. "secrets.PLIVO_AUTH_ID". */
  values: Record<string, string>;
}

export interface StepResult extends ShellResult {
  outputs: Record<string, string>;
  summary: string;
}

export async function runStep(step: Step, ctx: StepContext): Promise<StepResult> {
  if (step.run === undefined) throw new Error(`step "${step.name}" has no run:`);
  const files = mkdtempSync(join(tmpdir(), 'plivo-sync-runner-'));
  try {
    const output = join(files, 'output');
    const summary = join(files, 'summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const env = {
      ...ctx.env,
      ...expandEnv(ctx.workflow.env, ctx.values),
      ...expandEnv(step.env, ctx.values),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    };
    const result = await runBash(expandExpressions(step.run, ctx.values), { cwd: ctx.cwd, env });
    return { ...result, outputs: readOutputs(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8') };
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

export interface Comment {
  id: number;
  body: string;
  user: { type: 'Bot' | 'User' };
}

/** The parts of Octokit the comment step uses, over one pull request's comments held in memory. */
export function createFakeGitHub(comments: Comment[]) {
  let nextId = 1000 + comments.length;
  const listComments = async (_: { issue_number: number }) => ({ data: comments.map((c) => ({ ...c })) });
  return {
    paginate: async (method: typeof listComments, params: { issue_number: number }) => (await method(params)).data,
    rest: {
      issues: {
        listComments,
        createComment: async ({ body }: { body: string }) => {
          comments.push({ id: nextId++, body, user: { type: 'Bot' } });
          return { data: {} };
        },
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          const c = comments.find((x) => x.id === comment_id);
          if (!c) throw new Error(`no comment ${comment_id}`);
          c.body = body;
          return { data: {} };
        },
      },
    },
  };
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (
  ...args: unknown[]
) => Promise<unknown>;

/**
 * Runs an actions/github-script step's script as that action does (an async function of require, github,
 * context, core), with files read relative to the checkout and `process.env` holding the step's env.
 */
export async function runGitHubScript(step: Step, ctx: StepContext & { github: unknown; issueNumber: number }): Promise<void> {
  const script = step.with?.script;
  if (typeof script !== 'string') throw new Error(`step "${step.name}" has no with.script`);
  const realRequire = createRequire(import.meta.url);
  const require = (name: string) => {
    if (name !== 'fs') return realRequire(name);
    const fs = realRequire('fs') as typeof import('node:fs');
    return { ...fs, readFileSync: (p: string, enc: BufferEncoding) => fs.readFileSync(resolve(ctx.cwd, p), enc) };
  };
  const context = { repo: { owner: 'acme', repo: 'telephony' }, issue: { owner: 'acme', repo: 'telephony', number: ctx.issueNumber } };
  const core = { info: () => undefined, setFailed: (m: string) => { throw new Error(m); } };
  const env = { ...ctx.env, ...expandEnv(ctx.workflow.env, ctx.values), ...expandEnv(step.env, ctx.values) };
  const fn = new AsyncFunction('require', 'github', 'context', 'core', 'process', expandExpressions(script, ctx.values));
  await fn(require, ctx.github, context, core, { env });
}
