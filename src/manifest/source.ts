// YAML text → a plain value plus a path → position index, in one pass over the parsed document; refuses
// duplicate keys, multiple documents and alias expansion beyond a fixed budget.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

/** Values that alias expansion may produce in all, so that a small file cannot expand into a huge one. */
export const MAX_ALIAS_VALUES = 100_000;
/** Nesting deeper than any manifest needs; guards the recursion below. */
export const MAX_DEPTH = 64;

/** Which part of an entry a diagnostic points at: its key, its value, or its sequence item's "-". */
export type Anchor = 'key' | 'value' | 'item';

interface Place {
  key?: number;
  value?: number;
  valueEnd?: number;
  item?: number;
}

/** Offsets of the nodes at each path ("trunks[1].primary_uri"), for pointing diagnostics at the text. */
export class Locator {
  constructor(
    readonly text: string,
    private readonly places: Map<string, Place>,
    private readonly lines: LineCounter,
  ) {}

  /** The offset of `at` for `path`; a path without a node of its own (inside an alias) uses its nearest ancestor. */
  offset(path: string, at: Anchor): number {
    for (let p: string | null = path; p !== null; p = parentPath(p)) {
      const place = this.places.get(p);
      if (!place) continue;
      const exact = at === 'key' ? place.key : at === 'item' ? place.item : place.value;
      const found = p === path ? exact ?? place.value ?? place.key : place.item ?? place.value;
      if (found !== undefined) return found;
    }
    return 0;
  }

  /** [start, end) of the value's source text, when the value has a node of its own. */
  valueSpan(path: string): [number, number] | undefined {
    const place = this.places.get(path);
    return place?.value !== undefined && place.valueEnd !== undefined ? [place.value, place.valueEnd] : undefined;
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

/** "a.b[2]" → "a.b"; "a" → ""; "" → null. */
export function parentPath(path: string): string | null {
  if (path === '') return null;
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut < 0 ? '' : path.slice(0, cut);
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export interface SourceProblem {
  offset: number;
  path: string;
  message: string;
}

export interface ParsedSource {
  value: unknown;
  locator: Locator;
  problems: SourceProblem[];
  /** The value cannot be trusted (syntax errors, a refused expansion): check nothing further. */
  fatal: boolean;
}

export function parseSource(text: string): ParsedSource {
  const lines = new LineCounter();
  const places = new Map<string, Place>();
  const locator = new Locator(text, places, lines);
  const problems: SourceProblem[] = [];
  let doc: Document.Parsed;
  try {
    // Duplicate keys are found below, where the first occurrence's line is at hand for the message.
    doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // The parser recurses; absurd nesting exhausts the stack before it can report anything.
    problems.push({ offset: 0, path: '', message: `invalid YAML: ${e instanceof RangeError ? 'nested too deeply' : String(e)}` });
    return { value: null, locator, problems, fatal: true };
  }
  // After one syntax error the parser often reports its consequences on the same line: keep the first per line.
  const linesWithError = new Set<number>();
  for (const e of doc.errors) {
    const { line } = lines.linePos(e.pos[0]);
    if (linesWithError.has(line)) continue;
    linesWithError.add(line);
    problems.push({ offset: e.pos[0], path: '', message: describeYamlError(e.code, e.message) });
  }
  if (problems.length > 0) return { value: null, locator, problems, fatal: true };

  const builder = new ValueBuilder(doc, places, lines, problems);
  try {
    const value = builder.build(doc.contents, '', 0, null);
    return { value, locator, problems, fatal: false };
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    problems.push({ offset: e.offset, path: e.path, message: e.message });
    return { value: null, locator, problems, fatal: true };
  }
}

function describeYamlError(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'only one YAML document is allowed; remove the second "---" and what follows';
  if (code === 'TAB_AS_INDENT') return 'tabs are not allowed as indentation; indent with spaces';
  const first = message.split('\n')[0];
  return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

interface AliasUse {
  offset: number;
  path: string;
}

/** Thrown inside the walk to stop it: the document cannot be turned into a value. */
class Refusal extends Error {
  readonly offset: number;
  readonly path: string;

  constructor(message: string, at: AliasUse) {
    super(message);
    this.offset = at.offset;
    this.path = at.path;
  }
}

class ValueBuilder {
  private aliasValues = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly places: Map<string, Place>,
    private readonly lines: LineCounter,
    private readonly problems: SourceProblem[],
  ) {}

  /**
   * `alias`: the outermost alias being expanded, if any. Nodes inside it have no place of their own (diagnostics
   * point at the alias), count against the budget, and a refusal names the alias rather than the anchor.
   */
  build(node: Node | null | undefined, path: string, depth: number, alias: AliasUse | null): unknown {
    if (node === null || node === undefined) return null;
    // Parsed nodes always carry a range; the type allows none for nodes built in code.
    const [start, end] = node.range ?? [0, 0];
    const blame = alias ?? { offset: start, path };
    if (depth > MAX_DEPTH) throw new Refusal(`nested more than ${MAX_DEPTH} levels deep`, blame);
    if (alias && ++this.aliasValues > MAX_ALIAS_VALUES) {
      throw new Refusal(`aliases expand to more than ${MAX_ALIAS_VALUES} values; refusing the file`, blame);
    }
    if (!alias) this.places.set(path, { ...this.places.get(path), value: start, valueEnd: end });

    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new Refusal(`alias *${node.source} has no anchor`, blame);
      return this.build(target, path, depth + 1, blame);
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      const dashes = alias ? undefined : dashOffsets(node);
      return node.items.map((item, i) => {
        const itemPath = childPath(path, i);
        const dash = dashes?.[i];
        if (dash !== undefined) this.places.set(itemPath, { item: dash });
        return this.build(item as Node | null, itemPath, depth + 1, alias);
      });
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const firstAt = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyStart = keyNode?.range?.[0] ?? start;
        if (!isScalar(keyNode) || (typeof keyNode.value === 'object' && keyNode.value !== null)) {
          throw new Refusal('keys must be plain words such as "name"', alias ?? { offset: keyStart, path });
        }
        const key = String(keyNode.value);
        const keyPath = childPath(path, key);
        const first = firstAt.get(key);
        if (first !== undefined) {
          // Inside an alias the anchor's own copy has already been reported.
          if (!alias) {
            const { line } = this.lines.linePos(first);
            this.problems.push({ offset: keyStart, path: keyPath, message: `duplicate key "${key}" (first at line ${line})` });
          }
          continue; // the first occurrence stands, so later checks see one consistent value
        }
        firstAt.set(key, keyStart);
        if (!alias) this.places.set(keyPath, { key: keyStart });
        out[key] = this.build(pair.value as Node | null, keyPath, depth + 1, alias);
      }
      return out;
    }
    throw new Refusal('unsupported YAML node', blame);
  }
}

/** The offset of each block sequence item's "-" (flow sequences have none: their items' own starts are used). */
function dashOffsets(seq: Node): (number | undefined)[] | undefined {
  const token = seq.srcToken;
  if (!token || token.type !== 'block-seq') return undefined;
  return token.items.map((item) => item.start.find((t) => t.type === 'seq-item-ind')?.offset);
}
