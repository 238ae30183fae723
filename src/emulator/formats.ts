// Value formats the API documents: IP addresses and CIDR blocks, origination URI targets, and the character
// rules for credential and endpoint usernames, passwords and aliases. Each returns an error message or undefined.
import { isIP } from 'node:net';

/** IPv4, IPv6, or either as a CIDR block (prefix ≤ 32 / ≤ 128). */
export function checkIpOrCidr(s: string): string | undefined {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const family = isIP(addr);
  if (family === 0) return `"${s}" is not an IPv4 or IPv6 address or CIDR block`;
  if (slash >= 0) {
    const prefix = s.slice(slash + 1);
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `"${s}" has a bad prefix length (0-${max})`;
  }
  return undefined;
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const FQDN = new RegExp(`^(?:${LABEL}\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`);

function checkHost(host: string): boolean {
  if (host.startsWith('[') && host.endsWith(']')) return isIP(host.slice(1, -1)) === 6;
  return isIP(host) === 4 || FQDN.test(host);
}

function splitPort(hostPort: string): { host: string; port: string | null } {
  const bracket = /^(\[[^\]]+\])(?::(.*))?$/.exec(hostPort);
  if (bracket) return { host: bracket[1], port: bracket[2] ?? null };
  if (isIP(hostPort) === 6) return { host: `[${hostPort}]`, port: null };
  const colon = hostPort.lastIndexOf(':');
  return colon < 0 ? { host: hostPort, port: null } : { host: hostPort.slice(0, colon), port: hostPort.slice(colon + 1) };
}

function validPort(port: string | null): boolean {
  return port === null || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
}

/**
 * The documented URI formats: IP, IP:port, FQDN, FQDN:port, and a SIP URI `sip:[user@]host[:port]` (sips: too,
 * with `;param` suffixes). Any of them may end in `;transport=udp|tcp|tls` (the transport Plivo uses to reach
 * the PBX). An FQDN needs at least one dot and a top label that is not all digits.
 */
export function checkUriTarget(s: string): string | undefined {
  const bad = `"${s}" is not an IP address, FQDN or SIP URI (optionally with a port)`;
  let rest = s.replace(/;transport=(udp|tcp|tls)$/i, '');
  const sip = /^sips?:(?:([^@\s]+)@)?(.+)$/i.exec(rest);
  if (sip) {
    if (sip[1] !== undefined && !/^[A-Za-z0-9_.!~*'()&=+$,;?/%-]+$/.test(sip[1])) return bad;
    rest = sip[2].replace(/(;[A-Za-z0-9_.=-]+)+$/, '');
  }
  const { host, port } = splitPort(rest);
  return checkHost(host) && validPort(port) ? undefined : bad;
}

export function checkCredentialUsername(s: string): string | undefined {
  return /^[A-Za-z0-9]{5,20}$/.test(s) ? undefined : 'must be 5-20 letters or digits';
}

const SPECIALS = '~!@#$%^&*()_+';

export function checkCredentialPassword(s: string): string | undefined {
  if (!/^[A-Za-z0-9~!@#$%^&*()_+]{5,20}$/.test(s)) return `must be 5-20 characters from letters, digits and ${SPECIALS}`;
  if (![...s].some((c) => SPECIALS.includes(c))) return `must contain at least one of ${SPECIALS}`;
  return undefined;
}

export function checkEndpointUsername(s: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9]{0,24}$/.test(s) ? undefined : 'must be 1-25 letters or digits, starting with a letter';
}

export function checkEndpointPassword(s: string): string | undefined {
  return s.length >= 5 ? undefined : 'must be at least 5 characters';
}

// The object table allows letters, digits, hyphens and underscores; Plivo's own SDK examples create
// "Test Account", so words of those characters separated by single spaces are accepted too.
export function checkEndpointAlias(s: string): string | undefined {
  return /^[A-Za-z0-9_-]+( [A-Za-z0-9_-]+)*$/.test(s)
    ? undefined
    : 'may contain only letters, digits, hyphens and underscores, in words separated by single spaces';
}

/** Application ids are numeric in every example; accept the usual id characters. */
export function checkAppId(s: string): string | undefined {
  return /^[A-Za-z0-9_-]+$/.test(s) ? undefined : 'is not an application id';
}

/** A non-empty string (URI usernames and passwords have no documented format). */
export function checkNonEmpty(s: string): string | undefined {
  return s === '' ? 'may not be blank' : undefined;
}

/** A phone number as the Number resource names it: E.164 digits without "+", 8-15 of them, the first not 0. */
export function checkE164Digits(s: string): string | undefined {
  return /^[1-9][0-9]{7,14}$/.test(s) ? undefined : 'must be E.164 digits without "+" (8-15 digits, the first not 0)';
}
