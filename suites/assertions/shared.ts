/**
 * Helpers the per-machine assertion tables share: the state's own requirement IDs (its meta),
 * and the default check (the app owning the expected screen shows it).
 */
import type { AnyStateMachine } from 'xstate';
import { isRequirementId, type RequirementId } from '../../models/requirements.ts';
import type { PathWorld } from '../port/world.ts';
import type { Step } from '../executors/types.ts';
import { ensure } from '../runner/errors.ts';
import { ensureScreenContents, ensureScreenShown, expectedScreen, snapshotText, stateNode } from './screens.ts';

export function stateRequirements(machine: AnyStateMachine, state: string): RequirementId[] {
  return state.split(',').flatMap((leaf) => ((stateNode(machine, leaf)?.meta as { requirements?: string[] } | undefined)?.requirements ?? [])).filter(isRequirementId);
}

/**
 * Default: the screen named by the state's `meta.testId` is shown by the app that owns it. The
 * screen ID alone passes no requirement (a wrong screen fails the step's); what the screen must
 * show on every visit is checked by value, one named check per row (screens.ts `screenContents`).
 */
export async function ensureStateScreen(machine: AnyStateMachine, world: PathWorld, state: string, ctx: Step): Promise<void> {
  const expected = expectedScreen(machine, state);
  if (!expected) return; // a state without a screen (transient, or server-side only)
  ctx.attach({ name: `${expected.surface} snapshot`, contentType: 'application/json', body: snapshotText(world, expected.surface) });
  ensureScreenShown(world, expected, ctx.modelRequirements.length ? ctx.modelRequirements : stateRequirements(machine, state));
  await ensureScreenContents(world, expected, ctx);
}

/** A control on the current screen shows (or contains) `expected`. */
export function ensureValue(actual: unknown, expected: string, requirements: readonly RequirementId[], what: string): void {
  const text = Array.isArray(actual) ? actual.join(' ') : String(actual ?? '');
  ensure(text.includes(expected), requirements, `${what}: expected '${expected}', shows '${text}'`, { code: 'VALUE_MISMATCH', expected, actual: text });
}
