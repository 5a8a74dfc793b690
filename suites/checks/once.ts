/**
 * When a check that acts on its own (a new flow, a probe user, another browser) runs:
 * - `oncePerPath`: the first time in a path (a state may be asserted again after a GET or a refusal);
 * - `oncePerTarget`: the first time against this target, for checks whose requests involve nothing
 *   of the path (no user, or probe users and flows of their own): what they observe is the
 *   target's, so every later path would repeat it. The embedded server is started anew, on a new
 *   port, for every policy variant (and every property), so this is once per variant.
 */
import type { PathWorld } from '../port/world.ts';

export function oncePerPath(world: PathWorld, name: string): boolean {
  const key = `once:${name}`;
  if (world.memo.has(key)) return false;
  world.memo.set(key, true);
  return true;
}

export function oncePerTarget(world: PathWorld, name: string): boolean {
  const key = `once:${name}`;
  if (world.target.has(key)) return false;
  world.target.set(key, true);
  return true;
}
