/**
 * The desktop app's OTP (seed 002 step 5 result and step 6): a passcode of the policy's digits
 * with Copy and Refresh, under the profile's name; Copy puts exactly the code shown on the
 * clipboard; Refresh after one period shows the next code. Whether the server accepts the code
 * shown is the sign-on path's check (the code is pasted from the clipboard and signs on).
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { desktop } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows, textOf } from '../shared/shown.ts';

const D = desktop.controls;

function otpShown(world: PathWorld): string {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, desktop.screens.otp, 'the desktop OTP');
  const code = textOf(snap.values, D.otpValue).replace(/\s+/g, '');
  const digits = world.policy.otp.digits;
  ensure(new RegExp(`^\\d{${digits}}$`).test(code), [], `the desktop app shows '${textOf(snap.values, D.otpValue)}', not a ${digits}-digit passcode`, { code: 'VALUE_MISMATCH', expected: `${digits} digits`, actual: snap.values[D.otpValue] });
  ensureShows(snap.values, D.otpCopy, /copy/i, 'the OTP screen');
  ensureShows(snap.values, D.otpRefresh, /refresh/i, 'the OTP screen');
  return code;
}

/** The OTP screen, under the profile created on the way (or the app's default profile). */
export const ensureDesktopOtpShownUnderItsProfile = defineCheck('ensureDesktopOtpShownUnderItsProfile', ['DSK-PAIR-OTP-SHOWN'], (world: PathWorld, profile: string | undefined) => {
  otpShown(world);
  const shown = textOf(world.desktop.snapshot().values, D.profileName);
  ensure(profile === undefined ? shown.trim() !== '' : shown === profile, [], `the OTP screen shows profile '${shown}'${profile ? `, the person created '${profile}'` : ''}`, { code: 'VALUE_MISMATCH', expected: profile, actual: shown });
});

export const ensureDesktopLaunchShowsAnOtp = defineCheck('ensureDesktopLaunchShowsAnOtp', ['DSK-SIGN-LAUNCH-OTP'], (world: PathWorld) => void otpShown(world));

const copied = async (world: PathWorld): Promise<void> => {
  const code = otpShown(world);
  const pasted = await world.desktop.clipboard();
  ensure(pasted.replace(/\s+/g, '') === code, [], `the clipboard holds '${pasted}', the app shows '${code}'`, { code: 'VALUE_MISMATCH', expected: code, actual: pasted });
};
const copy = (name: string, ids: RequirementId[]) => defineCheck(name, ids, copied);
export const ensureCopyPutsTheShownOtpOnTheClipboard = copy('ensureCopyPutsTheShownOtpOnTheClipboard', ['DSK-PAIR-OTP-COPY']);
export const ensureSignOnCopyPutsTheShownOtpOnTheClipboard = copy('ensureSignOnCopyPutsTheShownOtpOnTheClipboard', ['DSK-SIGN-COPY']);

export const ensureRefreshShowsTheNextOtp = defineCheck('ensureRefreshShowsTheNextOtp', ['DSK-PAIR-OTP-REFRESH'], (world: PathWorld, before: string) => {
  const code = otpShown(world);
  ensure(code !== before.replace(/\s+/g, ''), [], `after one period and Refresh the OTP is still '${code}'`, { code: 'VALUE_MISMATCH', actual: code });
});
