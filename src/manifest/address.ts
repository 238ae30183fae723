// Address syntax: IPv4/IPv6 addresses and CIDR blocks for IP ACLs, and the SIP targets an origination URI
// accepts. Each check returns null when the text is fine, else what is wrong in a few words.

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEXTET = /^[0-9A-Fa-f]{1,4}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,?/%]+$/;

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** The 128-bit value of an IPv6 address (with an optional dotted IPv4 tail); null when it is not one. */
export function parseIPv6(text: string): bigint | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return null; // zone ids (%eth0) have no place in an ACL
  let groups: string[];
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const all = [...head, ...tail];
  const last = all[all.length - 1];
  const ipv4Tail = last !== undefined && last.includes('.');
  if (ipv4Tail && !isIPv4(last)) return null;
  const width = all.length + (ipv4Tail ? 1 : 0);
  if (halves.length === 2) {
    if (width > 7) return null;
    groups = [...head, ...Array<string>(8 - width).fill('0'), ...tail];
  } else {
    if (width !== 8) return null;
    groups = all;
  }
  let value = 0n;
  for (const group of groups) {
    if (group.includes('.')) {
      for (const octet of group.split('.')) value = (value << 8n) | BigInt(octet);
    } else {
      if (!HEXTET.test(group)) return null;
      value = (value << 16n) | BigInt(`0x${group}`);
    }
  }
  return value;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
}

function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

export interface IpEntryProblem {
  /** Host bits after the prefix are a warning: the block is clear, only written unusually. */
  severity: 'error' | 'warning';
  reason: string;
  /** For host bits in an IPv4 block: the network that was probably meant. */
  network?: string;
}

/** An IP ACL entry: an IPv4 or IPv6 address, or a CIDR block (ideally with no host bits after the prefix). */
export function checkIpEntry(text: string): IpEntryProblem | null {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const v4 = isIPv4(address);
  const v6 = v4 ? null : parseIPv6(address);
  if (!v4 && v6 === null) return { severity: 'error', reason: 'is not an IPv4 or IPv6 address or CIDR block' };
  if (slash < 0) return null;
  const prefixText = text.slice(slash + 1);
  const bits = v4 ? 32 : 128;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
    return { severity: 'error', reason: `has a prefix length outside 0-${bits}` };
  }
  const prefix = BigInt(prefixText);
  const value = v4 ? ipv4Value(address) : (v6 as bigint);
  const hostMask = (1n << (BigInt(bits) - prefix)) - 1n;
  if ((value & hostMask) === 0n) return null;
  const reason = `has host bits set after /${prefixText}`;
  return v4 ? { severity: 'warning', reason, network: `${formatIPv4(value & ~hostMask)}/${prefixText}` } : { severity: 'warning', reason };
}

function isFqdn(text: string): boolean {
  if (text.length > 253) return false;
  const labels = text.split('.');
  // At least two labels, and a top-level label that starts with a letter (so a mistyped IP is not a name).
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /^[A-Za-z]/.test(labels[labels.length - 1]);
}

function checkPort(text: string): string | null {
  return /^[1-9][0-9]{0,4}$/.test(text) && Number(text) <= 65535 ? null : 'has a port outside 1-65535';
}

/** host or host:port, where host is IPv4, [IPv6], a bare IPv6 (no port), or an FQDN. */
function checkHostPort(text: string): string | null {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || parseIPv6(text.slice(1, close)) === null) return 'has a malformed [IPv6] host';
    const rest = text.slice(close + 1);
    if (rest === '') return null;
    return rest.startsWith(':') ? checkPort(rest.slice(1)) : 'has text after the [IPv6] host';
  }
  if (parseIPv6(text) !== null) return null;
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  if (!isIPv4(host) && !isFqdn(host)) return 'does not name a host (an IPv4 address, [IPv6] address or FQDN such as sip.example.com)';
  return colon < 0 ? null : checkPort(text.slice(colon + 1));
}

/**
 * An origination URI: IP, IP:port, FQDN, FQDN:port, or sip:/sips: user@host[:port]; any of them with an
 * optional ;transport=udp|tcp|tls.
 */
export function checkSipTarget(text: string): string | null {
  let rest = text;
  const semicolon = rest.indexOf(';');
  if (semicolon >= 0) {
    const transport = /^transport=(udp|tcp|tls)$/i.exec(rest.slice(semicolon + 1));
    if (!transport) return 'may end only in ;transport=udp, ;transport=tcp or ;transport=tls';
    rest = rest.slice(0, semicolon);
  }
  const scheme = /^(sips?):/i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    const at = rest.lastIndexOf('@');
    if (at < 0) return `needs a user: ${scheme[1].toLowerCase()}:user@host[:port]`;
    if (!SIP_USER.test(rest.slice(0, at))) return 'has a user part with characters SIP does not allow';
    rest = rest.slice(at + 1);
  } else if (rest.includes('@')) {
    return 'has a user@ part without sip: or sips: in front';
  }
  return checkHostPort(rest);
}
