// Test helpers: talk to an emulator over real HTTP with fetch, as a client would.
import type { Emulator } from '../../src/emulator/index.js';

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export interface CallOptions {
  /** Authorization header value; null sends none. Default: the emulator's own credentials. */
  auth?: string | null;
  /** Account id in the path. Default: the emulator's. */
  account?: string;
  /** Send this text as the body instead of JSON-encoding `body`. */
  raw?: string;
}

export function basic(id: string, token: string): string {
  return 'Basic ' + Buffer.from(`${id}:${token}`).toString('base64');
}

/** `path` is below /v1/Account/{id}/ (e.g. "Zentrunk/Trunk/"), or absolute when it starts with "/". */
export async function call(e: Emulator, method: string, path: string, body?: unknown, o: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const auth = o.auth === undefined ? basic(e.authId, e.authToken) : o.auth;
  if (auth !== null) headers.authorization = auth;
  const url = path.startsWith('/') ? e.url + path : `${e.url}/v1/Account/${o.account ?? e.authId}/${path}`;
  const payload = o.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text), headers: res.headers };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A URI, an ACL and a credential to hang trunks on. */
export function seedParents(e: Emulator): { uri: string; uri2: string; ipacl: string; credential: string } {
  return {
    uri: e.seed('uri', { name: 'pbx', uri: 'sip.example.com:5060' }).uri_uuid as string,
    uri2: e.seed('uri', { name: 'backup', uri: '203.0.113.9' }).uri_uuid as string,
    ipacl: e.seed('ipacl', { name: 'office', ip_addresses: ['203.0.113.0/24'] }).ipacl_uuid as string,
    credential: e.seed('credential', { name: 'pbx', username: 'pbxuser1', password: 'secret!1' }).credential_uuid as string,
  };
}
