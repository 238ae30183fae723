// Creates one object without ever leaving two objects with one identity, even when responses are lost.
import { liveIdentity, stripEndpointSuffix, type Kind, type Live, type LiveByKind, type WriteByKind } from '../model.js';
import type { PlivoApi } from '../plivo/api.js';
import { AuthError, LostResponseError } from '../plivo/errors.js';

export const DEFAULT_MAX_CREATE_ATTEMPTS = 3;

export type CreateOutcome<K extends Kind> =
  | { adopted: false; id: string }
  /** The object a lost-response create left behind, as listed. */
  | { adopted: true; id: string; live: LiveByKind[K] };

/**
 * POSTs the create; when its answer is lost, looks the object up by identity and adopts it, or creates again.
 *
 * Why this never duplicates: a create is sent again only after a list of the kind, completed after the lost
 * attempt's error, shows no object with this identity. One change per identity runs at a time (a plan has at
 * most one change per key), so nothing else in this run can create it meanwhile. If the lookup fails we do not
 * know whether the object exists, so we stop and fail the change instead of guessing; a re-run plans from a
 * fresh read and adopts or creates then. More than one match is reported, never resolved by picking one.
 * The remaining window is a request the server is still processing when the lookup runs (a client timeout
 * shorter than the server's work); a duplicate from it is not silent: the next plan refuses on the ambiguous
 * identity and names both ids.
 */
export async function createSafely<K extends Kind>(
  api: PlivoApi,
  kind: K,
  identity: string,
  write: WriteByKind[K],
  maxAttempts: number = DEFAULT_MAX_CREATE_ATTEMPTS,
): Promise<CreateOutcome<K>> {
  let lastLoss: LostResponseError | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const created = await api.create(kind, write);
      return { adopted: false, id: created.id };
    } catch (err) {
      if (!(err instanceof LostResponseError)) throw err;
      lastLoss = err;
    }
    const found = await lookUp(api, kind, identity, lastLoss);
    if (found.length === 1) return { adopted: true, id: found[0].id, live: found[0] };
    if (found.length > 1) {
      throw new Error(
        `after a lost response ${found.length} ${kind}s named "${identity}" exist (ids ${found.map((f) => f.id).join(', ')}); ` +
          'delete all but one, then re-run apply',
      );
    }
  }
  throw new Error(
    `the create was not confirmed after ${maxAttempts} attempt${maxAttempts === 1 ? '' : 's'}, each answer lost and each lookup empty ` +
      `(last: ${lastLoss?.message ?? 'unknown'}); re-run apply`,
  );
}

async function lookUp<K extends Kind>(
  api: PlivoApi,
  kind: K,
  identity: string,
  loss: LostResponseError,
): Promise<LiveByKind[K][]> {
  const refuse = (why: string): Error =>
    new Error(`${loss.message}; looking it up failed too (${why}), so it was not created again to avoid a duplicate; re-run apply`);
  let result: { found: LiveByKind[K][]; complete: boolean };
  try {
    result = await api.search(kind, (obj) => hasIdentity(obj, identity));
  } catch (err) {
    if (err instanceof AuthError) throw err;
    throw refuse(err instanceof Error ? err.message : String(err));
  }
  // A list that kept changing while read (this run's own creates of the same kind do that) still shows a
  // match truthfully; only an absence needs a complete read to prove it.
  if (result.found.length === 0 && !result.complete) throw refuse(`the ${kind} list kept changing while it was read`);
  return result.found;
}

/** By name (or `<kind>-<id>`); an endpoint only by its username followed by exactly 12 digits. */
function hasIdentity(obj: Live, identity: string): boolean {
  if (obj.kind === 'endpoint') return stripEndpointSuffix(obj.username) === identity;
  return liveIdentity(obj) === identity;
}
