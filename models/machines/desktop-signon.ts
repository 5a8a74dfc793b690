/**
 * Desktop sign-on: seed 002 step 6 (launch the desktop app for an OTP, copy it, paste it in the
 * browser's Authentication field, Sign On; green check and redirect), with the branches the
 * Authentication window shows (wrong, expired or replayed OTP, Change Device).
 *
 * Roles: the portal and the desktop app. Pure: an OTP growing old is part of the OTP.PASTE
 * category ('expired'), which a driver produces by advancing the clock.
 */
import { assign, setup } from 'xstate';
import type { Policy } from '../policy.ts';
import type { RequirementId } from '../requirements.ts';
import type { ControlId, ScreenId } from '../testids.ts';

type FlowMeta = { requirements: readonly RequirementId[]; testId?: ScreenId | ControlId };

/** The OTP pasted: the current one, a wrong one, one past its period, or one already used. */
export type OtpKind = 'current' | 'wrong' | 'expired' | 'replayed';

export type DesktopSignonEvent =
  | { type: 'SIGNON.SUBMIT'; credentials: 'valid' | 'wrong' }
  | { type: 'DESKTOP.LAUNCH' }
  | { type: 'OTP.COPY' }
  | { type: 'OTP.PASTE'; otp: OtpKind }
  | { type: 'SIGNON.CLICK' }
  | { type: 'DEVICE.CHANGE' };

export interface DesktopSignonContext {
  policy: Policy;
  /** What was pasted in the Authentication field. */
  otp: OtpKind | 'none';
  /** OTPs refused so far (bounded by policy otp.maxAttempts). */
  wrongOtps: number;
}

export function desktopSignonEvents(_policy: Policy): DesktopSignonEvent[] {
  return [
    { type: 'SIGNON.SUBMIT', credentials: 'valid' },
    { type: 'SIGNON.SUBMIT', credentials: 'wrong' },
    { type: 'DESKTOP.LAUNCH' },
    { type: 'OTP.COPY' },
    ...(['current', 'wrong', 'expired', 'replayed'] as const).map((otp) => ({ type: 'OTP.PASTE', otp }) as const),
    { type: 'SIGNON.CLICK' },
    { type: 'DEVICE.CHANGE' },
  ];
}

export const desktopSignonMachine = setup({
  types: {
    context: {} as DesktopSignonContext,
    events: {} as DesktopSignonEvent,
    input: {} as { policy: Policy } | void, // optional: Stately starts a machine without input
    meta: {} as FlowMeta,
  },
  guards: {
    credentialsValid: ({ event }) => event.type === 'SIGNON.SUBMIT' && event.credentials === 'valid',
    otpCurrent: ({ context }) => context.otp === 'current',
    otpWrong: ({ context }) => context.otp === 'wrong',
    otpExpired: ({ context }) => context.otp === 'expired',
    lastAttempt: ({ context }) => context.wrongOtps + 1 >= context.policy.otp.maxAttempts,
  },
  actions: {
    paste: assign({ otp: ({ event }) => (event.type === 'OTP.PASTE' ? event.otp : 'none') }),
    // A replayed OTP is one that has just signed on once (in another window, within its period):
    // that right OTP cleared the user's wrong-OTP count (API-GEN-OTP-LOCKOUT-PER-USER; POL-OTP-LOCKOUT-SCOPE).
    clearWrongOtpsOnReplay: assign({ wrongOtps: ({ context, event }) => (event.type === 'OTP.PASTE' && event.otp === 'replayed' ? 0 : context.wrongOtps) }),
    countWrongOtp: assign({ wrongOtps: ({ context }) => context.wrongOtps + 1, otp: 'none' as const }),
  },
}).createMachine({
  id: 'desktop-signon',
  // No input (pasted into Stately): models/policy.ts defaultPolicy, inlined (machines import only types; a test keeps it equal).
  context: ({ input }) => ({ policy: input?.policy ?? { pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 }, locationRequired: false, biometricsRequired: false, devices: { max: 5, selection: 'prompt' }, pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 }, otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 }, push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 }, statusAttribute: 'pingone.mfa.status', pollStyle: 'post', creds: { newLabelHours: 24, presentationTtlSeconds: 300 }, flow: { ttlSeconds: 1800 } }, otp: 'none', wrongOtps: 0 }),
  initial: 'signOn',
  states: {
    // 002 step 6: "The next time you sign on to your account or app using a web browser".
    signOn: {
      meta: { requirements: ['MOB-PAIR-SIGN-ON'], testId: 'portal-signon' },
      on: {
        'SIGNON.SUBMIT': [
          { guard: 'credentialsValid', target: 'authentication', meta: { requirements: ['DSK-SIGN-PASTE'], testId: 'signon-submit' } },
          { meta: { requirements: ['MOB-PAIR-SIGN-ON'], testId: 'signon-error' } },
        ],
      },
    },
    // 002 step 6 image: the Authentication window with Sign On and Change Device.
    authentication: {
      meta: { requirements: ['DSK-SIGN-PASTE', 'DSK-SIGN-CHANGE-DEVICE', 'MOB-PAIR-MFA-BEFORE-NEW-DEVICE'], testId: 'portal-otp' },
      on: {
        'DESKTOP.LAUNCH': { target: 'otpShown', meta: { requirements: ['DSK-SIGN-LAUNCH-OTP'] } },
        'DEVICE.CHANGE': { target: 'deviceChanged', meta: { requirements: ['DSK-SIGN-CHANGE-DEVICE'], testId: 'auth-change-device' } },
      },
    },
    // 002 step 6.1: the desktop app shows an OTP.
    otpShown: {
      meta: { requirements: ['DSK-SIGN-LAUNCH-OTP'], testId: 'desktop-otp' },
      on: { 'OTP.COPY': { target: 'otpCopied', meta: { requirements: ['DSK-SIGN-COPY'], testId: 'desktop-otp-copy' } } },
    },
    // 002 step 6.2-6.3: copied; paste it into the Authentication field.
    otpCopied: {
      meta: { requirements: ['DSK-SIGN-COPY', 'DSK-SIGN-PASTE'], testId: 'portal-otp' },
      on: {
        'OTP.PASTE': { target: 'otpEntered', actions: ['paste', 'clearWrongOtpsOnReplay'], meta: { requirements: ['DSK-SIGN-PASTE'], testId: 'auth-otp-field' } },
        'DEVICE.CHANGE': { target: 'deviceChanged', meta: { requirements: ['DSK-SIGN-CHANGE-DEVICE'], testId: 'auth-change-device' } },
      },
    },
    // 002 step 6.4: Sign On.
    otpEntered: {
      meta: { requirements: ['DSK-SIGN-SIGN-ON'], testId: 'portal-otp' },
      on: {
        'SIGNON.CLICK': [
          { guard: 'otpCurrent', target: 'success', meta: { requirements: ['DSK-SIGN-SIGN-ON', 'DSK-SIGN-SUCCESS-REDIRECT'], testId: 'auth-signon' } },
          { guard: 'lastAttempt', target: 'locked', actions: 'countWrongOtp', meta: { requirements: ['DSK-SIGN-OTP-LOCKED', 'POL-OTP-ATTEMPTS'], testId: 'auth-signon' } },
          { guard: 'otpWrong', target: 'otpRefused', actions: 'countWrongOtp', meta: { requirements: ['DSK-SIGN-OTP-WRONG'], testId: 'auth-signon' } },
          { guard: 'otpExpired', target: 'otpRefused', actions: 'countWrongOtp', meta: { requirements: ['DSK-SIGN-OTP-EXPIRED'], testId: 'auth-signon' } },
          { target: 'otpRefused', actions: 'countWrongOtp', meta: { requirements: ['DSK-SIGN-OTP-SINGLE-USE'], testId: 'auth-signon' } },
        ],
        'DEVICE.CHANGE': { target: 'deviceChanged', meta: { requirements: ['DSK-SIGN-CHANGE-DEVICE'], testId: 'auth-change-device' } },
      },
    },
    // The OTP was refused: the error shows, the Authentication field stays.
    otpRefused: {
      meta: { requirements: ['DSK-SIGN-OTP-WRONG', 'DSK-SIGN-OTP-EXPIRED', 'DSK-SIGN-OTP-SINGLE-USE'], testId: 'auth-otp-error' },
      on: {
        'OTP.PASTE': { target: 'otpEntered', actions: ['paste', 'clearWrongOtpsOnReplay'], meta: { requirements: ['DSK-SIGN-PASTE'], testId: 'auth-otp-field' } },
        'DEVICE.CHANGE': { target: 'deviceChanged', meta: { requirements: ['DSK-SIGN-CHANGE-DEVICE'], testId: 'auth-change-device' } },
      },
    },
    // 002 step 6.4 result: green checkmark, redirect to the portal or app.
    success: { type: 'final', meta: { requirements: ['DSK-SIGN-SUCCESS-REDIRECT'], testId: 'portal-success' } },
    // Too many wrong OTPs.
    locked: { type: 'final', meta: { requirements: ['DSK-SIGN-OTP-LOCKED', 'API-GEN-OTP-LOCKOUT-PER-USER'], testId: 'portal-failure' } },
    // Change Device: the choice of device (another flow).
    deviceChanged: { type: 'final', meta: { requirements: ['DSK-SIGN-CHANGE-DEVICE'], testId: 'portal-device-selection' } },
  },
});
