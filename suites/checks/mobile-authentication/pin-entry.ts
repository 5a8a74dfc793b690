/**
 * The app PIN when authenticating (seed 000 step 8 "every time you authenticate"; PingID PIN
 * facts): the request asks for the PIN first; a wrong PIN is refused with PIN_WRONG and the
 * field stays; after policy pin.maxAttempts wrong PINs entry is blocked (PIN_BLOCKED, the field
 * disabled); once the block time passed, entry is open again.
 */
import { mobile } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows, textOf } from '../shared/shown.ts';

const M = mobile.controls;

export const ensurePinAskedBeforeApproving = defineCheck('ensurePinAskedBeforeApproving', ['MOB-AUTH-PIN-ENTRY', 'MOB-PAIR-PIN-EVERY-AUTH'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.pinEntry, 'a PIN set at pairing, the request opened');
  ensure(snap.values[M.pinEntryInput] !== undefined && snap.values[M.pinEntrySubmit] !== undefined, [], 'the PIN entry has no field or Submit', { code: 'VALUE_MISMATCH', actual: snap.values });
  ensure(!/PIN_/.test(textOf(snap.values, M.pinEntryError)), [], `a fresh PIN entry already shows ${textOf(snap.values, M.pinEntryError)}`, { code: 'VALUE_MISMATCH', actual: snap.values });
});

export const ensureWrongAppPinRefusedAsPinWrong = defineCheck('ensureWrongAppPinRefusedAsPinWrong', ['MOB-AUTH-PIN-WRONG'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.pinEntry, 'after a wrong PIN');
  ensureShows(snap.values, M.pinEntryError, /^PIN_WRONG$/, 'a wrong PIN');
  ensure(textOf(snap.values, M.pinEntryInput) !== 'disabled', [], 'after one wrong PIN the field is disabled', { code: 'VALUE_MISMATCH', actual: snap.values });
});

export const ensurePinBlockedAfterTheLastAttempt = defineCheck('ensurePinBlockedAfterTheLastAttempt', ['MOB-AUTH-PIN-BLOCKED'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.pinEntry, `after ${world.policy.pin.maxAttempts} wrong PINs`);
  ensureShows(snap.values, M.pinEntryError, /^PIN_BLOCKED$/, 'a blocked PIN entry');
  ensure(textOf(snap.values, M.pinEntryInput) === 'disabled', [], `a blocked PIN entry still takes digits ('${textOf(snap.values, M.pinEntryInput)}')`, { code: 'VALUE_MISMATCH', actual: snap.values });
});

export const ensurePinEntryOpensAfterTheBlock = defineCheck('ensurePinEntryOpensAfterTheBlock', ['MOB-AUTH-PIN-BLOCKED'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.pinEntry, `after ${world.policy.pin.blockSeconds} s`);
  ensure(textOf(snap.values, M.pinEntryError) === '' && textOf(snap.values, M.pinEntryInput) !== 'disabled', [], `after the block time the PIN entry shows '${textOf(snap.values, M.pinEntryError)}', field '${textOf(snap.values, M.pinEntryInput)}'`, { code: 'STILL_BLOCKED', actual: snap.values });
});
