// The plan for machines (`--format json`), format_version 1. The document, keys in this order:
//   format_version  1; bumped only on an incompatible change
//   changes         in execution order: {action: create|update|delete, kind: uri|credential|ipacl|trunk|endpoint|
//                   number, name (the manifest identity: an endpoint's username without its 12-digit suffix, a
//                   number's digits; numbers are only ever updated),
//                   id (live id on update/delete, null on create), before/after (the per-kind view: references
//                   as names, secrets as "(sensitive)", null when absent), changed (field names), depends_on
//                   (the "kind:name" of changes that run first), notes}
//   summary         {create, update, delete}
//   unmanaged       [{kind, id, name}]: live objects left alone
//   refusals        [{code: in-use|mass-delete|ambiguous-identity|not-in-account, message, objects: [{kind, id,
//                   name}], hint, overridable}]: non-empty means the plan must not be applied
//   warnings        [string]
import type { Change, ObjectRef, Plan, Refusal } from '../plan/types.js';

function changeDocument(c: Change) {
  return {
    action: c.action,
    kind: c.kind,
    name: c.name,
    id: c.id,
    before: c.before,
    after: c.after,
    changed: c.changed,
    depends_on: c.depends_on,
    notes: c.notes,
  };
}

function refDocument(r: ObjectRef) {
  return { kind: r.kind, id: r.id, name: r.name };
}

function refusalDocument(r: Refusal) {
  return { code: r.code, message: r.message, objects: r.objects.map(refDocument), hint: r.hint, overridable: r.overridable };
}

export function renderPlanJson(plan: Plan): string {
  const doc = {
    format_version: 1,
    changes: plan.changes.map(changeDocument),
    summary: { create: plan.summary.create, update: plan.summary.update, delete: plan.summary.delete },
    unmanaged: plan.unmanaged.map(refDocument),
    refusals: plan.refusals.map(refusalDocument),
    warnings: plan.warnings,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
