// The resource model shared by every layer: kinds, desired state (from the manifest) and live state (from the API).
// Field names follow the Plivo API so that manifest, plan and docs read side by side; references between
// resources are names on the desired side and ids on the live side.

export type Kind = 'uri' | 'credential' | 'ipacl' | 'trunk' | 'endpoint' | 'number';

/** Every kind, in the order they are created (parents first). */
export const KINDS: readonly Kind[] = ['uri', 'credential', 'ipacl', 'trunk', 'endpoint', 'number'];

/** The manifest's top-level key for each kind. */
export const MANIFEST_KEYS: Readonly<Record<Kind, string>> = {
  uri: 'uris',
  credential: 'credentials',
  ipacl: 'ipacls',
  trunk: 'trunks',
  endpoint: 'endpoints',
  number: 'numbers',
};

/** What plivo-sync may do with the objects of a kind besides reading and updating them. */
export interface KindTraits {
  /** A manifest entry the account lacks is created; otherwise the plan refuses it. */
  creatable: boolean;
  /** Pruned objects are deleted; otherwise the kind is never deleted, never listed as unmanaged, never pruned. */
  deletable: boolean;
  /** Read only when the manifest declares the kind or an export asks for it (an account may hold thousands). */
  readOnDemand: boolean;
}

/**
 * Phone numbers are bought and released outside plivo-sync, which only routes them to trunks: they are never
 * created or deleted, and accounts that do not declare them never pay for reading them.
 */
export const KIND_TRAITS: Readonly<Record<Kind, KindTraits>> = {
  uri: { creatable: true, deletable: true, readOnDemand: false },
  credential: { creatable: true, deletable: true, readOnDemand: false },
  ipacl: { creatable: true, deletable: true, readOnDemand: false },
  trunk: { creatable: true, deletable: true, readOnDemand: false },
  endpoint: { creatable: true, deletable: true, readOnDemand: false },
  number: { creatable: false, deletable: false, readOnDemand: true },
};

/** The kinds read when no manifest says otherwise: all but those read on demand. */
export const DEFAULT_READ_KINDS: readonly Kind[] = KINDS.filter((k) => !KIND_TRAITS[k].readOnDemand);

/** The kinds prune may name. */
export const DELETABLE_KINDS: readonly Kind[] = KINDS.filter((k) => KIND_TRAITS[k].deletable);

export function kindOfManifestKey(key: string): Kind | undefined {
  return KINDS.find((k) => MANIFEST_KEYS[k] === key);
}

/** Plivo appends exactly this many digits to an endpoint's username on create. */
export const ENDPOINT_SUFFIX_DIGITS = 12;

export type TrunkDirection = 'inbound' | 'outbound';
export type TrunkStatus = 'enabled' | 'disabled';

/**
 * A write-only secret from the manifest. `value` is what is sent to the API and must never be printed;
 * `ref` names where it came from (the `${VAR}` name, or null for a literal written in the manifest).
 */
export interface Secret {
  ref: string | null;
  value: string;
}

// ---------------------------------------------------------------------------------------------------------
// Desired state: the manifest after validation, ${VAR} interpolation and defaults.

interface DesiredBase {
  /** Never deleted by this tool. */
  protect: boolean;
  /**
   * Fields whose value was built from a `${VAR}` (other than passwords, which are always secret, and names and
   * references, which are identifiers): shown as "(sensitive)" on both sides of every plan.
   */
  sensitive?: string[];
  /** Where the entry is written, for messages: "file:line:col". */
  source?: string;
}

export interface DesiredUri extends DesiredBase {
  kind: 'uri';
  name: string;
  uri: string;
  authentication_needed: boolean;
  username: string | null;
  password: Secret | null;
}

export interface DesiredCredential extends DesiredBase {
  kind: 'credential';
  name: string;
  username: string;
  password: Secret;
}

export interface DesiredIpacl extends DesiredBase {
  kind: 'ipacl';
  name: string;
  ip_addresses: string[];
}

export interface DesiredTrunk extends DesiredBase {
  kind: 'trunk';
  name: string;
  trunk_direction: TrunkDirection;
  trunk_status: TrunkStatus;
  secure: boolean;
  /** Names of objects in the same manifest (null: none). */
  primary_uri: string | null;
  fallback_uri: string | null;
  ipacl: string | null;
  credential: string | null;
}

export interface DesiredEndpoint extends DesiredBase {
  kind: 'endpoint';
  /** Without Plivo's 12-digit suffix. */
  username: string;
  alias: string;
  password: Secret;
  /** undefined: leave the attached application alone; null: detach it. */
  app_id?: string | null;
}

export interface DesiredNumber extends DesiredBase {
  kind: 'number';
  /** E.164 digits without "+" (the identity): a number already in the account. */
  number: string;
  /** The name of an inbound trunk in the same manifest. */
  trunk: string;
}

export type Desired = DesiredUri | DesiredCredential | DesiredIpacl | DesiredTrunk | DesiredEndpoint | DesiredNumber;

export interface DesiredByKind {
  uri: DesiredUri;
  credential: DesiredCredential;
  ipacl: DesiredIpacl;
  trunk: DesiredTrunk;
  endpoint: DesiredEndpoint;
  number: DesiredNumber;
}

export interface DesiredState {
  uri: DesiredUri[];
  credential: DesiredCredential[];
  ipacl: DesiredIpacl[];
  trunk: DesiredTrunk[];
  endpoint: DesiredEndpoint[];
  number: DesiredNumber[];
  /** Kinds whose key appears in the manifest (an empty list counts): the scope of a bare `--prune`. */
  declared: Kind[];
  /** The manifest's own `prune:` default (kinds), overridden by the --prune flag. */
  prune: Kind[];
}

// ---------------------------------------------------------------------------------------------------------
// Live state: what the API returns, converted to the model (ids instead of names for references).

interface LiveBase {
  id: string;
}

export interface LiveUri extends LiveBase {
  kind: 'uri';
  name: string | null;
  uri: string;
  authentication_needed: boolean;
  username: string | null;
}

export interface LiveCredential extends LiveBase {
  kind: 'credential';
  name: string | null;
  username: string;
}

export interface LiveIpacl extends LiveBase {
  kind: 'ipacl';
  name: string | null;
  ip_addresses: string[];
}

export interface LiveTrunk extends LiveBase {
  kind: 'trunk';
  name: string | null;
  trunk_direction: TrunkDirection;
  trunk_status: TrunkStatus;
  secure: boolean;
  primary_uri_id: string | null;
  fallback_uri_id: string | null;
  ipacl_id: string | null;
  credential_id: string | null;
  /** Server-assigned SIP domain; absent from create responses. */
  trunk_domain?: string | null;
}

export interface LiveEndpoint extends LiveBase {
  kind: 'endpoint';
  /** As the API returns it: the manifest username plus 12 digits. */
  username: string;
  alias: string;
  /** 32-hex MD5 of the password; undefined when the API did not return it (the recorded fixtures do not). */
  password_md5?: string;
  /** The attached application's id, parsed from `application`; null when none. */
  app_id: string | null;
  sip_uri?: string;
}

export interface LiveNumber extends LiveBase {
  kind: 'number';
  /** E.164 digits without "+"; the same as the id. */
  number: string;
  /** The Zentrunk trunk the number routes to, parsed from `application`; null when it routes to none. */
  trunk_id: string | null;
  /** What the number routes to when that is not a trunk (an Application URL, as the API returns it); else null. */
  application: string | null;
}

export type Live = LiveUri | LiveCredential | LiveIpacl | LiveTrunk | LiveEndpoint | LiveNumber;

export interface LiveByKind {
  uri: LiveUri;
  credential: LiveCredential;
  ipacl: LiveIpacl;
  trunk: LiveTrunk;
  endpoint: LiveEndpoint;
  number: LiveNumber;
}

export interface LiveState {
  uri: LiveUri[];
  credential: LiveCredential[];
  ipacl: LiveIpacl[];
  trunk: LiveTrunk[];
  endpoint: LiveEndpoint[];
  /** Empty unless numbers were asked for (KIND_TRAITS.number.readOnDemand). */
  number: LiveNumber[];
}

export function emptyLiveState(): LiveState {
  return { uri: [], credential: [], ipacl: [], trunk: [], endpoint: [], number: [] };
}

export function emptyDesiredState(): DesiredState {
  return { uri: [], credential: [], ipacl: [], trunk: [], endpoint: [], number: [], declared: [], prune: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Write models: what apply sends, with references resolved to live ids and secrets as plain values.
// src/plivo/resources.ts turns these into wire bodies.

export interface UriWrite {
  name: string;
  uri: string;
  authentication_needed: boolean;
  username: string | null;
  password: string | null;
}
export interface CredentialWrite {
  name: string;
  username: string;
  password: string;
}
export interface IpaclWrite {
  name: string;
  ip_addresses: string[];
}
export interface TrunkWrite {
  name: string;
  trunk_direction: TrunkDirection;
  trunk_status: TrunkStatus;
  secure: boolean;
  primary_uri_id: string | null;
  fallback_uri_id: string | null;
  ipacl_id: string | null;
  credential_id: string | null;
}
export interface EndpointWrite {
  /** Without the suffix (create only; immutable). */
  username: string;
  alias: string;
  password: string;
  app_id?: string | null;
}
export interface NumberWrite {
  /** The trunk to route the number to, sent as `app_id`. */
  trunk_id: string;
}

export interface WriteByKind {
  uri: UriWrite;
  credential: CredentialWrite;
  ipacl: IpaclWrite;
  trunk: TrunkWrite;
  endpoint: EndpointWrite;
  number: NumberWrite;
}

// ---------------------------------------------------------------------------------------------------------
// Identity

/** The identity of a desired object: its name, an endpoint's username without suffix, or a phone number. */
export function desiredIdentity(d: Desired): string {
  if (d.kind === 'endpoint') return d.username;
  if (d.kind === 'number') return d.number;
  return d.name;
}

/**
 * The identity of a live object: its name; `<kind>-<id>` when it has none; an endpoint's username without the
 * 12-digit suffix (or the whole username when it has no such suffix); a phone number.
 */
export function liveIdentity(l: Live): string {
  if (l.kind === 'endpoint') return stripEndpointSuffix(l.username) ?? l.username;
  if (l.kind === 'number') return l.number;
  return l.name !== null && l.name !== '' ? l.name : `${l.kind}-${l.id}`;
}

const SUFFIXED = new RegExp(`^(.+)([0-9]{${ENDPOINT_SUFFIX_DIGITS}})$`);

/**
 * Drops Plivo's suffix, which is always the last 12 characters and all digits: "alice1" + "261123120000" →
 * "alice1". null when the username is too short or does not end in 12 digits.
 */
export function stripEndpointSuffix(username: string): string | null {
  const m = SUFFIXED.exec(username);
  return m ? m[1] : null;
}
