// HTTP Basic auth for the emulator's one account, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthResult = 'ok' | 'missing' | 'invalid';

/** Hashing both sides first gives timingSafeEqual the equal-length buffers it needs and hides the length. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

export function createAuthChecker(authId: string, authToken: string): (header: string | undefined) => AuthResult {
  const expected = digest(`${authId}:${authToken}`);
  return (header) => {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!m) return 'missing';
    const given = digest(Buffer.from(m[1], 'base64').toString('utf8'));
    return timingSafeEqual(given, expected) ? 'ok' : 'invalid';
  };
}
