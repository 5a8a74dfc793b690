/**
 * Every MUST and SHOULD of the registry is enforced by at least one check (issue 8 item 4): the
 * catalog of `defineCheck` (suites/checks/check.ts), loaded with every machine binding, names a
 * check citing it. A model citation only says a path reaches a requirement; without a check the
 * requirement can never pass a run (it stays not-checked, and the run INCOMPLETE).
 *
 * `requirementsAwaitingChecks` is the explicit list of known gaps, each with why it is still open,
 * written when the verdict engine landed (branch i8) while the checks themselves were being written
 * (branch i8c: screen-by-value checks, edges, back doors, adapter completion). Shrink it as checks
 * land; the lead empties it after merging. The test fails both ways: a MUST or SHOULD with no check
 * that is not listed, and a listed ID that now has a check (so the list cannot rot).
 */
import { describe, expect, it } from 'vitest';
import { requirementIds, requirements, type Requirement, type RequirementId } from '../../models/requirements.ts';
import '../executors/index.ts';
import { checkCatalog } from './check.ts';

/** Known gaps: requirement -> why no check enforces it yet (where the model reaches it). */
export const requirementsAwaitingChecks: Readonly<Partial<Record<RequirementId, string>>> = {
  'MOB-PAIR-QR-OTHER-DEVICE': 'reached at mobile-pairing#addDevice; asserted by screen ID or status only',
  'MOB-PAIR-SIGN-ON': 'reached at mobile-pairing#signOn (+5 more); asserted by screen ID or status only',
  'MOB-PAIR-TERMS-CONTINUE': 'reached at mobile-pairing#welcome --WELCOME.CONTINUE--> notifications; asserted by screen ID or status only',
  'MOB-PAIR-NOTIFICATIONS-PROMPT': 'reached at mobile-pairing#notifications (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-NOTIFICATIONS-ALLOW': 'reached at mobile-pairing#notificationsPrompt (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-NOTIFICATIONS-DENY': 'reached at mobile-pairing#notificationsPrompt (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-SCAN': 'reached at mobile-pairing#scan (+2 more); asserted by screen ID or status only',
  'MOB-PAIR-CAMERA-PROMPT': 'reached at mobile-pairing#cameraPrompt (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-CAMERA-ALLOW': 'reached at mobile-pairing#capture (+2 more); asserted by screen ID or status only',
  'MOB-PAIR-CAMERA-DENY': 'reached at mobile-pairing#cameraPrompt --CAMERA.DENY--> scan; asserted by screen ID or status only',
  'MOB-PAIR-QR-SCAN': 'reached at mobile-pairing#capture (+2 more); asserted by screen ID or status only',
  'MOB-PAIR-KEY-ENTRY': 'reached at mobile-pairing#enterKey (+4 more); asserted by screen ID or status only',
  'MOB-PAIR-PIN-REQUIRED': 'reached at mobile-pairing#pinCreate (+2 more); asserted by screen ID or status only',
  'MOB-PAIR-PIN-LENGTH': 'reached at mobile-pairing#pinCreate --PIN.SUBMIT [pinWrongLength]--> pinCreate (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-PIN-DISTINCT-DIGITS': 'reached at mobile-pairing#pinCreate --PIN.SUBMIT [pinTooFewDistinct]--> pinCreate (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-PIN-NO-SEQUENCE': 'reached at mobile-pairing#pinCreate --PIN.SUBMIT [pinSequence]--> pinCreate (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-PIN-CONFIRM': 'reached at mobile-pairing#pinConfirm (+2 more); asserted by screen ID or status only',
  'MOB-PAIR-PIN-EVERY-AUTH': 'reached at mobile-pairing#pinSet (+2 more); asserted by screen ID or status only',
  'MOB-PAIR-LOCATION-PROMPT': 'reached at mobile-pairing#location (+5 more); asserted by screen ID or status only',
  'MOB-PAIR-LOCATION-PERMISSIVE': 'reached at mobile-pairing#location; asserted by screen ID or status only',
  'MOB-PAIR-AUTH-REQUEST': 'reached at mobile-pairing#authRequest (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-APPROVE': 'reached at mobile-pairing#authRequest --REQUEST.APPROVE--> success; asserted by screen ID or status only',
  'MOB-PAIR-BIOMETRICS': 'reached at mobile-pairing#authRequest --REQUEST.BIOMETRICS--> biometricConsent (+1 more); asserted by screen ID or status only',
  'MOB-PAIR-BIOMETRIC-CONSENT': 'reached at mobile-pairing#biometricConsent (+2 more); asserted by screen ID or status only',
  'MOB-PAIR-ACCOUNT-LISTED': 'reached at mobile-pairing#otp (+1 more); asserted by screen ID or status only',
  'MOB-AUTH-NOTIFICATION': 'reached at mobile-authentication#notification (+1 more); asserted by screen ID or status only',
  'MOB-AUTH-PIN-ENTRY': 'reached at mobile-authentication#pinEntry (+5 more); asserted by screen ID or status only',
  'MOB-AUTH-APPROVE-NOTIFICATION': 'reached at mobile-authentication#authRequest (+4 more); asserted by screen ID or status only',
  'MOB-AUTH-BIOMETRICS': 'reached at mobile-authentication#authRequest (+2 more); asserted by screen ID or status only',
  'MOB-AUTH-BIOMETRIC-CONSENT': 'reached at mobile-authentication#biometricConsent (+2 more); asserted by screen ID or status only',
  'DSK-PAIR-INSTALLED': 'reached at desktop-pairing#desktopSetup --DESKTOP.LAUNCH--> pairing; asserted by screen ID or status only',
  'DSK-PAIR-SIGN-ON-START': 'reached at desktop-pairing#signOn (+4 more); asserted by screen ID or status only',
  'DSK-PAIR-CHOOSE-DESKTOP': 'reached at desktop-pairing#addDevice (+2 more); asserted by screen ID or status only',
  'DSK-PAIR-PROFILE-OPTIONAL': 'reached at desktop-pairing#pairing (+1 more); asserted by screen ID or status only',
  'DSK-PAIR-PROFILE-CREATE': 'reached at desktop-pairing#profileCreate (+1 more); asserted by screen ID or status only',
  'DSK-PAIR-PROFILE-NAME-REQUIRED': 'reached at desktop-pairing#profileCreate --PROFILE.CREATE--> profileCreate; asserted by screen ID or status only',
  'DSK-PAIR-OTP-AFTER-PAIR': 'reached at desktop-pairing#paired (+2 more); asserted by screen ID or status only',
  'DSK-PAIR-PIN-REQUIRED': 'reached at desktop-pairing#pinCreate (+1 more); asserted by screen ID or status only',
  'DSK-PAIR-PIN-LENGTH': 'reached at desktop-pairing#pinCreate --PIN.SUBMIT [pinWrongLength]--> pinCreate (+1 more); asserted by screen ID or status only',
  'DSK-PAIR-PIN-DISTINCT-DIGITS': 'reached at desktop-pairing#pinCreate --PIN.SUBMIT [pinTooFewDistinct]--> pinCreate (+1 more); asserted by screen ID or status only',
  'DSK-PAIR-PIN-NO-SEQUENCE': 'reached at desktop-pairing#pinCreate --PIN.SUBMIT [pinSequence]--> pinCreate (+1 more); asserted by screen ID or status only',
  'DSK-PAIR-PIN-REJECTED-EXAMPLES': 'reached at desktop-pairing#pinCreate --PIN.SUBMIT [pinTooFewDistinct]--> pinCreate (+1 more); asserted by screen ID or status only',
  'DSK-PAIR-PIN-CONFIRM': 'reached at desktop-pairing#pinConfirm (+2 more); asserted by screen ID or status only',
  'DSK-SIGN-LAUNCH-OTP': 'reached at desktop-signon#otpShown (+1 more); asserted by screen ID or status only',
  'DSK-SIGN-PASTE': 'reached at desktop-signon#authentication (+4 more); asserted by screen ID or status only',
  'DSK-SIGN-SIGN-ON': 'reached at desktop-signon#otpEntered (+1 more); asserted by screen ID or status only',
  'DSK-SIGN-SUCCESS-REDIRECT': 'reached at desktop-signon#success (+1 more); asserted by screen ID or status only',
  'DSK-SIGN-CHANGE-DEVICE': 'reached at desktop-signon#authentication (+5 more); asserted by screen ID or status only',
  'CREDS-PAIR-PER-ISSUER': 'reached at creds#home --CREDS.ISSUE [fromPairedIssuer]--> notified (+3 more); asserted by screen ID or status only',
  'CREDS-PAIR-SEVERAL-ISSUERS': 'reached at creds#deviceAuth --DEVICE_AUTH.SUBMIT [deviceAuthOk]--> home; asserted by screen ID or status only',
  'CREDS-PAIR-QR-OR-LINK': 'reached at creds#home (+2 more); asserted by screen ID or status only',
  'CREDS-PAIR-SCAN': 'reached at creds#scanIssuer (+3 more); asserted by screen ID or status only',
  'CREDS-RECEIVE-REQUIRES-PAIRING': 'reached at creds#notified (+1 more); asserted by screen ID or status only',
  'CREDS-RECEIVE-NOTIFICATION': 'reached at creds#notified (+2 more); asserted by screen ID or status only',
  'CREDS-RECEIVE-TAB': 'reached at creds#credsNew (+6 more); asserted by screen ID or status only',
  'CREDS-RECEIVE-DETAILS': 'reached at creds#credDetails (+2 more); asserted by screen ID or status only',
  'CREDS-RECEIVE-NEW-CLEARED-ON-OPEN': 'reached at creds#credsNew --CREDS.OPEN--> credDetails (+1 more); asserted by screen ID or status only',
  'CREDS-RECEIVE-NEW-CLEARED-AFTER-24H': 'reached at creds#credsNew --CLOCK.ADVANCE [newLabelElapsed]--> credsList; asserted by screen ID or status only',
  'CREDS-SHARE-SCAN': 'reached at creds#home --SHARE.SCAN [credHeld]--> shareReview (+2 more); asserted by screen ID or status only',
  'CREDS-SHARE-SUBMIT': 'reached at creds#shared (+2 more); asserted by screen ID or status only',
  'CREDS-SHARE-REQUEST-EXPIRY': 'reached at creds#shareExpired (+2 more); asserted by screen ID or status only',
  'API-INIT-FIRST-FACTOR': 'reached at adapter-initial-pairing#usernamePasswordRequired (+2 more); asserted by screen ID or status only',
  'API-INIT-AUTHENTICATION-REQUIRED': 'reached at adapter-initial-pairing#authenticationRequired (+1 more); asserted by screen ID or status only',
  'API-INIT-MOBILE-PAYLOAD': 'reached at adapter-initial-pairing#authenticationRequired; asserted by screen ID or status only',
  'API-INIT-AUTHENTICATE': 'reached at adapter-initial-pairing#authenticationRequired --authenticate [payloadValid]--> mobilePairingRequired (+1 more); asserted by screen ID or status only',
  'API-INIT-MOBILE-PAIRING-REQUIRED': 'reached at adapter-initial-pairing#mobilePairingRequired (+1 more); asserted by screen ID or status only',
  'API-INIT-SERVER-PAYLOAD': 'reached at adapter-initial-pairing#mobilePairingRequired (+4 more); asserted by screen ID or status only',
  'API-INIT-CONTINUE': 'reached at adapter-initial-pairing#mobilePairingRequired.sdkPaired (+4 more); asserted by screen ID or status only',
  'API-INIT-COMPLETED': 'reached at adapter-initial-pairing#completedDevicePaired (+2 more); asserted by screen ID or status only',
  'API-ADD-FIRST-FACTOR': 'reached at adapter-additional-device#usernamePasswordRequired (+2 more); asserted by screen ID or status only',
  'API-ADD-AUTHENTICATION-REQUIRED': 'reached at adapter-additional-device#authenticationRequired; asserted by screen ID or status only',
  'API-ADD-MOBILE-PAYLOAD': 'reached at adapter-additional-device#authenticationRequired; asserted by screen ID or status only',
  'API-ADD-AUTHENTICATE': 'reached at adapter-additional-device#authenticationRequired --authenticate [payloadInvalid]--> authenticationRequired (+4 more); asserted by screen ID or status only',
  'API-ADD-PUSH-WAITING': 'reached at adapter-additional-device#pushWaiting (+6 more); asserted by screen ID or status only',
  'API-ADD-POLL': 'reached at adapter-additional-device#pushWaiting (+5 more); asserted by screen ID or status only',
  'API-ADD-PUSH-APPROVED': 'reached at adapter-additional-device#pushWaiting.approved (+3 more); asserted by screen ID or status only',
  'API-ADD-PUSH-REJECTED': 'reached at adapter-additional-device#pushWaiting.denied (+4 more); asserted by screen ID or status only',
  'API-ADD-PUSH-TIMED-OUT': 'reached at adapter-additional-device#pushWaiting.expired (+4 more); asserted by screen ID or status only',
  'API-ADD-OTP-REQUIRED': 'reached at adapter-additional-device#otpRequired (+5 more); asserted by screen ID or status only',
  'API-ADD-CHECK-OTP': 'reached at adapter-additional-device#pushTimedOut --checkOtp [otpValid]--> mfaSucceeded (+1 more); asserted by screen ID or status only',
  'API-ADD-OTP-LOCKED': 'reached at adapter-additional-device#mfaFailed (+2 more); asserted by screen ID or status only',
  'API-ADD-DEVICE-SELECTION': 'reached at adapter-additional-device#deviceSelectionRequired (+1 more); asserted by screen ID or status only',
  'API-ADD-SELECT-DEVICE': 'reached at adapter-additional-device#pushWaiting.waiting --selectDevice [selectedMobile]--> pushWaiting (+6 more); asserted by screen ID or status only',
  'API-ADD-DEFAULT-PRIMARY': 'reached at adapter-additional-device#authenticationRequired --authenticate [defaultToPrimary]--> pushWaiting; asserted by screen ID or status only',
  'API-ADD-MFA-SUCCEEDED': 'reached at adapter-additional-device#mfaSucceeded (+2 more); asserted by screen ID or status only',
  'API-ADD-MOBILE-PAIRING-REQUIRED': 'reached at adapter-additional-device#mobilePairingRequired (+2 more); asserted by screen ID or status only',
  'API-ADD-MFA-COMPLETED': 'reached at adapter-additional-device#mfaCompleted (+3 more); asserted by screen ID or status only',
  'API-ADD-CONTINUE': 'reached at adapter-additional-device#completedDevicePaired (+6 more); asserted by screen ID or status only',
  'API-GEN-STATE-BODY': 'reached at adapter-initial-pairing#usernamePasswordRequired (+3 more); asserted by screen ID or status only',
  'API-GEN-CANCEL': 'reached at adapter-initial-pairing#canceled (+11 more); asserted by screen ID or status only',
  'API-GEN-REJECTED-CANCEL-ONLY': 'reached at adapter-additional-device#pushRejected (+1 more); asserted by screen ID or status only',
  'API-GEN-TIMED-OUT-RETRY': 'reached at adapter-additional-device#pushTimedOut (+5 more); asserted by screen ID or status only',
  'API-GEN-CHANGE-DEVICE': 'reached at adapter-additional-device#pushWaiting.waiting --selectDevice [oneDevice]--> pushWaiting.waiting (+11 more); asserted by screen ID or status only',
  'API-GEN-FIRST-FACTOR-CANCEL': 'reached at adapter-initial-pairing#usernamePasswordRequired (+3 more); asserted by screen ID or status only',
  'API-GEN-MFA-FAILED-DEAD-END': 'reached at adapter-additional-device#mfaFailed (+1 more); asserted by screen ID or status only',
};

const checked = new Set(checkCatalog().flatMap((check) => check.requirements));
const enforceable = requirementIds.filter((id) => ['MUST', 'SHOULD'].includes((requirements[id] as Requirement).level));

describe('every MUST and SHOULD has a check', () => {
  it('lists a check in the catalog for every MUST and SHOULD not awaiting one', () => {
    const missing = enforceable.filter((id) => !checked.has(id) && !(id in requirementsAwaitingChecks));
    expect(missing, 'MUST/SHOULD requirements no check cites (add a defineCheck citing each)').toEqual([]);
  });

  it('keeps the allow-list honest: no listed ID already has a check, every listed ID is a MUST or SHOULD', () => {
    const listed = Object.keys(requirementsAwaitingChecks) as RequirementId[];
    expect(listed.filter((id) => checked.has(id)), 'these now have a check: remove them from requirementsAwaitingChecks').toEqual([]);
    expect(listed.filter((id) => !enforceable.includes(id))).toEqual([]);
    for (const id of listed) expect(requirementsAwaitingChecks[id], id).toMatch(/\S/);
  });

  it('has checks with sentence names citing registry IDs, each defined once', () => {
    const catalog = checkCatalog();
    expect(catalog.length).toBeGreaterThan(0);
    expect(new Set(catalog.map((c) => c.name)).size).toBe(catalog.length);
    for (const check of catalog) expect(check.requirements.length, check.name).toBeGreaterThan(0);
  });
});
