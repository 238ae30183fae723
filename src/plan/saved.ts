// Saved plans (`plan --out`): the plan with a fingerprint of every live object it was computed from, and the
// check `apply plan.json` runs to refuse a plan whose account changed underneath it.
import { createHash } from 'node:crypto';
import { KINDS, liveIdentity } from '../model.js';
import type { Kind, Live, LiveState } from '../model.js';
import { changeKey } from './types.js';
import type { Plan, PlanOptions } from './types.js';
import { compareIds, compareText } from './view.js';

export interface SavedPlan {
  format_version: 1;
  kind: 'plivo-sync-plan';
  manifest: { path: string; sha256: string };
  options: PlanOptions;
  plan: Plan;
  /** "kind:id" → sha256 of the live object's canonical JSON. */
  fingerprints: Record<string, string>;
}

export interface StaleObject {
  kind: Kind;
  id: string;
  /** The object's identity; null for a deleted object the plan does not name. */
  name: string | null;
  reason: 'changed' | 'deleted' | 'appeared';
}

/** JSON with keys sorted at every level and undefined members left out, so equal objects hash equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x ?? null)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * sha256 of the object's canonical JSON. An endpoint's password MD5 is left out: the file must hold nothing
 * derived from a secret, and a password changed in between is re-planned by the next plan anyway.
 */
export function fingerprintLive(l: Live): string {
  const { password_md5: _secret, ...rest } = l as Live & { password_md5?: string };
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function liveKey(l: Live): string {
  return `${l.kind}:${l.id}`;
}

export function createSavedPlan(
  plan: Plan,
  live: LiveState,
  manifest: { path: string; sha256: string },
  options: PlanOptions,
): SavedPlan {
  const all = KINDS.flatMap((k) => live[k] as Live[]).map((l) => [liveKey(l), fingerprintLive(l)] as const);
  all.sort(([a], [b]) => compareText(a, b));
  return {
    format_version: 1,
    kind: 'plivo-sync-plan',
    manifest: { path: manifest.path, sha256: manifest.sha256 },
    options,
    plan,
    fingerprints: Object.fromEntries(all),
  };
}

/**
 * The objects the saved plan was computed from that changed or went away, and new objects that claim an
 * identity the plan acts on (a create would duplicate them, an update or delete would no longer be sure of
 * its target). New objects of other identities do not make the plan stale.
 */
export function findStale(saved: SavedPlan, live: LiveState): StaleObject[] {
  const planned = new Set(saved.plan.changes.map((c) => c.key));
  const nameById = new Map<string, string>();
  for (const c of saved.plan.changes) if (c.id !== null) nameById.set(`${c.kind}:${c.id}`, c.name);
  for (const u of saved.plan.unmanaged) if (u.id !== null && u.name !== null) nameById.set(`${u.kind}:${u.id}`, u.name);

  const stale: StaleObject[] = [];
  const seen = new Set<string>();
  for (const kind of KINDS) {
    for (const l of live[kind] as Live[]) {
      const key = liveKey(l);
      seen.add(key);
      const before = saved.fingerprints[key];
      if (before === undefined) {
        if (planned.has(changeKey(kind, liveIdentity(l)))) stale.push({ kind, id: l.id, name: liveIdentity(l), reason: 'appeared' });
      } else if (before !== fingerprintLive(l)) {
        stale.push({ kind, id: l.id, name: liveIdentity(l), reason: 'changed' });
      }
    }
  }
  for (const key of Object.keys(saved.fingerprints)) {
    if (seen.has(key)) continue;
    const at = key.indexOf(':');
    stale.push({ kind: key.slice(0, at) as Kind, id: key.slice(at + 1), name: nameById.get(key) ?? null, reason: 'deleted' });
  }
  return stale.sort(
    (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || compareText(a.name ?? '', b.name ?? '') || compareIds(a.id, b.id),
  );
}
