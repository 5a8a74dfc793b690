/**
 * The pending request as a person uses it (issue 10 item 4), in both flows that show it (pairing,
 * seed 000 step 10 / seed 001 "Complete pairing"; authentication, seed 001 second half):
 * - the passcode is reachable without denying: seed 001 "Approve the request **or** enter the
 *   passcode shown in the app". The request shows the current passcode, or a control that opens it
 *   (`auth-use-passcode`).
 *   A build that offers only Deny / Yes / Face ID fails.
 * - the request says where the sign-on comes from (seed 001's Authentication screen shows the
 *   user's location), when and from which browser, so an old request is told from the new one.
 * Both read the phone's screen by testID only.
 */
import { mobile } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, textOf } from '../shared/shown.ts';

const M = mobile.controls;

function passcodeOffered(world: PathWorld): void {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.authRequest, 'the pending request');
  const digits = world.policy.otp.digits;
  const shown = textOf(snap.values, M.otpValue).replace(/\s+/g, '');
  const opens = snap.values[M.authUsePasscode] !== undefined;
  ensure(new RegExp(`^\\d{${digits}}$`).test(shown) || opens, [], 'while the request is pending the phone offers no passcode: only Deny leads to it', {
    code: 'PASSCODE_UNREACHABLE',
    expected: `a ${digits}-digit passcode in '${M.otpValue}' or a '${M.authUsePasscode}' control on the request`,
    actual: snap.values,
  });
}

export const ensurePendingRequestOffersThePasscode = defineCheck('ensurePendingRequestOffersThePasscode', ['MOB-AUTH-PASSCODE'], passcodeOffered);
export const ensurePairingRequestOffersThePasscode = defineCheck('ensurePairingRequestOffersThePasscode', ['MOB-PAIR-PASSCODE-IN-BROWSER'], passcodeOffered);

/** Time (with a clock time in it), browser and location, each shown on the request. */
export const ensureRequestSaysWhenWhereAndWhichBrowser = defineCheck('ensureRequestSaysWhenWhereAndWhichBrowser', ['MOB-AUTH-REQUEST-ORIGIN'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.authRequest, 'the pending request');
  const shown = { time: textOf(snap.values, M.authTime).trim(), browser: textOf(snap.values, M.authBrowser).trim(), location: textOf(snap.values, M.authLocation).trim() };
  const missing = Object.entries(shown).filter(([, v]) => v === '').map(([k]) => k);
  ensure(missing.length === 0, [], `the request does not say its ${missing.join(', ')}: an old request cannot be told from this one`, {
    code: 'VALUE_MISMATCH', expected: [M.authTime, M.authBrowser, M.authLocation], actual: snap.values,
  });
  ensure(/\d{1,2}:\d{2}/.test(shown.time), [], `the request's time '${shown.time}' has no time of day`, { code: 'VALUE_MISMATCH', expected: 'HH:MM', actual: shown.time });
});
