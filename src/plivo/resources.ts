// One table entry per resource kind: where it lives, its id field, and the wire ⇄ model converters, including
// the extras the live API demands on update. Adding a kind is adding one entry.
import type {
  CredentialWrite,
  EndpointWrite,
  IpaclWrite,
  Kind,
  LiveByKind,
  LiveCredential,
  LiveEndpoint,
  LiveIpacl,
  LiveNumber,
  LiveTrunk,
  LiveUri,
  NumberWrite,
  TrunkWrite,
  UriWrite,
  WriteByKind,
} from '../model.js';
import type { CreateResult } from './api.js';
import { ApiError } from './errors.js';

type Wire = Record<string, unknown>;

export interface Resource<K extends Kind> {
  kind: K;
  /** The collection below the account, ending in "/". */
  path: string;
  /** The wire field holding the id, in objects and in the create answer. */
  idField: string;
  /** The wire object as a model object; throws ApiError naming the first field that is missing or mistyped. */
  fromWire(obj: unknown): LiveByKind[K];
  /** Absent for kinds plivo-sync never creates (KIND_TRAITS): numbers are bought, not made. */
  createBody?(write: WriteByKind[K]): Wire;
  /** The fields named in `changed` (model or manifest names), plus what the live API demands alongside them. */
  updateBody(write: WriteByKind[K], changed: readonly string[]): Wire;
  /** The new object's id (and an endpoint's assigned username) from the create answer; absent with createBody. */
  createdId?(body: unknown): CreateResult;
}

export type ResourceTable = { [K in Kind]: Resource<K> };

/** Reads fields of one wire object defensively: any surprise becomes an ApiError that names the field. */
class WireReader {
  private readonly obj: Wire;

  constructor(
    obj: unknown,
    private readonly kind: Kind,
    private readonly path: string,
    private readonly method: 'GET' | 'POST' = 'GET',
  ) {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      throw this.error(`is ${describe(obj)}, not an object`, null);
    }
    this.obj = obj as Wire;
  }

  private error(problem: string, field: string | null): ApiError {
    const what = field === null ? `a ${this.kind} from the API` : `${this.kind} field "${field}" from the API`;
    return new ApiError(
      `unexpected answer from ${this.method} ${this.path}: ${what} ${problem}`,
      null,
      this.method,
      this.path,
      null,
      null,
      'The API answered in a shape this version of plivo-sync does not know; re-run with --debug and report it.',
    );
  }

  id(field: string): string {
    const v = this.obj[field];
    if (typeof v !== 'string' || v === '') throw this.error(`is ${describe(v)}, not an id string`, field);
    return v;
  }

  string(field: string): string {
    const v = this.obj[field];
    if (typeof v !== 'string') throw this.error(`is ${describe(v)}, not a string`, field);
    return v;
  }

  /**
   * Present, as a string or null. For fields that decide identity or references: an absent one is a broken answer,
   * not "none" (a name read as missing would make a managed object look unmanaged, and prune could delete it).
   */
  nullableString(field: string): string | null {
    if (!(field in this.obj)) throw this.error('is missing', field);
    return this.optionalString(field);
  }

  /** Absent and null both read as null. */
  optionalString(field: string): string | null {
    const v = this.obj[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw this.error(`is ${describe(v)}, not a string or null`, field);
    return v;
  }

  boolean(field: string): boolean {
    const v = this.obj[field];
    if (typeof v !== 'boolean') throw this.error(`is ${describe(v)}, not true or false`, field);
    return v;
  }

  oneOf<T extends string>(field: string, values: readonly T[]): T {
    const v = this.obj[field];
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      throw this.error(`is ${describe(v)}, not one of ${values.join(', ')}`, field);
    }
    return v as T;
  }

  stringArray(field: string): string[] {
    const v = this.obj[field];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw this.error(`is ${describe(v)}, not a list of strings`, field);
    }
    return [...(v as string[])];
  }

  raw(field: string): unknown {
    return this.obj[field];
  }

  has(field: string): boolean {
    return field in this.obj;
  }

  /** An error about `field` for the caller to throw. */
  fail(field: string, problem: string): ApiError {
    return this.error(problem, field);
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v === 'object' ? 'an' : 'a'} ${typeof v}`;
}

/**
 * The update body for the fields in `changed`. `fields` maps every accepted name (the write model's, the
 * manifest's, the wire's) to the wire field and its value in the write model.
 */
function pickChanged<W>(
  kind: Kind,
  write: W,
  changed: readonly string[],
  fields: Record<string, (w: W) => [string, unknown]>,
): Wire {
  const body: Wire = {};
  for (const name of changed) {
    const field = fields[name];
    if (!field) throw new Error(`cannot update ${kind} field "${name}": the API does not accept it on update`);
    const [wireName, value] = field(write);
    if (value !== undefined) body[wireName] = value;
  }
  return body;
}

/** The created id from a create answer `{api_id, message, <idField>}`. */
function readCreated(body: unknown, kind: Kind, path: string, idField: string): Wire & { id: string } {
  const r = new WireReader(body, kind, path, 'POST');
  return { ...(body as Wire), id: r.id(idField) };
}

// ---------------------------------------------------------------------------------------------------------

const PATH = {
  uri: 'Zentrunk/URI/',
  credential: 'Zentrunk/Credential/',
  ipacl: 'Zentrunk/IPAccessControlList/',
  trunk: 'Zentrunk/Trunk/',
  endpoint: 'Endpoint/',
  number: 'Number/',
} as const satisfies Record<Kind, string>;

const uri: Resource<'uri'> = {
  kind: 'uri',
  path: PATH.uri,
  idField: 'uri_uuid',
  fromWire(obj): LiveUri {
    const r = new WireReader(obj, 'uri', PATH.uri);
    // `sip_user` (live, undocumented) and the never-returned `password` are not part of the model.
    return {
      kind: 'uri',
      id: r.id('uri_uuid'),
      name: r.nullableString('name'),
      uri: r.string('uri'),
      authentication_needed: r.raw('authentication_needed') === undefined ? false : r.boolean('authentication_needed'),
      username: r.optionalString('username'),
    };
  },
  createBody(w: UriWrite) {
    const body: Wire = { name: w.name, uri: w.uri, authentication_needed: w.authentication_needed };
    if (w.username !== null) body.username = w.username;
    if (w.password !== null) body.password = w.password;
    return body;
  },
  updateBody(w: UriWrite, changed) {
    const body = pickChanged('uri', w, changed, {
      name: (x) => ['name', x.name],
      uri: (x) => ['uri', x.uri],
      authentication_needed: (x) => ['authentication_needed', x.authentication_needed],
      username: (x) => ['username', x.username],
      // A null password (authentication turned off) has nothing to send.
      password: (x) => ['password', x.password ?? undefined],
    });
    // live: an update that sends `password` must also send `authentication_needed` and `username`.
    if (body.password !== undefined) {
      body.authentication_needed = w.authentication_needed;
      body.username = w.username;
    }
    return body;
  },
  createdId(body) {
    return { id: readCreated(body, 'uri', PATH.uri, 'uri_uuid').id };
  },
};

const credential: Resource<'credential'> = {
  kind: 'credential',
  path: PATH.credential,
  idField: 'credential_uuid',
  fromWire(obj): LiveCredential {
    const r = new WireReader(obj, 'credential', PATH.credential);
    return { kind: 'credential', id: r.id('credential_uuid'), name: r.nullableString('name'), username: r.string('username') };
  },
  createBody(w: CredentialWrite) {
    return { name: w.name, username: w.username, password: w.password };
  },
  updateBody(w: CredentialWrite, changed) {
    const body = pickChanged('credential', w, changed, {
      name: (x) => ['name', x.name],
      username: (x) => ['username', x.username],
      password: (x) => ['password', x.password],
    });
    // live: every update rewrites the password (leaving it out blanks it), and a password needs the username.
    return { ...body, username: w.username, password: w.password };
  },
  createdId(body) {
    return { id: readCreated(body, 'credential', PATH.credential, 'credential_uuid').id };
  },
};

const ipacl: Resource<'ipacl'> = {
  kind: 'ipacl',
  path: PATH.ipacl,
  idField: 'ipacl_uuid',
  fromWire(obj): LiveIpacl {
    const r = new WireReader(obj, 'ipacl', PATH.ipacl);
    return { kind: 'ipacl', id: r.id('ipacl_uuid'), name: r.nullableString('name'), ip_addresses: r.stringArray('ip_addresses') };
  },
  createBody(w: IpaclWrite) {
    return { name: w.name, ip_addresses: [...w.ip_addresses] };
  },
  updateBody(w: IpaclWrite, changed) {
    // An update replaces the whole list, so the list is sent whole.
    return pickChanged('ipacl', w, changed, {
      name: (x) => ['name', x.name],
      ip_addresses: (x) => ['ip_addresses', [...x.ip_addresses]],
    });
  },
  createdId(body) {
    return { id: readCreated(body, 'ipacl', PATH.ipacl, 'ipacl_uuid').id };
  },
};

/** Trunk references: the model's `*_id`, the manifest's name field and the wire's `*_uuid` all mean one field. */
const TRUNK_REFS = [
  ['primary_uri_uuid', 'primary_uri_id', 'primary_uri'],
  ['fallback_uri_uuid', 'fallback_uri_id', 'fallback_uri'],
  ['ipacl_uuid', 'ipacl_id', 'ipacl'],
  ['credential_uuid', 'credential_id', 'credential'],
] as const;

const trunk: Resource<'trunk'> = {
  kind: 'trunk',
  path: PATH.trunk,
  idField: 'trunk_id',
  fromWire(obj): LiveTrunk {
    const r = new WireReader(obj, 'trunk', PATH.trunk);
    const live: LiveTrunk = {
      kind: 'trunk',
      id: r.id('trunk_id'),
      name: r.nullableString('name'),
      trunk_direction: r.oneOf('trunk_direction', ['inbound', 'outbound'] as const),
      trunk_status: r.oneOf('trunk_status', ['enabled', 'disabled'] as const),
      secure: r.boolean('secure'),
      // live: unset references come back as null; one left out would hide that the trunk uses something
      primary_uri_id: r.nullableString('primary_uri_uuid'),
      fallback_uri_id: r.nullableString('fallback_uri_uuid'),
      ipacl_id: r.nullableString('ipacl_uuid'),
      credential_id: r.nullableString('credential_uuid'),
    };
    // Absent from create answers; kept only when the API said something.
    if (r.has('trunk_domain')) live.trunk_domain = r.optionalString('trunk_domain');
    return live;
  },
  createBody(w: TrunkWrite) {
    const body: Wire = { name: w.name, trunk_direction: w.trunk_direction, trunk_status: w.trunk_status, secure: w.secure };
    for (const [wire, model] of TRUNK_REFS) if (w[model] !== null) body[wire] = w[model];
    return body;
  },
  updateBody(w: TrunkWrite, changed) {
    const fields: Record<string, (x: TrunkWrite) => [string, unknown]> = {
      name: (x) => ['name', x.name],
      trunk_direction: (x) => ['trunk_direction', x.trunk_direction],
      trunk_status: (x) => ['trunk_status', x.trunk_status],
      secure: (x) => ['secure', x.secure],
    };
    // A reference set to null is sent as null: the API shows unset references as null, so null unsets one.
    for (const [wire, model, manifest] of TRUNK_REFS) {
      for (const name of [wire, model, manifest]) fields[name] = (x) => [wire, x[model]];
    }
    const body = pickChanged('trunk', w, changed, fields);
    // live: every update must include trunk_direction, even when it does not change.
    return { ...body, trunk_direction: w.trunk_direction };
  },
  createdId(body) {
    return { id: readCreated(body, 'trunk', PATH.trunk, 'trunk_id').id };
  },
};

/** `/v1/Account/{auth_id}/Application/{app_id}/` → app_id. */
const APPLICATION_URL = /\/Application\/([^/]+)\/?$/;
const MD5_HEX = /^[0-9a-f]{32}$/i;

const endpoint: Resource<'endpoint'> = {
  kind: 'endpoint',
  path: PATH.endpoint,
  idField: 'endpoint_id',
  fromWire(obj): LiveEndpoint {
    const r = new WireReader(obj, 'endpoint', PATH.endpoint);
    const application = r.optionalString('application');
    let appId: string | null = null;
    if (application !== null && application !== '') {
      const m = APPLICATION_URL.exec(application);
      if (!m) throw r.fail('application', `is ${describe(application)}, not an Application URL`);
      appId = decodeURIComponent(m[1]);
    }
    const live: LiveEndpoint = {
      kind: 'endpoint',
      id: r.id('endpoint_id'),
      username: r.string('username'),
      alias: r.optionalString('alias') ?? '',
      app_id: appId,
    };
    // The reference promises an MD5 of the password; the recorded answers carry none. Only a real MD5 counts.
    const password = r.raw('password');
    if (typeof password === 'string' && MD5_HEX.test(password)) live.password_md5 = password.toLowerCase();
    const sipUri = r.optionalString('sip_uri');
    if (sipUri !== null) live.sip_uri = sipUri;
    // sip_registered, sip_contact, sub_account and the rest describe the phone, not the configuration.
    return live;
  },
  createBody(w: EndpointWrite) {
    const body: Wire = { username: w.username, password: w.password, alias: w.alias };
    if (typeof w.app_id === 'string' && w.app_id !== '') body.app_id = w.app_id;
    return body;
  },
  updateBody(w: EndpointWrite, changed) {
    // Update accepts only password, alias and app_id; the username is fixed at creation.
    return pickChanged('endpoint', w, changed, {
      alias: (x) => ['alias', x.alias],
      password: (x) => ['password', x.password],
      // undefined: leave the application alone; null: detach it, sent as null like an unset trunk reference.
      app_id: (x) => ['app_id', x.app_id],
    });
  },
  createdId(body) {
    const created = readCreated(body, 'endpoint', PATH.endpoint, 'endpoint_id');
    const username = created.username;
    if (typeof username !== 'string' || username === '') {
      throw new WireReader(body, 'endpoint', PATH.endpoint, 'POST').fail('username', `is ${describe(username)}, not the assigned username`);
    }
    return { id: created.id, username };
  },
};

/** `/v1/Account/{auth_id}/Zentrunk/Trunk/{trunk_id}/` → trunk_id: where a number routed to a trunk points. */
const TRUNK_URL = /\/Zentrunk\/Trunk\/([^/]+)\/?$/;

const number: Resource<'number'> = {
  kind: 'number',
  path: PATH.number,
  idField: 'number',
  fromWire(obj): LiveNumber {
    const r = new WireReader(obj, 'number', PATH.number);
    const id = r.id('number');
    // Whatever else the number routes to (an Application, nothing) is kept raw: plans show it, nothing parses it.
    const application = r.nullableString('application');
    const m = application === null ? null : TRUNK_URL.exec(application);
    // alias, number_type, region, carrier, rates and the rest describe the number, not its routing.
    return {
      kind: 'number',
      id,
      number: id,
      trunk_id: m ? decodeURIComponent(m[1]) : null,
      application: m || application === '' ? null : application,
    };
  },
  updateBody(w: NumberWrite, changed) {
    // The Number resource routes to a trunk through the same app_id that links an Application.
    return pickChanged('number', w, changed, {
      trunk: (x) => ['app_id', x.trunk_id],
      trunk_id: (x) => ['app_id', x.trunk_id],
      app_id: (x) => ['app_id', x.trunk_id],
    });
  },
};

export const RESOURCES: ResourceTable = { uri, credential, ipacl, trunk, endpoint, number };

export function resourceOf<K extends Kind>(kind: K): Resource<K> {
  return RESOURCES[kind];
}
