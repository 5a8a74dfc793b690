/**
 * Citing a requirement at the line that enforces it. The sims are written from the documents,
 * not from the flow machines: they import only the *type* of the registry's IDs, so a typo in a
 * citation fails to compile and nothing of the models' logic leaks into the apps.
 */
import type { RequirementId } from '../../models/requirements.ts';

/** Returns its argument: a compile-checked marker naming the rule a check enforces. */
export function cite<const T extends RequirementId>(id: T): T {
  return id;
}
