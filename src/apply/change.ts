// Executes one change of a plan against the API: create (ambiguity-safe), update or delete, then reads a trunk
// back for its SIP domain.
import type { DesiredState, Kind } from '../model.js';
import type { Change } from '../plan/types.js';
import type { PlivoApi } from '../plivo/api.js';
import { AuthError } from '../plivo/errors.js';
import { createSafely } from './create.js';
import { diffAdopted } from './drift.js';
import { buildWrite, findDesired, type IdBook } from './write.js';

export interface ChangeContext {
  api: PlivoApi;
  desired: DesiredState;
  ids: IdBook;
  maxCreateAttempts: number;
  /** A read-back failed on authentication: the change stands, but the run must stop. */
  onAuthError(err: AuthError): void;
}

/** What a change did, filled in as it goes so that a later failure keeps what is already known. */
export interface ChangeEffect {
  id: string | null;
  adopted?: boolean;
  trunk_domain?: string;
  notes: string[];
}

/** Resolves when the change is done; throws (with `effect` holding what did happen) when it failed. */
export async function executeChange(change: Change, ctx: ChangeContext, effect: ChangeEffect): Promise<void> {
  const { api, ids } = ctx;
  const kind: Kind = change.kind;
  if (change.action === 'delete') {
    const id = requireId(change);
    await api.remove(kind, id);
    ids.forget(kind, id);
    return;
  }

  const write = buildWrite(kind, findDesired(ctx.desired, kind, change.name), ids);
  if (change.action === 'update') {
    const id = requireId(change);
    await api.update(kind, id, write, change.changed);
  } else {
    const created = await createSafely(api, kind, change.name, write, ctx.maxCreateAttempts);
    effect.id = created.id;
    ids.record(kind, change.name, created.id);
    if (created.adopted) {
      effect.adopted = true;
      const drift = diffAdopted(kind, created.live, write);
      if (drift.length > 0) await api.update(kind, created.id, write, drift);
    }
  }
  if (kind === 'trunk') await readTrunkDomain(ctx, effect.id as string, effect);
}

function requireId(change: Change): string {
  if (change.id === null) throw new Error(`the plan gives no live id for this ${change.action}`);
  return change.id;
}

/** The create response has no trunk_domain (live behaviour), and it is what users configure in their PBX. */
async function readTrunkDomain(ctx: ChangeContext, id: string, effect: ChangeEffect): Promise<void> {
  try {
    const trunk = await ctx.api.get('trunk', id);
    if (trunk === null) effect.notes.push('the trunk was not found when read back for its domain');
    else if (trunk.trunk_domain) effect.trunk_domain = trunk.trunk_domain;
    else effect.notes.push('the API returned no trunk_domain for this trunk');
  } catch (err) {
    if (err instanceof AuthError) ctx.onAuthError(err);
    effect.notes.push(`could not read the trunk back for its domain: ${err instanceof Error ? err.message : String(err)}`);
  }
}
