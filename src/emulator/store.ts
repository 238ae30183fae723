// The emulator's state: stored objects per kind in creation order, the id stream, and their JSON file
// (written atomically, temp file + rename, before a change is acknowledged; read back on start).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EXIT, ExitError } from '../errors.js';
import { KINDS, type Kind } from '../model.js';
import { createPrng, type Prng } from './ids.js';

/** A stored object: its wire fields plus the kind's hidden ones (password hashes, app id). JSON only. */
export type StoredRecord = Record<string, unknown>;

export interface Store {
  /** Every object of a kind in creation order. */
  all(kind: Kind): StoredRecord[];
  get(kind: Kind, id: string): StoredRecord | undefined;
  /** Inserts, or replaces in place (an update keeps the object's position in lists). */
  put(kind: Kind, id: string, record: StoredRecord): void;
  remove(kind: Kind, id: string): void;
  /** The id stream; its state is saved with the objects so a restart never hands out an id twice. */
  ids: Prng;
  /** Writes the state file (no-op without one). Called after every change, before the answer goes out. */
  persist(): void;
}

interface StateFile {
  version: 1;
  idState: number;
  objects: Record<Kind, StoredRecord[]>;
}

const VERSION = 1;
/** Kinds added after version-1 files were first written: a file without their list is read as holding none. */
const LATER_KINDS = new Set<Kind>(['number']);

/**
 * Opens the store: loads `path` when it exists (a corrupt file throws a clear error rather than silently
 * starting empty and then overwriting it), else starts empty with the id stream at `initialIdState`.
 */
export function openStore(idFields: Record<Kind, string>, initialIdState: number, path?: string): Store {
  const maps = Object.fromEntries(KINDS.map((k) => [k, new Map<string, StoredRecord>()])) as Record<Kind, Map<string, StoredRecord>>;
  let ids = createPrng(initialIdState);
  if (path !== undefined && existsSync(path)) {
    const state = readStateFile(path, idFields);
    ids = createPrng(state.idState);
    for (const k of KINDS) for (const r of state.objects[k]) maps[k].set(r[idFields[k]] as string, r);
  }
  const store: Store = {
    all: (kind) => [...maps[kind].values()],
    get: (kind, id) => maps[kind].get(id),
    put: (kind, id, record) => void maps[kind].set(id, record),
    remove: (kind, id) => void maps[kind].delete(id),
    get ids() {
      return ids;
    },
    persist() {
      if (path === undefined) return;
      const state: StateFile = {
        version: VERSION,
        idState: ids.state(),
        objects: Object.fromEntries(KINDS.map((k) => [k, [...maps[k].values()]])) as Record<Kind, StoredRecord[]>,
      };
      writeAtomically(path, JSON.stringify(state, null, 1) + '\n');
    },
  };
  return store;
}

/** Same directory, so the rename cannot cross file systems and readers see the old file or the new one. */
function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

function corrupt(path: string, why: string): ExitError {
  return new ExitError(
    `emulator state file ${path} is not usable: ${why}`,
    EXIT.ERROR,
    'Fix or delete the file (deleting it starts the emulator empty), or pass another --state path.',
  );
}

function readStateFile(path: string, idFields: Record<Kind, string>): StateFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw corrupt(path, e instanceof SyntaxError ? `not JSON (${e.message})` : (e as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw corrupt(path, 'not a JSON object');
  const s = parsed as Partial<StateFile>;
  if (s.version !== VERSION) throw corrupt(path, `unknown version ${JSON.stringify(s.version)} (expected ${VERSION})`);
  if (typeof s.idState !== 'number' || !Number.isInteger(s.idState) || s.idState < 0) throw corrupt(path, '"idState" is not a whole number');
  if (typeof s.objects !== 'object' || s.objects === null) throw corrupt(path, '"objects" is missing');
  for (const k of KINDS) {
    const objects = s.objects as Record<string, unknown>;
    // Files written before numbers were emulated have no list of them: that account holds none.
    if (LATER_KINDS.has(k) && objects[k] === undefined) objects[k] = [];
    const list = objects[k];
    if (!Array.isArray(list)) throw corrupt(path, `"objects.${k}" is not a list`);
    const seen = new Set<string>();
    for (const [i, r] of list.entries()) {
      const id = typeof r === 'object' && r !== null ? (r as StoredRecord)[idFields[k]] : undefined;
      if (typeof id !== 'string' || id === '') throw corrupt(path, `objects.${k}[${i}] has no "${idFields[k]}"`);
      if (seen.has(id)) throw corrupt(path, `objects.${k} holds ${id} twice`);
      seen.add(id);
    }
  }
  return s as StateFile;
}
