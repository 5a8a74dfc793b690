/**
 * The desktop app's Create PIN window states its rule before the user types (seed 002 step 5.1:
 * "requesting a 6-digit PIN entry"; the note's different-digit rule; issue 10: the PIN screens
 * never said so). Read on every visit, also after a refused PIN.
 */
import { desktop } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { defineCheck } from '../check.ts';
import { ensurePinRuleStated } from '../shared/for-a-person.ts';
import { ensureScreen } from '../shared/shown.ts';

export const ensureDesktopPinScreenStatesTheRule = defineCheck('ensureDesktopPinScreenStatesTheRule', ['DSK-PAIR-PIN-RULE-SHOWN'], (world: PathWorld) => {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, desktop.screens.pinCreate, 'Create PIN');
  ensurePinRuleStated(snap.values, desktop.controls.pinRule, world.policy, 'Create PIN');
});
