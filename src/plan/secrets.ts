// Write-only secrets: when a password is sent on update, and which drift the plan cannot see.
import { hash } from 'node:crypto';
import { changeKey } from './types.js';
import { desiredIdentity } from '../model.js';
import type { Desired, Live } from '../model.js';

export const NOTE_ROTATED = 'password rotated on request';
export const NOTE_AUTH_ON = 'password sent because authentication is being turned on';
export const NOTE_CREDENTIAL_RESEND = 'the password is sent again: the API rewrites it on every credential update';

/** `--rotate` as given: "all", or `kind:name` keys. */
export class RotateRequest {
  private readonly all: boolean;
  private readonly keys: Set<string>;

  constructor(rotate: readonly string[]) {
    this.all = rotate.includes('all');
    this.keys = new Set(rotate.filter((r) => r !== 'all'));
  }

  includes(d: Desired): boolean {
    return this.all || this.keys.has(changeKey(d.kind, desiredIdentity(d)));
  }

  /** The keys that name nothing with a password in the manifest, to warn about typos. */
  unknownKeys(known: ReadonlySet<string>): string[] {
    return [...this.keys].filter((k) => !known.has(k)).sort();
  }
}

export interface PasswordDecision {
  /** Send the password with this update (`password` goes into `changed`). */
  send: boolean;
  notes: string[];
  /**
   * Why a drift of this password would go unseen: 'write-only' (uri/credential passwords are never
   * returned) or 'no-hash' (the API returned no MD5 for this endpoint); null when it is seen or re-sent.
   */
  blind: 'write-only' | 'no-hash' | null;
}

export function md5Hex(value: string): string {
  // The one-shot hash: a plan of thousands of endpoints hashes every password, and a Hash object per call costs more.
  return hash('md5', value, 'hex');
}

/**
 * Decides the password of a matched object. `otherChanges` says whether the update happens anyway (a
 * credential update always rewrites the password, so such a password is re-sent rather than blind).
 */
export function decidePassword(d: Desired, l: Live, rotate: RotateRequest, otherChanges: boolean): PasswordDecision {
  const none: PasswordDecision = { send: false, notes: [], blind: null };
  if (d.kind === 'endpoint' && l.kind === 'endpoint') {
    if (l.password_md5 !== undefined && l.password_md5 !== '') {
      return { ...none, send: md5Hex(d.password.value) !== l.password_md5.toLowerCase() };
    }
    return rotate.includes(d) ? { ...none, send: true, notes: [NOTE_ROTATED] } : { ...none, blind: 'no-hash' };
  }
  if (d.kind === 'uri' && l.kind === 'uri') {
    if (d.password === null) return none;
    if (rotate.includes(d)) return { ...none, send: true, notes: [NOTE_ROTATED] };
    // Without a password the API would turn authentication on with none set.
    if (d.authentication_needed && !l.authentication_needed) return { ...none, send: true, notes: [NOTE_AUTH_ON] };
    return { ...none, blind: 'write-only' };
  }
  if (d.kind === 'credential' && l.kind === 'credential') {
    if (rotate.includes(d)) return { ...none, send: true, notes: [NOTE_ROTATED] };
    if (otherChanges) return { ...none, notes: [NOTE_CREDENTIAL_RESEND] };
    return { ...none, blind: 'write-only' };
  }
  return none;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One warning per kind of blindness (however many objects share it), and one per `--rotate` key that names nothing. */
export function warnAboutPasswords(blind: Record<'write-only' | 'no-hash', number>, unknownRotateKeys: readonly string[]): string[] {
  const warnings: string[] = [];
  if (blind['write-only'] > 0) {
    warnings.push(
      `${plural(blind['write-only'], 'uri/credential password', 'uri/credential passwords')} cannot be read back ` +
        'from Plivo, so a drift would not show here; --rotate uri:NAME or --rotate credential:NAME sends one ' +
        'again, --rotate all sends every one.',
    );
  }
  if (blind['no-hash'] > 0) {
    warnings.push(
      `${plural(blind['no-hash'], 'endpoint password', 'endpoint passwords')} could not be compared: Plivo ` +
        'returned no password hash, so a drift would not show here; --rotate endpoint:NAME (or --rotate all) ' +
        'sends one again.',
    );
  }
  for (const key of unknownRotateKeys) {
    warnings.push(`--rotate ${key} names no uri, credential or endpoint with a password in the manifest; ignored.`);
  }
  return warnings;
}
