// Parsing kind lists from flags and manifests: "uris,trunks" or "uri,trunk" → Kind[] in canonical order.
import { KINDS, MANIFEST_KEYS, type Kind } from './model.js';
import { UsageError } from './errors.js';

export function parseKindList(text: string, flag: string): Kind[] {
  const wanted = new Set<Kind>();
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const kind = KINDS.find((k) => k === raw || MANIFEST_KEYS[k] === raw);
    if (!kind) {
      throw new UsageError(
        `${flag}: unknown kind "${raw}"`,
        `Use a comma-separated list of: ${KINDS.map((k) => MANIFEST_KEYS[k]).join(', ')}.`,
      );
    }
    wanted.add(kind);
  }
  return KINDS.filter((k) => wanted.has(k));
}
