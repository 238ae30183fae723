// The checks a JSON Schema cannot express: unique identities, references by name, trunk direction rules (of a
// trunk's own references, and of the trunk a number routes to), and the per-kind value rules of the Plivo API. Values are checked after ${VAR} interpolation and never printed
// when they are secrets or came from the environment.
import { DELETABLE_KINDS, KINDS, MANIFEST_KEYS, type Kind } from '../model.js';
import { checkIpEntry, checkSipTarget } from './address.js';
import type { Report } from './report.js';
import { childPath } from './source.js';
import { suggest } from './suggestion.js';

type Item = Record<string, unknown>;

interface Entry {
  path: string;
  item: Item;
}

const IDENTITY: Record<Kind, string> = {
  uri: 'name',
  credential: 'name',
  ipacl: 'name',
  trunk: 'name',
  endpoint: 'username',
  number: 'number',
};

const CREDENTIAL_SPECIALS = '~!@#$%^&*()_+';
const CREDENTIAL_PASSWORD = /^[A-Za-z0-9~!@#$%^&*()_+]{5,20}$/;
const ENDPOINT_USERNAME = /^[A-Za-z][A-Za-z0-9]{0,24}$/;
// Words of the documented characters separated by single spaces: Plivo's own SDK examples create aliases
// such as "Test Account", so live accounts hold them and an export must validate. Leading, trailing and doubled
// spaces are refused because they are invisible in review.
const ALIAS = /^[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*$/;
// Application ids are numeric in every example; the emulator accepts the usual id characters.
const APP_ID = /^[A-Za-z0-9_-]+$/;
// URI authentication is undocumented beyond "required": printable ASCII without spaces (digest auth puts the
// username in a quoted header), username 1-64 and password 5-64 characters.
const URI_USERNAME = /^[\x21-\x7e]{1,64}$/;
const URI_PASSWORD = /^[\x21-\x7e]{5,64}$/;
// E.164 allows at most 15 digits and no leading 0 (the country code); the shortest national numbers in use
// have 8 digits with their country code. The API wants the digits without "+".
const E164_DIGITS = /^[1-9][0-9]{7,14}$/;

type Guess = (name: string, kind: Kind) => string | undefined;

function text(item: Item, field: string): string | undefined {
  const value = item[field];
  return typeof value === 'string' ? value : undefined;
}

function entriesOf(doc: Item, kind: Kind): Entry[] {
  const list = doc[MANIFEST_KEYS[kind]];
  if (!Array.isArray(list)) return [];
  const out: Entry[] = [];
  list.forEach((item, i) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      out.push({ path: childPath(MANIFEST_KEYS[kind], i), item: item as Item });
    }
  });
  return out;
}

/** Reports every problem; returns the passwords written literally, which are secrets like ${VAR} values. */
export function checkRules(doc: Item, report: Report): string[] {
  const entries = Object.fromEntries(KINDS.map((k) => [k, entriesOf(doc, k)])) as Record<Kind, Entry[]>;
  checkPrune(doc, report);
  const names = Object.fromEntries(KINDS.map((k) => [k, indexIdentities(k, entries[k], report)])) as Record<Kind, Set<string>>;
  for (const e of entries.uri) checkUri(e, report);
  for (const e of entries.credential) checkCredential(e, report);
  for (const e of entries.ipacl) checkIpacl(e, report);
  // Suggestions cost a comparison with every name of the kind; past a few dozen unknown references the cause is
  // systemic (a missing list), and suggesting more would make a large manifest quadratic.
  let suggestions = 50;
  const guess = (name: string, kind: Kind) => (suggestions-- > 0 ? suggest(name, [...names[kind]]) : undefined);
  for (const e of entries.trunk) checkTrunk(e, names, guess, report);
  for (const e of entries.endpoint) checkEndpoint(e, report);
  const directions = new Map(entries.trunk.map(({ item }) => [text(item, 'name'), item.trunk_direction]));
  for (const e of entries.number) checkNumber(e, names, directions, guess, report);
  return KINDS.flatMap((k) => entries[k]).flatMap((e) => warnLiteralPassword(e, report));
}

/** Pruning a kind the manifest does not list would delete every live object of it: the key must be written. */
function checkPrune(doc: Item, report: Report): void {
  if (!Array.isArray(doc.prune)) return;
  const prunable = DELETABLE_KINDS.map((k) => MANIFEST_KEYS[k]);
  doc.prune.forEach((key, i) => {
    if (typeof key === 'string' && prunable.includes(key) && !(key in doc)) {
      report.error(childPath('prune', i), 'value',
        `prune lists "${key}" but the manifest has no "${key}:" list; write "${key}: []" to delete every live one`);
    }
  });
}

function indexIdentities(kind: Kind, entries: Entry[], report: Report): Set<string> {
  const field = IDENTITY[kind];
  const first = new Map<string, string>();
  for (const { path, item } of entries) {
    const name = text(item, field);
    if (name === undefined) continue;
    const fieldPath = childPath(path, field);
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, fieldPath);
      continue;
    }
    const shown = report.isInterpolated(fieldPath) ? '' : ` "${name}"`;
    const line = report.locator.position(report.locator.offset(earlier, 'value')).line;
    const what = field === kind ? kind : `${kind} ${field}`;
    report.error(fieldPath, 'value', `duplicate ${what}${shown}: already used at line ${line}`);
  }
  return new Set(first.keys());
}

function checkUri({ path, item }: Entry, report: Report): void {
  const target = text(item, 'uri');
  const reason = target === undefined ? null : checkSipTarget(target);
  if (reason) report.error(childPath(path, 'uri'), 'value', `uri ${reason}`);
  if (item.authentication_needed === true) {
    for (const field of ['username', 'password']) {
      if (item[field] === undefined) report.error(path, 'item', `authentication_needed is true but ${field} is missing`);
    }
  }
  const username = text(item, 'username');
  if (username !== undefined && !URI_USERNAME.test(username)) {
    report.error(childPath(path, 'username'), 'value', 'username must be 1-64 printable characters without spaces');
  }
  const password = text(item, 'password');
  if (password !== undefined && !URI_PASSWORD.test(password)) {
    report.error(childPath(path, 'password'), 'value', 'password must be 5-64 printable characters without spaces');
  }
}

function checkCredential({ path, item }: Entry, report: Report): void {
  const username = text(item, 'username');
  if (username !== undefined && !/^[A-Za-z0-9]{5,20}$/.test(username)) {
    report.error(childPath(path, 'username'), 'value', 'username must be 5-20 letters and digits');
  }
  const password = text(item, 'password');
  if (password === undefined) return;
  const at = childPath(path, 'password');
  if (!CREDENTIAL_PASSWORD.test(password)) {
    report.error(at, 'value', `password must be 5-20 characters from letters, digits and ${CREDENTIAL_SPECIALS}`);
  } else if (![...password].some((c) => CREDENTIAL_SPECIALS.includes(c))) {
    report.error(at, 'value', `password needs at least one of ${CREDENTIAL_SPECIALS}`);
  }
}

function checkIpacl({ path, item }: Entry, report: Report): void {
  if (!Array.isArray(item.ip_addresses)) return;
  const first = new Map<string, number>();
  item.ip_addresses.forEach((address, i) => {
    if (typeof address !== 'string') return;
    const at = childPath(childPath(path, 'ip_addresses'), i);
    const literal = !report.isInterpolated(at);
    const shown = literal ? `"${address}"` : 'address';
    const problem = checkIpEntry(address);
    if (problem) {
      // The network it meant is derived from the address: shown only for addresses written literally.
      const hint = literal && problem.network ? `; did you mean ${problem.network}?` : '';
      const message = `${shown} ${problem.reason}${hint}`;
      if (problem.severity === 'error') report.error(at, 'value', message);
      else report.warn(at, 'value', message);
    }
    const earlier = first.get(address);
    if (earlier !== undefined) report.error(at, 'value', `${shown} is already listed (ip_addresses[${earlier}])`);
    else first.set(address, i);
  });
}

const TRUNK_REFERENCES: { field: string; kind: Kind; direction: 'inbound' | 'outbound' }[] = [
  { field: 'primary_uri', kind: 'uri', direction: 'inbound' },
  { field: 'fallback_uri', kind: 'uri', direction: 'inbound' },
  { field: 'ipacl', kind: 'ipacl', direction: 'outbound' },
  { field: 'credential', kind: 'credential', direction: 'outbound' },
];

/** Whether the name at `at` is a `kind` in this manifest; if not, says so with the likeliest intended name. */
function checkReference(at: string, name: string, kind: Kind, names: Record<Kind, Set<string>>, guess: Guess, report: Report): boolean {
  if (names[kind].has(name)) return true;
  if (report.isInterpolated(at)) {
    report.error(at, 'value', `no ${kind} with that name in this manifest`);
    return false;
  }
  const other = KINDS.find((k) => k !== kind && names[k].has(name));
  const article = other === 'ipacl' || other === 'endpoint' ? 'an' : 'a';
  const likely = other ? undefined : guess(name, kind);
  const hint = other ? `; "${name}" is ${article} ${other}` : likely ? `; did you mean "${likely}"?` : '';
  report.error(at, 'value', `no ${kind} named "${name}" in this manifest${hint}`);
  return false;
}

function checkTrunk({ path, item }: Entry, names: Record<Kind, Set<string>>, guess: Guess, report: Report): void {
  const direction = item.trunk_direction;
  for (const { field, kind, direction: belongs } of TRUNK_REFERENCES) {
    const name = text(item, field);
    if (name === undefined) continue;
    const at = childPath(path, field);
    if ((direction === 'inbound' || direction === 'outbound') && direction !== belongs) {
      report.error(at, 'key', `${field} is for ${belongs} trunks; this trunk is ${direction}`);
      continue;
    }
    checkReference(at, name, kind, names, guess, report);
  }
  if (direction === 'inbound' && text(item, 'primary_uri') === undefined) {
    report.error(path, 'item', 'inbound trunk needs primary_uri (the name of a uri that receives its calls)');
  }
  if (direction === 'outbound' && text(item, 'ipacl') === undefined && text(item, 'credential') === undefined) {
    report.error(path, 'item', 'outbound trunk needs ipacl, credential or both (how Plivo recognises your PBX)');
  }
  const primary = text(item, 'primary_uri');
  if (primary !== undefined && primary === text(item, 'fallback_uri') && direction !== 'outbound') {
    report.error(childPath(path, 'fallback_uri'), 'value', 'fallback_uri must differ from primary_uri');
  }
}

function checkEndpoint({ path, item }: Entry, report: Report): void {
  const username = text(item, 'username');
  if (username !== undefined && !ENDPOINT_USERNAME.test(username)) {
    report.error(childPath(path, 'username'), 'value',
      'username must be 1-25 letters and digits, starting with a letter (Plivo appends 12 digits itself)');
  }
  const alias = text(item, 'alias');
  if (alias !== undefined && !ALIAS.test(alias)) {
    report.error(childPath(path, 'alias'), 'value',
      'alias may contain letters, digits, "-" and "_", in words separated by single spaces');
  }
  const appId = text(item, 'app_id');
  if (appId !== undefined && appId !== '' && !APP_ID.test(appId)) {
    report.error(childPath(path, 'app_id'), 'value', 'app_id must be an application id (letters, digits, "-" and "_")');
  }
  const password = text(item, 'password');
  if (password !== undefined && password.length < 5) {
    report.error(childPath(path, 'password'), 'value', 'password must be at least 5 characters');
  }
}

/** The number's format, and a trunk that exists in the manifest and is inbound. */
function checkNumber(
  { path, item }: Entry,
  names: Record<Kind, Set<string>>,
  directions: ReadonlyMap<string | undefined, unknown>,
  guess: Guess,
  report: Report,
): void {
  const number = text(item, 'number');
  if (number !== undefined && !E164_DIGITS.test(number)) {
    const at = childPath(path, 'number');
    const plus = number.startsWith('+') && E164_DIGITS.test(number.slice(1));
    report.error(at, 'value', plus
      ? 'number is written without "+": E.164 digits only, as the API wants them'
      : 'number must be E.164 digits without "+": 8-15 digits, the first not 0 (country code first, e.g. "14155551234")');
  }
  const trunk = text(item, 'trunk');
  if (trunk === undefined) return;
  const at = childPath(path, 'trunk');
  if (!checkReference(at, trunk, 'trunk', names, guess, report)) return;
  if (directions.get(trunk) === 'outbound') {
    const shown = report.isInterpolated(at) ? 'that trunk' : `trunk "${trunk}"`;
    report.error(at, 'value',
      `${shown} is outbound; a number needs an inbound trunk (the API accepts an outbound one, but the number then silently stops answering calls)`);
  }
}

function warnLiteralPassword({ path, item }: Entry, report: Report): string[] {
  const at = childPath(path, 'password');
  if (typeof item.password !== 'string' || report.isInterpolated(at)) return [];
  report.warn(at, 'value', 'password is written in the manifest; use ${VAR} to keep it out of the file');
  return item.password === '' ? [] : [item.password];
}
