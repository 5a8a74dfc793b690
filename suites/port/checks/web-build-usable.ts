/**
 * Checks written against the ports only (issue 10 item 4: "add checks where the seeds speak, so a
 * build with the same faults fails"). They read screens by testID and the OS clipboard, and act
 * as a person would; they run on any driver that supports what they use. Not yet called by the
 * plans: the executors move to the port in the next step (they are exercised by their own test).
 */
import { desktop, mobile, portal } from '../../../models/testids.ts';
import { defineCheck } from '../../checks/check.ts';
import { ensure } from '../../runner/errors.ts';
import type { AppPort } from '../app-port.ts';
import type { PortalPort } from '../portal-port.ts';

const passcodePattern = /^\d{6,8}$/;

/**
 * Seed 001 "Approve the request or enter the passcode": while a request is pending, the phone
 * shows the passcode without the request being denied first, and that passcode typed in the
 * portal ("Use a passcode instead") grants access. `phone` is on the request, `web` on push waiting.
 */
export const ensurePasscodeReachableWhilePending = defineCheck(
  'ensurePasscodeReachableWhilePending',
  ['MOB-AUTH-PASSCODE'],
  async (phone: AppPort<'mobile'>, web: PortalPort) => {
    const request = await phone.screen();
    ensure(request.screen === mobile.screens.authRequest, [], 'the phone is not showing the pending request', { expected: mobile.screens.authRequest, actual: request.screen });
    ensure(request.values[mobile.controls.authUsePasscode] !== undefined, [], 'the pending request offers no way to the passcode but Deny', {
      code: 'PASSCODE_UNREACHABLE',
      expected: `a '${mobile.controls.authUsePasscode}' control`,
      actual: Object.keys(request.values),
    });
    await phone.tap(mobile.controls.authUsePasscode);
    const shown = await phone.waitForScreen(mobile.screens.otp);
    const passcode = shown.values[mobile.controls.otpValue];
    ensure(typeof passcode === 'string' && passcodePattern.test(passcode), [], 'no passcode shown after leaving the request', { actual: passcode });
    await web.tap(portal.controls.usePasscode);
    await web.type(portal.controls.otpField, passcode);
    await web.tap(portal.controls.otpSignOn);
    const result = await web.screen();
    ensure(result.screen === portal.screens.success, [], 'the passcode shown while the request was pending did not sign on', { expected: portal.screens.success, actual: result.screen });
  },
);

/** Seed 002 step 5 result and step 6: Copy puts the OTP shown on the OS clipboard, where a paste finds it. `pc` is on its OTP screen. */
export const ensureCopyPutsTheOtpOnTheClipboard = defineCheck('ensureCopyPutsTheOtpOnTheClipboard', ['DSK-PAIR-OTP-COPY'], async (pc: AppPort<'desktop'>) => {
  const shown = await pc.waitForScreen(desktop.screens.otp);
  await pc.tap(desktop.controls.otpCopy);
  const pasted = await pc.readClipboard();
  ensure(pasted === shown.values[desktop.controls.otpValue], [], 'what a paste inserts is not the OTP shown', { code: 'CLIPBOARD_NOT_OTP', expected: shown.values[desktop.controls.otpValue], actual: pasted });
});
