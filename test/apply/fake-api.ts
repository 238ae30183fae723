// An in-memory PlivoApi for apply's tests: enforces the references the live API enforces (and its URI delete
// cascade), records every call and the most calls ever in flight, and injects faults per call.
import { createHash } from 'node:crypto';
import {
  KIND_TRAITS,
  emptyLiveState,
  liveIdentity,
  type Kind,
  type Live,
  type LiveByKind,
  type LiveState,
  type WriteByKind,
} from '../../src/model.js';
import type { CreateResult, PlivoApi } from '../../src/plivo/api.js';
import { ApiError, LostResponseError } from '../../src/plivo/errors.js';

export type Method = 'list' | 'get' | 'create' | 'update' | 'remove';

/** Which calls a fault applies to; an absent field matches anything. */
export interface CallMatch {
  method?: Method;
  kind?: Kind;
  /** The name (an endpoint's username without suffix) the call is about. */
  identity?: string;
}

export type Fault =
  /** A create whose answer is lost, after the object was made (`performed`) or before. */
  | { type: 'lost'; performed: boolean }
  | { type: 'error'; make: () => Error };

export interface Call {
  method: Method;
  kind: Kind;
  identity: string | null;
  id: string | null;
  /** For updates: the `changed` list passed. */
  changed?: readonly string[];
  result: 'ok' | 'error';
}

interface Injection {
  match: CallMatch;
  fault: Fault;
  left: number;
}

const PATHS: Record<Kind, string> = {
  uri: 'Zentrunk/URI/',
  credential: 'Zentrunk/Credential/',
  ipacl: 'Zentrunk/IPAccessControlList/',
  trunk: 'Zentrunk/Trunk/',
  endpoint: 'Endpoint/',
  number: 'Number/',
};

export class FakeApi implements PlivoApi {
  readonly state: LiveState = emptyLiveState();
  /** Finished calls, in the order they finished. */
  readonly calls: Call[] = [];
  /** Trunks destroyed because a URI they used was deleted (what the live API does). */
  readonly cascaded: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Milliseconds each call takes; 0 still yields to the event loop. */
  latency: (method: Method, kind: Kind, identity: string | null) => number = () => 0;
  /** Called as each call starts, before its latency. */
  onCall: (method: Method, kind: Kind, identity: string | null) => void = () => {};
  /** A call waits for the promise returned here (if any) before it does anything: lets a test order events. */
  hold: (method: Method, kind: Kind, identity: string | null) => Promise<void> | undefined = () => undefined;
  private readonly injections: Injection[] = [];
  private next = 1;

  /** Makes the next `times` calls matching `match` fail with `fault`. */
  inject(match: CallMatch, fault: Fault, times = 1): void {
    this.injections.push({ match, fault, left: times });
  }

  /** Puts an object into the account as if it existed before the run; returns it. */
  seed<K extends Kind>(obj: LiveByKind[K]): LiveByKind[K] {
    (this.state[obj.kind] as Live[]).push(obj);
    return obj;
  }

  /** A deep copy of the account, as a read before the run would return it. */
  snapshot(): LiveState {
    return structuredClone(this.state);
  }

  /** Objects of a kind with this identity. */
  find<K extends Kind>(kind: K, identity: string): LiveByKind[K][] {
    return (this.state[kind] as LiveByKind[K][]).filter((o) => liveIdentity(o) === identity);
  }

  count(method: Method, kind?: Kind, identity?: string): number {
    return this.calls.filter(
      (c) => c.method === method && (kind === undefined || c.kind === kind) && (identity === undefined || c.identity === identity),
    ).length;
  }

  async readAll(kinds?: readonly Kind[]): Promise<LiveState> {
    const out = emptyLiveState();
    for (const k of kinds ?? (Object.keys(out) as Kind[])) (out[k] as Live[]) = structuredClone(this.state[k]);
    return out;
  }

  async list<K extends Kind>(kind: K): Promise<LiveByKind[K][]> {
    return this.call('list', kind, null, null, async () => structuredClone(this.state[kind]) as LiveByKind[K][]);
  }

  /** When true, searches report a list that kept changing while read (what they saw is still returned). */
  listsKeepChanging = false;

  async search<K extends Kind>(kind: K, match: (obj: LiveByKind[K]) => boolean): Promise<{ found: LiveByKind[K][]; complete: boolean }> {
    const all = await this.list(kind);
    return { found: all.filter(match), complete: !this.listsKeepChanging };
  }

  async get<K extends Kind>(kind: K, id: string): Promise<LiveByKind[K] | null> {
    return this.call('get', kind, this.identityOf(kind, id), id, async () => {
      const found = this.byId(kind, id);
      return found === undefined ? null : (structuredClone(found) as LiveByKind[K]);
    });
  }

  async create<K extends Kind>(kind: K, write: WriteByKind[K]): Promise<CreateResult> {
    // As the real client: a kind plivo-sync never creates is a caller bug, refused before any request.
    if (!KIND_TRAITS[kind].creatable) throw new Error(`internal: ${kind}s are never created by plivo-sync`);
    const identity = kind === 'endpoint' ? (write as WriteByKind['endpoint']).username : (write as { name: string }).name;
    return this.call('create', kind, identity, null, async (fault) => {
      if (fault?.type === 'lost' && !fault.performed) throw new LostResponseError('POST', PATHS[kind], 'connection reset');
      const obj = this.build(kind, this.newId(kind), write, undefined);
      (this.state[kind] as Live[]).push(obj);
      if (fault?.type === 'lost') throw new LostResponseError('POST', PATHS[kind], 'HTTP 500 after the create was performed');
      return obj.kind === 'endpoint' ? { id: obj.id, username: obj.username } : { id: obj.id };
    });
  }

  async update<K extends Kind>(kind: K, id: string, write: WriteByKind[K], changed: readonly string[]): Promise<void> {
    return this.call(
      'update',
      kind,
      this.identityOf(kind, id),
      id,
      async () => {
        const list = this.state[kind] as Live[];
        const i = list.findIndex((o) => o.id === id);
        if (i < 0) throw notFound('POST', kind, id);
        list[i] = this.build(kind, id, write, list[i]);
      },
      changed,
    );
  }

  async remove(kind: Kind, id: string): Promise<void> {
    if (!KIND_TRAITS[kind].deletable) throw new Error(`internal: ${kind}s are never deleted by plivo-sync`);
    return this.call('remove', kind, this.identityOf(kind, id), id, async () => {
      if (kind === 'credential' || kind === 'ipacl') {
        const field = kind === 'credential' ? 'credential_id' : 'ipacl_id';
        const user = this.state.trunk.find((t) => t[field] === id);
        if (user !== undefined) throw new ApiError(`${kind} ${id} is used by trunk ${user.id}`, 400, 'DELETE', `${PATHS[kind]}${id}/`);
      }
      const list = this.state[kind] as Live[];
      const i = list.findIndex((o) => o.id === id);
      if (i < 0) throw notFound('DELETE', kind, id);
      list.splice(i, 1);
      if (kind === 'uri') {
        // Live behaviour: deleting a URI deletes the trunks that use it.
        const doomed = this.state.trunk.filter((t) => t.primary_uri_id === id || t.fallback_uri_id === id);
        for (const t of doomed) this.cascaded.push(liveIdentity(t));
        this.state.trunk = this.state.trunk.filter((t) => !doomed.includes(t));
      }
      // Live behaviour: deleting a trunk detaches the numbers routed to it.
      if (kind === 'trunk') for (const n of this.state.number) if (n.trunk_id === id) n.trunk_id = null;
    });
  }

  stats(): { requests: number; retries: number; throttled: number } {
    return { requests: this.calls.length, retries: 0, throttled: 0 };
  }

  private async call<T>(
    method: Method,
    kind: Kind,
    identity: string | null,
    id: string | null,
    body: (fault: Fault | undefined) => Promise<T>,
    changed?: readonly string[],
  ): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const record = (result: 'ok' | 'error') =>
      this.calls.push({ method, kind, identity, id, result, ...(changed ? { changed: [...changed] } : {}) });
    try {
      this.onCall(method, kind, identity);
      await this.hold(method, kind, identity);
      const ms = this.latency(method, kind, identity);
      await new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
      const fault = this.takeFault(method, kind, identity);
      if (fault?.type === 'error') throw fault.make();
      const out = await body(fault);
      record('ok');
      return out;
    } catch (err) {
      record('error');
      throw err;
    } finally {
      this.inFlight--;
    }
  }

  private takeFault(method: Method, kind: Kind, identity: string | null): Fault | undefined {
    const hit = this.injections.find(
      (j) =>
        j.left > 0 &&
        (j.match.method === undefined || j.match.method === method) &&
        (j.match.kind === undefined || j.match.kind === kind) &&
        (j.match.identity === undefined || j.match.identity === identity),
    );
    if (hit === undefined) return undefined;
    hit.left--;
    return hit.fault;
  }

  private byId(kind: Kind, id: string): Live | undefined {
    return (this.state[kind] as Live[]).find((o) => o.id === id);
  }

  private identityOf(kind: Kind, id: string): string | null {
    const obj = this.byId(kind, id);
    return obj === undefined ? null : liveIdentity(obj);
  }

  private newId(kind: Kind): string {
    const n = this.next++;
    if (kind === 'trunk') return `4274112263260${String(n).padStart(4, '0')}`;
    if (kind === 'endpoint') return `7000${String(n).padStart(10, '0')}`;
    return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  }

  /** The stored object for a write, checking references as the live API does (400 for unknown ids). */
  private build(kind: Kind, id: string, write: WriteByKind[Kind], before: Live | undefined): Live {
    const ref = (k: Kind, refId: string | null) => {
      if (refId !== null && this.byId(k, refId) === undefined) {
        throw new ApiError(`${k} ${refId} does not exist`, 400, 'POST', PATHS[kind]);
      }
      return refId;
    };
    switch (kind) {
      case 'uri': {
        const w = write as WriteByKind['uri'];
        return { kind, id, name: w.name, uri: w.uri, authentication_needed: w.authentication_needed, username: w.username };
      }
      case 'credential': {
        const w = write as WriteByKind['credential'];
        return { kind, id, name: w.name, username: w.username };
      }
      case 'ipacl': {
        const w = write as WriteByKind['ipacl'];
        return { kind, id, name: w.name, ip_addresses: [...w.ip_addresses] };
      }
      case 'trunk': {
        const w = write as WriteByKind['trunk'];
        return {
          kind,
          id,
          name: w.name,
          trunk_direction: w.trunk_direction,
          trunk_status: w.trunk_status,
          secure: w.secure,
          primary_uri_id: ref('uri', w.primary_uri_id),
          fallback_uri_id: ref('uri', w.fallback_uri_id),
          ipacl_id: ref('ipacl', w.ipacl_id),
          credential_id: ref('credential', w.credential_id),
          trunk_domain: `${id}.zt.plivo.com`,
        };
      }
      case 'endpoint': {
        const w = write as WriteByKind['endpoint'];
        const prev = before as LiveByKind['endpoint'] | undefined;
        return {
          kind,
          id,
          // The username is immutable; Plivo appends 12 digits on create.
          username: prev?.username ?? `${w.username}${String(261123120000 + Number(id.slice(-6)))}`,
          alias: w.alias,
          password_md5: createHash('md5').update(w.password).digest('hex'),
          app_id: w.app_id !== undefined ? w.app_id : (prev?.app_id ?? null),
        };
      }
      case 'number': {
        const w = write as WriteByKind['number'];
        return { kind, id, number: id, trunk_id: ref('trunk', w.trunk_id), application: null };
      }
    }
  }
}

function notFound(method: string, kind: Kind, id: string): ApiError {
  return new ApiError('not found', 404, method, `${PATHS[kind]}${id}/`);
}
