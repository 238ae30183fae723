// One table entry per kind: path, id field, field rules, create/update validation, stored ⇄ wire shapes,
// reply bodies and what a delete does to other objects. The server is generic over this table.
import { createHash } from 'node:crypto';
import type { Kind } from '../model.js';
import { checkFields, findMissing, isEmpty, toRef, type Body, type FieldErrors, type FieldRules } from './fields.js';
import {
  checkAppId,
  checkE164Digits,
  checkCredentialPassword,
  checkCredentialUsername,
  checkEndpointAlias,
  checkEndpointPassword,
  checkEndpointUsername,
  checkIpOrCidr,
  checkNonEmpty,
  checkUriTarget,
} from './formats.js';
import {
  formatEndpointSuffix,
  formatTimestamp,
  generateEndpointId,
  generateTrunkId,
  generateUuid,
  type Prng,
} from './ids.js';
import type { Store, StoredRecord } from './store.js';

export interface ResourceContext {
  authId: string;
  /** Epoch milliseconds. */
  now(): number;
  store: Store;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; error: string | FieldErrors };

/** A success answer without its api_id (the server adds one). `body: null` is an empty 204. */
export interface Reply {
  status: number;
  body: Record<string, unknown> | null;
}

/** What deleting an object does to another: deletes it too, or (with `patch`) changes some of its fields. */
export interface DeleteEffect {
  kind: Kind;
  id: string;
  patch?: StoredRecord;
}

export interface ResourceSpec {
  kind: Kind;
  /** Below `/v1/Account/{auth_id}/`, without the trailing slash. */
  path: string;
  idField: string;
  /** POST to the collection is served; otherwise 405 (`seed()` still creates through `create`). */
  creatable: boolean;
  /** DELETE of an item is served; otherwise 405. */
  deletable: boolean;
  /** meta.next/previous as documented: Zentrunk writes `v1/Account/…` (no leading slash), Endpoint `/v1/…`. */
  linkPrefix: '' | '/';
  /** The list's documented query filters (only the trunk list has any). */
  listFilter(query: URLSearchParams): Outcome<(r: StoredRecord) => boolean>;
  create(body: Body, ctx: ResourceContext): Outcome<StoredRecord>;
  update(current: StoredRecord, body: Body, ctx: ResourceContext): Outcome<StoredRecord>;
  /** The object as lists return it; hidden fields (password hashes kept for state) are left out. */
  toWire(r: StoredRecord, ctx: ResourceContext): Record<string, unknown>;
  /** A single GET's body: the trunk's is wrapped in `object` (live), the others are flat. */
  readReply(r: StoredRecord, ctx: ResourceContext): Record<string, unknown>;
  /** Absent when the collection takes no POST (`creatable: false`). */
  createdReply?(r: StoredRecord): Reply;
  updatedReply(r: StoredRecord): Reply;
  /** What deleting `r` does to other objects: refused (400 with a message), or these effects happen with it. */
  deleteEffects(r: StoredRecord, ctx: ResourceContext): Outcome<DeleteEffect[]>;
}

// -----------------------------------------------------------------------------------------------------------
// Helpers

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = <T>(status: number, error: string | FieldErrors): Outcome<T> => ({ ok: false, status, error });
const noFilter = () => ok(() => true);
const noEffects = () => ok([]);

function md5(s: string): string {
  return createHash('md5').update(s, 'utf8').digest('hex');
}

/** Draws ids until one is free: a seeded stream could in principle repeat one. */
function newId(ctx: ResourceContext, kind: Kind, generate: (p: Prng) => string): string {
  for (;;) {
    const id = generate(ctx.store.ids);
    if (ctx.store.get(kind, id) === undefined) return id;
  }
}

/**
 * The shared create/update checks, in this order: missing required fields (422 on Zentrunk, 400 on Endpoint),
 * then unknown fields, wrong types and broken formats (400).
 */
function checkBody(body: Body, rules: FieldRules, required: readonly string[], missingStatus: number): Outcome<Body> {
  const missing = findMissing(body, required);
  if (!isEmpty(missing)) return fail(missingStatus, missing);
  const errors = checkFields(body, rules);
  return isEmpty(errors) ? ok(body) : fail(400, errors);
}

/** Copies the fields the body carries; `undefined` values never overwrite. */
function pickPresent(body: Body, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (body[k] !== undefined) out[k] = body[k];
  return out;
}

function usersOf(ctx: ResourceContext, field: string, id: string): string[] {
  return ctx.store
    .all('trunk')
    .filter((t) => t[field] === id)
    .map((t) => t.trunk_id as string);
}

/** A credential or ACL still attached to a trunk is not deleted (the live behaviour is unrecorded). */
function refuseIfUsed(idField: 'credential_uuid' | 'ipacl_uuid', label: string) {
  return (r: StoredRecord, ctx: ResourceContext): Outcome<DeleteEffect[]> => {
    // the trunk's reference field has the same name as the referenced object's id field
    const id = r[idField] as string;
    const users = usersOf(ctx, idField, id);
    return users.length === 0
      ? ok([])
      : fail(400, `${label} ${id} is used by trunk(s) ${users.join(', ')}: detach it from them or delete them first`);
  };
}

const NAME = { type: 'string' } as const;

// -----------------------------------------------------------------------------------------------------------
// Trunks — Zentrunk/Trunk/

const TRUNK_REFS: Record<string, Kind> = {
  ipacl_uuid: 'ipacl',
  credential_uuid: 'credential',
  primary_uri_uuid: 'uri',
  fallback_uri_uuid: 'uri',
};
const oneOf = (values: string[]) => (v: string) => (values.includes(v) ? undefined : `must be one of ${values.join(', ')}`);
const DIRECTIONS = ['inbound', 'outbound'];
const STATUSES = ['enabled', 'disabled'];
const REF = { type: 'string', nullable: true, blankIsNone: true } as const;
const TRUNK_RULES: FieldRules = {
  name: NAME,
  trunk_direction: { type: 'string', check: oneOf(DIRECTIONS) },
  trunk_status: { type: 'string', check: oneOf(STATUSES) },
  secure: { type: 'boolean' },
  ipacl_uuid: REF,
  credential_uuid: REF,
  primary_uri_uuid: REF,
  fallback_uri_uuid: REF,
};

/** References must exist; inbound trunks need a primary URI and outbound ones an ACL and/or a credential. */
function checkTrunk(t: StoredRecord, ctx: ResourceContext): Outcome<StoredRecord> {
  const errors: FieldErrors = {};
  for (const [field, kind] of Object.entries(TRUNK_REFS)) {
    const id = t[field];
    if (typeof id === 'string' && ctx.store.get(kind, id) === undefined) errors[field] = `no ${kind} with id ${id}`;
  }
  if (t.trunk_direction === 'inbound') {
    if (t.primary_uri_uuid === null) errors.primary_uri_uuid ??= 'required for inbound trunks';
    for (const f of ['ipacl_uuid', 'credential_uuid']) if (t[f] !== null) errors[f] ??= 'only outbound trunks take this';
  } else {
    if (t.ipacl_uuid === null && t.credential_uuid === null) {
      errors.ipacl_uuid ??= 'outbound trunks need ipacl_uuid and/or credential_uuid';
    }
    for (const f of ['primary_uri_uuid', 'fallback_uri_uuid']) if (t[f] !== null) errors[f] ??= 'only inbound trunks take this';
  }
  return isEmpty(errors) ? ok(t) : fail(400, errors);
}

function mergeTrunk(current: StoredRecord, body: Body): StoredRecord {
  const next: StoredRecord = { ...current, ...pickPresent(body, ['name', 'trunk_direction', 'trunk_status', 'secure']) };
  for (const f of Object.keys(TRUNK_REFS)) if (f in body) next[f] = toRef(body[f]);
  return next;
}

const trunk: ResourceSpec = {
  kind: 'trunk',
  path: 'Zentrunk/Trunk',
  idField: 'trunk_id',
  linkPrefix: '',
  creatable: true,
  deletable: true,
  listFilter(query) {
    const tests: ((r: StoredRecord) => boolean)[] = [];
    const errors: FieldErrors = {};
    const enumFilter = (key: string, values: string[], toStored: (v: string) => unknown) => {
      const v = query.get(key);
      if (v === null) return;
      if (!values.includes(v)) errors[key] = `must be one of ${values.join(', ')}`;
      else tests.push((r) => r[key] === toStored(v));
    };
    enumFilter('trunk_status', STATUSES, (v) => v);
    enumFilter('trunk_direction', DIRECTIONS, (v) => v);
    enumFilter('secure', ['true', 'false'], (v) => v === 'true');
    for (const key of Object.keys(TRUNK_REFS)) {
      const v = query.get(key);
      if (v === null) continue;
      if (v === '') errors[key] = 'may not be blank';
      else tests.push((r) => r[key] === v);
    }
    return isEmpty(errors) ? ok((r) => tests.every((t) => t(r))) : fail(400, errors);
  },
  create(body, ctx) {
    const checked = checkBody(body, TRUNK_RULES, ['trunk_direction'], 422);
    if (!checked.ok) return checked;
    const now = formatTimestamp(ctx.now());
    const base: StoredRecord = {
      trunk_id: '',
      name: null,
      trunk_status: 'enabled',
      secure: false,
      trunk_direction: body.trunk_direction,
      ipacl_uuid: null,
      credential_uuid: null,
      primary_uri_uuid: null,
      fallback_uri_uuid: null,
      created_at: now,
      updated_at: now,
    };
    const merged = checkTrunk(mergeTrunk(base, body), ctx);
    if (!merged.ok) return merged;
    return ok({ ...merged.value, trunk_id: newId(ctx, 'trunk', generateTrunkId) });
  },
  update(current, body, ctx) {
    // live: every update must carry trunk_direction, even an unchanged one
    if (body.trunk_direction === undefined || body.trunk_direction === null) {
      return fail(400, { trunk_direction: 'required on every trunk update' });
    }
    const checked = checkBody(body, TRUNK_RULES, [], 400);
    if (!checked.ok) return checked;
    const merged = checkTrunk(mergeTrunk(current, body), ctx);
    if (!merged.ok) return merged;
    return ok({ ...merged.value, updated_at: formatTimestamp(ctx.now()) });
  },
  toWire(r) {
    return {
      trunk_id: r.trunk_id,
      name: r.name,
      trunk_status: r.trunk_status,
      secure: r.secure,
      trunk_domain: `${r.trunk_id as string}.zt.plivo.com`,
      trunk_direction: r.trunk_direction,
      ipacl_uuid: r.ipacl_uuid,
      credential_uuid: r.credential_uuid,
      primary_uri_uuid: r.primary_uri_uuid,
      fallback_uri_uuid: r.fallback_uri_uuid,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
  },
  readReply(r, ctx) {
    return { object: this.toWire(r, ctx) };
  },
  // live: no trunk_domain in the create answer
  createdReply: (r) => ({ status: 201, body: { message: 'Trunk created successfully.', trunk_id: r.trunk_id } }),
  updatedReply: (r) => ({ status: 202, body: { message: 'Trunk updated successfully.', trunk_id: r.trunk_id } }),
  // notes: deleting a trunk detaches the phone numbers routed to it
  deleteEffects(r, ctx) {
    const url = trunkUrl(ctx, r.trunk_id as string);
    const routed = ctx.store.all('number').filter((n) => n.application === url);
    return ok(routed.map((n) => ({ kind: 'number' as const, id: n.number as string, patch: { application: null } })));
  },
};

// -----------------------------------------------------------------------------------------------------------
// Origination URIs — Zentrunk/URI/

const OPTIONAL_TEXT = { type: 'string', nullable: true, check: checkNonEmpty } as const;
const URI_RULES: FieldRules = {
  name: NAME,
  uri: { type: 'string', check: checkUriTarget },
  authentication_needed: { type: 'boolean' },
  username: OPTIONAL_TEXT,
  password: OPTIONAL_TEXT,
};

function mergeUri(current: StoredRecord, body: Body): StoredRecord {
  const next: StoredRecord = { ...current, ...pickPresent(body, ['name', 'uri', 'authentication_needed', 'username']) };
  if (body.password !== undefined) next.password_md5 = typeof body.password === 'string' ? md5(body.password) : null;
  return next;
}

function checkUriAuth(u: StoredRecord): Outcome<StoredRecord> {
  if (u.authentication_needed !== true) return ok(u);
  const errors: FieldErrors = {};
  if (u.username === null) errors.username = 'required when authentication_needed is true';
  if (u.password_md5 === null) errors.password = 'required when authentication_needed is true';
  return isEmpty(errors) ? ok(u) : fail(400, errors);
}

const uri: ResourceSpec = {
  kind: 'uri',
  path: 'Zentrunk/URI',
  idField: 'uri_uuid',
  linkPrefix: '',
  creatable: true,
  deletable: true,
  listFilter: noFilter,
  create(body, ctx) {
    const checked = checkBody(body, URI_RULES, ['uri'], 422);
    if (!checked.ok) return checked;
    const base = { uri_uuid: '', name: null, uri: '', authentication_needed: false, username: null, password_md5: null };
    const merged = checkUriAuth(mergeUri(base, body));
    if (!merged.ok) return merged;
    const id = newId(ctx, 'uri', generateUuid);
    // sip_user is live but undocumented: an opaque value distinct from username, so a client that reads it
    // as the username is caught
    return ok({ ...merged.value, uri_uuid: id, sip_user: `zt${id.replace(/-/g, '').slice(0, 12)}` });
  },
  update(current, body) {
    // live: an update that sends a password must also send authentication_needed and username
    if (typeof body.password === 'string') {
      const errors: FieldErrors = {};
      for (const f of ['authentication_needed', 'username']) {
        if (body[f] === undefined || body[f] === null) errors[f] = 'required in an update that sends password';
      }
      if (!isEmpty(errors)) return fail(400, errors);
    }
    const checked = checkBody(body, URI_RULES, [], 400);
    if (!checked.ok) return checked;
    return checkUriAuth(mergeUri(current, body));
  },
  toWire: (r) => ({
    uri_uuid: r.uri_uuid,
    name: r.name,
    uri: r.uri,
    authentication_needed: r.authentication_needed,
    username: r.username,
    sip_user: r.sip_user,
  }),
  readReply(r, ctx) {
    return this.toWire(r, ctx);
  },
  createdReply: (r) => ({ status: 201, body: { message: 'Origination URI created successfully.', uri_uuid: r.uri_uuid } }),
  updatedReply: (r) => ({ status: 202, body: { message: 'origination uri updated successfully.', uri_uuid: r.uri_uuid } }),
  // live: deleting a URI deletes every trunk that uses it, as primary or as fallback
  deleteEffects(r, ctx) {
    const id = r.uri_uuid as string;
    const trunks = ctx.store.all('trunk').filter((t) => t.primary_uri_uuid === id || t.fallback_uri_uuid === id);
    return ok(trunks.map((t) => ({ kind: 'trunk' as const, id: t.trunk_id as string })));
  },
};

// -----------------------------------------------------------------------------------------------------------
// Credentials — Zentrunk/Credential/

const CREDENTIAL_RULES: FieldRules = {
  name: NAME,
  username: { type: 'string', check: checkCredentialUsername },
  password: { type: 'string', check: checkCredentialPassword },
};

const credential: ResourceSpec = {
  kind: 'credential',
  path: 'Zentrunk/Credential',
  idField: 'credential_uuid',
  linkPrefix: '',
  creatable: true,
  deletable: true,
  listFilter: noFilter,
  create(body, ctx) {
    const checked = checkBody(body, CREDENTIAL_RULES, ['username', 'password'], 422);
    if (!checked.ok) return checked;
    return ok({
      credential_uuid: newId(ctx, 'credential', generateUuid),
      name: body.name ?? null,
      username: body.username,
      password_md5: md5(body.password as string),
    });
  },
  update(current, body) {
    // live: a password without username is rejected, and an update without password blanks it
    if (body.password !== undefined && (body.username === undefined || body.username === null)) {
      return fail(400, { username: 'required in an update that sends password' });
    }
    const checked = checkBody(body, CREDENTIAL_RULES, [], 400);
    if (!checked.ok) return checked;
    return ok({
      ...current,
      ...pickPresent(body, ['name', 'username']),
      password_md5: typeof body.password === 'string' ? md5(body.password) : null,
    });
  },
  toWire: (r) => ({ credential_uuid: r.credential_uuid, name: r.name, username: r.username }),
  readReply(r, ctx) {
    return this.toWire(r, ctx);
  },
  createdReply: (r) => ({ status: 201, body: { message: 'Credential created successfully.', credential_uuid: r.credential_uuid } }),
  updatedReply: (r) => ({ status: 202, body: { message: 'Credential updated successfully.', credential_uuid: r.credential_uuid } }),
  deleteEffects: refuseIfUsed('credential_uuid', 'credential'),
};

// -----------------------------------------------------------------------------------------------------------
// IP access control lists — Zentrunk/IPAccessControlList/

const IPACL_RULES: FieldRules = {
  name: NAME,
  ip_addresses: { type: 'string[]', check: checkIpOrCidr },
};

function checkAddressList(body: Body): Outcome<Body> {
  return Array.isArray(body.ip_addresses) && body.ip_addresses.length === 0
    ? fail(400, { ip_addresses: 'needs at least one address' })
    : ok(body);
}

const ipacl: ResourceSpec = {
  kind: 'ipacl',
  path: 'Zentrunk/IPAccessControlList',
  idField: 'ipacl_uuid',
  linkPrefix: '',
  creatable: true,
  deletable: true,
  listFilter: noFilter,
  create(body, ctx) {
    const checked = checkBody(body, IPACL_RULES, ['ip_addresses'], 422);
    if (!checked.ok) return checked;
    const list = checkAddressList(body);
    if (!list.ok) return list;
    return ok({ ipacl_uuid: newId(ctx, 'ipacl', generateUuid), name: body.name ?? null, ip_addresses: body.ip_addresses });
  },
  update(current, body) {
    const checked = checkBody(body, IPACL_RULES, [], 400);
    if (!checked.ok) return checked;
    const list = checkAddressList(body);
    if (!list.ok) return list;
    return ok({ ...current, ...pickPresent(body, ['name', 'ip_addresses']) });
  },
  // a copy, so a caller of dump() or seed() cannot change the stored list
  toWire: (r) => ({ ipacl_uuid: r.ipacl_uuid, name: r.name, ip_addresses: [...(r.ip_addresses as string[])] }),
  readReply(r, ctx) {
    return this.toWire(r, ctx);
  },
  createdReply: (r) => ({ status: 201, body: { message: 'IP access control list created successfully.', ipacl_uuid: r.ipacl_uuid } }),
  updatedReply: (r) => ({ status: 202, body: { message: 'IP access control list updated successfully.', ipacl_uuid: r.ipacl_uuid } }),
  deleteEffects: refuseIfUsed('ipacl_uuid', 'ipacl'),
};

// -----------------------------------------------------------------------------------------------------------
// Voice SIP endpoints — Endpoint/

const APP_ID_RULE = { type: 'string', nullable: true, blankIsNone: true, check: checkAppId } as const;
const ENDPOINT_CREATE_RULES: FieldRules = {
  username: { type: 'string', check: checkEndpointUsername },
  password: { type: 'string', check: checkEndpointPassword },
  alias: { type: 'string', check: checkEndpointAlias },
  app_id: APP_ID_RULE,
};
const ENDPOINT_UPDATE_RULES: FieldRules = {
  password: ENDPOINT_CREATE_RULES.password,
  alias: ENDPOINT_CREATE_RULES.alias,
  app_id: APP_ID_RULE,
};

/** The sent username plus the creation time as 12 digits; a clash moves the time on a second. */
function suffixUsername(base: string, ctx: ResourceContext): string {
  const taken = new Set(ctx.store.all('endpoint').map((e) => e.username));
  for (let t = ctx.now(); ; t += 1000) {
    const username = base + formatEndpointSuffix(t);
    if (!taken.has(username)) return username;
  }
}

const endpoint: ResourceSpec = {
  kind: 'endpoint',
  path: 'Endpoint',
  idField: 'endpoint_id',
  linkPrefix: '/',
  creatable: true,
  deletable: true,
  listFilter: noFilter,
  create(body, ctx) {
    const checked = checkBody(body, ENDPOINT_CREATE_RULES, ['username', 'password', 'alias'], 400);
    if (!checked.ok) return checked;
    return ok({
      endpoint_id: newId(ctx, 'endpoint', generateEndpointId),
      username: suffixUsername(body.username as string, ctx),
      password: md5(body.password as string),
      alias: body.alias,
      app_id: toRef(body.app_id),
    });
  },
  update(current, body) {
    if (body.username !== undefined) return fail(400, { username: 'cannot be changed' });
    const checked = checkBody(body, ENDPOINT_UPDATE_RULES, [], 400);
    if (!checked.ok) return checked;
    const next: StoredRecord = { ...current, ...pickPresent(body, ['alias']) };
    if (typeof body.password === 'string') next.password = md5(body.password);
    if (body.app_id !== undefined) next.app_id = toRef(body.app_id);
    return ok(next);
  },
  toWire(r, ctx) {
    const account = `/v1/Account/${ctx.authId}`;
    return {
      alias: r.alias,
      application: r.app_id === null ? null : `${account}/Application/${r.app_id as string}/`,
      endpoint_id: r.endpoint_id,
      password: r.password,
      resource_uri: `${account}/Endpoint/${r.endpoint_id as string}/`,
      sip_registered: 'false',
      sip_uri: `sip:${r.username as string}@phone.plivo.com`,
      sub_account: null,
      username: r.username,
    };
  },
  readReply(r, ctx) {
    return this.toWire(r, ctx);
  },
  createdReply: (r) => ({
    status: 201,
    body: { username: r.username, alias: r.alias, message: 'created', endpoint_id: r.endpoint_id },
  }),
  updatedReply: () => ({ status: 202, body: { message: 'changed' } }),
  deleteEffects: noEffects,
};

// -----------------------------------------------------------------------------------------------------------
// Phone numbers — Number/

/** Where a number routed to a trunk points (notes: `application` holds the Zentrunk trunk URL). */
function trunkUrl(ctx: ResourceContext, trunkId: string): string {
  return `/v1/Account/${ctx.authId}/Zentrunk/Trunk/${trunkId}/`;
}

/** The Number object's documented values of number_type. */
const NUMBER_TYPES = ['local', 'fixed', 'tollfree', 'mobile', 'national'];
const NUMBER_ALIAS = { type: 'string', nullable: true } as const;
/** Seeding stands for buying: the fields a purchase fixes, plus the routing the number starts with. */
const NUMBER_SEED_RULES: FieldRules = {
  number: { type: 'string', check: checkE164Digits },
  alias: NUMBER_ALIAS,
  number_type: { type: 'string', check: oneOf(NUMBER_TYPES) },
  region: { type: 'string' },
  app_id: APP_ID_RULE,
};
const NUMBER_UPDATE_RULES: FieldRules = { alias: NUMBER_ALIAS, app_id: APP_ID_RULE };

/**
 * What `app_id` routes a number to. Over HTTP only a trunk id is accepted (applications are not emulated, and
 * an unknown id is refused rather than stored as a link to nothing). A seeded number may start out linked to
 * an application: any other id then reads as one.
 */
function routeOf(appId: unknown, ctx: ResourceContext, seeding: boolean): Outcome<string | null> {
  const id = toRef(appId);
  if (id === null) return ok(null);
  if (ctx.store.get('trunk', id) !== undefined) return ok(trunkUrl(ctx, id));
  if (seeding) return ok(`/v1/Account/${ctx.authId}/Application/${id}/`);
  return fail(400, { app_id: `no trunk with id ${id}` });
}

const number: ResourceSpec = {
  kind: 'number',
  path: 'Number',
  idField: 'number',
  linkPrefix: '/',
  // numbers are bought (PhoneNumber/) and released outside what is emulated: only seed() adds one
  creatable: false,
  deletable: false,
  listFilter: noFilter,
  create(body, ctx) {
    const checked = checkBody(body, NUMBER_SEED_RULES, ['number'], 400);
    if (!checked.ok) return checked;
    if (ctx.store.get('number', body.number as string) !== undefined) return fail(400, { number: 'already in the account' });
    const route = routeOf(body.app_id, ctx, true);
    if (!route.ok) return route;
    return ok({
      number: body.number,
      alias: body.alias ?? null,
      number_type: body.number_type ?? 'local',
      region: body.region ?? null,
      added_on: formatTimestamp(ctx.now()).slice(0, 10),
      application: route.value,
    });
  },
  update(current, body, ctx) {
    const checked = checkBody(body, NUMBER_UPDATE_RULES, [], 400);
    if (!checked.ok) return checked;
    const next: StoredRecord = { ...current, ...pickPresent(body, ['alias']) };
    if (body.app_id !== undefined) {
      // The API accepts any trunk, outbound ones too: refusing those is the client's job (the number would go silent).
      const route = routeOf(body.app_id, ctx, false);
      if (!route.ok) return route;
      next.application = route.value;
    }
    return ok(next);
  },
  toWire(r, ctx) {
    return {
      added_on: r.added_on,
      alias: r.alias,
      application: r.application,
      carrier: 'Plivo',
      number: r.number,
      number_type: r.number_type,
      region: r.region,
      resource_uri: `/v1/Account/${ctx.authId}/Number/${r.number as string}/`,
      sms_enabled: true,
      sub_account: null,
      voice_enabled: true,
    };
  },
  readReply(r, ctx) {
    return this.toWire(r, ctx);
  },
  updatedReply: () => ({ status: 202, body: { message: 'changed' } }),
  deleteEffects: noEffects,
};

/** The table, in KINDS order. */
export const RESOURCES: Readonly<Record<Kind, ResourceSpec>> = { uri, credential, ipacl, trunk, endpoint, number };

export const ID_FIELDS = Object.fromEntries(Object.values(RESOURCES).map((r) => [r.kind, r.idField])) as Record<Kind, string>;
