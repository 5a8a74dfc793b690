/**
 * Desktop app pairing: seed 002 steps 1-5 (Desktop option, Desktop Setup with the pairing key,
 * optional profile, key and Pair, PIN create and re-enter when the policy asks, OTP with Copy
 * and Refresh).
 *
 * A user who already has a device paired (seed 002 "About this task") signs on with it and adds
 * the desktop app from My Devices, when the policy allows more than one device.
 *
 * Roles: the portal (sign on, Start or My Devices, Desktop, Desktop Setup) and the desktop app.
 * Pure; policy branches are guards on `context.policy`. Pastes into the Stately visualizer with models/pin-rule.ts
 * pasted above it (its only value import, dependency-free).
 */
import { assign, setup } from 'xstate';
import { pinHasEnoughDistinctDigits, pinHasPolicyLength, pinIsSequence } from '../pin-rule.ts';
import type { Policy } from '../policy.ts';
import type { RequirementId } from '../requirements.ts';
import type { ControlId, ScreenId } from '../testids.ts';

type FlowMeta = { requirements: readonly RequirementId[]; testId?: ScreenId | ControlId };

export type DesktopPairingEvent =
  | { type: 'SIGNON.SUBMIT'; credentials: 'valid' | 'wrong'; user?: 'paired' }
  | { type: 'AUTH.PASSCODE' }
  | { type: 'MY_DEVICES.OPEN' }
  | { type: 'MY_DEVICES.ADD' }
  | { type: 'REGISTRATION.START' }
  | { type: 'DEVICE.CHOOSE_DESKTOP' }
  | { type: 'DESKTOP.LAUNCH' }
  | { type: 'PROFILE.ADD' }
  | { type: 'PROFILE.CREATE'; name: 'valid' | 'empty' }
  | { type: 'KEY.ENTER'; key: 'valid' | 'wrong' | 'expired' | 'used' }
  | { type: 'ERROR.BACK' }
  | { type: 'PIN.SUBMIT'; pin: string }
  | { type: 'PIN.CONFIRM'; pin: string }
  | { type: 'OTP.COPY' }
  | { type: 'OTP.REFRESH' }
  | { type: 'APP.CLOSE' };

export interface DesktopPairingContext {
  policy: Policy;
  /** A profile was created before the key was entered (seed 002 step 4). */
  profile: boolean;
  /** The PIN typed on Enter PIN, until confirmed or refused. */
  pin: string;
}

/**
 * Representative PINs for the policy's length: one valid and the documented rejected examples
 * (seed 002 step 5.1: 1111, 8787 for 4 digits; 123321, 765432 for 6), plus the other rules.
 */
export function desktopPairingPins(policy: Policy): string[] {
  return policy.pin.length === 6 ? ['135792', '121213', '123321', '111111', '765432', '123456', '1357'] : ['1357', '1111', '8787', '1234', '4321', '135'];
}

export function desktopPairingEvents(policy: Policy): DesktopPairingEvent[] {
  const pins = desktopPairingPins(policy);
  return [
    { type: 'SIGNON.SUBMIT', credentials: 'valid' },
    { type: 'SIGNON.SUBMIT', credentials: 'wrong' },
    { type: 'SIGNON.SUBMIT', credentials: 'valid', user: 'paired' },
    { type: 'AUTH.PASSCODE' },
    { type: 'MY_DEVICES.OPEN' },
    { type: 'MY_DEVICES.ADD' },
    { type: 'REGISTRATION.START' },
    { type: 'DEVICE.CHOOSE_DESKTOP' },
    { type: 'DESKTOP.LAUNCH' },
    { type: 'PROFILE.ADD' },
    { type: 'PROFILE.CREATE', name: 'valid' },
    { type: 'PROFILE.CREATE', name: 'empty' },
    ...(['valid', 'wrong', 'expired', 'used'] as const).map((key) => ({ type: 'KEY.ENTER', key }) as const),
    { type: 'ERROR.BACK' },
    ...pins.map((pin) => ({ type: 'PIN.SUBMIT', pin }) as const),
    ...pins.map((pin) => ({ type: 'PIN.CONFIRM', pin }) as const),
    { type: 'OTP.COPY' },
    { type: 'OTP.REFRESH' },
    { type: 'APP.CLOSE' },
  ];
}

// PIN rules (seed 002 step 5.1): one pure module shared with the other machine that checks PINs (models/pin-rule.ts).
const pinOf = (event: DesktopPairingEvent): string => (event.type === 'PIN.SUBMIT' || event.type === 'PIN.CONFIRM' ? event.pin : '');

export const desktopPairingMachine = setup({
  types: {
    context: {} as DesktopPairingContext,
    events: {} as DesktopPairingEvent,
    input: {} as { policy: Policy } | void, // optional: Stately starts a machine without input
    meta: {} as FlowMeta,
  },
  guards: {
    pairedUserSignsOn: ({ event }) => event.type === 'SIGNON.SUBMIT' && event.credentials === 'valid' && event.user === 'paired',
    severalDevicesAllowed: ({ context }) => context.policy.devices.max > 1,
    credentialsValid: ({ event }) => event.type === 'SIGNON.SUBMIT' && event.credentials === 'valid',
    profileNamed: ({ event }) => event.type === 'PROFILE.CREATE' && event.name === 'valid',
    keyValid: ({ event }) => event.type === 'KEY.ENTER' && event.key === 'valid',
    keyWrong: ({ event }) => event.type === 'KEY.ENTER' && event.key === 'wrong',
    keyExpired: ({ event }) => event.type === 'KEY.ENTER' && event.key === 'expired',
    pinRequired: ({ context }) => context.policy.pin.length !== 0,
    pinWrongLength: ({ context, event }) => !pinHasPolicyLength(pinOf(event), context.policy),
    pinTooFewDistinct: ({ context, event }) => !pinHasEnoughDistinctDigits(pinOf(event), context.policy),
    pinSequence: ({ event }) => pinIsSequence(pinOf(event)),
    pinMatches: ({ context, event }) => pinOf(event) === context.pin,
  },
  actions: {
    createProfile: assign({ profile: true }),
    rememberPin: assign({ pin: ({ event }) => pinOf(event) }),
    forgetPin: assign({ pin: '' }),
  },
}).createMachine({
  id: 'desktop-pairing',
  // No input (pasted into Stately): models/policy.ts defaultPolicy, inlined (machines import only types; a test keeps it equal).
  context: ({ input }) => ({ policy: input?.policy ?? { pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 }, locationRequired: false, biometricsRequired: false, devices: { max: 5, selection: 'prompt' }, pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 }, otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 }, push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 }, statusAttribute: 'pingone.mfa.status', pollStyle: 'post', creds: { newLabelHours: 24, presentationTtlSeconds: 300 }, flow: { ttlSeconds: 1800 } }, profile: false, pin: '' }),
  initial: 'signOn',
  states: {
    // 002 step 1: sign on.
    signOn: {
      meta: { requirements: ['DSK-PAIR-SIGN-ON-START'], testId: 'portal-signon' },
      on: {
        'SIGNON.SUBMIT': [
          { guard: 'pairedUserSignsOn', target: 'authenticate', meta: { requirements: ['DSK-PAIR-MY-DEVICES'], testId: 'signon-submit' } },
          { guard: 'credentialsValid', target: 'registration', meta: { requirements: ['DSK-PAIR-SIGN-ON-START'], testId: 'signon-submit' } },
          { meta: { requirements: ['MOB-PAIR-SIGN-ON'], testId: 'signon-error' } },
        ],
      },
    },
    // 002 "About this task": a device already paired authenticates the sign-on (its passcode in the Authentication field).
    authenticate: {
      meta: { requirements: ['DSK-PAIR-MY-DEVICES'], testId: 'portal-otp' },
      on: { 'AUTH.PASSCODE': { target: 'signedOn', meta: { requirements: ['DSK-PAIR-MY-DEVICES'], testId: 'auth-signon' } } },
    },
    // Signed on: the green check, with the way to My Devices.
    signedOn: {
      meta: { requirements: ['DSK-PAIR-MY-DEVICES'], testId: 'portal-success' },
      on: { 'MY_DEVICES.OPEN': { target: 'myDevices', meta: { requirements: ['DSK-PAIR-MY-DEVICES'], testId: 'my-devices-link' } } },
    },
    // 002 "About this task": My Devices lists the paired devices; Add a New Device while the policy allows more than one.
    myDevices: {
      meta: { requirements: ['DSK-PAIR-MY-DEVICES'], testId: 'portal-my-devices' },
      on: {
        'MY_DEVICES.ADD': { guard: 'severalDevicesAllowed', target: 'addDevice', meta: { requirements: ['DSK-PAIR-MY-DEVICES', 'DSK-PAIR-CHOOSE-DESKTOP'], testId: 'my-devices-add' } },
      },
    },
    // 002 step 1: the registration window, Start (with 000 "Before you begin": add a second authentication method).
    registration: {
      meta: { requirements: ['DSK-PAIR-SIGN-ON-START', 'MOB-PAIR-SECOND-METHOD'], testId: 'portal-registration' },
      on: { 'REGISTRATION.START': { target: 'addDevice', meta: { requirements: ['DSK-PAIR-SIGN-ON-START'], testId: 'registration-start' } } },
    },
    // 002 step 2: Add a New Device, click Desktop.
    addDevice: {
      meta: { requirements: ['DSK-PAIR-SIGN-ON-START', 'DSK-PAIR-CHOOSE-DESKTOP'], testId: 'portal-add-device' },
      on: { 'DEVICE.CHOOSE_DESKTOP': { target: 'desktopSetup', meta: { requirements: ['DSK-PAIR-CHOOSE-DESKTOP', 'DSK-PAIR-SETUP-KEY'], testId: 'add-device-desktop' } } },
    },
    // 002 step 2 result: Desktop Setup displays a Pairing Key.
    desktopSetup: {
      meta: { requirements: ['DSK-PAIR-SETUP-KEY', 'POL-PAIRING-KEY-FORMAT'], testId: 'portal-desktop-setup' },
      on: { 'DESKTOP.LAUNCH': { target: 'pairing', meta: { requirements: ['DSK-PAIR-INSTALLED', 'DSK-PAIR-KEY-ENTRY'] } } },
    },
    // 002 step 3: the Pairing Key field and Pair (step 4: Add Profile first, optionally).
    pairing: {
      meta: { requirements: ['DSK-PAIR-KEY-ENTRY', 'DSK-PAIR-PROFILE-OPTIONAL'], testId: 'desktop-pairing' },
      on: {
        'PROFILE.ADD': { target: 'profileCreate', meta: { requirements: ['DSK-PAIR-PROFILE-OPTIONAL'], testId: 'desktop-add-profile' } },
        'KEY.ENTER': [
          { guard: 'keyValid', target: 'paired', meta: { requirements: ['DSK-PAIR-KEY-ENTRY', 'DSK-PAIR-OTP-AFTER-PAIR'], testId: 'desktop-pair' } },
          { guard: 'keyWrong', target: 'keyRefused', meta: { requirements: ['DSK-PAIR-KEY-WRONG'], testId: 'desktop-pair' } },
          { guard: 'keyExpired', target: 'keyRefused', meta: { requirements: ['DSK-PAIR-KEY-EXPIRED', 'POL-PAIRING-KEY-LIFETIME'], testId: 'desktop-pair' } },
          { target: 'keyRefused', meta: { requirements: ['DSK-PAIR-KEY-USED'], testId: 'desktop-pair' } },
        ],
      },
    },
    // 002 step 4: Add Profile, a name, Create.
    profileCreate: {
      meta: { requirements: ['DSK-PAIR-PROFILE-CREATE'], testId: 'desktop-profile-create' },
      on: {
        'PROFILE.CREATE': [
          { guard: 'profileNamed', target: 'pairing', actions: 'createProfile', meta: { requirements: ['DSK-PAIR-PROFILE-CREATE'], testId: 'desktop-profile-create-button' } },
          { meta: { requirements: ['DSK-PAIR-PROFILE-NAME-REQUIRED'], testId: 'desktop-profile-create-button' } },
        ],
      },
    },
    // A refused key: an error screen with a stable code, then back to the Pairing Key field.
    keyRefused: {
      meta: { requirements: ['DSK-PAIR-KEY-WRONG', 'DSK-PAIR-KEY-EXPIRED', 'DSK-PAIR-KEY-USED'], testId: 'desktop-error' },
      on: { 'ERROR.BACK': { target: 'pairing', meta: { requirements: ['DSK-PAIR-KEY-WRONG'], testId: 'desktop-error-back' } } },
    },
    // 002 step 4 result: an OTP, unless a PIN must be created first.
    paired: {
      meta: { requirements: ['DSK-PAIR-OTP-AFTER-PAIR'] },
      always: [
        { guard: 'pinRequired', target: 'pinCreate', meta: { requirements: ['DSK-PAIR-PIN-REQUIRED', 'POL-PIN-LENGTH'] } },
        { target: 'otp', meta: { requirements: ['DSK-PAIR-OTP-AFTER-PAIR', 'DSK-PAIR-OTP-SHOWN'] } },
      ],
    },
    // 002 step 5.1: Enter PIN, Next.
    pinCreate: {
      meta: { requirements: ['DSK-PAIR-PIN-REQUIRED', 'DSK-PAIR-PIN-RULE-SHOWN'], testId: 'desktop-pin-create' },
      on: {
        'PIN.SUBMIT': [
          { guard: 'pinWrongLength', meta: { requirements: ['DSK-PAIR-PIN-LENGTH', 'POL-PIN-LENGTH'], testId: 'desktop-pin-error' } },
          { guard: 'pinTooFewDistinct', meta: { requirements: ['DSK-PAIR-PIN-DISTINCT-DIGITS', 'DSK-PAIR-PIN-REJECTED-EXAMPLES', 'POL-PIN-DISTINCT-DIGITS-6'], testId: 'desktop-pin-error' } },
          { guard: 'pinSequence', meta: { requirements: ['DSK-PAIR-PIN-NO-SEQUENCE', 'DSK-PAIR-PIN-REJECTED-EXAMPLES'], testId: 'desktop-pin-error' } },
          { target: 'pinConfirm', actions: 'rememberPin', meta: { requirements: ['DSK-PAIR-PIN-LENGTH', 'DSK-PAIR-PIN-DISTINCT-DIGITS', 'DSK-PAIR-PIN-NO-SEQUENCE'], testId: 'desktop-pin-next' } },
        ],
      },
    },
    // 002 step 5.2: re-enter the PIN, Done.
    pinConfirm: {
      meta: { requirements: ['DSK-PAIR-PIN-CONFIRM'], testId: 'desktop-pin-confirm' },
      on: {
        'PIN.CONFIRM': [
          { guard: 'pinMatches', target: 'otp', actions: 'forgetPin', meta: { requirements: ['DSK-PAIR-PIN-CONFIRM', 'DSK-PAIR-OTP-SHOWN'], testId: 'desktop-pin-done' } },
          { target: 'pinCreate', actions: 'forgetPin', meta: { requirements: ['DSK-PAIR-PIN-CONFIRM'], testId: 'desktop-pin-error' } },
        ],
      },
    },
    // 002 step 5.2 result: the OTP with Copy and Refresh.
    otp: {
      meta: { requirements: ['DSK-PAIR-OTP-SHOWN'], testId: 'desktop-otp' },
      on: {
        'OTP.COPY': { meta: { requirements: ['DSK-PAIR-OTP-COPY'], testId: 'desktop-otp-copy' } },
        'OTP.REFRESH': { meta: { requirements: ['DSK-PAIR-OTP-REFRESH'], testId: 'desktop-otp-refresh' } },
        'APP.CLOSE': { target: 'done', meta: { requirements: ['DSK-PAIR-OTP-SHOWN'] } },
      },
    },
    // Paired: the desktop app is closed with the device paired (it signs on next time, step 6).
    done: { type: 'final', meta: { requirements: ['DSK-PAIR-KEY-ENTRY'] } },
  },
});
