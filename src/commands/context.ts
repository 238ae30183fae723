// What plan, apply and export share: a validated manifest, an API connection, the live state, and a plan.
import { UsageError } from '../errors.js';
import { resolveApiConfig, type ApiConfig, type ApiFlags } from '../config.js';
import { info, type Io } from '../io.js';
import { DEFAULT_READ_KINDS, DELETABLE_KINDS, KINDS, KIND_TRAITS, MANIFEST_KEYS, type DesiredState, type Kind, type LiveState } from '../model.js';
import type { PlivoApi } from '../plivo/api.js';
import { DEFAULT_PLAN_OPTIONS, type Plan, type PlanOptions } from '../plan/types.js';
import { parseKindList } from '../kinds.js';

export interface PlanFlags extends ApiFlags {
  /** undefined: the manifest's own `prune:`; "": every declared kind; "uris,trunks": those. */
  prune?: string;
  rotate: string[];
  force: boolean;
}

export interface LoadedForPlan {
  file: string;
  sha256: string;
  desired: DesiredState;
  secrets: string[];
}

/** Loads and validates; prints warnings; any error → the diagnostics on stderr and exit 3, before any API call. */
export async function loadValidManifest(file: string, io: Io): Promise<LoadedForPlan> {
  const { loadManifest, formatDiagnostic } = await import('../manifest/index.js');
  const loaded = await loadManifest(file, io.env);
  for (const d of loaded.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 || loaded.desired === null) {
    throw new UsageError(
      `${file}: ${errors} problem${errors === 1 ? '' : 's'}; nothing was sent to the API`,
      `Fix the lines above; \`plivo-sync validate ${file}\` checks again without touching the account.`,
    );
  }
  return { file, sha256: loaded.sha256, desired: loaded.desired, secrets: loaded.secrets };
}

export function resolvePlanOptions(flags: PlanFlags, desired: DesiredState): PlanOptions {
  let prune: Kind[];
  if (flags.prune === undefined) prune = desired.prune;
  else if (flags.prune.trim() === '' || flags.prune === 'true') prune = DELETABLE_KINDS.filter((k) => desired.declared.includes(k));
  else prune = parseKindList(flags.prune, '--prune');
  const kept = prune.find((k) => !KIND_TRAITS[k].deletable);
  if (kept !== undefined) {
    throw new UsageError(
      `--prune ${flags.prune}: ${MANIFEST_KEYS[kept]} are never deleted`,
      `plivo-sync only routes ${MANIFEST_KEYS[kept]}; prune names the kinds to delete from: ${DELETABLE_KINDS.map((k) => MANIFEST_KEYS[k]).join(', ')}.`,
    );
  }
  // As for the manifest's own `prune:`, a kind is pruned only when the manifest lists it: pruning a kind it
  // does not mention would delete every live object of that kind, which must be asked for with `key: []`.
  const undeclared = prune.filter((k) => !desired.declared.includes(k));
  if (flags.prune !== undefined && undeclared.length > 0) {
    const keys = undeclared.map((k) => MANIFEST_KEYS[k]);
    throw new UsageError(
      `--prune ${flags.prune}: the manifest has no ${keys.map((k) => `"${k}:"`).join(' or ')} list, so every live one would be deleted`,
      `List what to keep under ${keys.join(', ')} (write "${keys[0]}: []" to delete them all), or leave ${keys.join(', ')} out of --prune.`,
    );
  }
  for (const r of flags.rotate) {
    if (r === 'all') continue;
    const [kind, ...rest] = r.split(':');
    const name = rest.join(':');
    if ((kind !== 'uri' && kind !== 'credential' && kind !== 'endpoint') || name === '') {
      throw new UsageError(
        `--rotate "${r}": expected uri:NAME, credential:NAME, endpoint:USERNAME or all`,
        'URI and credential passwords cannot be read back; an endpoint password is compared by its hash when the API returns one.',
      );
    }
    const known =
      kind === 'endpoint' ? desired.endpoint.some((d) => d.username === name) : (kind === 'uri' ? desired.uri : desired.credential).some((d) => d.name === name);
    if (!known) throw new UsageError(`--rotate "${r}": no ${kind} named "${name}" in the manifest`);
  }
  return { ...DEFAULT_PLAN_OPTIONS, prune: KINDS.filter((k) => prune.includes(k)), rotate: flags.rotate, force: flags.force };
}

export interface Connection {
  api: PlivoApi;
  config: ApiConfig;
}

/** Resolves the API configuration (exit 3 on bad flags) and creates the client; debug traces go to stderr. */
export async function connect(flags: ApiFlags, io: Io, secrets: readonly string[] = []): Promise<Connection> {
  const config = resolveApiConfig(flags, io.env);
  const { createPlivoApi } = await import('../plivo/index.js');
  const api = createPlivoApi(config, { trace: (line: string) => io.err(`debug: ${line}\n`), secrets: [...secrets] });
  return { api, config };
}

/**
 * The kinds a plan for this manifest reads: every kind, except those read on demand (numbers) that it does not
 * declare, so that manifests without numbers never pay for listing an account's numbers.
 */
export function kindsToRead(desired: DesiredState | null): Kind[] {
  return KINDS.filter((k) => DEFAULT_READ_KINDS.includes(k) || (desired?.declared.includes(k) ?? false));
}

/**
 * Reads the kinds (default: kindsToRead) with progress on a TTY, then, for managed endpoints whose list entry
 * lacks the password hash, one GET each to learn it (the recorded live lists omit it; a GET may carry it).
 */
export async function readLive(
  api: PlivoApi,
  desired: DesiredState | null,
  io: Io,
  kinds: readonly Kind[] = kindsToRead(desired),
): Promise<LiveState> {
  const seen = new Map<Kind, string>();
  const progress =
    io.stderrIsTTY && !io.quiet
      ? (kind: Kind, read: number, total: number) => {
          seen.set(kind, `${kind}s ${read}/${total}`);
          io.err(`\rreading: ${[...seen.values()].join(', ')}\x1b[K`);
        }
      : undefined;
  const live = await api.readAll(kinds, progress);
  if (progress) info(io, '\r\x1b[K');
  if (desired) {
    const wanted = new Set(desired.endpoint.map((e) => e.username));
    const { stripEndpointSuffix } = await import('../model.js');
    const missing = live.endpoint.filter((e) => e.password_md5 === undefined && wanted.has(stripEndpointSuffix(e.username) ?? ''));
    await Promise.all(
      missing.map(async (e) => {
        const full = await api.get('endpoint', e.id);
        if (full?.password_md5 !== undefined) e.password_md5 = full.password_md5;
      }),
    );
  }
  return live;
}

export async function computePlan(desired: DesiredState, live: LiveState, options: PlanOptions): Promise<Plan> {
  const { planChanges } = await import('../plan/index.js');
  return planChanges(desired, live, options);
}
