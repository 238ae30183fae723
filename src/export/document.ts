// Renders an export's entries as YAML text: header comments, one top-level key per kind, comments on items.
// Pure and deterministic: the same entries always give the same bytes.
import { Document, Scalar, visit, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export interface ManifestItem {
  /** In the order they are written. */
  fields: Record<string, string | boolean | string[]>;
  /** A comment line above the item. */
  comment?: string;
}

export interface ManifestSection {
  /** The top-level key, e.g. "uris". */
  key: string;
  /** Comment lines above the key. */
  comment?: string[];
  items: ManifestItem[];
}

/** Lists this short are written inline (`[a, b]`); longer ones one entry a line, which diffs better. */
const FLOW_MAX_ENTRIES = 3;

/**
 * Plain words that YAML 1.1 readers (and people) take for booleans or null; the `yaml` package writes them
 * unquoted because YAML 1.2 does not, so quote them here for every reader.
 */
const YAML11_AMBIGUOUS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|~)$/;

export function renderManifestText(header: string[], sections: ManifestSection[]): string {
  const doc = new Document({ version: 1 });
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  const root = doc.contents as YAMLMap;
  for (const section of sections) {
    const seq = doc.createNode(section.items.map((i) => i.fields)) as YAMLSeq;
    section.items.forEach((item, i) => {
      const map = seq.items[i] as YAMLMap;
      if (item.comment !== undefined) map.commentBefore = ` ${item.comment}`;
      for (const pair of map.items as Pair<Scalar, Node>[]) {
        const value = pair.value as YAMLSeq | null;
        if (value && Array.isArray((value as { items?: unknown }).items) && value.items.length <= FLOW_MAX_ENTRIES) value.flow = true;
      }
    });
    const pair = doc.createPair(section.key, seq) as Pair<Scalar, YAMLSeq>;
    pair.key.spaceBefore = true;
    if (section.comment && section.comment.length > 0) pair.key.commentBefore = section.comment.map((l) => ` ${l}`).join('\n');
    root.items.push(pair);
  }
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML11_AMBIGUOUS.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
