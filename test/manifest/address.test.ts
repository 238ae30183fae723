// Address syntax: IPv4, IPv6, CIDR blocks and SIP targets.
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkIpEntry, checkSipTarget, isIPv4, parseIPv6 } from '../../src/manifest/address.js';

const ipv4 = suite('isIPv4');

ipv4('accepts every dotted quad of octets 0-255', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (o) => isIPv4(o.join('.'))));
});

ipv4('refuses octets above 255, leading zeros, and the wrong number of parts', () => {
  for (const bad of ['256.1.1.1', '1.2.3.999', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.', 'a.b.c.d', '']) {
    assert.not.ok(isIPv4(bad), bad);
  }
});

const ipv6 = suite('parseIPv6');

ipv6('reads full, compressed and IPv4-tailed forms to the same 128-bit value', () => {
  assert.is(parseIPv6('2001:db8:0:0:0:0:0:1'), parseIPv6('2001:db8::1'));
  assert.is(parseIPv6('::'), 0n);
  assert.is(parseIPv6('::1'), 1n);
  assert.is(parseIPv6('::ffff:1.2.3.4'), (0xffffn << 32n) | 0x01020304n);
  assert.is(parseIPv6('fe80::'), 0xfe80n << 112n);
});

ipv6('refuses malformed addresses and zone ids', () => {
  for (const bad of ['1::2::3', '12345::1', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', 'g::1', 'fe80::1%eth0', '::1.2.3.256', ':', '']) {
    assert.is(parseIPv6(bad), null, bad);
  }
});

const ipEntry = suite('checkIpEntry');

ipEntry('accepts addresses and CIDR blocks without host bits', () => {
  for (const ok of ['203.0.113.10', '198.51.100.0/24', '0.0.0.0/0', '10.0.0.1/32', '2001:db8::10', '2001:db8::/32', '::/0', '::1/128']) {
    assert.is(checkIpEntry(ok), null, ok);
  }
});

ipEntry('host bits after the prefix are a warning, naming the IPv4 network', () => {
  assert.equal(checkIpEntry('198.51.100.7/24'), { severity: 'warning', reason: 'has host bits set after /24', network: '198.51.100.0/24' });
  assert.equal(checkIpEntry('2001:db8::1/32'), { severity: 'warning', reason: 'has host bits set after /32' });
});

ipEntry('refuses prefixes out of range or malformed, and non-addresses', () => {
  const error = (reason: string) => ({ severity: 'error', reason });
  assert.equal(checkIpEntry('1.2.3.4/33'), error('has a prefix length outside 0-32'));
  assert.equal(checkIpEntry('::/129'), error('has a prefix length outside 0-128'));
  assert.equal(checkIpEntry('1.2.3.0/024'), error('has a prefix length outside 0-32'));
  assert.equal(checkIpEntry('1.2.3.0/'), error('has a prefix length outside 0-32'));
  assert.equal(checkIpEntry('office.example.com'), error('is not an IPv4 or IPv6 address or CIDR block'));
});

ipEntry('a /n block is clean exactly when the address has no bits after n', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (n, prefix) => {
      const text = [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
      const hostBits = prefix === 32 ? 0 : n % 2 ** (32 - prefix);
      return (checkIpEntry(`${text}/${prefix}`) === null) === (hostBits === 0);
    }),
  );
});

const sip = suite('checkSipTarget');

sip('accepts the documented shapes, with or without a transport', () => {
  for (const ok of [
    '192.168.1.100',
    '192.168.1.100:5060',
    'sip.example.com',
    'sip.example.com:5060',
    'sip:user@sip.example.com',
    'sips:user@sip.example.com:5061',
    'sip:user@203.0.113.5:5060;transport=udp',
    'sip.example.com;transport=TCP',
    '[2001:db8::1]:5060',
    '2001:db8::1',
    'sips:bob@[2001:db8::1]:5061;transport=tls',
  ]) {
    assert.is(checkSipTarget(ok), null, ok);
  }
});

sip('says what is wrong with the others', () => {
  const cases: [string, string][] = [
    ['sip:sip.example.com', 'needs a user: sip:user@host[:port]'],
    ['user@sip.example.com', 'has a user@ part without sip: or sips: in front'],
    ['sip.example.com:0', 'has a port outside 1-65535'],
    ['sip.example.com:65536', 'has a port outside 1-65535'],
    ['sip.example.com:50a', 'has a port outside 1-65535'],
    ['sip.example.com;transport=sctp', 'may end only in ;transport=udp, ;transport=tcp or ;transport=tls'],
    ['sip.example.com;lr', 'may end only in ;transport=udp, ;transport=tcp or ;transport=tls'],
    ['localhost', 'does not name a host (an IPv4 address, [IPv6] address or FQDN such as sip.example.com)'],
    ['203.0.113.300', 'does not name a host (an IPv4 address, [IPv6] address or FQDN such as sip.example.com)'],
    ['http://sip.example.com', 'does not name a host (an IPv4 address, [IPv6] address or FQDN such as sip.example.com)'],
    ['-bad.example.com', 'does not name a host (an IPv4 address, [IPv6] address or FQDN such as sip.example.com)'],
    ['sip.example.1a', 'does not name a host (an IPv4 address, [IPv6] address or FQDN such as sip.example.com)'],
    ['[2001:db8::1', 'has a malformed [IPv6] host'],
    ['[2001:db8::1]5060', 'has text after the [IPv6] host'],
    ['sip:us er@sip.example.com', 'has a user part with characters SIP does not allow'],
  ];
  for (const [text, reason] of cases) assert.is(checkSipTarget(text), reason, text);
});

ipv4.run();
ipv6.run();
ipEntry.run();
sip.run();
