/**
 * The requirement registry: one entry per documented step, rule and branch. IDs are the keys of
 * `requirements`, so `RequirementId` is a union and citing a missing ID fails to compile.
 *
 * ID scheme: AREA-FLOW-SLUG. Areas: MOB-PAIR (seed 000, 001 §2-3), MOB-AUTH (001 second half),
 * DSK-PAIR (002 steps 1-5), DSK-SIGN (002 step 6), CREDS-* (003), API-INIT / API-ADD (004),
 * API-GEN (Authentication API rules common to both, protocol facts), POL-* (disagreements).
 * `source.seed` is the seed file name; `source.section` a section id from its front matter;
 * facts from protocol-facts.md cite `source.url` instead.
 */

export type Level = 'MUST' | 'SHOULD' | 'POLICY';

export interface RequirementSource {
  seed?: string;
  section?: string;
  step?: string;
  url?: string;
}

export interface Requirement {
  level: Level;
  source: RequirementSource;
  text: string;
  /** POLICY entries: the documented readings, by variant value. */
  readings?: Record<string, string>;
}

export const SEEDS = {
  mobilePairing: '000_daf8e4353fcba356.txt',
  mobileAuth: '001_017c4f3ced03a229.txt',
  desktop: '002_11017d5a31d270ae.txt',
  creds: '003_09c9599b9888efba.txt',
  adapter: '004_ae01039832d92777.txt',
} as const;

export const requirements = {
  // (being completed: see issue 2) entries named by models/deviations.ts
  'MOB-PAIR-KEY-EXPIRY': { level: 'MUST', source: { url: 'https://developer.pingidentity.com/pingone-api/mfa/users/mfa-pairing-keys.html' }, text: 'A pairing key is refused after its lifetime (policy pairingKey.ttlSeconds).' },
  'MOB-PAIR-KEY-SINGLE-USE': { level: 'MUST', source: { url: 'https://developer.pingidentity.com/pingone-api/mfa/users/mfa-pairing-keys.html' }, text: 'A pairing key pairs one device once; a second claim is refused.' },
  'MOB-PAIR-LOCATION-REQUIRED': { level: 'MUST', source: { seed: SEEDS.mobilePairing, section: 'steps', step: '9' }, text: 'When the policy requires the device location, pairing does not complete with location denied.' },
  'MOB-PAIR-PIN-NO-SEQUENCE': { level: 'MUST', source: { seed: SEEDS.mobilePairing, section: 'steps', step: '8' }, text: 'The PIN must not be digits in ascending or descending sequence (such as 1234).' },
  'DSK-PAIR-PIN-CONFIRM': { level: 'MUST', source: { seed: SEEDS.desktop, section: 'steps', step: '5.2' }, text: 'The PIN is re-entered; a re-entry that differs is refused.' },
  'DSK-SIGN-OTP-SINGLE-USE': { level: 'MUST', source: { url: 'https://prod-docs.pingidentity.com/pingid-user-guide/pid_mobile_app/pid_mobile_app_otp_auth.html' }, text: 'An OTP signs on once; the same OTP typed again is refused.' },
  'CREDS-SHARE-REQUIRED-FIXED': { level: 'MUST', source: { seed: SEEDS.creds, section: 'steps-3', step: '2' }, text: 'Required fields are pre-selected and cannot be removed: a share without one is refused.' },
  'CREDS-SHARE-OPTIONAL-OPT-IN': { level: 'MUST', source: { seed: SEEDS.creds, section: 'steps-3', step: '2' }, text: 'Optional fields are shared only when the user selects them.' },
  'CREDS-RECEIVE-NEW-LABEL': { level: 'MUST', source: { seed: SEEDS.creds, section: 'steps-2', step: '2' }, text: "New Creds are labelled 'New' for the first 24 hours, or until opened." },
  'API-GEN-LINKS-EXACT': { level: 'MUST', source: { url: 'https://docs.pingidentity.com/pingfederate/latest/developers_reference_guide/pf_authentication_api.html' }, text: '`_links` lists exactly the actions the current state allows; each listed action is accepted.' },
  'API-GEN-GET-IDEMPOTENT': { level: 'MUST', source: { url: 'https://docs.pingidentity.com/pingfederate/latest/developers_reference_guide/pf_authentication_api.html' }, text: 'GET of a flow returns its current state and never changes it.' },
  'API-INIT-STATUS-PAIRING-ERROR': { level: 'MUST', source: { seed: SEEDS.adapter, section: 'pairing-an-initial-device-using-automatic-pairing', step: '8' }, text: 'After an error during device pairing the adapter returns success and the status attribute is com.pingidentity.pingone.pairing_error.' },
  'API-ADD-PUSH-REJECTED': { level: 'MUST', source: { seed: SEEDS.adapter, section: 'pairing-an-additional-device-using-automatic-pairing', step: '5.1' }, text: 'A denied push does not complete MFA: the flow reports PUSH_CONFIRMATION_REJECTED.' },
  'API-ADD-OTP-INVALID': { level: 'MUST', source: { seed: SEEDS.adapter, section: 'pairing-an-additional-device-using-automatic-pairing', step: '5.2' }, text: 'A wrong OTP gets VALIDATION_ERROR with detail INVALID_OTP and attemptsRemaining.' },
} as const satisfies Record<string, Requirement>;

export type RequirementId = keyof typeof requirements;

export function isRequirementId(id: string): id is RequirementId {
  return Object.hasOwn(requirements, id);
}
