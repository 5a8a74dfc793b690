/**
 * After the key (seed 000 steps 9-10, seed 001): the OTP screen shows the organisation the portal
 * signs on to and a passcode of the policy's digits; the request that follows asks whether the
 * user is signing on, with Yes, Deny and (biometrics enrolled) Face ID; biometrics ask consent
 * first; approved (or by biometrics) the phone shows the check mark with Close and the portal
 * signs on; denied or too late, the phone says so and the portal refuses; the Authentication tab
 * lists the organisation with its passcode (the way back from the check mark), and opening it shows
 * its OTP screen with the same passcode.
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { mobile, portal } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows, itemsOf, portalOrganisation, portalShown, textOf } from '../shared/shown.ts';

const M = mobile.controls;
const S = mobile.screens;

function ensurePasscodeShape(world: PathWorld, code: string, what: string): void {
  const digits = world.policy.otp.digits;
  ensure(new RegExp(`^\\d{${digits}}$`).test(code.replace(/\s+/g, '')), [], `${what}: the passcode shown is '${code}', not ${digits} digits`, { code: 'VALUE_MISMATCH', expected: `${digits} digits`, actual: code });
}

/**
 * After pairing: the OTP screen with the organisation's passcode. The request follows at once
 * (seed 000 step 9 result), so the phone may already show it on top: then the request screen
 * must show that organisation and the passcode (seed 001: approve, or type the passcode shown).
 */
export const ensureOtpScreenShowsTheOrganisationsPasscode = defineCheck('ensureOtpScreenShowsTheOrganisationsPasscode', ['MOB-PAIR-OTP-SCREEN'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  const organisation = portalOrganisation(world);
  if (snap.screen === S.authRequest) {
    ensure(textOf(snap.values, M.authOrganization) === organisation, [], `the request names '${textOf(snap.values, M.authOrganization)}', the portal signs on to '${organisation}'`, { code: 'VALUE_MISMATCH', expected: organisation, actual: snap.values[M.authOrganization] });
    return ensurePasscodeShape(world, textOf(snap.values, M.otpValue), 'the request on top of the OTP screen');
  }
  ensureScreen(snap.screen, S.otp, 'after pairing');
  ensure(textOf(snap.values, M.otpOrganization) === organisation, [], `the OTP screen names '${textOf(snap.values, M.otpOrganization)}', the portal signs on to '${organisation}'`, { code: 'VALUE_MISMATCH', expected: organisation, actual: snap.values[M.otpOrganization] });
  ensurePasscodeShape(world, textOf(snap.values, M.otpValue), 'the OTP screen');
  const left = Number(textOf(snap.values, M.otpCountdown));
  ensure(left >= 1 && left <= world.policy.otp.periodSeconds, [], `the OTP screen counts down '${textOf(snap.values, M.otpCountdown)}' s, not within the ${world.policy.otp.periodSeconds} s period`, { code: 'VALUE_MISMATCH', actual: snap.values[M.otpCountdown] });
});

function requestShown(world: PathWorld, what: string): void {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.authRequest, what);
  ensureShows(snap.values, M.approve, /\S/, what);
  ensureShows(snap.values, M.deny, /deny/i, what);
  const organisation = portalOrganisation(world);
  ensure(textOf(snap.values, M.authOrganization) === organisation, [], `${what}: the request names '${textOf(snap.values, M.authOrganization)}', the portal signs on to '${organisation}'`, { code: 'VALUE_MISMATCH', expected: organisation, actual: snap.values[M.authOrganization] });
}
const request = (name: string, ids: RequirementId[]) => defineCheck(name, ids, (world: PathWorld) => requestShown(world, 'the authentication request'));
export const ensureRequestAsksToSignOn = request('ensureRequestAsksToSignOn', ['MOB-PAIR-AUTH-REQUEST']);
export const ensureAuthRequestAsksToSignOn = request('ensureAuthRequestAsksToSignOn', ['MOB-AUTH-NOTIFICATION']);

function consentAsked(world: PathWorld, declined: boolean): void {
  if (declined) return requestShown(world, 'after declining biometrics');
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.biometricConsent, 'Use biometrics');
  ensureShows(snap.values, M.biometricAllow, /\S/, 'the biometrics consent');
  ensureShows(snap.values, M.biometricDeny, /don.t allow/i, 'the biometrics consent');
}
export const ensureBiometricConsentAskedFirst = defineCheck('ensureBiometricConsentAskedFirst', ['MOB-PAIR-BIOMETRIC-CONSENT'], consentAsked);
export const ensureAuthBiometricConsentAskedFirst = defineCheck('ensureAuthBiometricConsentAskedFirst', ['MOB-AUTH-BIOMETRIC-CONSENT'], consentAsked);

/**
 * The phone's answer shows on both sides: the phone's result screen with its way back (Close), and
 * the portal's page (the check mark and the way back on success, the failure page otherwise).
 */
function outcomeShown(world: PathWorld, phone: string, portalPage: string, what: string): void {
  if (phone) {
    const snap = world.mobile.snapshot();
    ensureScreen(snap.screen, phone, what);
    if (phone === S.success) ensureShows(snap.values, M.successCheck, /✔|✓/, `${what}: the green check mark`);
    ensureShows(snap.values, M.successClose, /close/i, `${what}: the way back`);
  }
  const page = portalShown(world);
  ensureScreen(page.screen, portalPage, `${what}: the portal`);
  if (portalPage === portal.screens.success) {
    ensureShows(page.values, portal.controls.successCheck, /✓|✔|&#x2713;/, `${what}: the portal's check mark`);
    ensure(page.values[portal.controls.redirectLink] !== undefined, [], `${what}: the portal offers no way on to the service`, { code: 'VALUE_MISMATCH', actual: page.values });
  }
}
const outcome = (name: string, ids: RequirementId[], phone: string, page: string) => defineCheck(name, ids, (world: PathWorld, phoneShown: boolean) => outcomeShown(world, phoneShown ? phone : '', page, name));
export const ensureApprovedPairingSignsOn = outcome('ensureApprovedPairingSignsOn', ['MOB-PAIR-APPROVE'], S.success, portal.screens.success);
export const ensureBiometricPairingSignsOn = outcome('ensureBiometricPairingSignsOn', ['MOB-PAIR-BIOMETRICS'], S.success, portal.screens.success);
export const ensurePairingSuccessShowsTheCheckMark = outcome('ensurePairingSuccessShowsTheCheckMark', ['MOB-PAIR-SUCCESS'], S.success, portal.screens.success);
export const ensureDeniedPairingRefusesAccess = outcome('ensureDeniedPairingRefusesAccess', ['MOB-PAIR-DENY'], S.denied, portal.screens.failure);
export const ensureLatePairingAnswerTimesOut = outcome('ensureLatePairingAnswerTimesOut', ['MOB-PAIR-APPROVAL-TIME-LIMIT'], S.timedOut, portal.screens.failure);
export const ensureApprovedFromNotificationSignsOn = outcome('ensureApprovedFromNotificationSignsOn', ['MOB-AUTH-APPROVE-NOTIFICATION'], S.success, portal.screens.success);
export const ensureBiometricAuthenticationSignsOn = outcome('ensureBiometricAuthenticationSignsOn', ['MOB-AUTH-BIOMETRICS'], S.success, portal.screens.success);
export const ensureAuthenticationSuccessShowsTheCheckMark = outcome('ensureAuthenticationSuccessShowsTheCheckMark', ['MOB-AUTH-SUCCESS'], S.success, portal.screens.success);
export const ensureDeniedAuthenticationRefusesAccess = outcome('ensureDeniedAuthenticationRefusesAccess', ['MOB-AUTH-DENY'], S.denied, portal.screens.failure);
export const ensureLateAuthenticationTimesOut = outcome('ensureLateAuthenticationTimesOut', ['MOB-AUTH-TIMEOUT'], S.timedOut, portal.screens.failure);

/**
 * The way back from the result: Close (or the Authentication tab from the OTP screen) shows the
 * Authentication tab, listing the organisation the portal signs on to, with a passcode for it.
 */
export const ensureOrganisationListedOnAuthenticationTab = defineCheck('ensureOrganisationListedOnAuthenticationTab', ['MOB-PAIR-ACCOUNT-LISTED'], async (world: PathWorld, step: Step) => {
  const organisation = portalOrganisation(world);
  const screen = world.mobile.snapshot().screen;
  if (screen === S.success) await world.mobile.tap(M.successClose);
  else if (screen === S.otp) await world.mobile.tap(M.tabAuthentication);
  const snap = world.mobile.snapshot();
  step.attach({ name: 'Authentication tab', contentType: 'application/json', body: JSON.stringify(snap) });
  ensureScreen(snap.screen, S.accounts, 'the way back after pairing');
  const accounts = itemsOf(snap.values, M.accountItem);
  const index = accounts.indexOf(organisation);
  ensure(index >= 0, [], `the Authentication tab lists ${JSON.stringify(accounts)}, not '${organisation}'`, { code: 'VALUE_MISMATCH', expected: organisation, actual: accounts });
  const listed = itemsOf(snap.values, M.otpValue)[index] ?? '';
  ensurePasscodeShape(world, listed, `the Authentication tab's passcode for ${organisation}`);
  // The organisation opened: its OTP screen, with the same passcode (seed 001: "the current passcode shown in the app").
  await world.mobile.tap(M.accountItem, index);
  const otp = world.mobile.snapshot();
  step.attach({ name: 'the organisation opened: OTP screen', contentType: 'application/json', body: JSON.stringify(otp) });
  ensureScreen(otp.screen, S.otp, `${organisation} opened from the Authentication tab`);
  ensure(textOf(otp.values, M.otpOrganization) === organisation, [], `the OTP screen names '${textOf(otp.values, M.otpOrganization)}', expected '${organisation}'`, { code: 'VALUE_MISMATCH', expected: organisation, actual: otp.values[M.otpOrganization] });
  ensurePasscodeShape(world, textOf(otp.values, M.otpValue), `the OTP screen of ${organisation}`);
  ensure(textOf(otp.values, M.otpValue).replace(/\s+/g, '') === listed.replace(/\s+/g, ''), [], `the OTP screen shows '${textOf(otp.values, M.otpValue)}', the Authentication tab '${listed}' at the same moment`, { code: 'VALUE_MISMATCH', expected: listed, actual: otp.values[M.otpValue] });
});
