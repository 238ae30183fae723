// The manifest as written: the fields each kind accepts, and their TypeScript types. A test holds this list
// to the JSON Schema's properties, and the type checks below hold it to the model's Desired* types.
import type { DesiredByKind, Kind } from '../model.js';

/** The keys a manifest item of each kind may carry, exactly as the schema lists them. */
export const FIELDS = {
  uri: ['name', 'uri', 'authentication_needed', 'username', 'password', 'protect'],
  credential: ['name', 'username', 'password', 'protect'],
  ipacl: ['name', 'ip_addresses', 'protect'],
  trunk: ['name', 'trunk_direction', 'trunk_status', 'secure', 'primary_uri', 'fallback_uri', 'ipacl', 'credential', 'protect'],
  endpoint: ['username', 'alias', 'password', 'app_id', 'protect'],
  number: ['number', 'trunk', 'protect'],
} as const satisfies Record<Kind, readonly string[]>;

/** The top-level keys besides the kinds' lists. */
export const DOCUMENT_FIELDS = ['version', 'prune'] as const;

export interface WrittenUri {
  name: string;
  uri: string;
  authentication_needed?: boolean;
  username?: string;
  password?: string;
  protect?: boolean;
}

export interface WrittenCredential {
  name: string;
  username: string;
  password: string;
  protect?: boolean;
}

export interface WrittenIpacl {
  name: string;
  ip_addresses: string[];
  protect?: boolean;
}

export interface WrittenTrunk {
  name: string;
  trunk_direction: 'inbound' | 'outbound';
  trunk_status?: 'enabled' | 'disabled';
  secure?: boolean;
  primary_uri?: string | null;
  fallback_uri?: string | null;
  ipacl?: string | null;
  credential?: string | null;
  protect?: boolean;
}

export interface WrittenEndpoint {
  username: string;
  alias: string;
  password: string;
  app_id?: string | null;
  protect?: boolean;
}

export interface WrittenNumber {
  number: string;
  trunk: string;
  protect?: boolean;
}

export interface WrittenByKind {
  uri: WrittenUri;
  credential: WrittenCredential;
  ipacl: WrittenIpacl;
  trunk: WrittenTrunk;
  endpoint: WrittenEndpoint;
  number: WrittenNumber;
}

export interface WrittenManifest {
  version: 1;
  prune?: boolean | string[];
  uris?: WrittenUri[];
  credentials?: WrittenCredential[];
  ipacls?: WrittenIpacl[];
  trunks?: WrittenTrunk[];
  endpoints?: WrittenEndpoint[];
  numbers?: WrittenNumber[];
}

// Compile-time guards: FIELDS, the Written* types and the model's Desired* types name the same fields.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type FieldsAgree<K extends Kind> = Same<(typeof FIELDS)[K][number], keyof WrittenByKind[K]> extends true
  ? Same<keyof WrittenByKind[K], Exclude<keyof DesiredByKind[K], 'kind' | 'source' | 'sensitive'>>
  : false;
const fieldsAgree: { [K in Kind]: FieldsAgree<K> } = {
  uri: true,
  credential: true,
  ipacl: true,
  trunk: true,
  endpoint: true,
  number: true,
};
void fieldsAgree;
