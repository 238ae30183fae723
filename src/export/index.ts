// Live state → a manifest that recreates it: names for references, ${VAR} placeholders for passwords,
// defaults left out, sorted and deterministic. Pure: no I/O, clock or environment.
import { RefusedError } from '../errors.js';
import {
  KINDS,
  KIND_TRAITS,
  MANIFEST_KEYS,
  type Kind,
  type Live,
  type LiveEndpoint,
  type LiveNumber,
  type LiveState,
  type LiveTrunk,
  type LiveUri,
  type LiveCredential,
  type LiveIpacl,
} from '../model.js';
import { renderManifestText, type ManifestItem, type ManifestSection } from './document.js';
import { nameLiveState, type NamedObject, type Rename } from './names.js';
import { createVariableAllocator } from './variables.js';

export interface ExportOptions {
  /**
   * Kinds to write; default all. What written objects refer to is written even when its kind is not: a trunk's
   * uris, credential and ACL, a number's trunk.
   */
  kinds?: Kind[];
  /** Prefix rewrite applied to names (and endpoint usernames) and therefore to every reference to them. */
  rename?: Rename;
  /** The source account for the header comment, e.g. "account MA… at https://api.plivo.com". */
  source: string;
  toolVersion: string;
  /** Leave endpoints' app_id out (for cloning into an account where those applications do not exist). */
  dropAppIds?: boolean;
  /** What the modeline points editors at; default the schema shipped in this version's npm package. */
  schemaUrl?: string;
}

export interface ExportResult {
  /** The YAML manifest. */
  text: string;
  /** ${VAR}s to set, e.g. {name: 'URI_PRIMARY_PBX_PASSWORD', for: 'uri primary-pbx'}. */
  variables: Array<{ name: string; for: string }>;
  /** Objects without a name, written under their `<kind>-<id>` identity. */
  unnamed: Array<{ kind: Kind; id: string; written_as: string }>;
  /** Objects of kinds not asked for, written because an exported trunk uses them. */
  included: Array<{ kind: Kind; id: string; written_as: string }>;
  /** Objects left out because no manifest entry can match them (an endpoint username without the suffix). */
  skipped: Array<{ kind: Kind; id: string; reason: string }>;
  /** Objects left out, counted per kind, because what they must refer to is not exported (numbers routed to no trunk). */
  omitted: Array<{ kind: Kind; count: number; reason: string }>;
  /** With a rename: written objects whose identity the rename did not change, per kind. */
  unrenamed: Partial<Record<Kind, number>>;
}

interface Reference {
  /** The manifest field. */
  field: string;
  kind: Kind;
  /** The live id the reference holds (null: none). */
  id: (l: Live) => string | null;
  /**
   * Set when the manifest field is required: an object whose reference does not lead to an exported object is
   * left out and counted, for this reason. Otherwise such a reference refuses the export (the account changed).
   */
  omitWhy?: string;
}

/** What each kind refers to, and the live field holding each reference. */
const REFERENCES: Partial<Record<Kind, readonly Reference[]>> = {
  trunk: [
    { field: 'primary_uri', kind: 'uri', id: (t) => (t as LiveTrunk).primary_uri_id },
    { field: 'fallback_uri', kind: 'uri', id: (t) => (t as LiveTrunk).fallback_uri_id },
    { field: 'ipacl', kind: 'ipacl', id: (t) => (t as LiveTrunk).ipacl_id },
    { field: 'credential', kind: 'credential', id: (t) => (t as LiveTrunk).credential_id },
  ],
  // plivo-sync routes numbers to trunks only; a number linked to an Application (or to nothing) is not its to manage.
  number: [{ field: 'trunk', kind: 'trunk', id: (n) => (n as LiveNumber).trunk_id, omitWhy: 'routed to no trunk (to an application, or to nothing)' }],
};

/** The requested kinds plus every kind their objects refer to, directly or not, in KINDS order: what to read. */
export function withReferencedKinds(requested: readonly Kind[]): Kind[] {
  const needed = new Set(requested);
  // References point at kinds earlier in KINDS, so one pass from the end reaches parents of parents.
  for (const kind of [...KINDS].reverse()) {
    if (needed.has(kind)) for (const ref of REFERENCES[kind] ?? []) needed.add(ref.kind);
  }
  return KINDS.filter((k) => needed.has(k));
}

export function defaultSchemaUrl(toolVersion: string): string {
  return `https://unpkg.com/plivo-sync@${toolVersion}/schema/manifest.schema.json`;
}

/**
 * Writes `live` as a manifest. `live` must hold every kind of withReferencedKinds(kinds). Throws RefusedError
 * when names collide within a kind or a trunk refers to an object the live state does not hold.
 */
export function exportManifest(live: LiveState, opts: ExportOptions): ExportResult {
  const requested = KINDS.filter((k) => (opts.kinds ?? KINDS).includes(k));
  const needed = withReferencedKinds(requested);
  const { named, unmatchable } = nameLiveState(live, needed, opts.rename);
  const nameById = new Map<Kind, Map<string, string>>(
    needed.map((k) => [k, new Map(named.get(k)!.map((n) => [n.live.id, n.name]))]),
  );
  const { written, omitted } = chooseWritten(needed, requested, named, nameById);

  const nextVariable = createVariableAllocator();
  const result: ExportResult = { text: '', variables: [], unnamed: [], included: [], skipped: [], omitted, unrenamed: {} };
  for (const l of unmatchable) {
    result.skipped.push({
      kind: l.kind,
      id: l.id,
      reason: `username "${(l as LiveEndpoint).username}" lacks the 12-digit suffix Plivo adds, so no manifest entry can match it`,
    });
  }
  const secret = (kind: Kind, name: string): string => {
    const variable = nextVariable(kind, name);
    result.variables.push({ name: variable, for: `${kind} ${name}` });
    return `\${${variable}}`;
  };

  const sections: ManifestSection[] = [];
  for (const kind of needed) {
    const objects = written.get(kind)!;
    const isIncluded = !requested.includes(kind);
    if (isIncluded && objects.length === 0) continue;
    // An empty list only matters as prune's scope, and a kind that is never deleted has none.
    if (objects.length === 0 && !KIND_TRAITS[kind].deletable) continue;
    const items = objects.map((n): ManifestItem => {
      if (n.unnamed) result.unnamed.push({ kind, id: n.live.id, written_as: n.name });
      if (isIncluded) result.included.push({ kind, id: n.live.id, written_as: n.name });
      if (opts.rename && n.renamedFrom === undefined) result.unrenamed[kind] = (result.unrenamed[kind] ?? 0) + 1;
      return {
        fields: escapeLiterals(writeFields(n, nameById, secret, opts.dropAppIds ?? false)),
        comment: n.unnamed ? `unnamed in the source account (id ${n.live.id})` : undefined,
      };
    });
    sections.push({ key: MANIFEST_KEYS[kind], comment: sectionComment(kind, objects, isIncluded, opts), items });
  }

  result.text = renderManifestText(header(requested, opts), sections);
  return result;
}

/**
 * The objects to write per kind: every named one of a requested kind, and of the other needed kinds only those
 * that written objects refer to, so that every reference resolves. Kinds are decided from the last (numbers) to
 * the first, so each is known before the kinds it refers to. An object whose required reference leads nowhere
 * is left out and counted; any other reference to an object the account did not list refuses the export.
 */
function chooseWritten(
  needed: readonly Kind[],
  requested: readonly Kind[],
  named: Map<Kind, NamedObject[]>,
  nameById: Map<Kind, Map<string, string>>,
): { written: Map<Kind, NamedObject[]>; omitted: ExportResult['omitted'] } {
  const used = new Map<Kind, Set<string>>(KINDS.map((k) => [k, new Set<string>()]));
  const written = new Map<Kind, NamedObject[]>();
  const omitted: ExportResult['omitted'] = [];
  const dangling: string[] = [];
  for (const kind of [...needed].reverse()) {
    const candidates = requested.includes(kind) ? named.get(kind)! : named.get(kind)!.filter((n) => used.get(kind)!.has(n.live.id));
    const refs = REFERENCES[kind] ?? [];
    const left = new Map<string, number>();
    const kept = candidates.filter((n) => {
      const missing = refs.find((ref) => ref.omitWhy !== undefined && !nameById.get(ref.kind)?.has(ref.id(n.live) ?? ''));
      if (missing) left.set(missing.omitWhy!, (left.get(missing.omitWhy!) ?? 0) + 1);
      return missing === undefined;
    });
    for (const n of kept) {
      for (const ref of refs) {
        const id = ref.id(n.live);
        if (id === null || id === '') continue;
        if (nameById.get(ref.kind)?.has(id)) used.get(ref.kind)!.add(id);
        else dangling.push(`  ${kind} "${n.name}" (id ${n.live.id}): ${ref.field} ${id}`);
      }
    }
    for (const [reason, count] of left) omitted.push({ kind, count, reason });
    written.set(kind, kept);
  }
  if (dangling.length > 0) {
    throw new RefusedError(
      `cannot export: trunks refer to objects the account did not list:\n${dangling.join('\n')}`,
      'The account probably changed while it was read; export again.',
    );
  }
  omitted.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  return { written, omitted };
}

/** The manifest fields of one object, defaults left out (they are what the manifest assumes). */
function writeFields(
  n: NamedObject,
  nameById: Map<Kind, Map<string, string>>,
  secret: (kind: Kind, name: string) => string,
  dropAppIds: boolean,
): ManifestItem['fields'] {
  const l = n.live;
  switch (l.kind) {
    case 'uri':
      return writeUri(l, n.name, secret);
    case 'credential':
      return writeCredential(l, n.name, secret);
    case 'ipacl':
      return writeIpacl(l, n.name);
    case 'trunk':
      return writeTrunk(l, n.name, nameById);
    case 'endpoint':
      return writeEndpoint(l, n.name, secret, dropAppIds);
    case 'number':
      // chooseWritten keeps only numbers routed to a trunk that is written.
      return { number: n.name, trunk: nameById.get('trunk')!.get(l.trunk_id!)! };
  }
}

/**
 * The manifest reads `${` in any string as a variable and `$${` as a literal `${`: escape what came from the
 * account so that it reads back unchanged. Passwords are the placeholders this module wrote, left as they are.
 */
function escapeLiterals(fields: ManifestItem['fields']): ManifestItem['fields'] {
  // A function replacement: in a replacement string `$$` itself means `$`.
  const escape = (s: string) => s.replaceAll('${', () => '$${');
  const out: ManifestItem['fields'] = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'password' || typeof value === 'boolean') out[key] = value;
    else out[key] = typeof value === 'string' ? escape(value) : value.map(escape);
  }
  return out;
}

function writeUri(l: LiveUri, name: string, secret: (kind: Kind, name: string) => string): ManifestItem['fields'] {
  const f: ManifestItem['fields'] = { name, uri: l.uri };
  if (l.authentication_needed) f.authentication_needed = true;
  if (l.username !== null && l.username !== '') f.username = l.username;
  if (l.authentication_needed) f.password = secret('uri', name);
  return f;
}

function writeCredential(l: LiveCredential, name: string, secret: (kind: Kind, name: string) => string): ManifestItem['fields'] {
  return { name, username: l.username, password: secret('credential', name) };
}

function writeIpacl(l: LiveIpacl, name: string): ManifestItem['fields'] {
  // The API's order is kept: it is what the account holds, and it is stable between reads.
  return { name, ip_addresses: [...l.ip_addresses] };
}

function writeTrunk(l: LiveTrunk, name: string, nameById: Map<Kind, Map<string, string>>): ManifestItem['fields'] {
  const f: ManifestItem['fields'] = { name, trunk_direction: l.trunk_direction };
  if (l.trunk_status !== 'enabled') f.trunk_status = l.trunk_status;
  if (l.secure) f.secure = true;
  for (const ref of REFERENCES.trunk!) {
    const id = ref.id(l);
    if (id !== null && id !== '') f[ref.field] = nameById.get(ref.kind)!.get(id)!;
  }
  return f;
}

function writeEndpoint(
  l: LiveEndpoint,
  name: string,
  secret: (kind: Kind, name: string) => string,
  dropAppIds: boolean,
): ManifestItem['fields'] {
  const f: ManifestItem['fields'] = { username: name, alias: l.alias, password: secret('endpoint', name) };
  if (!dropAppIds && l.app_id !== null && l.app_id !== '') f.app_id = l.app_id;
  return f;
}

function sectionComment(kind: Kind, objects: NamedObject[], isIncluded: boolean, opts: ExportOptions): string[] {
  const lines: string[] = [];
  if (isIncluded) {
    const users = kind === 'trunk' ? 'the exported numbers route to' : 'the exported trunks use';
    lines.push(`Only the ${MANIFEST_KEYS[kind]} ${users} (${MANIFEST_KEYS[kind]} were not asked for), so that`);
    lines.push(`every reference resolves. Note: a bare --prune also covers ${MANIFEST_KEYS[kind]} now that this key is here.`);
  }
  if (kind === 'endpoint') {
    if (opts.dropAppIds) {
      lines.push('app_id left out on purpose: applying leaves the application attached to each endpoint alone.');
    } else if (objects.some((n) => (n.live as LiveEndpoint).app_id)) {
      lines.push('app_id: the application attached in the source account. Applications are managed outside');
      lines.push('plivo-sync; another account will not have these ids: export with --drop-app-ids to leave them');
      lines.push('out (an absent app_id leaves the attached application alone).');
    }
  }
  return lines;
}

function header(requested: Kind[], opts: ExportOptions): string[] {
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
  const lines = [
    `yaml-language-server: $schema=${opts.schemaUrl ?? defaultSchemaUrl(opts.toolVersion)}`,
    `Exported from ${oneLine(opts.source)} by plivo-sync ${oneLine(opts.toolVersion)}.`,
  ];
  if (requested.length < KINDS.length) lines.push(`Kinds: ${requested.map((k) => MANIFEST_KEYS[k]).join(', ')}.`);
  if (opts.rename) lines.push(`Names rewritten: prefix "${oneLine(opts.rename.from)}" → "${oneLine(opts.rename.to)}".`);
  lines.push('Passwords cannot be read back: each is an environment variable placeholder to set before plan or');
  lines.push('apply; identities are names (endpoints: usernames without the 12-digit suffix Plivo adds).');
  return lines;
}
