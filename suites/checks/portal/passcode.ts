/**
 * The passcode typed in the browser (seed 001 "enter the passcode shown in the app"; seed 002
 * step 6): the current one signs on (the portal's check mark and the way on), a wrong or expired
 * one keeps the Authentication field with the registry's code OTP_INVALID.
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { portal } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows, portalShown, textOf } from '../shared/shown.ts';

function accepted(world: PathWorld): void {
  const page = portalShown(world);
  ensureScreen(page.screen, portal.screens.success, 'after the current passcode');
  ensureShows(page.values, portal.controls.successCheck, /\S/, 'the check mark');
  ensure(page.values[portal.controls.redirectLink] !== undefined, [], 'signed on, the portal offers no way on to the service', { code: 'VALUE_MISMATCH', actual: page.values });
}

function refused(world: PathWorld): void {
  const page = portalShown(world);
  ensureScreen(page.screen, portal.screens.otp, 'after a wrong or expired passcode');
  ensure(textOf(page.values, portal.controls.otpError).includes('OTP_INVALID'), [], `the refusal shows '${textOf(page.values, portal.controls.otpError)}', expected OTP_INVALID`, { code: 'VALUE_MISMATCH', expected: 'OTP_INVALID', actual: page.values[portal.controls.otpError] });
  ensure(page.values[portal.controls.otpField] !== undefined, [], 'after a refused passcode the Authentication field is gone', { code: 'VALUE_MISMATCH', actual: page.values });
}

/** The user is locked out (API-GEN-OTP-LOCKOUT-PER-USER): the field stays and refuses with OTP_LOCKED, even the current passcode. */
function locked(world: PathWorld): void {
  const page = portalShown(world);
  ensureScreen(page.screen, portal.screens.otp, 'after a passcode while locked out');
  ensure(textOf(page.values, portal.controls.otpError).includes('OTP_LOCKED'), [], `the refusal shows '${textOf(page.values, portal.controls.otpError)}', expected OTP_LOCKED`, { code: 'VALUE_MISMATCH', expected: 'OTP_LOCKED', actual: page.values[portal.controls.otpError] });
}

const check = (name: string, ids: RequirementId[], body: (world: PathWorld) => void) => defineCheck(name, ids, body);
export const ensurePairingPasscodeSignsOn = check('ensurePairingPasscodeSignsOn', ['MOB-PAIR-PASSCODE-IN-BROWSER'], accepted);
export const ensurePairingPasscodeRefusedWhenWrong = check('ensurePairingPasscodeRefusedWhenWrong', ['MOB-PAIR-PASSCODE-WRONG'], refused);
export const ensureAuthenticationPasscodeSignsOn = check('ensureAuthenticationPasscodeSignsOn', ['MOB-AUTH-PASSCODE'], accepted);
export const ensureAuthenticationPasscodeRefusedWhenWrong = check('ensureAuthenticationPasscodeRefusedWhenWrong', ['MOB-AUTH-PASSCODE-EXPIRED'], refused);
// issue 12: the lockout the random walks reach (a passcode field that counts refusals per user).
export const ensurePasscodeRefusedWhileLocked = check('ensurePasscodeRefusedWhileLocked', ['API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-ATTEMPTS'], locked);

/** After a passcode typed in the browser: which check the model's step asks for (signed on, locked out, or refused). */
export function passcodeCheckFor(state: string, modelRequirements: readonly string[], signsOn: typeof ensurePairingPasscodeSignsOn, refused: typeof ensurePairingPasscodeRefusedWhenWrong): typeof ensurePairingPasscodeSignsOn {
  if (state === 'success') return signsOn;
  return modelRequirements.includes('API-GEN-OTP-LOCKOUT-PER-USER') ? ensurePasscodeRefusedWhileLocked : refused;
}
