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

/**
 * MUST and SHOULD are rules; POLICY a documented disagreement with its readings; OUT-OF-SCOPE
 * something a seed mentions that authconf leaves out on purpose (listed in reports, never in a verdict).
 */
export type Level = 'MUST' | 'SHOULD' | 'POLICY' | 'OUT-OF-SCOPE';

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

/** Public sources of protocol facts (shared/reference/protocol-facts.md), by the key that file uses. */
export const FACTS = {
  pfApi: 'https://docs.pingidentity.com/pingfederate/latest/developers_reference_guide/pf_authentication_api.html',
  pf113: 'https://docs.pingidentity.com/r/en-us/pingfederate-113/pingfed-authenticationapis',
  sdkRuntime: 'https://docs.pingidentity.com/pingfederate/latest/sdk_developers_guide/pf_runtime_behavior_implement.html',
  sdkStates: 'https://docs.pingidentity.com/pingfederate/latest/sdk_developers_guide/pf_authentication_api_states_actions_and_models.html',
  sdkErr: 'https://docs.pingidentity.com/pingfederate/latest/sdk_developers_guide/pf_error_messages_localization.html',
  errorHandling: 'https://docs.pingidentity.com/pingfederate/latest/sdk_developers_guide/pf_handling_auth_error_exceptions.html',
  otpIk: 'https://docs.pingidentity.com/integrations/otp/pf_otp_ik_authentication_api_support.html',
  widget: 'https://github.com/pingidentity/pf-authn-js-widget',
  mafAndroid: 'https://github.com/pingidentity/mobile-authentication-framework-android',
  mfaModels: 'https://docs.pingidentity.com/integrations/pingone/pingone_mfa_integration_kit/pf-p1-mfa-ik-models-objects-and-error-codes.html',
  mfaModelsOld: 'https://docs.pingidentity.com/integrations/pingone/pingone_mfa_integration_kit/pf_p1_mfa_ik_models,_objects,_and_error_codes.html',
  mfaAuthn: 'https://docs.pingidentity.com/integrations/pingone/pingone_mfa_integration_kit/pf_p1_mfa_ik_authentication_flows.html',
  mfaAuthz: 'https://docs.pingidentity.com/integrations/pingone/pingone_mfa_integration_kit/pf_p1_mfa_ik_authorization_flow.html',
  mfaStatus: 'https://docs.pingidentity.com/integrations/pingone/pingone_mfa_integration_kit/pf_p1_mfa_ik_p1_mfa_status_attributes_reference.html',
  pairingKeys: 'https://developer.pingidentity.com/pingone-api/mfa/users/mfa-pairing-keys.html',
  sdkErrors: 'https://developer.pingidentity.com/pingone-api/native-sdks/pingone-mfa-mobile-sdks/pingone_mfa_sdk_errror_codes.html',
  sdkReleaseNotes: 'https://github.com/pingidentity/pingone-mobile-sdk-android',
  pingidApiKeys: 'https://docs.pingidentity.com/pingid/release_notes/pid_release_note_july_13_2021.html',
  mobileOtp: 'https://prod-docs.pingidentity.com/pingid-user-guide/pid_mobile_app/pid_mobile_app_otp_auth.html',
  pushTimeouts: 'https://docs.pingidentity.com/r/v6hqiVhowIDI52XNglkuRw/zxIebeTACBhLVep1xsh3WA',
  desktopPin: 'https://docs.pingidentity.com/pingid/pingid_service_management/pid_desktop_app_pin.html',
  deviceManagement: 'https://docs.pingidentity.com/r/en-us/pingid/pingid_configuring_device_management',
  credsVerifications: 'https://developer.pingidentity.com/pingone-api/credentials/credential-verifications.html',
} as const;

/** Public protocol standards the security rules cite (issue 9). */
export const RFCS = {
  rfc6749Code: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2',
  rfc6819OnlineGuessing: 'https://www.rfc-editor.org/rfc/rfc6819#section-4.4.1.3',
  rfc7636Challenge: 'https://www.rfc-editor.org/rfc/rfc7636#section-4.2',
  rfc6238Throttling: 'https://www.rfc-editor.org/rfc/rfc6238#section-5.2',
  oidcIdToken: 'https://openid.net/specs/openid-connect-core-1_0.html#IDToken',
} as const;

const S000 = (step: string, section = 'steps') => ({ seed: SEEDS.mobilePairing, section, step });
const S001 = (section: string, step?: string) => (step === undefined ? { seed: SEEDS.mobileAuth, section } : { seed: SEEDS.mobileAuth, section, step });
const S002 = (step: string, section = 'steps') => ({ seed: SEEDS.desktop, section, step });
const S003 = (section: string, step?: string) => (step === undefined ? { seed: SEEDS.creds, section } : { seed: SEEDS.creds, section, step });
const INIT = (step: string) => ({ seed: SEEDS.adapter, section: 'pairing-an-initial-device-using-automatic-pairing', step });
const ADD = (step: string) => ({ seed: SEEDS.adapter, section: 'pairing-an-additional-device-using-automatic-pairing', step });
const FACT = (url: string) => ({ url });

export const requirements = {
  // ---------------------------------------------------------------------------------------
  // MOB-PAIR: mobile app pairing (seed 000; seed 001 "Pairing the PingID mobile app")
  // ---------------------------------------------------------------------------------------
  'MOB-PAIR-QR-OTHER-DEVICE': { level: 'SHOULD', source: S000('2', 'before-you-begin'), text: 'The QR code is shown on a different device from the phone being paired (for example, a laptop).' },
  'MOB-PAIR-BIOMETRICS-SETUP': { level: 'MUST', source: S000('3', 'before-you-begin'), text: 'When the policy requires biometrics, the app does not pair a device that has no biometrics set up.' },
  'MOB-PAIR-SECOND-METHOD': { level: 'SHOULD', source: S000('3', 'before-you-begin'), text: 'Users are advised to add a second authentication method so a lost phone does not lock them out.' },
  'MOB-PAIR-SIGN-ON': { level: 'MUST', source: S000('1'), text: 'Pairing starts by signing on to the account or app; a wrong username or password is refused.' },
  'MOB-PAIR-REGISTRATION-START': { level: 'MUST', source: S000('1'), text: 'A user with no paired device sees the registration window with a Start button.' },
  'MOB-PAIR-ADD-DEVICE-QR': { level: 'MUST', source: S000('1', 'result'), text: 'Start opens the Add a New Device window showing the pairing QR code.' },
  'MOB-PAIR-ADD-DEVICE-KEY': { level: 'MUST', source: S000('7'), text: 'The pairing key is displayed below the QR code.' },
  'MOB-PAIR-WELCOME-TERMS': { level: 'MUST', source: S000('2', 'result-2'), text: 'Opening the app shows the welcome screen with a link to the terms of service and Continue.' },
  'MOB-PAIR-TERMS-CONTINUE': { level: 'MUST', source: S000('3'), text: 'Continue on the welcome screen leads to the enable-notifications screen.' },
  'MOB-PAIR-NOTIFICATIONS-PROMPT': { level: 'MUST', source: S000('3', 'result-3'), text: 'The app asks to enable notifications, explaining they are required for authentication.' },
  'MOB-PAIR-NOTIFICATIONS-ALLOW': { level: 'MUST', source: S000('4'), text: 'Continue then Allow on the system popup enables notifications and leads to the Scan screen.' },
  'MOB-PAIR-NOTIFICATIONS-DENY': { level: 'MUST', source: S000('4'), text: "Don't Allow leaves pairing on the enable-notifications screen (notifications are required); the app does not crash." },
  'MOB-PAIR-SCAN': { level: 'MUST', source: S000('5'), text: 'The Scan screen offers Scan and Enter Pairing Key.' },
  'MOB-PAIR-CAMERA-PROMPT': { level: 'MUST', source: S000('6'), text: 'Tapping Scan asks to allow access to the camera, until it is allowed (a phone remembers the permission).' },
  'MOB-PAIR-CAMERA-ALLOW': { level: 'MUST', source: S000('7'), text: 'With camera access allowed, the capture screen points the camera at the QR code.' },
  'MOB-PAIR-CAMERA-DENY': { level: 'MUST', source: S000('7'), text: 'With camera access denied, the app returns to the Scan screen where Enter Pairing Key remains available.' },
  'MOB-PAIR-QR-SCAN': { level: 'MUST', source: S000('7'), text: 'Scanning a valid pairing QR code pairs the device with the account.' },
  'MOB-PAIR-QR-INVALID': { level: 'MUST', source: S000('7'), text: 'An unreadable image or a QR code that is not a pairing payload shows an error screen with a stable code; the user can scan again.' },
  'MOB-PAIR-KEY-ENTRY': { level: 'MUST', source: S000('7'), text: 'Enter Pairing Key accepts the key displayed below the QR code instead of a scan.' },
  'MOB-PAIR-KEY-WRONG': { level: 'MUST', source: FACT(FACTS.sdkErrors), text: 'A wrong pairing key is refused with an error (PAIRING_KEY_INVALID) and the user can try again.' },
  'MOB-PAIR-KEY-EXPIRY': { level: 'MUST', source: FACT(FACTS.pairingKeys), text: 'A pairing key is refused after its lifetime (policy pairingKey.ttlSeconds).' },
  'MOB-PAIR-KEY-SINGLE-USE': { level: 'MUST', source: FACT(FACTS.pairingKeys), text: 'A pairing key pairs one device once; a second claim is refused.' },
  'MOB-PAIR-PIN-REQUIRED': { level: 'MUST', source: S000('8'), text: 'When the policy requires a PIN, the app asks the user to create one before pairing completes; otherwise it asks none.' },
  'MOB-PAIR-PIN-LENGTH': { level: 'MUST', source: S000('8'), text: 'The PIN has exactly the length the policy sets (4 or 6 digits), digits only.' },
  'MOB-PAIR-PIN-DISTINCT-DIGITS': { level: 'MUST', source: S000('8'), text: 'A 4-digit PIN has at least 3 different digits; a 6-digit PIN at least the policy minimum (see POL-PIN-DISTINCT-DIGITS-6).' },
  'MOB-PAIR-PIN-NO-SEQUENCE': { level: 'MUST', source: S000('8'), text: 'The PIN must not be digits in ascending or descending sequence (such as 1234).' },
  // issue 8 (item 8): the re-entry step is documented in seed 002 step 5.2 (desktop app), not in seed 000 step 8 (which only says create a PIN); the mobile app is read the same way.
  'MOB-PAIR-PIN-CONFIRM': { level: 'MUST', source: S002('5.2'), text: 'The new PIN is entered a second time (seed 002 step 5.2 "Re-enter the PIN code"; seed 000 step 8 is read the same way); a re-entry that differs is refused and PIN creation starts over.' },
  'MOB-PAIR-PIN-EVERY-AUTH': { level: 'MUST', source: S000('8'), text: 'Once a PIN is set, it is entered every time the user authenticates with the app.' },
  // issue 10 (web builds a person can use): the PIN screen states the rule it enforces.
  'MOB-PAIR-PIN-RULE-SHOWN': { level: 'MUST', source: S000('8'), text: 'Create a PIN states the length the policy sets ("a 4 or 6-digit PIN") and how many different digits it needs ("at least 3 or 4 different digits"), before the user types.' },
  'MOB-PAIR-LOCATION-PROMPT': { level: 'MUST', source: S000('9'), text: 'When the policy requires the device location, the app shows Enable Location Permissions with Continue, then the system prompt.' },
  'MOB-PAIR-LOCATION-REQUIRED': { level: 'MUST', source: S000('9'), text: 'When the policy requires the device location, pairing does not complete with location denied.' },
  'MOB-PAIR-LOCATION-PERMISSIVE': { level: 'SHOULD', source: S000('9'), text: 'Users should pick the most permissive location option (Android: Precise, When using the app; iOS: Always Allow).' },
  'MOB-PAIR-OTP-SCREEN': { level: 'MUST', source: S000('9', 'result-4'), text: 'After pairing the app shows the one-time passcode (OTP) screen.' },
  'MOB-PAIR-AUTH-REQUEST': { level: 'MUST', source: S000('9', 'result-4'), text: 'An authentication request is generated immediately after pairing, asking whether the user is trying to sign on.' },
  'MOB-PAIR-APPROVE': { level: 'MUST', source: S000('10'), text: 'Tapping Yes (Approve) completes the authentication that finishes pairing.' },
  'MOB-PAIR-BIOMETRICS': { level: 'MUST', source: S000('10'), text: 'The request can be approved with biometrics instead of tapping Yes.' },
  'MOB-PAIR-BIOMETRIC-CONSENT': { level: 'MUST', source: S000('10'), text: 'Biometrics are used only after the user allows PingID to scan them; declining returns to the request.' },
  'MOB-PAIR-DENY': { level: 'MUST', source: S000('10'), text: 'Deny on the request ends the authentication without granting access.' },
  'MOB-PAIR-APPROVAL-TIME-LIMIT': { level: 'MUST', source: S000('10'), text: 'The request must be approved within a limited time (policy push.totalTimeoutSeconds); after it the request times out.' },
  'MOB-PAIR-PASSCODE-IN-BROWSER': { level: 'MUST', source: S001('3-complete-pairing'), text: 'Instead of approving, the user can complete pairing by entering the current passcode shown in the app into the browser.' },
  'MOB-PAIR-PASSCODE-WRONG': { level: 'MUST', source: FACT(FACTS.mobileOtp), text: 'A wrong or expired passcode typed in the browser is refused with an error and the user can try again.' },
  'MOB-PAIR-SUCCESS': { level: 'MUST', source: S000('10', 'result-5'), text: 'A green check mark confirms success and the user is granted access to the service.' },
  'MOB-PAIR-ACCOUNT-LISTED': { level: 'MUST', source: S001('2-scan-the-qr-code-or-enter-the-pairing-key'), text: 'The newly paired organisation appears in the Authentication tab.' },
  'MOB-PAIR-ALLOW-PERMISSIONS': { level: 'SHOULD', source: S001('1-download-the-pingid-mobile-app'), text: 'Users are told to allow all requested permissions.' },

  // ---------------------------------------------------------------------------------------
  // MOB-AUTH: authenticating with the paired mobile app (seed 001 second half)
  // ---------------------------------------------------------------------------------------
  'MOB-AUTH-NOTIFICATION': { level: 'MUST', source: S001('receive-an-authentication-request'), text: 'Accessing the organisation, site or app sends a notification to the paired app.' },
  'MOB-AUTH-PIN-ENTRY': { level: 'MUST', source: S000('8'), text: 'When a PIN is set, the app asks for it before the request can be approved.' },
  'MOB-AUTH-PIN-WRONG': { level: 'MUST', source: FACT(FACTS.desktopPin), text: 'A wrong PIN is refused; after policy pin.maxAttempts wrong PINs entry is blocked.' },
  'MOB-AUTH-PIN-BLOCKED': { level: 'MUST', source: FACT(FACTS.desktopPin), text: 'PIN entry stays blocked for policy pin.blockSeconds, then accepts the PIN again.' },
  'MOB-AUTH-APPROVE-NOTIFICATION': { level: 'MUST', source: S001('approve-the-request-or-enter-the-passcode'), text: 'Tapping Approve in the notification grants access.' },
  'MOB-AUTH-BIOMETRICS': { level: 'MUST', source: S001('approve-the-request-or-enter-the-passcode'), text: 'Biometrics (fingerprint or face ID) approve the request.' },
  'MOB-AUTH-BIOMETRIC-CONSENT': { level: 'MUST', source: S000('10'), text: 'The first biometric approval may ask consent to scan biometrics; declining returns to the request.' },
  'MOB-AUTH-PASSCODE': { level: 'MUST', source: S001('approve-the-request-or-enter-the-passcode'), text: 'Entering the passcode shown in the app before it expires grants access.' },
  'MOB-AUTH-PASSCODE-EXPIRED': { level: 'MUST', source: FACT(FACTS.mobileOtp), text: 'A passcode entered after it expired (policy otp.periodSeconds, driftSteps) or a wrong one is refused.' },
  // issue 8 (item 8): the authentication request's Approve or Deny is seed 001's section (seed 000 step 10 is the pairing request).
  'MOB-AUTH-DENY': { level: 'MUST', source: S001('approve-the-request-or-enter-the-passcode'), text: 'Deny refuses the request: access is not granted.' },
  'MOB-AUTH-TIMEOUT': { level: 'MUST', source: FACT(FACTS.pushTimeouts), text: 'With no answer within policy push.totalTimeoutSeconds, the request times out and access is not granted.' },
  'MOB-AUTH-SUCCESS': { level: 'MUST', source: S000('10', 'result-5'), text: 'A successful authentication shows the green check and grants access.' },
  // issue 10 (web builds a person can use): what tells one pending request from another.
  'MOB-AUTH-REQUEST-ORIGIN': { level: 'MUST', source: S001('3-complete-pairing'), text: "The authentication request shows the user's location (seed 001's Authentication screen), and when and from which browser the sign-on was made, so one request can be told from another." },

  // ---------------------------------------------------------------------------------------
  // DSK-PAIR: desktop app pairing (seed 002 steps 1-5)
  // ---------------------------------------------------------------------------------------
  'DSK-PAIR-INSTALLED': { level: 'SHOULD', source: S002('1', 'before-you-begin'), text: 'The PingID desktop app is installed (often by the administrator) before pairing.' },
  'DSK-PAIR-MY-DEVICES': { level: 'SHOULD', source: S002('1', 'about-this-task'), text: 'With a device already paired and several allowed, the desktop app is added from the My Devices page.' },
  'DSK-PAIR-SIGN-ON-START': { level: 'MUST', source: S002('1'), text: 'Sign on and click Start in the registration window to see Add a New Device.' },
  'DSK-PAIR-CHOOSE-DESKTOP': { level: 'MUST', source: S002('2'), text: 'Add a New Device offers Desktop.' },
  'DSK-PAIR-SETUP-KEY': { level: 'MUST', source: S002('2', 'result'), text: 'Clicking Desktop opens the Desktop Setup window displaying a Pairing Key.' },
  'DSK-PAIR-KEY-ENTRY': { level: 'MUST', source: S002('3'), text: 'The desktop app pairs when the key from Desktop Setup is entered in the Pairing Key field and Pair is clicked.' },
  'DSK-PAIR-KEY-WRONG': { level: 'MUST', source: S002('3'), text: 'A wrong key is refused with an error and the Pairing Key field stays available.' },
  'DSK-PAIR-KEY-EXPIRED': { level: 'MUST', source: FACT(FACTS.pairingKeys), text: 'An expired key is refused (policy pairingKey.ttlSeconds).' },
  'DSK-PAIR-KEY-USED': { level: 'MUST', source: FACT(FACTS.pairingKeys), text: 'A key already used to pair is refused.' },
  'DSK-PAIR-PROFILE-OPTIONAL': { level: 'MUST', source: S002('4'), text: 'Creating a profile is optional: the key can be entered without one.' },
  'DSK-PAIR-PROFILE-CREATE': { level: 'MUST', source: S002('4'), text: 'Add Profile, a name and Create show the profile name above the Pairing Key field.' },
  'DSK-PAIR-PROFILE-NAME-REQUIRED': { level: 'SHOULD', source: S002('4'), text: 'Create with an empty profile name is refused.' },
  'DSK-PAIR-OTP-AFTER-PAIR': { level: 'MUST', source: S002('4', 'result'), text: 'After Pair a one-time passcode is generated, unless a PIN must be created first.' },
  'DSK-PAIR-PIN-REQUIRED': { level: 'MUST', source: S002('5'), text: 'When the organisation requires a PIN, the app asks for one (Enter PIN, Next) before showing the OTP.' },
  'DSK-PAIR-PIN-LENGTH': { level: 'MUST', source: S002('5.1'), text: 'The PIN is exactly 4 or 6 digits, as the policy specifies.' },
  'DSK-PAIR-PIN-DISTINCT-DIGITS': { level: 'MUST', source: S002('5.1'), text: 'A 4-digit PIN has more than 2 different digits; a 6-digit PIN the policy minimum (see POL-PIN-DISTINCT-DIGITS-6).' },
  'DSK-PAIR-PIN-NO-SEQUENCE': { level: 'MUST', source: S002('5.1'), text: 'PIN digits must not be in ascending or descending sequence (765432 is refused).' },
  'DSK-PAIR-PIN-REJECTED-EXAMPLES': { level: 'MUST', source: S002('5.1'), text: 'The documented examples 1111, 123321, 8787 and 765432 are refused under every reading (123321 by the sequence rule when 3 distinct digits suffice: models/pin-rule.ts).' },
  'DSK-PAIR-PIN-CONFIRM': { level: 'MUST', source: S002('5.2'), text: 'The PIN is re-entered; a re-entry that differs is refused.' },
  // issue 10 (web builds a person can use): the PIN screen states the rule it enforces.
  'DSK-PAIR-PIN-RULE-SHOWN': { level: 'MUST', source: S002('5.1'), text: 'The Create PIN window states the length the policy sets ("requesting a 6-digit PIN entry") and how many different digits it needs, before the user types.' },
  'DSK-PAIR-OTP-SHOWN': { level: 'MUST', source: S002('5.2', 'result-2'), text: 'After the PIN is confirmed (or at once without a PIN) the OTP is shown.' },
  'DSK-PAIR-OTP-COPY': { level: 'MUST', source: S002('5.2', 'result-2'), text: 'The OTP screen offers Copy, which copies the current OTP.' },
  'DSK-PAIR-OTP-REFRESH': { level: 'MUST', source: S002('5.2', 'result-2'), text: 'The OTP screen offers Refresh, which shows the current OTP.' },

  // ---------------------------------------------------------------------------------------
  // DSK-SIGN: signing on with the desktop app's OTP (seed 002 step 6)
  // ---------------------------------------------------------------------------------------
  'DSK-SIGN-LAUNCH-OTP': { level: 'MUST', source: S002('6.1'), text: 'Launching the desktop app generates an OTP.' },
  'DSK-SIGN-COPY': { level: 'MUST', source: S002('6.2'), text: 'The OTP can be copied from the desktop app.' },
  'DSK-SIGN-PASTE': { level: 'MUST', source: S002('6.3'), text: 'The browser shows an Authentication field where the OTP is pasted.' },
  'DSK-SIGN-SIGN-ON': { level: 'MUST', source: S002('6.4'), text: 'Sign On submits the OTP.' },
  'DSK-SIGN-SUCCESS-REDIRECT': { level: 'MUST', source: S002('6.4', 'result-4'), text: 'A valid OTP shows the green checkmark and redirects the browser to the portal or app.' },
  'DSK-SIGN-OTP-WRONG': { level: 'MUST', source: FACT(FACTS.mobileOtp), text: 'A wrong OTP is refused with an error (OTP_INVALID) and the Authentication field stays available.' },
  'DSK-SIGN-OTP-EXPIRED': { level: 'MUST', source: FACT(FACTS.mobileOtp), text: 'An OTP older than its period (plus policy otp.driftSteps) is refused.' },
  'DSK-SIGN-OTP-SINGLE-USE': { level: 'MUST', source: FACT(FACTS.mobileOtp), text: 'An OTP signs on once; the same OTP typed again is refused.' },
  'DSK-SIGN-OTP-LOCKED': { level: 'MUST', source: FACT(FACTS.sdkErrors), text: 'After policy otp.maxAttempts wrong OTPs, sign-on fails (OTP_LOCKED).' },
  'DSK-SIGN-CHANGE-DEVICE': { level: 'MUST', source: S002('6.4'), text: 'The Authentication window offers Change Device, which returns to the choice of device.' },

  // ---------------------------------------------------------------------------------------
  // CREDS: pairing with issuers, receiving and sharing Creds (seed 003)
  // ---------------------------------------------------------------------------------------
  'CREDS-PAIR-PER-ISSUER': { level: 'MUST', source: S003('how-do-i-pair-creds'), text: 'The app pairs with each issuer separately; Creds come only from paired issuers.' },
  'CREDS-PAIR-SEVERAL-ISSUERS': { level: 'MUST', source: S003('how-do-i-pair-creds'), text: 'The app can be paired with more than one issuer at a time.' },
  'CREDS-PAIR-ONCE-PER-ISSUER': { level: 'MUST', source: S003('how-do-i-pair-creds'), text: 'A second pairing with an issuer already paired is refused (CREDS_ALREADY_PAIRED).' },
  'CREDS-PAIR-LOCK-REQUIRED': { level: 'MUST', source: S003('before-you-begin', '1'), text: 'Pairing needs a device lock (biometrics or device PIN); without one it is refused.' },
  'CREDS-PAIR-QR-OR-LINK': { level: 'MUST', source: S003('before-you-begin', '2'), text: "Pairing starts from the issuer's QR code or link." },
  'CREDS-PAIR-SCAN': { level: 'MUST', source: S003('steps', '1'), text: "Tap Scan in the app and scan the issuer's QR code." },
  'CREDS-PAIR-PERMISSIONS': { level: 'MUST', source: S003('steps', '3'), text: 'The app asks for notifications and camera permissions; pairing continues once they are accepted.' },
  'CREDS-PAIR-PERMISSIONS-DENIED': { level: 'MUST', source: S003('steps', '3'), text: 'With a permission refused, pairing does not complete and the app explains what is missing.' },
  'CREDS-PAIR-DEVICE-AUTH': { level: 'MUST', source: S003('steps', '4'), text: 'The device PIN or biometrics complete the pairing; a failed device check does not pair.' },
  'CREDS-RECEIVE-REQUIRES-PAIRING': { level: 'MUST', source: S003('before-you-begin-2'), text: 'Creds are received only from an issuer the device is paired with.' },
  'CREDS-RECEIVE-NOTIFICATION': { level: 'MUST', source: S003('how-do-i-receive-creds'), text: 'The device is notified whenever new Creds arrive from an issuer.' },
  'CREDS-RECEIVE-TAB': { level: 'MUST', source: S003('steps-2', '1'), text: 'New Creds appear in the Creds tab.' },
  'CREDS-RECEIVE-DETAILS': { level: 'MUST', source: S003('steps-2', '2'), text: 'Tapping Creds shows their details.' },
  'CREDS-RECEIVE-NEW-LABEL': { level: 'MUST', source: S003('steps-2', '2'), text: "New Creds are labelled 'New' for the first 24 hours, or until opened." },
  'CREDS-RECEIVE-NEW-CLEARED-ON-OPEN': { level: 'MUST', source: S003('steps-2', '2'), text: "Opening Creds removes their 'New' label." },
  'CREDS-RECEIVE-NEW-CLEARED-AFTER-24H': { level: 'MUST', source: S003('steps-2', '2'), text: "The 'New' label is gone after policy creds.newLabelHours (24 h) even if never opened." },
  'CREDS-SHARE-SCAN': { level: 'MUST', source: S003('steps-3', '1'), text: "Sharing starts by scanning the requester's QR code with Scan." },
  'CREDS-SHARE-REVIEW': { level: 'MUST', source: S003('steps-3', '2'), text: 'The app shows the requested Creds details for review before sharing.' },
  'CREDS-SHARE-REQUIRED-FIXED': { level: 'MUST', source: S003('steps-3', '2'), text: 'Required fields are pre-selected and cannot be removed: a share without one is refused.' },
  'CREDS-SHARE-OPTIONAL-HEADING': { level: 'MUST', source: S003('steps-3', '2'), text: 'Optional fields are listed under an Optional heading with a checkbox each, unchecked at first.' },
  'CREDS-SHARE-OPTIONAL-OPT-IN': { level: 'MUST', source: S003('steps-3', '2'), text: 'Optional fields are shared only when the user selects them.' },
  'CREDS-SHARE-SUBMIT': { level: 'MUST', source: S003('steps-3', '3'), text: 'Share sends exactly the selected information to the requester.' },
  'CREDS-SHARE-REQUEST-EXPIRY': { level: 'MUST', source: FACT(FACTS.credsVerifications), text: 'A share request expires after policy creds.presentationTtlSeconds (5 min); sharing after it is refused.' },
  'CREDS-NO-BACKUP': { level: 'MUST', source: S003('can-i-backup-or-move-my-creds-to-a-new-device'), text: 'Creds live on a single device and cannot be backed up or transferred.' },
  'CREDS-REISSUE-ON-NEW-DEVICE': { level: 'MUST', source: S003('can-i-backup-or-move-my-creds-to-a-new-device'), text: 'A new device or a reinstalled app holds no Creds until the issuer pairs it again and reissues them.' },

  // ---------------------------------------------------------------------------------------
  // API-INIT: initial device pairing through the Authentication API (seed 004, first section)
  // ---------------------------------------------------------------------------------------
  'API-INIT-FIRST-FACTOR': { level: 'MUST', source: INIT('1'), text: 'First-factor authentication completes before MFA begins.' },
  'API-INIT-AUTHENTICATION-REQUIRED': { level: 'MUST', source: INIT('2'), text: 'After the first factor the flow status is AUTHENTICATION_REQUIRED.' },
  'API-INIT-MOBILE-PAYLOAD': { level: 'MUST', source: INIT('3'), text: 'The API client gets a mobile payload from the mobile SDK.' },
  'API-INIT-AUTHENTICATE': { level: 'MUST', source: INIT('4'), text: 'The client invokes authenticate with the mobile payload; a payload that cannot be read is a VALIDATION_ERROR.' },
  'API-INIT-MOBILE-PAIRING-REQUIRED': { level: 'MUST', source: INIT('5'), text: 'A user with no device gets MOBILE_PAIRING_REQUIRED with a serverPayload.' },
  'API-INIT-SERVER-PAYLOAD': { level: 'MUST', source: INIT('6'), text: 'The client passes serverPayload to the SDK, which pairs the device.' },
  'API-INIT-CONTINUE': { level: 'MUST', source: INIT('7'), text: 'Once pairing is done the client must invoke continueAuthentication to progress the flow.' },
  'API-INIT-COMPLETED': { level: 'MUST', source: INIT('8'), text: 'After continueAuthentication the flow completes and the client obtains its tokens.' },
  'API-INIT-STATUS-PAIRED': { level: 'MUST', source: INIT('8'), text: 'After a successful pairing the status attribute is com.pingidentity.pingone.device_paired.' },
  'API-INIT-STATUS-NOT-PAIRED': { level: 'MUST', source: INIT('8'), text: 'continueAuthentication without a successful pairing is accepted and the status attribute is com.pingidentity.pingone.device_not_paired.' },
  'API-INIT-STATUS-PAIRING-ERROR': { level: 'MUST', source: INIT('8'), text: 'After an error during device pairing the adapter returns success and the status attribute is com.pingidentity.pingone.pairing_error.' },

  // ---------------------------------------------------------------------------------------
  // API-ADD: additional device pairing through the Authentication API (seed 004, second section)
  // ---------------------------------------------------------------------------------------
  'API-ADD-FIRST-FACTOR': { level: 'MUST', source: ADD('1'), text: 'First-factor authentication completes before MFA begins.' },
  'API-ADD-AUTHENTICATION-REQUIRED': { level: 'MUST', source: ADD('2'), text: "The flow status is AUTHENTICATION_REQUIRED and names the user's primary device." },
  'API-ADD-MOBILE-PAYLOAD': { level: 'MUST', source: ADD('3'), text: 'The API client gets a mobile payload from the mobile SDK.' },
  'API-ADD-AUTHENTICATE': { level: 'MUST', source: ADD('4'), text: 'The client invokes authenticate with the mobile payload.' },
  'API-ADD-PUSH-WAITING': { level: 'MUST', source: ADD('5.1'), text: 'With a single paired mobile device the status is PUSH_CONFIRMATION_WAITING and a push goes to that device.' },
  'API-ADD-POLL': { level: 'MUST', source: ADD('5.1'), text: 'The client repeats poll; while the user has not answered the status stays PUSH_CONFIRMATION_WAITING.' },
  'API-ADD-PUSH-APPROVED': { level: 'MUST', source: ADD('5.1'), text: 'Once the user approves the push, poll ends the wait: MFA succeeded (API-ADD-MFA-SUCCEEDED).' },
  'API-ADD-PUSH-REJECTED': { level: 'MUST', source: ADD('5.1'), text: 'A denied push does not complete MFA: the flow reports PUSH_CONFIRMATION_REJECTED.' },
  'API-ADD-PUSH-TIMED-OUT': { level: 'MUST', source: FACT(FACTS.pushTimeouts), text: 'With no answer within policy push.totalTimeoutSeconds the status is PUSH_CONFIRMATION_TIMED_OUT.' },
  'API-ADD-OTP-REQUIRED': { level: 'MUST', source: ADD('5.2'), text: 'With a single SMS, email or TOTP device the status is OTP_REQUIRED.' },
  'API-ADD-CHECK-OTP': { level: 'MUST', source: ADD('5.2'), text: 'checkOtp with the right OTP ends MFA successfully (API-ADD-MFA-SUCCEEDED).' },
  'API-ADD-OTP-INVALID': { level: 'MUST', source: ADD('5.2'), text: 'A wrong OTP gets VALIDATION_ERROR with detail INVALID_OTP and attemptsRemaining.' },
  'API-ADD-OTP-LOCKED': { level: 'MUST', source: FACT(FACTS.mfaModelsOld), text: 'After policy otp.maxAttempts wrong OTPs the flow is MFA_FAILED with code ACCOUNT_LOCKED_OUT. The attempts count per authentication on a device: selectDevice restarts it (protocol facts §2), so they start afresh.' },
  'API-ADD-DEVICE-SELECTION': { level: 'MUST', source: ADD('5.3'), text: 'A user with more than one paired device under "Prompt User to Select" gets DEVICE_SELECTION_REQUIRED with the devices.' },
  'API-ADD-SELECT-DEVICE': { level: 'MUST', source: ADD('5.3'), text: 'selectDevice with a deviceRef leads to PUSH_CONFIRMATION_WAITING for a mobile device, or leaves the flow in DEVICE_SELECTION_REQUIRED (an unknown id is a VALIDATION_ERROR and the user chooses again): the two statuses seed 004 step 5.3 names. An OTP device leads to OTP_REQUIRED (protocol facts; see POL-SELECT-DEVICE-OUTCOME).' },
  'API-ADD-DEFAULT-PRIMARY': { level: 'MUST', source: FACT(FACTS.deviceManagement), text: 'Under "Default to Primary" a user with several devices is not prompted: the primary device is used.' },
  'API-ADD-MFA-SUCCEEDED': {
    level: 'MUST',
    source: ADD('4'),
    text: 'Once MFA succeeds (push approved or right OTP), an authenticate that carried the mobile payload of an installation not yet paired gets MOBILE_PAIRING_REQUIRED (the SDK still has to pair it); one that carried none (a browser\'s `{}`) gets MFA_COMPLETED.',
  },
  'API-ADD-MOBILE-PAIRING-REQUIRED': { level: 'MUST', source: FACT(FACTS.mfaModelsOld), text: 'MOBILE_PAIRING_REQUIRED carries the serverPayload for the new installation\'s SDK and offers continueAuthentication only.' },
  'API-ADD-MFA-COMPLETED': { level: 'MUST', source: FACT(FACTS.mfaAuthn), text: 'MFA_COMPLETED offers continueAuthentication, which the client must call.' },
  'API-ADD-STATUS-WEB-LOGIN': {
    level: 'MUST',
    source: FACT(FACTS.mfaStatus),
    text: 'A flow that completes without pairing (MFA_COMPLETED then continueAuthentication) has the status attribute com.pingidentity.pingone.web_login_mobile after a push, web_login_otp after an OTP.',
  },
  'API-ADD-CONTINUE': { level: 'MUST', source: ADD('5'), text: 'continueAuthentication is accepted whether or not the new device paired; the outcome shows only in the status attribute.' },
  'API-ADD-STATUS-PAIRED': { level: 'MUST', source: ADD('5'), text: 'After a successful pairing the status attribute is com.pingidentity.pingone.device_paired.' },
  'API-ADD-STATUS-NOT-PAIRED': { level: 'MUST', source: ADD('5'), text: 'When pairing was not successful the status attribute is com.pingidentity.pingone.device_not_paired.' },
  'API-ADD-STATUS-PAIRING-ERROR': { level: 'MUST', source: ADD('5'), text: 'After an error during pairing the adapter returns success and the status attribute is com.pingidentity.pingone.pairing_error.' },

  // ---------------------------------------------------------------------------------------
  // API-GEN: Authentication API rules common to both flows (protocol facts §1-2)
  // ---------------------------------------------------------------------------------------
  'API-GEN-LINKS-EXACT': { level: 'MUST', source: FACT(FACTS.pfApi), text: '`_links` lists exactly the actions the current state allows; each listed action is accepted.' },
  'API-GEN-GET-IDEMPOTENT': { level: 'MUST', source: FACT(FACTS.pfApi), text: 'GET of a flow returns its current state and never changes it.' },
  'API-GEN-INVALID-ACTION-ID': { level: 'MUST', source: FACT(FACTS.otpIk), text: 'An action outside the current `_links` is refused with HTTP 400 INVALID_ACTION_ID and the flow stays in its state.' },
  'API-GEN-ERROR-KEEPS-STATE': { level: 'MUST', source: FACT(FACTS.errorHandling), text: 'After a validation error the flow stays in its state (the adapter returns IN_PROGRESS).' },
  'API-GEN-STATE-BODY': { level: 'MUST', source: FACT(FACTS.sdkStates), text: 'Every state body has `id`, `status` and `_links` with `self` plus one key per allowed action.' },
  'API-GEN-ERROR-BODY': { level: 'MUST', source: FACT(FACTS.widget), text: 'Error bodies carry `code`, `message` and `details[]` of {code, message, target?, attemptsRemaining?}.' },
  'API-GEN-ACTION-MEDIA-TYPE': { level: 'MUST', source: FACT(FACTS.pfApi), text: 'The action is named by `Content-Type: application/vnd.pingidentity.<action>+json`.' },
  'API-GEN-ACTION-QUERY': { level: 'SHOULD', source: FACT(FACTS.pf113), text: 'The action may instead be named by `?action=<action>` with `Content-Type: application/json`.' },
  'API-GEN-XSRF-HEADER': { level: 'SHOULD', source: FACT(FACTS.widget), text: 'Clients send `X-XSRF-Header` (any value) on every request.' },
  'API-GEN-CANCEL': { level: 'MUST', source: FACT(FACTS.mfaModelsOld), text: 'cancelAuthentication, where offered, ends the flow without authenticating the user.' },
  'API-GEN-REJECTED-CANCEL-ONLY': { level: 'SHOULD', source: FACT(FACTS.widget), text: 'PUSH_CONFIRMATION_REJECTED offers cancelAuthentication only.' },
  'API-GEN-TIMED-OUT-RETRY': { level: 'SHOULD', source: FACT(FACTS.widget), text: 'PUSH_CONFIRMATION_TIMED_OUT offers checkOtp (the device\'s passcode; it is OTP-enabled), cancelAuthentication, and selectDevice (change device) when the user has several devices.' },
  'API-GEN-CHANGE-DEVICE': {
    level: 'SHOULD',
    source: FACT(FACTS.widget),
    text: 'PUSH_CONFIRMATION_WAITING, PUSH_CONFIRMATION_TIMED_OUT and OTP_REQUIRED offer selectDevice (the widget\'s "change device") only to a user with several devices; it restarts authentication on the device chosen.',
  },
  'API-GEN-FIRST-FACTOR-CANCEL': {
    level: 'SHOULD',
    source: FACT(FACTS.sdkStates),
    text: 'USERNAME_PASSWORD_REQUIRED offers checkUsernamePassword and cancelAuthentication. Protocol facts list no actions for this state (only a format example); the reference server\'s reading, offering cancel as every other non-final state does, is kept.',
  },
  'API-GEN-MFA-FAILED-DEAD-END': { level: 'MUST', source: FACT(FACTS.mafAndroid), text: 'MFA_FAILED is a dead end: only cancelAuthentication is offered.' },
  'API-GEN-FLOW-NOT-FOUND': { level: 'SHOULD', source: FACT(FACTS.widget), text: 'An unknown or expired flow id gets 404 RESOURCE_NOT_FOUND.' },
  'API-GEN-STATUS-PREFIX': { level: 'MUST', source: FACT(FACTS.mfaStatus), text: 'Status attribute values carry the prefix com.pingidentity.pingone.' },

  // ---------------------------------------------------------------------------------------
  // Security rules a PingFederate/PingID-style server keeps (issue 9): the seeds' flows read
  // with the protocol facts and RFC 6749, 6819, 7636, 6238 and OpenID Connect Core.
  // ---------------------------------------------------------------------------------------
  'MOB-PAIR-MFA-BEFORE-NEW-DEVICE': { level: 'MUST', source: ADD('5'), text: 'A user who already has a paired device completes MFA with it before another device is added; the password alone does not start a pairing.' },
  'MOB-PAIR-KEY-LATEST-ONLY': { level: 'MUST', source: FACT(RFCS.rfc6819OnlineGuessing), text: 'One live pairing key per registration: pressing Start again revokes the earlier keys (PAIRING_KEY_REVOKED).' },
  'API-GEN-OTP-LOCKOUT-PER-USER': { level: 'MUST', source: FACT(RFCS.rfc6238Throttling), text: 'After policy otp.maxAttempts wrong OTPs the user is locked out for the lockout period in every flow and channel: a new flow, the portal or the Authentication API does not restore tries.' },
  'API-GEN-CODE-SINGLE-USE': { level: 'MUST', source: FACT(RFCS.rfc6749Code), text: 'An authorization code is redeemed once: a second token request with it is refused (invalid_grant), and a completed sign-on mints one code.' },
  'API-GEN-PKCE-CHALLENGE': { level: 'MUST', source: FACT(RFCS.rfc7636Challenge), text: 'A code_challenge outside 43-128 characters of the unreserved set is refused (invalid_request).' },
  'API-GEN-ID-TOKEN-CLAIMS': { level: 'MUST', source: FACT(RFCS.oidcIdToken), text: 'An ID token is issued only for the openid scope; auth_time is the time of authentication, and the status claim names the method used.' },
  'CREDS-PAIR-OFFER-AUTHENTICATED': { level: 'MUST', source: S003('before-you-begin', '2'), text: "An issuer's pairing offer for a named user is made only for that user signed on with MFA; an offer for another user is refused." },

  // ---------------------------------------------------------------------------------------
  // POL: where the documents disagree or are silent, and administrator choices. Each has
  // `readings` keyed by the `Policy` value (models/policy.ts) that selects it.
  // ---------------------------------------------------------------------------------------
  'POL-PIN-DISTINCT-DIGITS-6': {
    level: 'POLICY', source: S002('5.1'),
    text: 'Minimum distinct digits in a 6-digit PIN (policy pin.distinctDigits6): the desktop and mobile seeds disagree.',
    readings: {
      '3': 'Seed 002 step 5.1: "3 different digits if the PIN length is 6 digits" (its own example 123321, which has 3, is then refused only as a sequence).',
      '4': 'Seed 000 step 8: "at least 3 or 4 different digits for PIN lengths of 4 and 6 digits, respectively"; the admin guides agree.',
    },
  },
  'POL-STATUS-ATTRIBUTE': {
    level: 'POLICY', source: ADD('5'),
    text: 'Name of the contract attribute carrying the pairing outcome (policy statusAttribute): seed 004 uses two names.',
    readings: {
      'pingone.mfa.status': 'Seed 004 initial flow step 8 and the additional flow: `pingone.mfa.status`.',
      'com.pingidentity.pingone.status': 'Seed 004 last sentence: "`com.pingidentity.pingone.status` will have the value ...pairing_error".',
    },
  },
  'POL-PAIRING-KEY-FORMAT': {
    level: 'POLICY', source: S000('7'),
    text: 'Pairing key alphabet (policy pairingKey.format): the seed says numeric, the SDK accepts alphanumeric; length and grouping are undocumented.',
    readings: {
      numeric: 'Seed 000 step 7: "the pairing key (long numerical code)".',
      alphanumeric: 'PingOne mobile SDK 1.7.2 release notes: alphanumeric pairing keys.',
    },
  },
  'POL-PAIRING-KEY-LIFETIME': {
    level: 'POLICY', source: FACT(FACTS.pairingKeys),
    text: 'Pairing key lifetime (policy pairingKey.ttlSeconds): the sources give different defaults.',
    readings: {
      '600': 'PingOne pairing keys: valid 10 minutes by default.',
      '172800': 'PingID API activation code: 48 hours by default (1 to 336 h).',
    },
  },
  'POL-POLL-STYLE': {
    level: 'POLICY', source: ADD('5.1'),
    text: 'How a client learns a push outcome (policy pollStyle): POST poll per seed 004, or re-GET the flow as the widget does.',
    readings: {
      post: 'Seed 004 step 5.1 and the mobile samples: POST the `poll` action repeatedly.',
      get: 'pf-authn-js-widget: re-GET the flow every second; GET must then reflect the outcome without other side effects.',
    },
  },
  'POL-PIN-LENGTH': {
    level: 'POLICY', source: S000('8'),
    text: 'Whether a PIN is required and its length (policy pin.length): an administrator choice.',
    readings: { '0': 'No PIN is asked.', '4': 'A 4-digit PIN is created at pairing.', '6': 'A 6-digit PIN is created at pairing.' },
  },
  'POL-LOCATION-REQUIRED': {
    level: 'POLICY', source: S000('9'),
    text: 'Whether the organisation requires the device location (policy locationRequired).',
    readings: { true: 'Location permission is asked and required at pairing.', false: 'Location is not asked.' },
  },
  'POL-BIOMETRICS-REQUIRED': {
    level: 'POLICY', source: S000('3', 'before-you-begin'),
    text: 'Whether the organisation requires biometrics set up on the device (policy biometricsRequired).',
    readings: { true: 'A device without biometrics cannot pair.', false: 'Biometrics are optional.' },
  },
  'POL-DEVICE-SELECTION': {
    level: 'POLICY', source: FACT(FACTS.deviceManagement),
    text: 'With several devices: "Default to Primary" or "Prompt User to Select" (policy devices.selection).',
    readings: { primary: 'The primary device is used without prompting.', prompt: 'DEVICE_SELECTION_REQUIRED lists the devices.' },
  },
  'POL-MAX-DEVICES': {
    level: 'POLICY', source: FACT(FACTS.deviceManagement),
    text: 'Maximum allowed devices (policy devices.max): PingID defaults to 1, seed 004 describes users with several.',
    readings: { '1': 'PingID default: one device; an additional device replaces nothing and is refused.', '20': 'The documented maximum.' },
  },
  'POL-PUSH-WINDOW': {
    level: 'POLICY', source: FACT(FACTS.pushTimeouts),
    text: 'How long a push waits for an answer (policy push.totalTimeoutSeconds): server default vs client budgets.',
    readings: { '40': 'PingID Total Timeout default 40 s (Device Timeout 25 s).', '15': 'Ping mobile samples: 15 polls one second apart, then a local PUSH_CONFIRMATION_TIMED_OUT.' },
  },
  'POL-OTP-ATTEMPTS': {
    level: 'POLICY', source: FACT(FACTS.sdkErrors),
    text: 'Wrong OTPs allowed before the flow fails (policy otp.maxAttempts): the adapter budget is undocumented.',
    readings: { '3': 'PingOne SDK: 3 tries (per 15 min on checkOTP).' },
  },
  // issue 8 (item 8): seed 004 step 5.3 and the protocol facts disagree on what selectDevice can answer.
  'POL-SELECT-DEVICE-OUTCOME': {
    level: 'POLICY', source: ADD('5.3'),
    text: 'What selectDevice answers. Seed 004 step 5.3: "PUSH_CONFIRMATION_WAITING or DEVICE_SELECTION_REQUIRED"; the protocol facts (MFA-AUTHN, the widget) add OTP_REQUIRED for an OTP device. The model takes both: a mobile device waits for the push, an unusable choice keeps DEVICE_SELECTION_REQUIRED, an OTP device asks for its OTP.',
    readings: {
      seed: 'PUSH_CONFIRMATION_WAITING for the device chosen, or DEVICE_SELECTION_REQUIRED again (the choice could not be used).',
      facts: 'As the seed, and OTP_REQUIRED when the device chosen is an SMS, email or TOTP device (selectedDeviceRef).',
    },
  },
  // issue 12 (property mode): where the random walks met a question the documents leave open.
  'POL-OTP-LOCKOUT-SCOPE': {
    level: 'POLICY', source: FACT(RFCS.rfc6238Throttling),
    text: 'What the OTP lockout counts and what lifts it (policy otp.maxAttempts): the documents give a budget ("3 per 15 min") but not which refusals count or what clears them. authconf reads: every refused OTP counts (wrong, expired or replayed), per user across flows and channels; while locked even the current OTP is refused (OTP_LOCKED); a right OTP anywhere (another window, the Authentication API) clears the count; the lockout (server otpLockoutSeconds, 300 s) outlasts a push request (push.totalTimeoutSeconds at most 180 s in the plans), so a flow never sees it lift.',
    readings: { '3': 'Three refused OTPs in a row lock the user; a right one in between starts the count again.' },
  },

  // ---------------------------------------------------------------------------------------
  // OUT-OF-SCOPE (issue 8, item 8): what the seeds mention and authconf leaves out on purpose.
  // Listed in every report, never counted in a verdict.
  // ---------------------------------------------------------------------------------------
  'OOS-MOB-WINDOWS-MAC-LOGIN': { level: 'OUT-OF-SCOPE', source: { seed: SEEDS.mobilePairing, section: 'about-this-task' }, text: 'After pairing, the mobile app can also authenticate Windows login or Mac login: those integrations are not modelled or tested (no machine, no driver).' },
  'OOS-DSK-VPN-RDP': { level: 'OUT-OF-SCOPE', source: { seed: SEEDS.desktop, section: 'about-this-task' }, text: 'After pairing, the desktop app can also authenticate VPN access or a Windows login over Remote Desktop Protocol (RDP): not modelled or tested.' },
  'OOS-APP-INSTALL': { level: 'OUT-OF-SCOPE', source: S000('1'), text: 'Installing the apps (PingID mobile app from the app stores or the downloads page, seed 000 step 1; the desktop app, often by the administrator, seed 002 before you begin): the harness starts from an installed app.' },
  'OOS-MOB-ADD-REORDER-METHODS': { level: 'OUT-OF-SCOPE', source: { seed: SEEDS.mobilePairing, section: 'before-you-begin' }, text: 'Adding and reordering authentication methods ("(Legacy) Adding and reordering authentication methods", linked from seed 000): only adding a device from My Devices is modelled (DSK-PAIR-MY-DEVICES).' },
} as const satisfies Record<string, Requirement>;

export type RequirementId = keyof typeof requirements;

export function isRequirementId(id: string): id is RequirementId {
  return Object.hasOwn(requirements, id);
}

/** Every requirement ID, in registry order. */
export const requirementIds = Object.keys(requirements) as RequirementId[];
