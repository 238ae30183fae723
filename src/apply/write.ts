// Builds the write model a change sends: the desired object with references resolved to live ids and secrets
// as plain values. References resolve at run time, so a trunk created in the same run as its URI gets that
// URI's new id.
import {
  desiredIdentity,
  liveIdentity,
  type DesiredByKind,
  type DesiredState,
  type Kind,
  type LiveState,
  type WriteByKind,
} from '../model.js';

/** name → id per kind: the live state by identity, overridden by what this run creates. */
export class IdBook {
  private readonly live = new Map<string, string[]>();
  private readonly created = new Map<string, string>();

  constructor(state: LiveState) {
    for (const kind of Object.keys(state) as Kind[]) {
      for (const obj of state[kind]) {
        const k = slot(kind, liveIdentity(obj));
        this.live.set(k, [...(this.live.get(k) ?? []), obj.id]);
      }
    }
  }

  record(kind: Kind, name: string, id: string): void {
    this.created.set(slot(kind, name), id);
  }

  /** After a delete: the id must not be handed to a later change. */
  forget(kind: Kind, id: string): void {
    for (const [k, ids] of this.live) if (k.startsWith(`${kind}:`)) this.live.set(k, ids.filter((i) => i !== id));
    for (const [k, i] of this.created) if (i === id && k.startsWith(`${kind}:`)) this.created.delete(k);
  }

  /** The id for a reference; null for no reference. Throws when the name is unknown or claimed twice. */
  resolve(kind: Kind, name: string | null): string | null {
    if (name === null) return null;
    const created = this.created.get(slot(kind, name));
    if (created !== undefined) return created;
    const ids = this.live.get(slot(kind, name)) ?? [];
    if (ids.length === 1) return ids[0];
    if (ids.length === 0) throw new Error(`${kind} "${name}" does not exist in the account`);
    throw new Error(`${ids.length} live ${kind}s are named "${name}" (ids ${ids.join(', ')})`);
  }
}

function slot(kind: Kind, name: string): string {
  return `${kind}:${name}`;
}

/** The manifest entry a change was planned from; throws when the manifest has none (a stale saved plan). */
export function findDesired<K extends Kind>(desired: DesiredState, kind: K, name: string): DesiredByKind[K] {
  const list = desired[kind] as DesiredByKind[K][];
  const found = list.find((d) => desiredIdentity(d) === name);
  if (found === undefined) throw new Error(`${kind} "${name}" is not in the manifest`);
  return found;
}

export function buildWrite<K extends Kind>(kind: K, d: DesiredByKind[K], ids: IdBook): WriteByKind[K] {
  return buildAny(d, ids) as WriteByKind[K];
}

function buildAny(d: DesiredByKind[Kind], ids: IdBook): WriteByKind[Kind] {
  switch (d.kind) {
    case 'uri':
      return {
        name: d.name,
        uri: d.uri,
        authentication_needed: d.authentication_needed,
        username: d.username,
        password: d.password?.value ?? null,
      };
    case 'credential':
      return { name: d.name, username: d.username, password: d.password.value };
    case 'ipacl':
      return { name: d.name, ip_addresses: [...d.ip_addresses] };
    case 'trunk':
      return {
        name: d.name,
        trunk_direction: d.trunk_direction,
        trunk_status: d.trunk_status,
        secure: d.secure,
        primary_uri_id: ids.resolve('uri', d.primary_uri),
        fallback_uri_id: ids.resolve('uri', d.fallback_uri),
        ipacl_id: ids.resolve('ipacl', d.ipacl),
        credential_id: ids.resolve('credential', d.credential),
      };
    case 'endpoint': {
      // app_id absent means "leave the attached application alone", so it must stay absent in the write.
      const w: WriteByKind['endpoint'] = { username: d.username, alias: d.alias, password: d.password.value };
      if (d.app_id !== undefined) w.app_id = d.app_id;
      return w;
    }
    case 'number':
      // A number always names a trunk (required in the manifest), created earlier in this run or live.
      return { trunk_id: ids.resolve('trunk', d.trunk) as string };
  }
}
