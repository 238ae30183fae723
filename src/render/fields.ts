// What every plan renderer shows for a change: safe names, field values and field-level before → after,
// with list values (ip_addresses) diffed item by item.
import { diffArrays } from 'diff';
import { KINDS, MANIFEST_KEYS } from '../model.js';
import type { Kind } from '../model.js';
import { SENSITIVE } from '../plan/types.js';
import type { Change, FieldValue, Plan } from '../plan/types.js';

/** Control characters (a name read from the API could carry terminal escapes) shown as JSON escapes. */
export function cleanText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** A name or id as written, or JSON-quoted when it holds anything beyond the usual name characters. */
export function formatName(s: string): string {
  return /^[A-Za-z0-9_.:@+\-]+$/.test(s) ? s : JSON.stringify(s);
}

/** Strings JSON-quoted, null as null, secrets as (sensitive). */
export function formatValue(v: FieldValue | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (v === SENSITIVE) return SENSITIVE;
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
  return String(v);
}

export type Marker = ' ' | '+' | '-';

/** One field of a change: a single value (create) or `before → after` (update), or a list diff. */
export type FieldRow = { field: string; value: string } | { field: string; items: Array<{ marker: Marker; value: string }> };

function diffItems(before: readonly string[], after: readonly string[]): Array<{ marker: Marker; value: string }> {
  const items: Array<{ marker: Marker; value: string }> = [];
  for (const part of diffArrays([...before], [...after])) {
    const marker: Marker = part.added ? '+' : part.removed ? '-' : ' ';
    for (const v of part.value) items.push({ marker, value: formatValue(v) });
  }
  return items;
}

/** Creates list the fields they set, updates only the changed ones, deletes none. */
export function describeFields(change: Change): FieldRow[] {
  return change.changed.map((field): FieldRow => {
    const after = change.after?.[field] ?? null;
    const before = change.action === 'create' ? null : (change.before?.[field] ?? null);
    if (Array.isArray(after) || Array.isArray(before)) {
      const toList = (v: FieldValue) => (Array.isArray(v) ? v : []);
      return { field, items: diffItems(toList(before), toList(after)) };
    }
    return { field, value: change.action === 'create' ? formatValue(after) : `${formatValue(before)} → ${formatValue(after)}` };
  });
}

/** `~ update trunk inbound-main (42741122632602585)`, without colour; a number is its own id, shown once. */
export function describeHeader(change: Change): { symbol: string; title: string } {
  const symbol = change.action === 'create' ? '+' : change.action === 'update' ? '~' : '-';
  const id = change.id === null || change.id === change.name ? '' : ` (${formatName(change.id)})`;
  return { symbol, title: `${change.action} ${change.kind} ${formatName(change.name)}${id}` };
}

function countOf(n: number, kind: Kind): string {
  return `${n} ${n === 1 ? kind : MANIFEST_KEYS[kind]}`;
}

/** `Plan: 2 to create, 1 to update, 0 to delete.` or `No changes.` */
export function describeSummary(plan: Plan): string {
  const { create, update, delete: del } = plan.summary;
  return create + update + del === 0 ? 'No changes.' : `Plan: ${create} to create, ${update} to update, ${del} to delete.`;
}

/** `3 unmanaged objects left alone (1 uri, 2 endpoints); --prune would delete them.`, or null when none. */
export function describeUnmanaged(plan: Plan): string | null {
  const n = plan.unmanaged.length;
  if (n === 0) return null;
  const counts = new Map<Kind, number>();
  for (const u of plan.unmanaged) counts.set(u.kind, (counts.get(u.kind) ?? 0) + 1);
  const parts = KINDS.filter((k) => counts.has(k)).map((k) => countOf(counts.get(k) as number, k));
  return n === 1
    ? `1 unmanaged object left alone (${parts.join(', ')}); --prune would delete it.`
    : `${n} unmanaged objects left alone (${parts.join(', ')}); --prune would delete them.`;
}
