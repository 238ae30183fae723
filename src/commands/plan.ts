// `plivo-sync plan`: validate, read the account, compute and render the plan; optionally save it for apply.
import { EXIT } from '../errors.js';
import { info, type Io } from '../io.js';
import { computePlan, connect, loadValidManifest, readLive, resolvePlanOptions, type PlanFlags } from './context.js';
import { writeFileAtomic } from '../files.js';

export interface PlanCommandOptions extends PlanFlags {
  manifest: string;
  format: 'text' | 'json' | 'markdown';
  out?: string;
  detailedExitcode: boolean;
}

export async function runPlan(opts: PlanCommandOptions, io: Io): Promise<number> {
  const manifest = await loadValidManifest(opts.manifest, io);
  const options = resolvePlanOptions(opts, manifest.desired);
  const { api } = await connect(opts, io, manifest.secrets);
  // Load the planner and renderer while the pages are in flight rather than after the last one.
  const warm = Promise.all([import('../plan/index.js'), import(`../render/${opts.format}.js`)]);
  const live = await readLive(api, manifest.desired, io);
  await warm;
  const plan = await computePlan(manifest.desired, live, options);

  if (opts.format === 'json') {
    const { renderPlanJson } = await import('../render/json.js');
    io.out(renderPlanJson(plan));
  } else if (opts.format === 'markdown') {
    const { renderPlanMarkdown } = await import('../render/markdown.js');
    io.out(renderPlanMarkdown(plan, {}));
  } else {
    const { renderPlanText } = await import('../render/text.js');
    io.out(renderPlanText(plan, { color: io.color }));
  }

  if (opts.out !== undefined) {
    const { createSavedPlan } = await import('../plan/saved.js');
    const saved = createSavedPlan(plan, live, { path: manifest.file, sha256: manifest.sha256 }, options);
    await writeFileAtomic(opts.out, `${JSON.stringify(saved, null, 2)}\n`);
    info(io, `Saved the plan to ${opts.out}; \`plivo-sync apply ${opts.out}\` applies exactly these changes.\n`);
  }

  if (plan.refusals.length > 0) return EXIT.REFUSED;
  const changes = plan.changes.length > 0;
  return opts.detailedExitcode && changes ? EXIT.CHANGES : EXIT.OK;
}
