// Plan data: what `plan` shows and `apply` executes. Plain, serialisable data with no secret values: secret
// fields appear only as the SENSITIVE marker, and apply takes their values from the desired state.
import type { Kind } from '../model.js';

export type Action = 'create' | 'update' | 'delete';

/** Shown wherever a secret would be. */
export const SENSITIVE = '(sensitive)';

/** A field value as shown in a plan: references are names, secrets are SENSITIVE. */
export type FieldValue = string | number | boolean | null | string[];
export type Fields = Record<string, FieldValue>;

export interface Change {
  /** `${kind}:${name}`; unique within a plan (an object has at most one change). */
  key: string;
  action: Action;
  kind: Kind;
  /** The manifest identity (an endpoint's username without suffix, a number's digits). */
  name: string;
  /** The live id on update and delete; null on create. */
  id: string | null;
  /** The live object as the manifest would describe it (null on create). */
  before: Fields | null;
  /** The desired object (null on delete). */
  after: Fields | null;
  /** Field names that differ (update) or that are set (create); empty on delete. */
  changed: string[];
  /** Keys of changes that must finish before this one starts. */
  depends_on: string[];
  /** Explanations shown with the change (for example a password rotation that was asked for). */
  notes: string[];
}

export interface ObjectRef {
  kind: Kind;
  id: string | null;
  name: string | null;
}

/**
 * in-use: a delete would break what still uses the object; mass-delete: too much at once; ambiguous-identity: two
 * live objects claim one identity; not-in-account: the manifest names an object of a kind plivo-sync never
 * creates (a phone number) and the account lacks it.
 */
export type RefusalCode = 'in-use' | 'mass-delete' | 'ambiguous-identity' | 'not-in-account';

export interface Refusal {
  code: RefusalCode;
  message: string;
  objects: ObjectRef[];
  /** How to proceed. */
  hint: string;
  /** True when --force lifts it (mass-delete only). */
  overridable: boolean;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
}

export interface Plan {
  /** In execution order: every change comes after all of its depends_on. */
  changes: Change[];
  /** Live objects not in the manifest and not pruned: left alone. */
  unmanaged: ObjectRef[];
  /** Non-empty means the plan must not be applied. */
  refusals: Refusal[];
  /** Facts the reader should know, e.g. write-only passwords whose drift cannot be seen. */
  warnings: string[];
  summary: PlanSummary;
}

export interface PlanOptions {
  /** Kinds whose unmanaged objects are deleted. */
  prune: Kind[];
  /** Write-only passwords to send again: "all", or `${kind}:${name}` keys. */
  rotate: string[];
  /** Lift overridable refusals (mass delete). */
  force: boolean;
  /** A delete of more than `fraction` of a kind's live objects, when it has at least `minObjects`, is refused. */
  deleteThreshold: { fraction: number; minObjects: number };
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  prune: [],
  rotate: [],
  force: false,
  deleteThreshold: { fraction: 0.3, minObjects: 10 },
};

export function changeKey(kind: Kind, name: string): string {
  return `${kind}:${name}`;
}
