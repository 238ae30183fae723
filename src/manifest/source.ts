// YAML text → a plain value, plus a locator that finds the source position of any path in the parsed tree;
// refuses duplicate keys, multiple documents and alias expansion beyond a fixed budget.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

/** Values that alias expansion may produce in all, so that a small file cannot expand into a huge one. */
export const MAX_ALIAS_VALUES = 100_000;
/** Nesting deeper than any manifest needs; guards the recursion below. */
export const MAX_DEPTH = 64;

/** Which part of an entry a diagnostic points at: its key, its value, or its sequence item's "-". */
export type Anchor = 'key' | 'value' | 'item';

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

function startOf(node: Node): number {
  // Parsed nodes always carry a range; the type allows none for nodes built in code.
  return node.range?.[0] ?? 0;
}

/** What a path leads to in the parsed tree: as far as the tree goes (an alias ends the walk). */
interface Found {
  node: Node | null;
  key: Node | null;
  /** The node is an item of a sequence (so it may have a "-" before it). */
  inSequence: boolean;
  /** The whole path was followed; otherwise `node` is its nearest ancestor with a node of its own. */
  exact: boolean;
}

/**
 * Finds the source offsets of paths ("trunks[1].primary_uri") by walking the parsed tree on demand: each lookup
 * costs the path's depth times the width of the mappings on the way, and nothing is built up front.
 */
export class Locator {
  constructor(
    readonly text: string,
    private readonly root: Node | null,
    private readonly lines: LineCounter,
  ) {}

  offset(path: string, at: Anchor): number {
    const { node, key, inSequence, exact } = this.find(path);
    if (!node) return key ? startOf(key) : 0;
    if (exact && at === 'key' && key) return startOf(key);
    if (exact && at === 'value') return startOf(node);
    return inSequence ? this.dashBefore(startOf(node)) : startOf(node);
  }

  /** [start, end) of the value's own source text; undefined when it has none (inside an alias). */
  valueSpan(path: string): [number, number] | undefined {
    const { node, exact } = this.find(path);
    return exact && node?.range ? [node.range[0], node.range[1]] : undefined;
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private find(path: string): Found {
    let found: Found = { node: this.root, key: null, inSequence: false, exact: true };
    let rest = path;
    while (rest !== '' && found.node) {
      const node: Node = found.node;
      let next: Found | null = null;
      if (isSeq(node)) {
        const index = /^\[(\d+)\]/.exec(rest);
        const item = index ? (node.items[Number(index[1])] as Node | null | undefined) : undefined;
        if (index && item) {
          next = { node: item, key: null, inSequence: true, exact: true };
          rest = rest.slice(index[0].length).replace(/^\./, '');
        }
      } else if (isMap(node)) {
        // The longest key that starts the rest of the path, so keys containing "." or "[" are found too; the
        // first pair with that key, as the value builder keeps the first of duplicate keys.
        let best: { key: Node; value: Node | null; length: number } | null = null;
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          if (!isScalar(key)) continue;
          const name = String(key.value);
          const follows = rest.charAt(name.length);
          if (rest.startsWith(name) && (follows === '' || follows === '.' || follows === '[') && name.length > (best?.length ?? -1)) {
            best = { key, value: pair.value as Node | null, length: name.length };
          }
        }
        if (best) {
          next = { node: best.value, key: best.key, inSequence: false, exact: true };
          rest = rest.slice(best.length).replace(/^\./, '');
        }
      }
      // No way further, e.g. at an alias: what lies beneath one is written at the alias.
      if (!next) return { ...found, exact: false };
      found = next;
    }
    return { ...found, exact: rest === '' };
  }

  /** The "-" in front of a block sequence item, if that is what precedes it; else the item's own start. */
  private dashBefore(offset: number): number {
    let i = offset - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\n' || this.text[i] === '\r')) i--;
    return i >= 0 && this.text[i] === '-' && (i === 0 || /\s/.test(this.text[i - 1])) ? i : offset;
  }
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
  const problems: SourceProblem[] = [];
  let doc: Document.Parsed;
  try {
    // Duplicate keys are found below, where the first occurrence's line is at hand for the message.
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // The parser recurses; absurd nesting exhausts the stack before it can report anything.
    const message = `invalid YAML: ${e instanceof RangeError ? 'nested too deeply' : String(e)}`;
    return { value: null, locator: new Locator(text, null, lines), problems: [{ offset: 0, path: '', message }], fatal: true };
  }
  const locator = new Locator(text, doc.contents, lines);
  // After one syntax error the parser often reports its consequences on the same line: keep the first per line.
  const linesWithError = new Set<number>();
  for (const e of doc.errors) {
    const { line } = lines.linePos(e.pos[0]);
    if (linesWithError.has(line)) continue;
    linesWithError.add(line);
    problems.push({ offset: e.pos[0], path: '', message: describeYamlError(e.code, e.message) });
  }
  if (problems.length > 0) return { value: null, locator, problems, fatal: true };

  const builder = new ValueBuilder(doc, lines, problems);
  try {
    return { value: builder.build(doc.contents, 0, null), locator, problems, fatal: false };
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

interface Blame {
  offset: number;
  path: string;
}

/** Thrown inside the walk to stop it: the document cannot be turned into a value. */
class Refusal extends Error {
  readonly offset: number;
  readonly path: string;

  constructor(message: string, at: Blame) {
    super(message);
    this.offset = at.offset;
    this.path = at.path;
  }
}

class ValueBuilder {
  private aliasValues = 0;
  /** The path of the node being built, as segments: joined into a string only for a problem. */
  private readonly segments: (string | number)[] = [];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly problems: SourceProblem[],
  ) {}

  /**
   * `alias`: the outermost alias being expanded, if any. What is built inside it counts against the budget,
   * and a refusal blames the alias rather than the anchor.
   */
  build(node: Node | null | undefined, depth: number, alias: Blame | null): unknown {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) throw new Refusal(`nested more than ${MAX_DEPTH} levels deep`, this.blame(node, alias));
    if (alias && ++this.aliasValues > MAX_ALIAS_VALUES) {
      throw new Refusal(`aliases expand to more than ${MAX_ALIAS_VALUES} values; refusing the file`, alias);
    }
    if (isScalar(node)) return node.value;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      const blame = this.blame(node, alias);
      if (!target) throw new Refusal(`alias *${node.source} has no anchor`, blame);
      return this.build(target, depth + 1, blame);
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      for (let i = 0; i < node.items.length; i++) {
        this.segments.push(i);
        out.push(this.build(node.items[i] as Node | null, depth + 1, alias));
        this.segments.pop();
      }
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const firstAt = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyStart = keyNode ? startOf(keyNode) : startOf(node);
        if (!isScalar(keyNode) || (typeof keyNode.value === 'object' && keyNode.value !== null)) {
          throw new Refusal('keys must be plain words such as "name"', alias ?? { offset: keyStart, path: this.path() });
        }
        const key = String(keyNode.value);
        const first = firstAt.get(key);
        if (first !== undefined) {
          // Inside an alias the anchor's own copy has already been reported. The first value stands, so later
          // checks see one consistent value.
          if (!alias) {
            const message = `duplicate key "${key}" (first at line ${this.lines.linePos(first).line})`;
            this.problems.push({ offset: keyStart, path: childPath(this.path(), key), message });
          }
          continue;
        }
        firstAt.set(key, keyStart);
        this.segments.push(key);
        out[key] = this.build(pair.value as Node | null, depth + 1, alias);
        this.segments.pop();
      }
      return out;
    }
    throw new Refusal('unsupported YAML node', this.blame(node, alias));
  }

  private blame(node: Node, alias: Blame | null): Blame {
    return alias ?? { offset: startOf(node), path: this.path() };
  }

  private path(): string {
    return this.segments.reduce<string>((path, segment) => childPath(path, segment), '');
  }
}
