/**
 * Mobile authentication with a paired app: seed 001 "Securely authenticate with PingID mobile
 * app" (notification; approve in the notification, biometrics, or the passcode before it
 * expires), seed 000 step 8 note (the PIN every time when one is set) and step 10 (deny, time
 * limit, biometric consent).
 *
 * Roles: the portal (the sign-on that sends the request, the passcode field) and the mobile app.
 * Pure: the request's window closing is APPROVAL.TIMEOUT; the PIN block lifting is CLOCK.ADVANCE.
 */
import { assign, setup } from 'xstate';
import type { Policy } from '../policy.ts';
import type { RequirementId } from '../requirements.ts';
import type { ControlId, ScreenId } from '../testids.ts';

type FlowMeta = { requirements: readonly RequirementId[]; testId?: ScreenId | ControlId };

export type MobileAuthenticationEvent =
  | { type: 'NOTIFICATION.APPROVE' }
  | { type: 'NOTIFICATION.OPEN' }
  | { type: 'PIN.ENTER'; pin: 'correct' | 'wrong' }
  | { type: 'CLOCK.ADVANCE'; seconds: number }
  | { type: 'REQUEST.APPROVE' }
  | { type: 'REQUEST.BIOMETRICS' }
  | { type: 'BIOMETRICS.ALLOW' }
  | { type: 'BIOMETRICS.DECLINE' }
  | { type: 'REQUEST.DENY' }
  | { type: 'APPROVAL.TIMEOUT' }
  | { type: 'PASSCODE.SUBMIT'; otp: 'current' | 'wrong' | 'expired' };

export interface MobileAuthenticationContext {
  policy: Policy;
  /** Wrong PINs typed since the last good one (capped by policy pin.maxAttempts). */
  wrongPins: number;
  /** The user approved in the notification: a good PIN then approves at once. */
  approving: boolean;
  /** Seconds the clock moved while the request waited (PIN blocks): the request times out once they reach push.totalTimeoutSeconds. */
  elapsedSeconds: number;
  /** Wrong passcodes typed in the browser (the user's OTP lockout: policy otp.maxAttempts, then OTP_LOCKED). */
  wrongOtps: number;
}

export function mobileAuthenticationEvents(policy: Policy): MobileAuthenticationEvent[] {
  return [
    { type: 'NOTIFICATION.APPROVE' },
    { type: 'NOTIFICATION.OPEN' },
    { type: 'PIN.ENTER', pin: 'correct' },
    { type: 'PIN.ENTER', pin: 'wrong' },
    { type: 'CLOCK.ADVANCE', seconds: policy.pin.blockSeconds },
    { type: 'REQUEST.APPROVE' },
    { type: 'REQUEST.BIOMETRICS' },
    { type: 'BIOMETRICS.ALLOW' },
    { type: 'BIOMETRICS.DECLINE' },
    { type: 'REQUEST.DENY' },
    { type: 'APPROVAL.TIMEOUT' },
    { type: 'PASSCODE.SUBMIT', otp: 'current' },
    { type: 'PASSCODE.SUBMIT', otp: 'wrong' },
    { type: 'PASSCODE.SUBMIT', otp: 'expired' },
  ];
}

export const mobileAuthenticationMachine = setup({
  types: {
    context: {} as MobileAuthenticationContext,
    events: {} as MobileAuthenticationEvent,
    input: {} as { policy: Policy } | void, // optional: Stately starts a machine without input
    meta: {} as FlowMeta,
  },
  guards: {
    pinSet: ({ context }) => context.policy.pin.length !== 0,
    pinCorrect: ({ event }) => event.type === 'PIN.ENTER' && event.pin === 'correct',
    approving: ({ context }) => context.approving,
    lastAttempt: ({ context }) => context.wrongPins + 1 >= context.policy.pin.maxAttempts,
    blockElapsed: ({ context, event }) => event.type === 'CLOCK.ADVANCE' && event.seconds >= context.policy.pin.blockSeconds,
    /** The blocks so far outlast the request's window: once this one lifts, the request has timed out. */
    blockElapsedAfterRequest: ({ context, event }) =>
      event.type === 'CLOCK.ADVANCE' && event.seconds >= context.policy.pin.blockSeconds && context.elapsedSeconds + event.seconds >= context.policy.push.totalTimeoutSeconds,
    otpLocked: ({ context }) => context.wrongOtps >= context.policy.otp.maxAttempts,
    lastOtpAttempt: ({ context }) => context.wrongOtps + 1 >= context.policy.otp.maxAttempts,
    passcodeCurrent: ({ event }) => event.type === 'PASSCODE.SUBMIT' && event.otp === 'current',
  },
  actions: {
    markApproving: assign({ approving: true }),
    countWrongPin: assign({ wrongPins: ({ context }) => context.wrongPins + 1 }),
    resetWrongPins: assign({ wrongPins: 0 }),
    addElapsed: assign({ elapsedSeconds: ({ context, event }) => context.elapsedSeconds + (event.type === 'CLOCK.ADVANCE' ? event.seconds : 0) }),
    countWrongOtp: assign({ wrongOtps: ({ context }) => context.wrongOtps + 1 }),
  },
}).createMachine({
  id: 'mobile-authentication',
  // No input (pasted into Stately): models/policy.ts defaultPolicy, inlined (machines import only types; a test keeps it equal).
  context: ({ input }) => ({ policy: input?.policy ?? { pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 }, locationRequired: false, biometricsRequired: false, devices: { max: 5, selection: 'prompt' }, pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 }, otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 }, push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 }, statusAttribute: 'pingone.mfa.status', pollStyle: 'post', creds: { newLabelHours: 24, presentationTtlSeconds: 300 }, flow: { ttlSeconds: 1800 } }, wrongPins: 0, approving: false, elapsedSeconds: 0, wrongOtps: 0 }),
  initial: 'notification',
  states: {
    // 001 "Receive an authentication request": a notification arrives in the app.
    notification: {
      meta: { requirements: ['MOB-AUTH-NOTIFICATION'], testId: 'mobile-auth-request' },
      on: {
        'NOTIFICATION.APPROVE': [
          { guard: 'pinSet', target: 'pinEntry', actions: 'markApproving', meta: { requirements: ['MOB-AUTH-APPROVE-NOTIFICATION', 'MOB-AUTH-PIN-ENTRY', 'MOB-PAIR-PIN-EVERY-AUTH'], testId: 'auth-approve' } },
          { target: 'success', meta: { requirements: ['MOB-AUTH-APPROVE-NOTIFICATION'], testId: 'auth-approve' } },
        ],
        'NOTIFICATION.OPEN': [
          { guard: 'pinSet', target: 'pinEntry', meta: { requirements: ['MOB-AUTH-PIN-ENTRY', 'MOB-PAIR-PIN-EVERY-AUTH'] } },
          { target: 'authRequest', meta: { requirements: ['MOB-AUTH-NOTIFICATION'] } },
        ],
        'APPROVAL.TIMEOUT': { target: 'timedOut', meta: { requirements: ['MOB-AUTH-TIMEOUT', 'POL-PUSH-WINDOW'] } },
        // The user's OTP lockout (API-GEN-OTP-LOCKOUT-PER-USER): after otp.maxAttempts refused passcodes even the current one is refused (OTP_LOCKED).
        'PASSCODE.SUBMIT': [
          { guard: 'otpLocked', meta: { requirements: ['API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-LOCKOUT-SCOPE'], testId: 'auth-otp-error' } },
          { guard: 'passcodeCurrent', target: 'success', meta: { requirements: ['MOB-AUTH-PASSCODE'], testId: 'auth-signon' } },
          { guard: 'lastOtpAttempt', actions: 'countWrongOtp', meta: { requirements: ['MOB-AUTH-PASSCODE-EXPIRED', 'API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-ATTEMPTS'], testId: 'auth-otp-error' } },
          { actions: 'countWrongOtp', meta: { requirements: ['MOB-AUTH-PASSCODE-EXPIRED'], testId: 'auth-otp-error' } },
        ],
      },
    },
    // 000 step 8 note: the PIN every time the app authenticates; protocol facts §4: 3 wrong -> blocked.
    pinEntry: {
      meta: { requirements: ['MOB-AUTH-PIN-ENTRY'], testId: 'mobile-pin-entry' },
      on: {
        'PIN.ENTER': [
          { guard: 'pinCorrect', target: 'approvedByPin', actions: 'resetWrongPins', meta: { requirements: ['MOB-AUTH-PIN-ENTRY'], testId: 'pin-entry-submit' } },
          { guard: 'lastAttempt', target: 'pinBlocked', actions: 'countWrongPin', meta: { requirements: ['MOB-AUTH-PIN-WRONG', 'MOB-AUTH-PIN-BLOCKED'], testId: 'pin-entry-error' } },
          { actions: 'countWrongPin', meta: { requirements: ['MOB-AUTH-PIN-WRONG'], testId: 'pin-entry-error' } },
        ],
        'APPROVAL.TIMEOUT': { target: 'timedOut', meta: { requirements: ['MOB-AUTH-TIMEOUT'] } },
      },
    },
    // The PIN was right: approve at once when the user approved in the notification, else show the request.
    approvedByPin: {
      meta: { requirements: ['MOB-AUTH-PIN-ENTRY'] },
      always: [
        { guard: 'approving', target: 'success', meta: { requirements: ['MOB-AUTH-APPROVE-NOTIFICATION'] } },
        { target: 'authRequest', meta: { requirements: ['MOB-AUTH-PIN-ENTRY'] } },
      ],
    },
    // Protocol facts §4: PIN entry blocked for pin.blockSeconds (2 min by default).
    pinBlocked: {
      meta: { requirements: ['MOB-AUTH-PIN-BLOCKED'], testId: 'pin-entry-error' },
      on: {
        'PIN.ENTER': { meta: { requirements: ['MOB-AUTH-PIN-BLOCKED'], testId: 'pin-entry-error' } },
        'CLOCK.ADVANCE': [
          { guard: 'blockElapsedAfterRequest', target: 'timedOut', meta: { requirements: ['MOB-AUTH-PIN-BLOCKED', 'MOB-AUTH-TIMEOUT'] } },
          { guard: 'blockElapsed', target: 'pinEntry', actions: ['resetWrongPins', 'addElapsed'], meta: { requirements: ['MOB-AUTH-PIN-BLOCKED'] } },
        ],
        'APPROVAL.TIMEOUT': { target: 'timedOut', meta: { requirements: ['MOB-AUTH-TIMEOUT'] } },
      },
    },
    // 001 "Approve the request or enter the passcode"; 000 step 10: approve, biometrics, deny, time limit.
    authRequest: {
      meta: { requirements: ['MOB-AUTH-APPROVE-NOTIFICATION', 'MOB-AUTH-BIOMETRICS', 'MOB-AUTH-DENY', 'MOB-AUTH-PASSCODE', 'MOB-AUTH-REQUEST-ORIGIN'], testId: 'mobile-auth-request' },
      on: {
        'REQUEST.APPROVE': { target: 'success', meta: { requirements: ['MOB-AUTH-APPROVE-NOTIFICATION'], testId: 'auth-approve' } },
        'REQUEST.BIOMETRICS': { target: 'biometricConsent', meta: { requirements: ['MOB-AUTH-BIOMETRICS'], testId: 'auth-biometrics' } },
        'REQUEST.DENY': { target: 'denied', meta: { requirements: ['MOB-AUTH-DENY'], testId: 'auth-deny' } },
        'APPROVAL.TIMEOUT': { target: 'timedOut', meta: { requirements: ['MOB-AUTH-TIMEOUT', 'POL-PUSH-WINDOW'] } },
        // The user's OTP lockout (API-GEN-OTP-LOCKOUT-PER-USER): after otp.maxAttempts refused passcodes even the current one is refused (OTP_LOCKED).
        'PASSCODE.SUBMIT': [
          { guard: 'otpLocked', meta: { requirements: ['API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-LOCKOUT-SCOPE'], testId: 'auth-otp-error' } },
          { guard: 'passcodeCurrent', target: 'success', meta: { requirements: ['MOB-AUTH-PASSCODE'], testId: 'auth-signon' } },
          { guard: 'lastOtpAttempt', actions: 'countWrongOtp', meta: { requirements: ['MOB-AUTH-PASSCODE-EXPIRED', 'API-GEN-OTP-LOCKOUT-PER-USER', 'POL-OTP-ATTEMPTS'], testId: 'auth-otp-error' } },
          { actions: 'countWrongOtp', meta: { requirements: ['MOB-AUTH-PASSCODE-EXPIRED'], testId: 'auth-otp-error' } },
        ],
      },
    },
    // 000 step 10 note: consent to scan biometrics.
    biometricConsent: {
      meta: { requirements: ['MOB-AUTH-BIOMETRIC-CONSENT'], testId: 'mobile-biometric-consent' },
      on: {
        'BIOMETRICS.ALLOW': { target: 'success', meta: { requirements: ['MOB-AUTH-BIOMETRICS', 'MOB-AUTH-BIOMETRIC-CONSENT'], testId: 'biometric-allow' } },
        'BIOMETRICS.DECLINE': { target: 'authRequest', meta: { requirements: ['MOB-AUTH-BIOMETRIC-CONSENT'], testId: 'biometric-deny' } },
        'APPROVAL.TIMEOUT': { target: 'timedOut', meta: { requirements: ['MOB-AUTH-TIMEOUT'] } },
      },
    },
    success: { type: 'final', meta: { requirements: ['MOB-AUTH-SUCCESS'], testId: 'mobile-success' } },
    denied: { type: 'final', meta: { requirements: ['MOB-AUTH-DENY'], testId: 'mobile-denied' } },
    timedOut: { type: 'final', meta: { requirements: ['MOB-AUTH-TIMEOUT'], testId: 'mobile-timed-out' } },
  },
});
