// Generated manifests for the property tests: valid ones (as data, with the ${VAR} values they need) written as
// YAML in several styles, and single mistakes that each make one of them invalid at a known place.
import fc from 'fast-check';
import { stringify } from 'yaml';

export type Doc = Record<string, unknown>;
type Item = Record<string, unknown>;

export interface Generated {
  doc: Doc;
  /** Every ${VAR} the document uses, set. */
  env: Record<string, string>;
}

export interface GenerateOptions {
  /** Fewest objects of each kind (the mistakes need something to break). Default 0. */
  min?: number;
  /** Most objects of each kind. Default 4. */
  max?: number;
  /** Names and passwords with any Unicode (default), or plain ASCII only. */
  unicode?: boolean;
}

const KEYS = ['uris', 'credentials', 'ipacls', 'trunks', 'endpoints'] as const;
type Key = (typeof KEYS)[number];

const SPECIALS = '~!@#$%^&*()_+';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';

/** A first character from `first`, then `min`-`max` more from `rest` (much faster than fc.stringMatching). */
function word(first: string, rest: string, min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...first), fc.string({ unit: fc.constantFrom(...rest), minLength: min, maxLength: max }))
    .map(([a, b]) => a + b);
}

const label = word(LOWER, LOWER + DIGITS, 0, 9);
const port = fc.integer({ min: 1, max: 65535 });

/** Names: mostly plain, sometimes any text at all (no "$", which would start a ${VAR}). */
function nameArb(unicode: boolean): fc.Arbitrary<string> {
  const plain = word(LOWER, `${LOWER}${DIGITS}-`, 0, 14);
  if (!unicode) return plain;
  const odd = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !s.includes('$') && !s.includes('\0'));
  return fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: odd });
}

const uriTarget: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(label, label).map(([a, b]) => `${a}.${b}.example.com`),
  fc.tuple(label, port).map(([a, p]) => `${a}.example.net:${p}`),
  fc.ipV4(),
  fc.tuple(fc.ipV4(), port).map(([ip, p]) => `${ip}:${p}`),
  fc.tuple(label, label).map(([u, h]) => `sip:${u}@${h}.example.org`),
  fc.tuple(fc.integer({ min: 1, max: 0xffff }), port).map(([h, p]) => `[2001:db8::${h.toString(16)}]:${p}`),
);

/** An IPv4 CIDR block with its host bits cleared, as the manifest requires. */
const cidr4 = fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })).map(([ip, prefix]) => {
  const n = ip.split('.').reduce((v, o) => v * 256 + Number(o), 0);
  const block = prefix === 0 ? 0 : Math.floor(n / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
  return `${[24, 16, 8, 0].map((s) => Math.floor(block / 2 ** s) % 256).join('.')}/${prefix}`;
});
const ipEntry = fc.oneof(fc.ipV4(), cidr4, fc.integer({ min: 1, max: 0xffff }).map((h) => `2001:db8:${h.toString(16)}::1`));

/** Printable ASCII without spaces (URI passwords); at least 8 long so a leak is not a coincidence. */
const uriPassword = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 8, maxLength: 40 });
const credentialPassword = fc
  .tuple(word(LOWER + UPPER + DIGITS + SPECIALS, LOWER + UPPER + DIGITS + SPECIALS, 6, 18), fc.constantFrom(...SPECIALS))
  .map(([a, s]) => a + s);
function endpointPassword(unicode: boolean): fc.Arbitrary<string> {
  const ascii = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 8, maxLength: 30 });
  if (!unicode) return ascii;
  // environment values cannot carry NUL
  const any = fc.string({ unit: 'grapheme', minLength: 8, maxLength: 24 }).filter((s) => !s.includes('\0'));
  return fc.oneof(ascii, any);
}

const optionalBool = fc.option(fc.boolean(), { nil: undefined });

/** Drops keys whose value is undefined: YAML would otherwise write them as null. */
function clean(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}

/** A valid manifest and its environment. */
export function validManifest(opts: GenerateOptions = {}): fc.Arbitrary<Generated> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 4;
  const unicode = opts.unicode ?? true;
  const names = fc.uniqueArray(nameArb(unicode), { minLength: min, maxLength: max });
  return fc
    .record({
      uriNames: names,
      credNames: names,
      aclNames: names,
      trunkNames: names,
      epNames: fc.uniqueArray(word(LOWER + UPPER, LOWER + UPPER + DIGITS, 0, 12), { minLength: min, maxLength: max }),
      // every list key may also be written empty, or left out
      emptyKeys: fc.subarray([...KEYS]),
    })
    .chain((n) =>
      fc
        .record({
          uris: fc.tuple(...n.uriNames.map(() => fc.record({ target: uriTarget, auth: fc.boolean(), user: label, pw: uriPassword, protect: optionalBool }))),
          creds: fc.tuple(...n.credNames.map(() => fc.record({ user: word(LOWER + UPPER + DIGITS, LOWER + UPPER + DIGITS, 4, 19), pw: credentialPassword }))),
          acls: fc.tuple(...n.aclNames.map(() => fc.uniqueArray(ipEntry, { minLength: 1, maxLength: 4 }))),
          trunks: fc.tuple(
            ...n.trunkNames.map(() =>
              fc.record({
                inbound: fc.boolean(),
                a: fc.nat(),
                b: fc.nat(),
                both: fc.nat({ max: 2 }),
                status: fc.option(fc.constantFrom('enabled', 'disabled'), { nil: undefined }),
                secure: optionalBool,
                protect: optionalBool,
              }),
            ),
          ),
          eps: fc.tuple(
            ...n.epNames.map(() =>
              fc.record({
                alias: word(LOWER + UPPER + DIGITS + '_-', LOWER + UPPER + DIGITS + '_-', 0, 19),
                pw: endpointPassword(unicode),
                app: fc.option(fc.option(word('123456789', DIGITS, 16, 16), { nil: null }), { nil: undefined }),
              }),
            ),
          ),
          prune: fc.option(fc.oneof(fc.boolean(), fc.constant('declared' as const)), { nil: undefined }),
        })
        .map((v): Generated => {
          const env: Record<string, string> = {};
          const doc: Doc = { version: 1 };
          const uris = n.uriNames.map((name, i) => {
            const u = v.uris[i];
            const item: Item = { name, uri: u.target, protect: u.protect };
            if (u.auth) {
              env[`URI_PW_${i}`] = u.pw;
              Object.assign(item, { authentication_needed: true, username: u.user, password: `\${URI_PW_${i}}` });
            }
            return clean(item);
          });
          const credentials = n.credNames.map((name, i) => {
            env[`CRED_PW_${i}`] = v.creds[i].pw;
            return { name, username: v.creds[i].user, password: `\${CRED_PW_${i}}` };
          });
          const ipacls = n.aclNames.map((name, i) => ({ name, ip_addresses: v.acls[i] }));
          const trunks = n.trunkNames.map((name, i) => {
            const t = v.trunks[i];
            const inbound = uris.length > 0 && (t.inbound || (credentials.length === 0 && ipacls.length === 0));
            const item: Item = { name, trunk_status: t.status, secure: t.secure, protect: t.protect };
            if (inbound) {
              item.trunk_direction = 'inbound';
              item.primary_uri = n.uriNames[t.a % uris.length];
              if (uris.length > 1 && t.both > 0) item.fallback_uri = n.uriNames[(t.a + 1 + (t.b % (uris.length - 1))) % uris.length];
            } else if (credentials.length + ipacls.length > 0) {
              item.trunk_direction = 'outbound';
              const useAcl = ipacls.length > 0 && (t.both !== 1 || credentials.length === 0);
              const useCred = credentials.length > 0 && (t.both !== 0 || !useAcl);
              if (useAcl) item.ipacl = n.aclNames[t.a % ipacls.length];
              if (useCred) item.credential = n.credNames[t.b % credentials.length];
            } else {
              return null; // nothing for this trunk to use
            }
            return clean(item);
          });
          const endpoints = n.epNames.map((username, i) => {
            env[`EP_PW_${i}`] = v.eps[i].pw;
            return clean({ username, alias: v.eps[i].alias, password: `\${EP_PW_${i}}`, app_id: v.eps[i].app });
          });
          const lists: Record<Key, Item[]> = {
            uris,
            credentials,
            ipacls,
            trunks: trunks.filter((t): t is Item => t !== null),
            endpoints,
          };
          for (const key of KEYS) if (lists[key].length > 0 || n.emptyKeys.includes(key)) doc[key] = lists[key];
          if (v.prune === 'declared') doc.prune = KEYS.filter((k) => k in doc);
          else if (v.prune !== undefined) doc.prune = v.prune;
          return { doc, env };
        }),
    );
}

export type Style = 'block' | 'flow' | 'double' | 'single' | 'bom-crlf' | 'markers' | 'anchors';
export const STYLES: readonly Style[] = ['block', 'flow', 'double', 'single', 'bom-crlf', 'markers', 'anchors'];

/** The document as YAML in one of several equivalent styles (all must read back the same). */
export function renderYaml(doc: Doc, style: Style = 'block'): string {
  const base = { lineWidth: 0, aliasDuplicateObjects: false } as const;
  switch (style) {
    case 'block':
      return stringify(doc, base);
    case 'flow':
      return stringify(doc, { ...base, collectionStyle: 'flow' });
    case 'double':
      return stringify(doc, { ...base, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
    case 'single':
      return stringify(doc, { ...base, defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' });
    case 'bom-crlf':
      return `\uFEFF${stringify(doc, base).replace(/\n/g, '\r\n')}`;
    case 'markers':
      return `# yaml-language-server: $schema=../schema/manifest.schema.json\n%YAML 1.2\n---\n${stringify(doc, base)}...\n`;
    case 'anchors':
      return stringify(shareRepeats(doc), { lineWidth: 0, aliasDuplicateObjects: true });
  }
}

/** The same document with equal ip_addresses lists as one shared array, which YAML writes as &anchor / *alias. */
function shareRepeats(doc: Doc): Doc {
  const copy = structuredClone(doc);
  const acls = copy.ipacls as Item[] | undefined;
  const seen = new Map<string, unknown>();
  for (const acl of acls ?? []) {
    const key = JSON.stringify(acl.ip_addresses);
    if (seen.has(key)) acl.ip_addresses = seen.get(key);
    else seen.set(key, acl.ip_addresses);
  }
  // a whole trunk entry repeated under an alias would duplicate its name, so only the lists are shared; when
  // nothing repeats, share one list with a fresh ACL made for it
  if (acls && acls.length > 0 && seen.size === acls.length) acls.push({ name: `${String(acls[0].name)}-alias-copy`, ip_addresses: acls[0].ip_addresses });
  return copy;
}

// ---------------------------------------------------------------------------------------------------------
// Single mistakes

export const MISTAKES = [
  'misspelt-key',
  'missing-required',
  'wrong-type',
  'duplicate-identity',
  'unknown-reference',
  'wrong-direction-reference',
  'bad-enum',
  'unset-variable',
  'bad-value',
  'empty-name',
  'huge-value',
  'bad-version',
  'unknown-top-key',
  'not-a-list',
  'duplicate-yaml-key',
  'second-document',
  'tab-indent',
  'unclosed-flow',
  'deep-nesting',
  'alias-bomb',
] as const;
export type Mistake = (typeof MISTAKES)[number];
/** Mistakes that cost the parser a noticeable moment each (it works through them before refusing). */
export const HEAVY_MISTAKES: readonly Mistake[] = ['deep-nesting', 'alias-bomb'];

export interface Broken {
  text: string;
  env: Record<string, string>;
  /** The path of the entry the mistake is in, when it is in one ("trunks[1]"); "" for the document. */
  at: string | null;
}

const REQUIRED: Record<Key, string[]> = {
  uris: ['name', 'uri'],
  credentials: ['name', 'username', 'password'],
  ipacls: ['name', 'ip_addresses'],
  trunks: ['name', 'trunk_direction'],
  endpoints: ['username', 'alias', 'password'],
};
const IDENTITY: Record<Key, string> = { uris: 'name', credentials: 'name', ipacls: 'name', trunks: 'name', endpoints: 'username' };

function misspell(key: string, r: number): string {
  const i = r % key.length;
  switch (r % 3) {
    case 0:
      return key.slice(0, i) + key.slice(i + 1) || `${key}x`;
    case 1:
      return `${key.slice(0, i)}x${key.slice(i)}`;
    default:
      return i + 1 < key.length && key[i] !== key[i + 1] ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : `${key}_`;
  }
}

/** Picks one entry of the lists present: [key, index]; null when the manifest has none. */
function pickEntry(doc: Doc, r: number, only?: Key[]): [Key, number] | null {
  const all: [Key, number][] = [];
  for (const key of only ?? KEYS) {
    const list = doc[key];
    if (Array.isArray(list)) list.forEach((_, i) => all.push([key, i]));
  }
  return all.length === 0 ? null : all[r % all.length];
}

/**
 * The generated manifest with one mistake, written in block style; null when this manifest has nothing the
 * mistake applies to (the property then skips it).
 */
export function applyMistake(gen: Generated, mistake: Mistake, r1: number, r2: number): Broken | null {
  const doc = structuredClone(gen.doc);
  const env = { ...gen.env };
  const entry = (only?: Key[]) => pickEntry(doc, r1, only);
  const item = ([key, i]: [Key, number]) => (doc[key] as Item[])[i];
  const text = () => renderYaml(doc);
  const done = (at: string | null): Broken => ({ text: text(), env, at });

  switch (mistake) {
    case 'misspelt-key': {
      const e = entry();
      if (!e) return null;
      const it = item(e);
      const keys = Object.keys(it);
      const k = keys[r2 % keys.length];
      const wrong = misspell(k, r2);
      if (wrong in it) return null;
      const renamed = Object.fromEntries(Object.entries(it).map(([key, v]) => [key === k ? wrong : key, v]));
      (doc[e[0]] as Item[])[e[1]] = renamed;
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'missing-required': {
      const e = entry();
      if (!e) return null;
      const field = REQUIRED[e[0]][r2 % REQUIRED[e[0]].length];
      delete item(e)[field];
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'wrong-type': {
      const e = entry();
      if (!e) return null;
      const it = item(e);
      const keys = Object.keys(it);
      const k = keys[r2 % keys.length];
      const v = it[k];
      it[k] = typeof v === 'string' ? [42, true, ['x'], { a: 1 }][r2 % 4] : typeof v === 'boolean' ? ['yes', 1, null][r2 % 3] : typeof v === 'number' ? 'one' : 17;
      // a null is allowed for trunk references and app_id: that is no mistake
      if (it[k] === null && (k.endsWith('uri') || k === 'ipacl' || k === 'credential' || k === 'app_id')) return null;
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'duplicate-identity': {
      const e = entry();
      if (!e) return null;
      const list = doc[e[0]] as Item[];
      const id = IDENTITY[e[0]];
      if (list.length === 1) {
        list.push(structuredClone(list[0]));
        return done(`${e[0]}[1]`);
      }
      const j = (e[1] + 1 + (r2 % (list.length - 1))) % list.length;
      list[Math.max(j, e[1])][id] = list[Math.min(j, e[1])][id];
      return done(`${e[0]}[${Math.max(j, e[1])}]`);
    }
    case 'unknown-reference': {
      const e = entry(['trunks']);
      if (!e) return null;
      const it = item(e);
      const field = it.trunk_direction === 'inbound' ? 'primary_uri' : it.ipacl !== undefined ? 'ipacl' : 'credential';
      it[field] = `no-such-${field}-${r2}`;
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'wrong-direction-reference': {
      const e = entry(['trunks']);
      if (!e) return null;
      const it = item(e);
      if (it.trunk_direction === 'inbound') it.credential = 'anything';
      else it.primary_uri = 'anything';
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'bad-enum': {
      const e = entry(['trunks']);
      if (!e) return null;
      const it = item(e);
      if (r2 % 2 === 0) it.trunk_direction = ['inbond', 'Inbound', 'both', ''][r2 % 4];
      else it.trunk_status = ['enable', 'on', 'ENABLED', 'true'][r2 % 4];
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'unset-variable': {
      const e = entry(['uris', 'credentials', 'endpoints', 'trunks', 'ipacls']);
      if (!e) return null;
      const it = item(e);
      const field = 'password' in it ? 'password' : e[0] === 'ipacls' ? 'name' : IDENTITY[e[0]];
      it[field] = `\${UNSET_VARIABLE_${r2}}`;
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'bad-value': {
      const e = entry(['uris', 'credentials', 'ipacls', 'endpoints']);
      if (!e) return null;
      const it = item(e);
      const bad: Record<string, [string, unknown][]> = {
        uris: [['uri', 'sip:'], ['uri', 'not a host'], ['uri', 'example.com:99999'], ['username', 'has space']],
        credentials: [['username', 'abc'], ['username', 'user-name']],
        ipacls: [['ip_addresses', ['300.1.2.3']], ['ip_addresses', ['10.0.0.1/33']], ['ip_addresses', ['10.0.0.1', '10.0.0.1']]],
        endpoints: [['username', '9lives'], ['username', 'has_underscore'], ['alias', 'a@b'], ['alias', ' lead'], ['username', 'x'.repeat(26)]],
      };
      const options = bad[e[0]];
      const [field, value] = options[r2 % options.length];
      it[field] = value;
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'empty-name': {
      const e = entry(['uris', 'credentials', 'ipacls', 'trunks']);
      if (!e) return null;
      item(e).name = '';
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'huge-value': {
      const e = entry(['trunks', 'endpoints']);
      if (!e) return null;
      const field = e[0] === 'trunks' ? 'trunk_direction' : 'username';
      item(e)[field] = 'x'.repeat(200_000);
      return done(`${e[0]}[${e[1]}]`);
    }
    case 'bad-version':
      if (r2 % 3 === 0) delete doc.version;
      else doc.version = r2 % 3 === 1 ? 2 : '1';
      return done('');
    case 'unknown-top-key':
      doc[misspell(KEYS[r2 % KEYS.length], r1)] = [];
      return done('');
    case 'not-a-list': {
      const key = KEYS[r2 % KEYS.length];
      doc[key] = r1 % 2 === 0 ? { name: 'x' } : 'x';
      return done('');
    }
    case 'duplicate-yaml-key':
      return { text: `${text()}version: 1\n`, env, at: null };
    case 'second-document':
      return { text: `${text()}---\nversion: 1\n`, env, at: null };
    case 'tab-indent': {
      const lines = text().split('\n');
      const indented = lines.map((l, i) => (/^ {2}\S/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (indented.length === 0) return null;
      const at = indented[r2 % indented.length];
      lines[at] = `\t${lines[at].slice(2)}`;
      return { text: lines.join('\n'), env, at: null };
    }
    case 'unclosed-flow':
      return { text: `${text()}uris: [${r2 % 2 === 0 ? '{name: a' : '1, 2'}\n`, env, at: null };
    case 'deep-nesting': {
      const depth = 2000 + (r2 % 20_000);
      const nested = r1 % 2 === 0 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
      return { text: `${text()}extra: ${nested}\n`, env, at: null };
    }
    case 'alias-bomb': {
      const rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
      for (let i = 1; i < 9; i++) rows.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
      return { text: `${text()}${rows.join('\n')}\n`, env, at: null };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Arbitrary text

/** Tokens that YAML parsers find hard, joined at random: anchors, tags, indicators, tabs, BOMs, quotes. */
const TOKENS = [
  'version', ':', ' ', '  ', '\t', '\n', '\r\n', '-', '- ', '[', ']', '{', '}', ',', '?', '&a ', '*a', '*b', '!!str ', '!!binary ',
  '!custom ', '|', '>', '#', '"', "'", '\\', '%YAML 1.2', '---', '...', '\uFEFF', '1', '1.0', 'null', '~', 'true', 'yes', '0x1F',
  'uris', 'trunks', 'endpoints', 'name', 'username', '${', '}', '${X}', '$${', 'é', '😀', '\u0000', '\u202E', '<<', '@', '`',
];

export const yamlSoup: fc.Arbitrary<string> = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(''));

/** Any value at all, as a top-level document or in place of one field of a valid manifest. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: false, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false }));
