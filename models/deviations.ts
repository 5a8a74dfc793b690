/**
 * Deviations: deliberate, named departures from the documents that the reference server and
 * the sims can be started with (`authconf serve --deviate NAME`, `authconf run --deviate NAME`).
 * They prove the harness catches what it claims to: a plan run against a deviation must fail
 * on the requirement in `breaks`.
 */
import type { RequirementId } from './requirements.ts';

export interface Deviation {
  /** Which implementation departs: the reference server, or one of the simulated apps. */
  side: 'server' | 'mobile-sim' | 'desktop-sim';
  /** What the implementation does instead of what the documents say. */
  behaviour: string;
  /** The requirement a conformance run must report failed. */
  breaks: RequirementId;
}

export const deviations = {
  'accept-expired-pairing-key': { side: 'server', behaviour: 'Accepts a pairing key after its lifetime.', breaks: 'MOB-PAIR-KEY-EXPIRY' },
  'accept-reused-pairing-key': { side: 'server', behaviour: 'Accepts a pairing key a second time.', breaks: 'MOB-PAIR-KEY-SINGLE-USE' },
  'complete-after-rejected-push': { side: 'server', behaviour: 'Completes MFA after the push was rejected.', breaks: 'API-ADD-PUSH-REJECTED' },
  'link-then-refuse': { side: 'server', behaviour: 'Lists `cancelAuthentication` in `_links` of OTP_REQUIRED, then refuses it with INVALID_ACTION_ID.', breaks: 'API-GEN-LINKS-EXACT' },
  'paired-after-pairing-error': { side: 'server', behaviour: 'Reports device_paired after a pairing error.', breaks: 'API-INIT-STATUS-PAIRING-ERROR' },
  'accept-replayed-otp': { side: 'server', behaviour: 'Accepts the same OTP twice at the portal Authentication field.', breaks: 'DSK-SIGN-OTP-SINGLE-USE' },
  'get-advances-flow': { side: 'server', behaviour: 'A GET of a flow in PUSH_CONFIRMATION_WAITING moves it on when the push was approved.', breaks: 'API-GEN-GET-IDEMPOTENT' },
  'no-attempts-remaining': { side: 'server', behaviour: 'INVALID_OTP errors lack `attemptsRemaining`.', breaks: 'API-ADD-OTP-INVALID' },
  'skip-location-requirement': { side: 'server', behaviour: 'Completes pairing with location denied although the policy requires it.', breaks: 'MOB-PAIR-LOCATION-REQUIRED' },
  'verifier-accepts-missing-required': { side: 'server', behaviour: 'The Creds verifier accepts a response that lacks a required field.', breaks: 'CREDS-SHARE-REQUIRED-FIXED' },
  // --- Security holes the harness must catch in a vendor server (issue 9) ---
  'register-without-mfa': { side: 'server', behaviour: 'Starts a pairing for a user who already has a device after the password alone (POST /portal/registration/start without MFA).', breaks: 'MOB-PAIR-MFA-BEFORE-NEW-DEVICE' },
  'otp-lockout-per-flow': { side: 'server', behaviour: 'Counts wrong OTPs per flow only: a new flow, or the other channel, gets fresh tries while the user is locked out.', breaks: 'API-GEN-OTP-LOCKOUT-PER-USER' },
  'earlier-pairing-keys-live': { side: 'server', behaviour: 'Pressing Start again leaves the earlier pairing keys claimable.', breaks: 'MOB-PAIR-KEY-LATEST-ONLY' },
  'reusable-authorization-code': { side: 'server', behaviour: 'The token endpoint redeems an authorization code more than once.', breaks: 'API-GEN-CODE-SINGLE-USE' },
  'accept-short-pkce-challenge': { side: 'server', behaviour: 'Accepts a code_challenge shorter than 43 characters.', breaks: 'API-GEN-PKCE-CHALLENGE' },
  'id-token-status-web-login-mobile': { side: 'server', behaviour: 'The ID token status claim says web_login_mobile whatever the method the user authenticated with.', breaks: 'API-GEN-ID-TOKEN-CLAIMS' },
  'offer-for-any-username': { side: 'server', behaviour: "The issuer's offer page makes an offer for any `username` without authentication.", breaks: 'CREDS-PAIR-OFFER-AUTHENTICATED' },
  'accept-sequential-pin': { side: 'mobile-sim', behaviour: 'Accepts a 6-digit PIN in ascending or descending sequence.', breaks: 'MOB-PAIR-PIN-NO-SEQUENCE' },
  'share-unselected-optional': { side: 'mobile-sim', behaviour: 'Shares an optional Creds field the user did not select.', breaks: 'CREDS-SHARE-OPTIONAL-OPT-IN' },
  'new-label-never-expires': { side: 'mobile-sim', behaviour: 'Keeps the "New" label on Creds after 24 hours.', breaks: 'CREDS-RECEIVE-NEW-LABEL' },
  'desktop-accept-pin-mismatch': { side: 'desktop-sim', behaviour: 'Accepts a re-entered PIN that differs from the first.', breaks: 'DSK-PAIR-PIN-CONFIRM' },
  // --- Web builds a person cannot use (issue 10 item 4): each caught by a check that reads the screen ---
  'request-hides-passcode': { side: 'mobile-sim', behaviour: 'While a request is pending the phone shows only Deny, Yes and Face ID: no passcode and no way to it but Deny.', breaks: 'MOB-AUTH-PASSCODE' },
  'request-without-origin': { side: 'mobile-sim', behaviour: 'The request screen shows no time, browser or location, so requests cannot be told apart.', breaks: 'MOB-AUTH-REQUEST-ORIGIN' },
  'unstated-pin-rule': { side: 'mobile-sim', behaviour: 'Create a PIN never states the length or the different-digit rule.', breaks: 'MOB-PAIR-PIN-RULE-SHOWN' },
  'desktop-unstated-pin-rule': { side: 'desktop-sim', behaviour: 'The Create PIN window never states the length or the different-digit rule.', breaks: 'DSK-PAIR-PIN-RULE-SHOWN' },
  'desktop-server-error-text': { side: 'desktop-sim', behaviour: "A refused key shows the server's developer text ('No pairing key matches.') instead of what to do.", breaks: 'DSK-PAIR-KEY-WRONG' },
} as const satisfies Record<string, Deviation>;

export type DeviationName = keyof typeof deviations;

export function isDeviationName(name: string): name is DeviationName {
  return Object.hasOwn(deviations, name);
}
