/**
 * mobile-authentication states (seed 001): the app's screen, the PIN errors (wrong, blocked),
 * and the portal following the answer or the passcode.
 */
import type { RequirementId } from '../../models/requirements.ts';
import { mobileAuthenticationMachine } from '../../models/machines/mobile-authentication.ts';
import { mobile } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import type { Step } from '../executors/types.ts';
import { ensure } from '../runner/errors.ts';
import { defineCheck } from '../checks/check.ts';
import {
  ensureCurrentPasscodeSignsOn, ensureExpiredPasscodeRefused, ensurePortalRefusesAfterDeny, ensurePortalRefusesAfterTimeOut, ensurePortalSignsOnAfterApproval,
} from './portal.ts';
import { ensureStateScreen, ensureValue } from './shared.ts';
import { checkMobileAuthenticationState } from '../checks/mobile-authentication/states.ts';

const machine = mobileAuthenticationMachine;

/** A wrong PIN is refused with PIN_WRONG; after the last attempt entry is blocked (PIN_BLOCKED). */
function ensurePinEntryRefuses(world: PathWorld, code: 'PIN_WRONG' | 'PIN_BLOCKED', requirements: RequirementId[]): void {
  const snap = world.mobile.snapshot();
  ensure(snap.screen === mobile.screens.pinEntry, requirements, `the phone shows ${snap.screen}, expected the PIN entry with ${code}`, { code: 'SCREEN_MISMATCH', expected: mobile.screens.pinEntry, actual: snap.screen });
  ensureValue(snap.values[mobile.controls.pinEntryError], code, requirements, 'PIN entry error');
}
const ensureWrongPinRefused = defineCheck('ensureWrongPinRefused', ['MOB-AUTH-PIN-WRONG'], (world: PathWorld) => ensurePinEntryRefuses(world, 'PIN_WRONG', ['MOB-AUTH-PIN-WRONG']));
const ensurePinEntryBlocked = defineCheck('ensurePinEntryBlocked', ['MOB-AUTH-PIN-BLOCKED'], (world: PathWorld) => ensurePinEntryRefuses(world, 'PIN_BLOCKED', ['MOB-AUTH-PIN-BLOCKED']));

/** The block has lifted (protocol facts §4: 2 min): PIN entry shows again, open, without PIN_BLOCKED. */
const ensurePinEntryOpenAgain = defineCheck('ensurePinEntryOpenAgain', ['MOB-AUTH-PIN-BLOCKED'], (world: PathWorld): void => {
  const requirements: RequirementId[] = ['MOB-AUTH-PIN-BLOCKED'];
  const snap = world.mobile.snapshot();
  ensure(snap.screen === mobile.screens.pinEntry, requirements, `after the PIN block the phone shows ${snap.screen}, expected the PIN entry`, { code: 'SCREEN_MISMATCH', expected: mobile.screens.pinEntry, actual: snap.screen });
  const error = String(snap.values[mobile.controls.pinEntryError] ?? '');
  ensure(!error.includes('PIN_BLOCKED'), requirements, 'PIN entry is still blocked after the block time', { code: 'STILL_BLOCKED', expected: 'no PIN_BLOCKED', actual: error });
});

export async function assertMobileAuthentication(world: PathWorld, state: string, ctx: Step): Promise<void> {
  await assertMobileAuthenticationScreen(world, state, ctx);
  // What each screen shows by value, on both sides (suites/checks/mobile-authentication).
  await checkMobileAuthenticationState(world, state, ctx);
}

async function assertMobileAuthenticationScreen(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  if (event === 'PASSCODE.SUBMIT') return state === 'success' ? ensureCurrentPasscodeSignsOn(ctx, world) : ensureExpiredPasscodeRefused(ctx, world);
  if (state === 'pinEntry' && event === 'PIN.ENTER') return ensureWrongPinRefused(ctx, world);
  if (state === 'pinEntry' && event === 'CLOCK.ADVANCE') return ensurePinEntryOpenAgain(ctx, world);
  switch (state) {
    case 'pinBlocked':
      return ensurePinEntryBlocked(ctx, world);
    case 'success':
      await ensureStateScreen(machine, world, state, ctx);
      return ensurePortalSignsOnAfterApproval(ctx, world, ctx);
    case 'denied':
      await ensureStateScreen(machine, world, state, ctx);
      return ensurePortalRefusesAfterDeny(ctx, world, ctx);
    case 'timedOut':
      await ensureStateScreen(machine, world, state, ctx);
      return ensurePortalRefusesAfterTimeOut(ctx, world, ctx);
    default:
      return ensureStateScreen(machine, world, state, ctx);
  }
}
