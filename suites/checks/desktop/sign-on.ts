/**
 * Signing on with the desktop app's OTP (seed 002 step 6) in the portal: the Authentication field
 * with Sign On and Change Device; the pasted current OTP signs on (check mark and the way on);
 * refusals keep the field and show the registry's code for why (OTP_INVALID for a wrong or
 * expired one, OTP_REPLAYED for one used before, OTP_LOCKED after the last attempt); Change
 * Device returns to the choice of device.
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { portal } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows, itemsOf, portalShown, textOf } from '../shared/shown.ts';

const P = portal.controls;

export const ensureAuthenticationFieldOffered = defineCheck('ensureAuthenticationFieldOffered', ['DSK-SIGN-PASTE', 'DSK-SIGN-CHANGE-DEVICE'], (world: PathWorld) => {
  const page = portalShown(world);
  ensureScreen(page.screen, portal.screens.otp, 'the Authentication window');
  ensure(page.values[P.otpField] !== undefined, [], 'the Authentication window has no Authentication field', { code: 'VALUE_MISMATCH', actual: page.values });
  ensureShows(page.values, P.otpSignOn, /sign on/i, 'the Authentication window');
  ensureShows(page.values, P.changeDevice, /change device/i, 'the Authentication window');
});

export const ensureDesktopOtpSignsOn = defineCheck('ensureDesktopOtpSignsOn', ['DSK-SIGN-SIGN-ON', 'DSK-SIGN-SUCCESS-REDIRECT'], (world: PathWorld) => {
  const page = portalShown(world);
  ensureScreen(page.screen, portal.screens.success, 'Sign On with the current OTP');
  ensureShows(page.values, P.successCheck, /\S/, 'the green checkmark');
  ensure(page.values[P.redirectLink] !== undefined, [], 'signed on, the portal offers no redirect to the portal or app', { code: 'VALUE_MISMATCH', actual: page.values });
});

function refusedWith(world: PathWorld, code: string, what: string): void {
  const page = portalShown(world);
  const shown = textOf(page.values, P.otpError) || textOf(page.values, P.failureReason);
  ensure(shown.includes(code), [], `${what}: the portal shows ${page.screen} '${shown}', expected ${code}`, { code: 'VALUE_MISMATCH', expected: code, actual: shown });
  if (code !== 'OTP_LOCKED') {
    ensureScreen(page.screen, portal.screens.otp, what);
    ensure(page.values[P.otpField] !== undefined, [], `${what}: the Authentication field is gone`, { code: 'VALUE_MISMATCH', actual: page.values });
  }
}
const refusal = (name: string, ids: RequirementId[], code: string, what: string) => defineCheck(name, ids, (world: PathWorld) => refusedWith(world, code, what));
export const ensureWrongDesktopOtpRefused = refusal('ensureWrongDesktopOtpRefused', ['DSK-SIGN-OTP-WRONG'], 'OTP_INVALID', 'a wrong OTP');
export const ensureExpiredDesktopOtpRefused = refusal('ensureExpiredDesktopOtpRefused', ['DSK-SIGN-OTP-EXPIRED'], 'OTP_INVALID', 'an expired OTP');
export const ensureReplayedDesktopOtpRefused = refusal('ensureReplayedDesktopOtpRefused', ['DSK-SIGN-OTP-SINGLE-USE'], 'OTP_REPLAYED', 'an OTP used before');
export const ensureDesktopSignOnLocked = refusal('ensureDesktopSignOnLocked', ['DSK-SIGN-OTP-LOCKED'], 'OTP_LOCKED', `the last wrong OTP`);

export const ensureChangeDeviceListsTheDevices = defineCheck('ensureChangeDeviceListsTheDevices', ['DSK-SIGN-CHANGE-DEVICE'], (world: PathWorld) => {
  const page = portalShown(world);
  ensureScreen(page.screen, portal.screens.deviceSelection, 'after Change Device');
  ensure(itemsOf(page.values, P.deviceOption).length >= 1, [], 'Change Device lists no device to choose', { code: 'VALUE_MISMATCH', actual: page.values });
});
