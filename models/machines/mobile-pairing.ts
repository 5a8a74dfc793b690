/**
 * Mobile app pairing: seed 000 steps 1-10, and seed 001 "Pairing the PingID mobile app"
 * (scan or key, then approve in the app or type the passcode in the browser).
 *
 * Roles: the portal (sign on, Start, Add a New Device) and the mobile app (everything else).
 * Pure: no timers, no invoked services; the approval window closing is the event
 * APPROVAL.TIMEOUT. Policy branches (PIN, location, biometrics) are guards on `context.policy`;
 * the camera permission the phone remembers is `context.cameraAllowed`.
 * Pastes into the Stately visualizer with models/pin-rule.ts pasted above it (its only value import, dependency-free).
 */
import { assign, setup } from 'xstate';
import { pinHasEnoughDistinctDigits, pinHasPolicyLength, pinIsSequence } from '../pin-rule.ts';
import type { Policy } from '../policy.ts';
import type { RequirementId } from '../requirements.ts';
import type { ControlId, ScreenId } from '../testids.ts';

type FlowMeta = { requirements: readonly RequirementId[]; testId?: ScreenId | ControlId };

/** Pairing keys and QR codes as the test can produce them. */
export type KeyKind = 'valid' | 'wrong' | 'expired' | 'used';
export type QrKind = 'valid' | 'unreadable' | 'not-pairing' | 'expired' | 'used';

export type MobilePairingEvent =
  | { type: 'SIGNON.SUBMIT'; credentials: 'valid' | 'wrong' }
  | { type: 'REGISTRATION.START' }
  | { type: 'APP.OPEN'; biometrics: 'enrolled' | 'none' }
  | { type: 'BIOMETRICS.ENROLLED' }
  | { type: 'WELCOME.CONTINUE' }
  | { type: 'NOTIFICATIONS.CONTINUE' }
  | { type: 'NOTIFICATIONS.ALLOW' }
  | { type: 'NOTIFICATIONS.DENY' }
  | { type: 'SCAN.TAP' }
  | { type: 'CAMERA.ALLOW' }
  | { type: 'CAMERA.DENY' }
  | { type: 'QR.SCAN'; qr: QrKind }
  | { type: 'KEY.OPEN' }
  | { type: 'KEY.ENTER'; key: KeyKind }
  | { type: 'ERROR.BACK' }
  | { type: 'PIN.SUBMIT'; pin: string }
  | { type: 'PIN.CONFIRM'; pin: string }
  | { type: 'LOCATION.CONTINUE' }
  | { type: 'LOCATION.ALLOW' }
  | { type: 'LOCATION.DENY' }
  | { type: 'REQUEST.ARRIVE' }
  | { type: 'REQUEST.APPROVE' }
  | { type: 'REQUEST.BIOMETRICS' }
  | { type: 'BIOMETRICS.ALLOW' }
  | { type: 'BIOMETRICS.DECLINE' }
  | { type: 'REQUEST.DENY' }
  | { type: 'APPROVAL.TIMEOUT' }
  | { type: 'PASSCODE.SUBMIT'; otp: 'current' | 'wrong' | 'expired' };

export interface MobilePairingContext {
  policy: Policy;
  /** The PIN typed on Create PIN, until it is confirmed or refused. */
  pin: string;
  /**
   * The phone remembers the camera permission once allowed (seed 000 step 6 is the first Scan):
   * a later Scan opens the capture screen at once. Refused, it stays unset and Scan asks again.
   */
  cameraAllowed: boolean;
  /** Wrong passcodes typed in the browser (the user's OTP lockout: policy otp.maxAttempts, then OTP_LOCKED). */
  wrongOtps: number;
}

/** Representative PINs for the policy's length: one valid, one per broken rule (seed 000 step 8). */
export function mobilePairingPins(policy: Policy): string[] {
  return policy.pin.length === 6 ? ['135792', '121213', '123321', '111111', '121212', '765432', '123456', '1357'] : ['1357', '1111', '8787', '1234', '4321', '135'];
}

/** The events the graph walks, payload values included (seed 000 branches). */
export function mobilePairingEvents(policy: Policy): MobilePairingEvent[] {
  const pins = mobilePairingPins(policy);
  return [
    { type: 'SIGNON.SUBMIT', credentials: 'valid' },
    { type: 'SIGNON.SUBMIT', credentials: 'wrong' },
    { type: 'REGISTRATION.START' },
    { type: 'APP.OPEN', biometrics: 'enrolled' },
    { type: 'APP.OPEN', biometrics: 'none' },
    { type: 'BIOMETRICS.ENROLLED' },
    { type: 'WELCOME.CONTINUE' },
    { type: 'NOTIFICATIONS.CONTINUE' },
    { type: 'NOTIFICATIONS.ALLOW' },
    { type: 'NOTIFICATIONS.DENY' },
    { type: 'SCAN.TAP' },
    { type: 'CAMERA.ALLOW' },
    { type: 'CAMERA.DENY' },
    ...(['valid', 'unreadable', 'not-pairing', 'expired', 'used'] as const).map((qr) => ({ type: 'QR.SCAN', qr }) as const),
    { type: 'KEY.OPEN' },
    ...(['valid', 'wrong', 'expired', 'used'] as const).map((key) => ({ type: 'KEY.ENTER', key }) as const),
    { type: 'ERROR.BACK' },
    ...pins.map((pin) => ({ type: 'PIN.SUBMIT', pin }) as const),
    ...pins.map((pin) => ({ type: 'PIN.CONFIRM', pin }) as const),
    { type: 'LOCATION.CONTINUE' },
    { type: 'LOCATION.ALLOW' },
    { type: 'LOCATION.DENY' },
    { type: 'REQUEST.ARRIVE' },
    { type: 'REQUEST.APPROVE' },
    { type: 'REQUEST.BIOMETRICS' },
    { type: 'BIOMETRICS.ALLOW' },
    { type: 'BIOMETRICS.DECLINE' },
    { type: 'REQUEST.DENY' },
    { type: 'APPROVAL.TIMEOUT' },
    ...(['current', 'wrong', 'expired'] as const).map((otp) => ({ type: 'PASSCODE.SUBMIT', otp }) as const),
  ];
}

// PIN rules (seed 000 step 8): one pure module shared with the other machine that checks PINs (models/pin-rule.ts).
const pinOf = (event: MobilePairingEvent): string => (event.type === 'PIN.SUBMIT' || event.type === 'PIN.CONFIRM' ? event.pin : '');

export const mobilePairingMachine = setup({
  types: {
    context: {} as MobilePairingContext,
    events: {} as MobilePairingEvent,
    input: {} as { policy: Policy } | void, // optional: Stately starts a machine without input
    meta: {} as FlowMeta,
  },
  guards: {
    credentialsValid: ({ event }) => event.type === 'SIGNON.SUBMIT' && event.credentials === 'valid',
    biometricsMissing: ({ context, event }) => event.type === 'APP.OPEN' && context.policy.biometricsRequired && event.biometrics === 'none',
    pinRequired: ({ context }) => context.policy.pin.length !== 0,
    locationRequired: ({ context }) => context.policy.locationRequired,
    qrValid: ({ event }) => event.type === 'QR.SCAN' && event.qr === 'valid',
    qrUnreadable: ({ event }) => event.type === 'QR.SCAN' && (event.qr === 'unreadable' || event.qr === 'not-pairing'),
    qrExpired: ({ event }) => event.type === 'QR.SCAN' && event.qr === 'expired',
    qrUsed: ({ event }) => event.type === 'QR.SCAN' && event.qr === 'used',
    keyValid: ({ event }) => event.type === 'KEY.ENTER' && event.key === 'valid',
    keyWrong: ({ event }) => event.type === 'KEY.ENTER' && event.key === 'wrong',
    keyExpired: ({ event }) => event.type === 'KEY.ENTER' && event.key === 'expired',
    pinWrongLength: ({ context, event }) => !pinHasPolicyLength(pinOf(event), context.policy),
    pinTooFewDistinct: ({ context, event }) => !pinHasEnoughDistinctDigits(pinOf(event), context.policy),
    pinSequence: ({ event }) => pinIsSequence(pinOf(event)),
    pinMatches: ({ context, event }) => pinOf(event) === context.pin,
    passcodeCurrent: ({ event }) => event.type === 'PASSCODE.SUBMIT' && event.otp === 'current',
    cameraAllowed: ({ context }) => context.cameraAllowed,
    otpLocked: ({ context }) => context.wrongOtps >= context.policy.otp.maxAttempts,
    lastOtpAttempt: ({ context }) => context.wrongOtps + 1 >= context.policy.otp.maxAttempts,
  },
  actions: {
    rememberPin: assign({ pin: ({ event }) => pinOf(event) }),
    forgetPin: assign({ pin: '' }),
    allowCamera: assign({ cameraAllowed: true }),
    countWrongOtp: assign({ wrongOtps: ({ context }) => context.wrongOtps + 1 }),
  },
}).createMachine({
  id: 'mobile-pairing',
  // No input (pasted into Stately): models/policy.ts defaultPolicy, inlined (machines import only types; a test keeps it equal).
  context: ({ input }) => ({ policy: input?.policy ?? { pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 }, locationRequired: false, biometricsRequired: false, devices: { max: 5, selection: 'prompt' }, pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 }, otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 }, push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 }, statusAttribute: 'pingone.mfa.status', pollStyle: 'post', creds: { newLabelHours: 24, presentationTtlSeconds: 300 }, flow: { ttlSeconds: 1800 } }, pin: '', cameraAllowed: false, wrongOtps: 0 }),
  initial: 'signOn',
  states: {
    // 000 step 1: sign on to the account or app.
    signOn: {
      meta: { requirements: ['MOB-PAIR-SIGN-ON'], testId: 'portal-signon' },
      on: {
        'SIGNON.SUBMIT': [
          { guard: 'credentialsValid', target: 'registration', meta: { requirements: ['MOB-PAIR-SIGN-ON'], testId: 'signon-submit' } },
          { meta: { requirements: ['MOB-PAIR-SIGN-ON'], testId: 'signon-error' } },
        ],
      },
    },
    // 000 step 1: the registration window with Start.
    registration: {
      meta: { requirements: ['MOB-PAIR-REGISTRATION-START', 'MOB-PAIR-KEY-LATEST-ONLY'], testId: 'portal-registration' },
      on: { 'REGISTRATION.START': { target: 'addDevice', meta: { requirements: ['MOB-PAIR-REGISTRATION-START', 'MOB-PAIR-ADD-DEVICE-QR'], testId: 'registration-start' } } },
    },
    // 000 step 1 result: Add a New Device with the QR code and the key beneath it.
    addDevice: {
      meta: { requirements: ['MOB-PAIR-ADD-DEVICE-QR', 'MOB-PAIR-ADD-DEVICE-KEY', 'MOB-PAIR-QR-OTHER-DEVICE'], testId: 'portal-add-device' },
      on: {
        'APP.OPEN': [
          { guard: 'biometricsMissing', target: 'biometricsMissing', meta: { requirements: ['MOB-PAIR-BIOMETRICS-SETUP', 'POL-BIOMETRICS-REQUIRED'] } },
          { target: 'welcome', meta: { requirements: ['MOB-PAIR-WELCOME-TERMS'] } },
        ],
      },
    },
    // 000 before you begin 3: the organisation requires biometrics and the device has none.
    biometricsMissing: {
      meta: { requirements: ['MOB-PAIR-BIOMETRICS-SETUP'], testId: 'mobile-error' },
      on: { 'BIOMETRICS.ENROLLED': { target: 'welcome', meta: { requirements: ['MOB-PAIR-BIOMETRICS-SETUP'] } } },
    },
    // 000 step 2: welcome screen with the terms of service.
    welcome: {
      meta: { requirements: ['MOB-PAIR-WELCOME-TERMS'], testId: 'mobile-welcome' },
      on: { 'WELCOME.CONTINUE': { target: 'notifications', meta: { requirements: ['MOB-PAIR-TERMS-CONTINUE'], testId: 'welcome-continue' } } },
    },
    // 000 step 3: enable notifications.
    notifications: {
      meta: { requirements: ['MOB-PAIR-NOTIFICATIONS-PROMPT'], testId: 'mobile-notifications' },
      on: { 'NOTIFICATIONS.CONTINUE': { target: 'notificationsPrompt', meta: { requirements: ['MOB-PAIR-NOTIFICATIONS-PROMPT'], testId: 'notifications-continue' } } },
    },
    // 000 step 4: the system popup, Allow or Don't Allow.
    notificationsPrompt: {
      meta: { requirements: ['MOB-PAIR-NOTIFICATIONS-ALLOW', 'MOB-PAIR-NOTIFICATIONS-DENY'], testId: 'mobile-notifications-prompt' },
      on: {
        'NOTIFICATIONS.ALLOW': { target: 'scan', meta: { requirements: ['MOB-PAIR-NOTIFICATIONS-ALLOW'], testId: 'notifications-allow' } },
        'NOTIFICATIONS.DENY': { target: 'notifications', meta: { requirements: ['MOB-PAIR-NOTIFICATIONS-DENY'], testId: 'notifications-deny' } },
      },
    },
    // 000 step 5: Scan, or Enter Pairing Key.
    scan: {
      meta: { requirements: ['MOB-PAIR-SCAN'], testId: 'mobile-scan' },
      on: {
        // 000 steps 5-7: the camera prompt (step 6) comes with the first Scan. Once allowed, the phone
        // remembers it, so Scan goes straight to the capture screen (step 7), as a real phone does;
        // after Don't Allow nothing is remembered and Scan asks again.
        'SCAN.TAP': [
          { guard: 'cameraAllowed', target: 'capture', meta: { requirements: ['MOB-PAIR-SCAN', 'MOB-PAIR-CAMERA-ALLOW'], testId: 'scan-button' } },
          { target: 'cameraPrompt', meta: { requirements: ['MOB-PAIR-SCAN', 'MOB-PAIR-CAMERA-PROMPT'], testId: 'scan-button' } },
        ],
        'KEY.OPEN': { target: 'enterKey', meta: { requirements: ['MOB-PAIR-KEY-ENTRY'], testId: 'enter-pairing-key' } },
      },
    },
    // 000 step 6: allow access to the camera.
    cameraPrompt: {
      meta: { requirements: ['MOB-PAIR-CAMERA-PROMPT'], testId: 'mobile-camera-prompt' },
      on: {
        'CAMERA.ALLOW': { target: 'capture', actions: 'allowCamera', meta: { requirements: ['MOB-PAIR-CAMERA-ALLOW'], testId: 'camera-allow' } },
        'CAMERA.DENY': { target: 'scan', meta: { requirements: ['MOB-PAIR-CAMERA-DENY'], testId: 'camera-deny' } },
      },
    },
    // 000 step 7: point the camera at the QR code (or switch to Enter Pairing Key).
    capture: {
      meta: { requirements: ['MOB-PAIR-CAMERA-ALLOW', 'MOB-PAIR-QR-SCAN'], testId: 'mobile-capture' },
      on: {
        'QR.SCAN': [
          { guard: 'qrValid', target: 'paired', meta: { requirements: ['MOB-PAIR-QR-SCAN'], testId: 'capture-image' } },
          { guard: 'qrUnreadable', target: 'keyRefused', meta: { requirements: ['MOB-PAIR-QR-INVALID'], testId: 'capture-image' } },
          { guard: 'qrExpired', target: 'keyRefused', meta: { requirements: ['MOB-PAIR-KEY-EXPIRY', 'POL-PAIRING-KEY-LIFETIME'], testId: 'capture-image' } },
          { guard: 'qrUsed', target: 'keyRefused', meta: { requirements: ['MOB-PAIR-KEY-SINGLE-USE'], testId: 'capture-image' } },
        ],
        'KEY.OPEN': { target: 'enterKey', meta: { requirements: ['MOB-PAIR-KEY-ENTRY'], testId: 'enter-pairing-key' } },
      },
    },
    // 000 step 7 note: Enter Pairing Key (the long code beneath the QR code).
    enterKey: {
      meta: { requirements: ['MOB-PAIR-KEY-ENTRY', 'POL-PAIRING-KEY-FORMAT'], testId: 'mobile-enter-key' },
      on: {
        'KEY.ENTER': [
          { guard: 'keyValid', target: 'paired', meta: { requirements: ['MOB-PAIR-KEY-ENTRY'], testId: 'pairing-key-submit' } },
          { guard: 'keyWrong', target: 'keyRefused', meta: { requirements: ['MOB-PAIR-KEY-WRONG'], testId: 'pairing-key-submit' } },
          { guard: 'keyExpired', target: 'keyRefused', meta: { requirements: ['MOB-PAIR-KEY-EXPIRY', 'POL-PAIRING-KEY-LIFETIME'], testId: 'pairing-key-submit' } },
          { target: 'keyRefused', meta: { requirements: ['MOB-PAIR-KEY-SINGLE-USE'], testId: 'pairing-key-submit' } },
        ],
      },
    },
    // A refused QR code or key: an error screen with a stable code, then back to Scan.
    keyRefused: {
      meta: { requirements: ['MOB-PAIR-KEY-WRONG', 'MOB-PAIR-QR-INVALID'], testId: 'mobile-error' },
      on: { 'ERROR.BACK': { target: 'scan', meta: { requirements: ['MOB-PAIR-KEY-WRONG'], testId: 'error-back' } } },
    },
    // The key was accepted: the next screen depends on the policy (PIN, then location, then OTP).
    paired: {
      meta: { requirements: ['MOB-PAIR-QR-SCAN', 'MOB-PAIR-KEY-ENTRY'] },
      always: [
        { guard: 'pinRequired', target: 'pinCreate', meta: { requirements: ['MOB-PAIR-PIN-REQUIRED', 'POL-PIN-LENGTH'] } },
        { guard: 'locationRequired', target: 'location', meta: { requirements: ['MOB-PAIR-LOCATION-PROMPT', 'POL-LOCATION-REQUIRED'] } },
        { target: 'otp', meta: { requirements: ['MOB-PAIR-PIN-REQUIRED', 'MOB-PAIR-OTP-SCREEN'] } },
      ],
    },
    // 000 step 8: create a 4- or 6-digit PIN.
    pinCreate: {
      meta: { requirements: ['MOB-PAIR-PIN-REQUIRED', 'MOB-PAIR-PIN-RULE-SHOWN'], testId: 'mobile-pin-create' },
      on: {
        'PIN.SUBMIT': [
          { guard: 'pinWrongLength', meta: { requirements: ['MOB-PAIR-PIN-LENGTH', 'POL-PIN-LENGTH'], testId: 'pin-error' } },
          { guard: 'pinTooFewDistinct', meta: { requirements: ['MOB-PAIR-PIN-DISTINCT-DIGITS', 'POL-PIN-DISTINCT-DIGITS-6'], testId: 'pin-error' } },
          { guard: 'pinSequence', meta: { requirements: ['MOB-PAIR-PIN-NO-SEQUENCE'], testId: 'pin-error' } },
          { target: 'pinConfirm', actions: 'rememberPin', meta: { requirements: ['MOB-PAIR-PIN-LENGTH', 'MOB-PAIR-PIN-DISTINCT-DIGITS', 'MOB-PAIR-PIN-NO-SEQUENCE'], testId: 'pin-next' } },
        ],
      },
    },
    // 000 step 8: the PIN again.
    pinConfirm: {
      meta: { requirements: ['MOB-PAIR-PIN-CONFIRM'], testId: 'mobile-pin-confirm' },
      on: {
        'PIN.CONFIRM': [
          { guard: 'pinMatches', target: 'pinSet', meta: { requirements: ['MOB-PAIR-PIN-CONFIRM'], testId: 'pin-confirm-done' } },
          { target: 'pinCreate', actions: 'forgetPin', meta: { requirements: ['MOB-PAIR-PIN-CONFIRM'], testId: 'pin-error' } },
        ],
      },
    },
    // The PIN is set: location when the policy asks, else the OTP screen.
    pinSet: {
      meta: { requirements: ['MOB-PAIR-PIN-EVERY-AUTH'] },
      always: [
        { guard: 'locationRequired', target: 'location', actions: 'forgetPin', meta: { requirements: ['MOB-PAIR-LOCATION-PROMPT', 'POL-LOCATION-REQUIRED'] } },
        { target: 'otp', actions: 'forgetPin', meta: { requirements: ['MOB-PAIR-OTP-SCREEN'] } },
      ],
    },
    // 000 step 9: Enable Location Permissions, Continue.
    location: {
      meta: { requirements: ['MOB-PAIR-LOCATION-PROMPT', 'MOB-PAIR-LOCATION-PERMISSIVE'], testId: 'mobile-location' },
      on: { 'LOCATION.CONTINUE': { target: 'locationPrompt', meta: { requirements: ['MOB-PAIR-LOCATION-PROMPT'], testId: 'location-continue' } } },
    },
    // 000 step 9: the system prompt; denied location does not complete pairing.
    locationPrompt: {
      meta: { requirements: ['MOB-PAIR-LOCATION-PROMPT', 'MOB-PAIR-LOCATION-REQUIRED'], testId: 'mobile-location-prompt' },
      on: {
        'LOCATION.ALLOW': { target: 'otp', meta: { requirements: ['MOB-PAIR-LOCATION-PROMPT', 'MOB-PAIR-OTP-SCREEN'], testId: 'location-allow' } },
        'LOCATION.DENY': { target: 'location', meta: { requirements: ['MOB-PAIR-LOCATION-REQUIRED'], testId: 'location-deny' } },
      },
    },
    // 000 step 9 result: the OTP screen; an authentication request follows at once.
    // 001 "Complete pairing": or type the current passcode in the browser.
    otp: {
      meta: { requirements: ['MOB-PAIR-OTP-SCREEN', 'MOB-PAIR-ACCOUNT-LISTED'], testId: 'mobile-otp' },
      on: {
        'REQUEST.ARRIVE': { target: 'authRequest', meta: { requirements: ['MOB-PAIR-AUTH-REQUEST'] } },
        // The user's OTP lockout (API-GEN-OTP-LOCKOUT-PER-USER): after otp.maxAttempts refused passcodes even the current one is refused (OTP_LOCKED).
        'PASSCODE.SUBMIT': [
          { guard: 'otpLocked', meta: { requirements: ['API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-LOCKOUT-SCOPE'], testId: 'auth-otp-error' } },
          { guard: 'passcodeCurrent', target: 'success', meta: { requirements: ['MOB-PAIR-PASSCODE-IN-BROWSER'], testId: 'auth-signon' } },
          { guard: 'lastOtpAttempt', actions: 'countWrongOtp', meta: { requirements: ['MOB-PAIR-PASSCODE-WRONG', 'API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-ATTEMPTS'], testId: 'auth-otp-error' } },
          { actions: 'countWrongOtp', meta: { requirements: ['MOB-PAIR-PASSCODE-WRONG'], testId: 'auth-otp-error' } },
        ],
      },
    },
    // 000 step 10: approve with Yes, or biometrics, within the time limit; or deny.
    authRequest: {
      meta: { requirements: ['MOB-PAIR-AUTH-REQUEST', 'MOB-PAIR-APPROVAL-TIME-LIMIT', 'MOB-PAIR-PASSCODE-IN-BROWSER', 'MOB-AUTH-REQUEST-ORIGIN'], testId: 'mobile-auth-request' },
      on: {
        'REQUEST.APPROVE': { target: 'success', meta: { requirements: ['MOB-PAIR-APPROVE'], testId: 'auth-approve' } },
        'REQUEST.BIOMETRICS': { target: 'biometricConsent', meta: { requirements: ['MOB-PAIR-BIOMETRICS'], testId: 'auth-biometrics' } },
        'REQUEST.DENY': { target: 'denied', meta: { requirements: ['MOB-PAIR-DENY'], testId: 'auth-deny' } },
        'APPROVAL.TIMEOUT': { target: 'timedOut', meta: { requirements: ['MOB-PAIR-APPROVAL-TIME-LIMIT', 'POL-PUSH-WINDOW'] } },
        // The user's OTP lockout (API-GEN-OTP-LOCKOUT-PER-USER): after otp.maxAttempts refused passcodes even the current one is refused (OTP_LOCKED).
        'PASSCODE.SUBMIT': [
          { guard: 'otpLocked', meta: { requirements: ['API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-LOCKOUT-SCOPE'], testId: 'auth-otp-error' } },
          { guard: 'passcodeCurrent', target: 'success', meta: { requirements: ['MOB-PAIR-PASSCODE-IN-BROWSER'], testId: 'auth-signon' } },
          { guard: 'lastOtpAttempt', actions: 'countWrongOtp', meta: { requirements: ['MOB-PAIR-PASSCODE-WRONG', 'API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-ATTEMPTS'], testId: 'auth-otp-error' } },
          { actions: 'countWrongOtp', meta: { requirements: ['MOB-PAIR-PASSCODE-WRONG'], testId: 'auth-otp-error' } },
        ],
      },
    },
    // 000 step 10 note: allow PingID to scan biometrics.
    biometricConsent: {
      meta: { requirements: ['MOB-PAIR-BIOMETRIC-CONSENT'], testId: 'mobile-biometric-consent' },
      on: {
        'BIOMETRICS.ALLOW': { target: 'success', meta: { requirements: ['MOB-PAIR-BIOMETRICS', 'MOB-PAIR-BIOMETRIC-CONSENT'], testId: 'biometric-allow' } },
        'BIOMETRICS.DECLINE': { target: 'authRequest', meta: { requirements: ['MOB-PAIR-BIOMETRIC-CONSENT'], testId: 'biometric-deny' } },
        'APPROVAL.TIMEOUT': { target: 'timedOut', meta: { requirements: ['MOB-PAIR-APPROVAL-TIME-LIMIT'] } },
      },
    },
    // 000 step 10 result: green check, access granted.
    success: { type: 'final', meta: { requirements: ['MOB-PAIR-SUCCESS', 'MOB-PAIR-ACCOUNT-LISTED'], testId: 'mobile-success' } },
    denied: { type: 'final', meta: { requirements: ['MOB-PAIR-DENY'], testId: 'mobile-denied' } },
    timedOut: { type: 'final', meta: { requirements: ['MOB-PAIR-APPROVAL-TIME-LIMIT'], testId: 'mobile-timed-out' } },
  },
});
