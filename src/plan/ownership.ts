// Ownership without a state file: what the plan may do to a live object, decided in this one place.
import type { Desired } from '../model.js';

/** manage: compare with the manifest; keep: unmanaged, left alone and listed; delete: unmanaged and pruned. */
export type Fate = 'manage' | 'keep' | 'delete';

/**
 * A live object named in the manifest is managed and therefore never deleted, which is also what makes
 * `protect: true` hold; anything else is deleted only when its kind is pruned. A future kind or action that
 * could delete a manifest entry (say, replace on an immutable field) must come through here and honour protect.
 */
export function decideFate(desired: Desired | undefined, kindPruned: boolean): Fate {
  if (desired !== undefined) return 'manage';
  return kindPruned ? 'delete' : 'keep';
}
