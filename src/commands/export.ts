// `plivo-sync export`: read the account, write it as a manifest (file or stdout), and tell on stderr what a
// user must know before applying it elsewhere: unnamed objects, included parents, variables to set.
import { TOOL_VERSION } from '../version.js';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { resolveApiConfig, type ApiFlags } from '../config.js';
import type { Io } from '../io.js';
import { KINDS, MANIFEST_KEYS, type Kind } from '../model.js';
import type { PlivoApi } from '../plivo/api.js';
import { writeFileAtomic } from '../files.js';
import { exportManifest, withReferencedKinds, type ExportResult } from '../export/index.js';
import type { Rename } from '../export/names.js';
import { connect, readLive } from './context.js';

export interface ExportCommandOptions extends ApiFlags {
  /** File to write; undefined or "-": stdout. */
  out?: string;
  kinds?: Kind[];
  renameFrom?: string;
  renameTo?: string;
  /** Leave endpoints' app_id out (cloning into an account without those applications). */
  dropAppIds?: boolean;
}

export interface ExportDeps {
  /** An API client to use instead of connecting (tests). */
  api?: PlivoApi;
}

export async function runExport(opts: ExportCommandOptions, io: Io, deps: ExportDeps = {}): Promise<number> {
  if ((opts.renameFrom === undefined) !== (opts.renameTo === undefined)) {
    throw new UsageError(
      '--rename-from and --rename-to go together',
      'Give both, e.g. --rename-from prod- --rename-to staging-.',
    );
  }
  const toFile = opts.out !== undefined && opts.out !== '-';
  if (toFile) checkWritableDirectory(opts.out!);

  const config = resolveApiConfig(opts, io.env);
  const api = deps.api ?? (await connect(opts, io)).api;
  const kinds = opts.kinds ?? [...KINDS];
  // Trunks refer to uris, credentials and ipacls by id, numbers to trunks: read those too, to write names.
  const read = withReferencedKinds(kinds);
  const live = await readLive(api, null, io, read);
  if (io.signal?.aborted) {
    io.err('interrupted: nothing was written\n');
    return EXIT.INTERRUPTED;
  }

  const rename = opts.renameFrom !== undefined ? { from: opts.renameFrom, to: opts.renameTo! } : undefined;
  const result = exportManifest(live, {
    kinds,
    rename,
    source: `account ${config.authId} at ${config.apiUrl}`,
    toolVersion: TOOL_VERSION,
    dropAppIds: opts.dropAppIds,
  });

  if (toFile) {
    try {
      await writeFileAtomic(opts.out!, result.text);
    } catch (e) {
      throw new UsageError(`cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  } else {
    io.out(result.text);
  }
  io.err(describeExport(result, live, kinds, toFile ? opts.out! : null, rename));
  return EXIT.OK;
}

/** Fails before reading a large account rather than after: the target's directory must exist. */
function checkWritableDirectory(path: string): void {
  let ok = false;
  try {
    ok = statSync(dirname(path)).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`cannot write ${path}: no directory ${dirname(path)}`, 'Create the directory first, or write to stdout (--out -).');
}

/** The stderr summary: counts, then everything a user must act on before applying the manifest elsewhere. */
export function describeExport(
  result: ExportResult,
  live: Record<Kind, unknown[]>,
  kinds: readonly Kind[],
  out: string | null,
  rename?: Rename,
): string {
  const skipped = (k: Kind) => result.skipped.filter((s) => s.kind === k).length;
  const omitted = (k: Kind) => result.omitted.reduce((n, o) => n + (o.kind === k ? o.count : 0), 0);
  const counts = KINDS.filter((k) => kinds.includes(k)).map((k) => `${live[k].length - skipped(k) - omitted(k)} ${MANIFEST_KEYS[k]}`);
  const lines = [`${out === null ? 'exported' : `wrote ${out}:`} ${counts.join(', ')}`];
  if (result.skipped.length > 0) {
    lines.push(`left out ${result.skipped.length} object(s) that no manifest can describe:`);
    for (const s of result.skipped) lines.push(`  ${s.kind} ${s.id}: ${s.reason}`);
  }
  // Counted, not listed: an account may hold thousands of numbers linked to applications.
  for (const o of result.omitted) lines.push(`left out ${o.count} ${o.count === 1 ? o.kind : MANIFEST_KEYS[o.kind]} ${o.reason}`);
  const unrenamed = KINDS.filter((k) => result.unrenamed[k]).map((k) => `${result.unrenamed[k]} ${MANIFEST_KEYS[k]}`);
  if (rename && unrenamed.length > 0) {
    lines.push(
      `kept their names (no "${rename.from}" prefix): ${unrenamed.join(', ')}; applied to the source account itself, ` +
        'the manifest manages those very objects, not copies of them',
    );
  }
  if (result.included.length > 0) {
    const users = result.included.some((o) => o.kind === 'trunk') ? 'exported numbers and trunks' : 'exported trunks';
    lines.push(`included ${result.included.length} object(s) of kinds not asked for, because ${users} use them:`);
    for (const o of result.included) lines.push(`  ${o.kind} ${o.written_as}`);
  }
  if (result.unnamed.length > 0) {
    lines.push(`${result.unnamed.length} object(s) have no name in the account and are written under their identity:`);
    for (const u of result.unnamed) lines.push(`  ${u.kind} ${u.id} → ${u.written_as}`);
  }
  if (result.variables.length > 0) {
    lines.push('set these variables to the passwords before plan or apply with this manifest (they cannot be read back):');
    const width = Math.max(...result.variables.map((v) => v.name.length));
    for (const v of result.variables) lines.push(`  ${v.name.padEnd(width)}  ${v.for}`);
  }
  return `${lines.join('\n')}\n`;
}

