/**
 * The screen a model state expects, from the state's `meta.testId` (the models name it), and
 * the named checks every machine shares: "the app that owns this screen shows it".
 */
import type { RequirementId } from '../../models/requirements.ts';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { desktop, mobile, portal } from '../../models/testids.ts';
import type { SimWorld } from '../drivers/sim/world.ts';
import { ensure } from '../runner/errors.ts';

export const portalScreens = Object.values(portal.screens);
export const mobileScreens: readonly string[] = Object.values(mobile.screens);
export const desktopScreens: readonly string[] = Object.values(desktop.screens);

export type Surface = 'portal' | 'mobile' | 'desktop';

export function stateNode(machine: AnyStateMachine, path: string): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = machine.root;
  for (const part of path.split('.')) node = node?.states[part];
  return node;
}

/** The screen ID in a state's meta (the first leaf of a parallel state that names one). */
export function expectedScreen(machine: AnyStateMachine, state: string): { surface: Surface; screen: string } | undefined {
  for (const leaf of state.split(',')) {
    const testId = (stateNode(machine, leaf)?.meta as { testId?: string } | undefined)?.testId;
    if (!testId) continue;
    if ((portalScreens as readonly string[]).includes(testId)) return { surface: 'portal', screen: testId };
    if (mobileScreens.includes(testId)) return { surface: 'mobile', screen: testId };
    if (desktopScreens.includes(testId)) return { surface: 'desktop', screen: testId };
  }
  return undefined;
}

export function currentScreen(world: SimWorld, surface: Surface): string {
  if (surface === 'portal') return world.portal.snapshot(portalScreens).screen;
  if (surface === 'mobile') return world.mobile.snapshot().screen;
  return world.desktop.snapshot().screen;
}

/** Snapshot of a surface as evidence text. */
export function snapshotText(world: SimWorld, surface: Surface): string {
  const snap = surface === 'portal' ? world.portal.snapshot(portalScreens) : surface === 'mobile' ? world.mobile.snapshot() : world.desktop.snapshot();
  return JSON.stringify(snap, null, 1);
}

/** The named check shared by every state: the app that owns the expected screen shows it. */
export function ensureScreenShown(world: SimWorld, expected: { surface: Surface; screen: string }, requirements: readonly RequirementId[]): void {
  const actual = currentScreen(world, expected.surface);
  ensure(actual === expected.screen, requirements, `the ${expected.surface} shows ${actual}, the model expects ${expected.screen}`, {
    code: 'SCREEN_MISMATCH', expected: expected.screen, actual,
  });
}

/**
 * Advice a screen must show, whichever flow reaches it: seed 000 "Before you begin" (add a
 * second authentication method, on the portal's registration window) and seed 001 step 1
 * (allow all requested permissions, on the app's notifications screen).
 */
export const screenAdvice: readonly { surface: Surface; screen: string; control: string; pattern: RegExp; requirements: readonly RequirementId[] }[] = [
  { surface: 'portal', screen: portal.screens.registration, control: portal.controls.secondMethodAdvice, pattern: /more authentication method/i, requirements: ['MOB-PAIR-SECOND-METHOD'] },
  { surface: 'mobile', screen: mobile.screens.notifications, control: mobile.controls.permissionsAdvice, pattern: /allow all requested permissions/i, requirements: ['MOB-PAIR-ALLOW-PERMISSIONS'] },
];

/** The advice of the screen shown, if it has one: the text is visible (checked where the screen is asserted). */
export function ensureScreenAdvice(world: SimWorld, expected: { surface: Surface; screen: string }): readonly RequirementId[] {
  const advice = screenAdvice.find((a) => a.surface === expected.surface && a.screen === expected.screen);
  if (!advice) return [];
  const values = (expected.surface === 'portal' ? world.portal.snapshot(portalScreens) : expected.surface === 'mobile' ? world.mobile.snapshot() : world.desktop.snapshot()).values as Record<string, unknown>;
  const shown = values[advice.control];
  const text = Array.isArray(shown) ? shown.join(' ') : String(shown ?? '');
  ensure(advice.pattern.test(text), advice.requirements, `the ${expected.surface} screen ${expected.screen} does not show the advice '${advice.control}' (shows '${text}')`, {
    code: 'VALUE_MISMATCH', expected: String(advice.pattern), actual: text,
  });
  return advice.requirements;
}
