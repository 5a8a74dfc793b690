/**
 * Create a PIN states its rule before the user types (seed 000 step 8: "a 4 or 6-digit PIN",
 * "at least 3 or 4 different digits"; issue 10: the PIN screens never said so). Read on every
 * visit, also after a refused PIN.
 */
import { mobile } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { defineCheck } from '../check.ts';
import { ensurePinRuleStated } from '../shared/for-a-person.ts';
import { ensureScreen } from '../shared/shown.ts';

export const ensurePinScreenStatesTheRule = defineCheck('ensurePinScreenStatesTheRule', ['MOB-PAIR-PIN-RULE-SHOWN'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.pinCreate, 'Create a PIN');
  ensurePinRuleStated(snap.values, mobile.controls.pinRule, world.policy, 'Create a PIN');
});
