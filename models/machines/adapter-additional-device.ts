/**
 * Adapter: additional device pairing through the PingFederate Authentication API (seed 004,
 * "Pairing an additional device using automatic pairing", steps 1-5.3 and the closing
 * paragraphs), with the API rules of protocol facts §1-2.
 *
 * The user's devices are chosen by the first factor (`user`): one mobile device (push), one
 * SMS/email/TOTP device (OTP), or several (selection per policy devices.selection). How the
 * client learns the push outcome follows policy pollStyle (POST poll, or re-GET).
 * Roles: the API client (events named after actions, plus GET and an action outside `_links`),
 * the user's existing device (PUSH.*), the new device's SDK (SDK.PAIR), and the clock
 * (APPROVAL.TIMEOUT). Each state's meta gives the flow `status` and the exact `links`; where
 * the widget's "change device" (`selectDevice`) is offered only to a user with several
 * devices, `linksWithSeveralDevices` lists the actions added for such a user.
 *
 * After MFA succeeds, what comes next depends on what `authenticate` carried: the mobile
 * payload of the new installation (seed 004: the SDK still has to pair) gets
 * MOBILE_PAIRING_REQUIRED with a serverPayload; none (browser-style `{}`) gets MFA_COMPLETED.
 */
import { assign, setup } from 'xstate';
import type { FlowAction, FlowStatus } from '../authn-api.ts';
import type { Policy } from '../policy.ts';
import type { RequirementId } from '../requirements.ts';
import type { ControlId, ScreenId } from '../testids.ts';

type FlowMeta = {
  requirements: readonly RequirementId[];
  testId?: ScreenId | ControlId;
  status?: FlowStatus;
  links?: readonly FlowAction[];
  /** Actions `_links` lists besides `links` when the user has more than one device. */
  linksWithSeveralDevices?: readonly FlowAction[];
};

/** Test users by their paired devices; 'wrong' is a failed first factor. */
export type AdapterUser = 'mobile' | 'otp' | 'several';

export type AdapterAdditionalDeviceEvent =
  | { type: 'checkUsernamePassword'; user: AdapterUser | 'wrong' }
  /** 'valid': the new installation's mobile payload; 'none': a browser-style `{}`; 'invalid': unreadable. */
  | { type: 'authenticate'; mobilePayload: 'valid' | 'none' | 'invalid' }
  | { type: 'selectDevice'; device: 'mobile' | 'otp' | 'unknown' }
  | { type: 'poll' }
  | { type: 'PUSH.APPROVE' }
  | { type: 'PUSH.DENY' }
  | { type: 'APPROVAL.TIMEOUT' }
  | { type: 'checkOtp'; otp: 'valid' | 'invalid' }
  | { type: 'SDK.PAIR'; outcome: 'paired' | 'failed' | 'error' }
  | { type: 'continueAuthentication' }
  | { type: 'cancelAuthentication' }
  | { type: 'GET' }
  | { type: 'INVALID_ACTION' }
  /** An action POSTed without `X-XSRF-Header`. */
  | { type: 'POST.WITHOUT_XSRF' }
  /** The flow outlives policy flow.ttlSeconds (or the server drops it): its id is unknown from then on. */
  | { type: 'FLOW.EXPIRE' };

export interface AdapterAdditionalDeviceContext {
  policy: Policy;
  user: AdapterUser | 'none';
  /** Wrong OTPs so far (bounded by policy otp.maxAttempts). */
  wrongOtps: number;
  /** Whether authenticate carried the new installation's mobile payload. */
  newInstallation: boolean;
  /** How MFA succeeded, for the status attribute of a web login (web_login_mobile / web_login_otp). */
  mfaMethod: 'mobile' | 'otp' | 'none';
}

export function adapterAdditionalDeviceEvents(_policy: Policy): AdapterAdditionalDeviceEvent[] {
  return [
    ...(['mobile', 'otp', 'several', 'wrong'] as const).map((user) => ({ type: 'checkUsernamePassword', user }) as const),
    { type: 'authenticate', mobilePayload: 'valid' },
    { type: 'authenticate', mobilePayload: 'none' },
    { type: 'authenticate', mobilePayload: 'invalid' },
    ...(['mobile', 'otp', 'unknown'] as const).map((device) => ({ type: 'selectDevice', device }) as const),
    { type: 'poll' },
    { type: 'PUSH.APPROVE' },
    { type: 'PUSH.DENY' },
    { type: 'APPROVAL.TIMEOUT' },
    { type: 'checkOtp', otp: 'valid' },
    { type: 'checkOtp', otp: 'invalid' },
    { type: 'SDK.PAIR', outcome: 'paired' },
    { type: 'SDK.PAIR', outcome: 'failed' },
    { type: 'SDK.PAIR', outcome: 'error' },
    { type: 'continueAuthentication' },
    { type: 'cancelAuthentication' },
    { type: 'GET' },
    { type: 'INVALID_ACTION' },
    { type: 'POST.WITHOUT_XSRF' },
    { type: 'FLOW.EXPIRE' },
  ];
}

export const adapterAdditionalDeviceMachine = setup({
  types: {
    context: {} as AdapterAdditionalDeviceContext,
    events: {} as AdapterAdditionalDeviceEvent,
    input: {} as { policy: Policy } | void, // optional: Stately starts a machine without input
    meta: {} as FlowMeta,
  },
  guards: {
    firstFactorPassed: ({ context, event }) =>
      event.type === 'checkUsernamePassword' && event.user !== 'wrong' && (event.user !== 'several' || context.policy.devices.max > 1),
    payloadInvalid: ({ event }) => event.type === 'authenticate' && event.mobilePayload === 'invalid',
    promptForDevice: ({ context }) => context.user === 'several' && context.policy.devices.selection === 'prompt',
    defaultToPrimary: ({ context }) => context.user === 'several' && context.policy.devices.selection === 'primary',
    otpDeviceOnly: ({ context }) => context.user === 'otp',
    selectedMobile: ({ context, event }) => event.type === 'selectDevice' && event.device === 'mobile' && context.user !== 'otp',
    selectedOtp: ({ context, event }) => event.type === 'selectDevice' && event.device === 'otp' && context.user === 'several',
    oneDevice: ({ context }) => context.user !== 'several',
    newInstallation: ({ context }) => context.newInstallation,
    byOtp: ({ context }) => context.mfaMethod === 'otp',
    pollByGet: ({ context }) => context.policy.pollStyle === 'get',
    otpValid: ({ event }) => event.type === 'checkOtp' && event.otp === 'valid',
    lastAttempt: ({ context }) => context.wrongOtps + 1 >= context.policy.otp.maxAttempts,
    // The new installation pairs only while the user is under policy devices.max (mobile/otp users have 1 device, several 2).
    sdkPaired: ({ context, event }) => event.type === 'SDK.PAIR' && event.outcome === 'paired' && (context.user === 'several' ? 2 : 1) < context.policy.devices.max,
    sdkPairedOverLimit: ({ event }) => event.type === 'SDK.PAIR' && event.outcome === 'paired',
    sdkFailed: ({ event }) => event.type === 'SDK.PAIR' && event.outcome === 'failed',
  },
  actions: {
    rememberUser: assign({ user: ({ event }) => (event.type === 'checkUsernamePassword' && event.user !== 'wrong' ? event.user : 'none') }),
    countWrongOtp: assign({ wrongOtps: ({ context }) => context.wrongOtps + 1 }),
    // selectDevice restarts authentication on the device chosen (protocol facts §2): its OTP attempts start afresh.
    restartOnDevice: assign({ wrongOtps: 0 }),
    rememberPayload: assign({ newInstallation: ({ event }) => event.type === 'authenticate' && event.mobilePayload === 'valid' }),
    rememberPush: assign({ mfaMethod: 'mobile' as const }),
    rememberOtp: assign({ mfaMethod: 'otp' as const }),
  },
}).createMachine({
  id: 'adapter-additional-device',
  // No input (pasted into Stately): models/policy.ts defaultPolicy, inlined (machines import only types; a test keeps it equal).
  context: ({ input }) => ({ policy: input?.policy ?? { pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 }, locationRequired: false, biometricsRequired: false, devices: { max: 5, selection: 'prompt' }, pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 }, otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 }, push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 }, statusAttribute: 'pingone.mfa.status', pollStyle: 'post', creds: { newLabelHours: 24, presentationTtlSeconds: 300 }, flow: { ttlSeconds: 1800 } }, user: 'none', wrongOtps: 0, newInstallation: false, mfaMethod: 'none' }),
  initial: 'usernamePasswordRequired',
  // Protocol facts §1: GET never transitions; an action outside `_links` is refused with 400
  // INVALID_ACTION_ID and the flow stays in its state.
  on: {
    GET: { meta: { requirements: ['API-GEN-GET-IDEMPOTENT', 'API-GEN-STATE-BODY', 'POL-POLL-STYLE'] } },
    INVALID_ACTION: { meta: { requirements: ['API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-BODY', 'API-GEN-LINKS-EXACT'] } },
    // Protocol facts §1 "Headers": a POST without X-XSRF-Header is refused (400 MISSING_XSRF_HEADER), the flow staying where it is.
    'POST.WITHOUT_XSRF': { meta: { requirements: ['API-GEN-XSRF-HEADER', 'API-GEN-ERROR-BODY', 'API-GEN-ERROR-KEEPS-STATE'] } },
    // A flow past policy flow.ttlSeconds is gone, whatever state it was in.
    'FLOW.EXPIRE': { target: '.flowExpired', meta: { requirements: ['API-GEN-FLOW-NOT-FOUND'] } },
  },
  states: {
    // 004 step 1: first-factor authentication.
    usernamePasswordRequired: {
      meta: { requirements: ['API-ADD-FIRST-FACTOR', 'API-GEN-STATE-BODY', 'API-GEN-LINKS-EXACT', 'API-GEN-FIRST-FACTOR-CANCEL', 'API-GEN-PKCE-CHALLENGE'], status: 'USERNAME_PASSWORD_REQUIRED', links: ['checkUsernamePassword', 'cancelAuthentication'] },
      on: {
        checkUsernamePassword: [
          { guard: 'firstFactorPassed', target: 'authenticationRequired', actions: 'rememberUser', meta: { requirements: ['API-ADD-FIRST-FACTOR', 'API-GEN-ACTION-MEDIA-TYPE'] } },
          { meta: { requirements: ['API-ADD-FIRST-FACTOR', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
        ],
        cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL', 'API-GEN-FIRST-FACTOR-CANCEL'] } },
      },
    },
    // 004 steps 2-4: AUTHENTICATION_REQUIRED with the primary device; authenticate with the mobile payload.
    authenticationRequired: {
      meta: { requirements: ['API-ADD-AUTHENTICATION-REQUIRED', 'API-ADD-MOBILE-PAYLOAD', 'API-GEN-LINKS-EXACT'], status: 'AUTHENTICATION_REQUIRED', links: ['authenticate', 'cancelAuthentication'] },
      on: {
        authenticate: [
          { guard: 'payloadInvalid', meta: { requirements: ['API-ADD-AUTHENTICATE', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
          { guard: 'promptForDevice', target: 'deviceSelectionRequired', actions: 'rememberPayload', meta: { requirements: ['API-ADD-AUTHENTICATE', 'API-ADD-DEVICE-SELECTION', 'POL-DEVICE-SELECTION', 'API-GEN-ACTION-MEDIA-TYPE'] } },
          { guard: 'defaultToPrimary', target: 'pushWaiting', actions: 'rememberPayload', meta: { requirements: ['API-ADD-AUTHENTICATE', 'API-ADD-DEFAULT-PRIMARY', 'POL-DEVICE-SELECTION'] } },
          { guard: 'otpDeviceOnly', target: 'otpRequired', actions: 'rememberPayload', meta: { requirements: ['API-ADD-AUTHENTICATE', 'API-ADD-OTP-REQUIRED'] } },
          { target: 'pushWaiting', actions: 'rememberPayload', meta: { requirements: ['API-ADD-AUTHENTICATE', 'API-ADD-PUSH-WAITING'] } },
        ],
        cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL'] } },
      },
    },
    // 004 step 5.1: PUSH_CONFIRMATION_WAITING; poll until the user approves or denies.
    pushWaiting: {
      meta: { requirements: ['API-ADD-PUSH-WAITING', 'API-ADD-POLL', 'API-GEN-LINKS-EXACT'], status: 'PUSH_CONFIRMATION_WAITING', links: ['poll', 'cancelAuthentication'], linksWithSeveralDevices: ['selectDevice'] },
      initial: 'waiting',
      on: { cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL'] } } },
      states: {
        // No answer yet. With pollStyle 'get' the outcome shows at once (a GET reveals it);
        // with 'post' it waits for the next poll.
        waiting: {
          meta: { requirements: ['API-ADD-PUSH-WAITING', 'API-ADD-POLL'] },
          on: {
            poll: { meta: { requirements: ['API-ADD-POLL'] } },
            'PUSH.APPROVE': [
              { guard: 'pollByGet', target: '#adapter-additional-device.mfaSucceeded', actions: 'rememberPush', meta: { requirements: ['API-ADD-PUSH-APPROVED', 'POL-POLL-STYLE'] } },
              { target: 'approved', actions: 'rememberPush', meta: { requirements: ['API-ADD-PUSH-APPROVED', 'POL-POLL-STYLE'] } },
            ],
            'PUSH.DENY': [
              { guard: 'pollByGet', target: '#adapter-additional-device.pushRejected', meta: { requirements: ['API-ADD-PUSH-REJECTED', 'POL-POLL-STYLE'] } },
              { target: 'denied', meta: { requirements: ['API-ADD-PUSH-REJECTED', 'POL-POLL-STYLE'] } },
            ],
            'APPROVAL.TIMEOUT': [
              { guard: 'pollByGet', target: '#adapter-additional-device.pushTimedOut', meta: { requirements: ['API-ADD-PUSH-TIMED-OUT', 'POL-PUSH-WINDOW'] } },
              { target: 'expired', meta: { requirements: ['API-ADD-PUSH-TIMED-OUT', 'POL-PUSH-WINDOW'] } },
            ],
            // Change device (several devices only): a new push or OTP on the device chosen.
            selectDevice: [
              // One device: selectDevice is not in `_links`, so it is refused (INVALID_ACTION_ID).
              { guard: 'oneDevice', meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-BODY'] } },
              { guard: 'selectedMobile', target: '#adapter-additional-device.pushWaiting', actions: 'restartOnDevice', meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-ADD-SELECT-DEVICE', 'API-ADD-PUSH-WAITING'] } },
              { guard: 'selectedOtp', target: '#adapter-additional-device.otpRequired', actions: 'restartOnDevice', meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-ADD-SELECT-DEVICE', 'API-ADD-OTP-REQUIRED'] } },
              { meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
            ],
          },
        },
        // pollStyle 'post': the answer is in; the status changes on the next poll, not on a GET.
        approved: {
          meta: { requirements: ['API-ADD-PUSH-APPROVED', 'API-GEN-GET-IDEMPOTENT'] },
          on: { poll: { target: '#adapter-additional-device.mfaSucceeded', meta: { requirements: ['API-ADD-POLL', 'API-ADD-PUSH-APPROVED'] } } },
        },
        denied: {
          meta: { requirements: ['API-ADD-PUSH-REJECTED', 'API-GEN-GET-IDEMPOTENT'] },
          on: { poll: { target: '#adapter-additional-device.pushRejected', meta: { requirements: ['API-ADD-POLL', 'API-ADD-PUSH-REJECTED'] } } },
        },
        expired: {
          meta: { requirements: ['API-ADD-PUSH-TIMED-OUT', 'API-GEN-GET-IDEMPOTENT'] },
          on: { poll: { target: '#adapter-additional-device.pushTimedOut', meta: { requirements: ['API-ADD-POLL', 'API-ADD-PUSH-TIMED-OUT'] } } },
        },
      },
    },
    // A denied push: the flow does not complete; only cancel is offered.
    pushRejected: {
      meta: { requirements: ['API-ADD-PUSH-REJECTED', 'API-GEN-REJECTED-CANCEL-ONLY', 'API-GEN-LINKS-EXACT'], status: 'PUSH_CONFIRMATION_REJECTED', links: ['cancelAuthentication'] },
      on: { cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL', 'API-GEN-REJECTED-CANCEL-ONLY'] } } },
    },
    // No answer in time (widget): the passcode of the device (checkOtp), change device (several devices), or cancel.
    pushTimedOut: {
      meta: { requirements: ['API-ADD-PUSH-TIMED-OUT', 'API-GEN-TIMED-OUT-RETRY', 'API-GEN-LINKS-EXACT'], status: 'PUSH_CONFIRMATION_TIMED_OUT', links: ['checkOtp', 'cancelAuthentication'], linksWithSeveralDevices: ['selectDevice'] },
      on: {
        checkOtp: [
          { guard: 'otpValid', target: 'mfaSucceeded', actions: 'rememberOtp', meta: { requirements: ['API-GEN-TIMED-OUT-RETRY', 'API-ADD-CHECK-OTP'] } },
          { guard: 'lastAttempt', target: 'mfaFailed', actions: 'countWrongOtp', meta: { requirements: ['API-GEN-TIMED-OUT-RETRY', 'API-ADD-OTP-LOCKED', 'POL-OTP-ATTEMPTS'] } },
          { actions: 'countWrongOtp', meta: { requirements: ['API-GEN-TIMED-OUT-RETRY', 'API-ADD-OTP-INVALID', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
        ],
        selectDevice: [
          // One device: selectDevice is not in `_links`, so it is refused (INVALID_ACTION_ID).
          { guard: 'oneDevice', meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-BODY'] } },
          { guard: 'selectedMobile', target: 'pushWaiting', actions: 'restartOnDevice', meta: { requirements: ['API-GEN-TIMED-OUT-RETRY', 'API-GEN-CHANGE-DEVICE', 'API-ADD-PUSH-WAITING'] } },
          { guard: 'selectedOtp', target: 'otpRequired', actions: 'restartOnDevice', meta: { requirements: ['API-GEN-TIMED-OUT-RETRY', 'API-GEN-CHANGE-DEVICE', 'API-ADD-OTP-REQUIRED'] } },
          { meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
        ],
        cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL'] } },
      },
    },
    // 004 step 5.2: OTP_REQUIRED; checkOtp (valid, invalid with attemptsRemaining, locked).
    otpRequired: {
      meta: { requirements: ['API-ADD-OTP-REQUIRED', 'API-GEN-LINKS-EXACT'], status: 'OTP_REQUIRED', links: ['checkOtp', 'cancelAuthentication'], linksWithSeveralDevices: ['selectDevice'] },
      on: {
        checkOtp: [
          { guard: 'otpValid', target: 'mfaSucceeded', actions: 'rememberOtp', meta: { requirements: ['API-ADD-CHECK-OTP'] } },
          { guard: 'lastAttempt', target: 'mfaFailed', actions: 'countWrongOtp', meta: { requirements: ['API-ADD-OTP-LOCKED', 'POL-OTP-ATTEMPTS'] } },
          { actions: 'countWrongOtp', meta: { requirements: ['API-ADD-OTP-INVALID', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
        ],
        selectDevice: [
          // One device: selectDevice is not in `_links`, so it is refused (INVALID_ACTION_ID).
          { guard: 'oneDevice', meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-BODY'] } },
          { guard: 'selectedMobile', target: 'pushWaiting', actions: 'restartOnDevice', meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-ADD-SELECT-DEVICE', 'API-ADD-PUSH-WAITING'] } },
          { guard: 'selectedOtp', target: 'otpRequired', actions: 'restartOnDevice', meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-ADD-SELECT-DEVICE', 'API-ADD-OTP-REQUIRED'] } },
          { meta: { requirements: ['API-GEN-CHANGE-DEVICE', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
        ],
        cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL'] } },
      },
    },
    // 004 step 5.3: DEVICE_SELECTION_REQUIRED with the devices; selectDevice.
    deviceSelectionRequired: {
      meta: { requirements: ['API-ADD-DEVICE-SELECTION', 'API-GEN-LINKS-EXACT'], status: 'DEVICE_SELECTION_REQUIRED', links: ['selectDevice', 'cancelAuthentication'] },
      on: {
        selectDevice: [
          // Seed 004 step 5.3: PUSH_CONFIRMATION_WAITING, or DEVICE_SELECTION_REQUIRED again; an OTP device: OTP_REQUIRED (facts). POL-SELECT-DEVICE-OUTCOME.
          { guard: 'selectedMobile', target: 'pushWaiting', actions: 'restartOnDevice', meta: { requirements: ['API-ADD-SELECT-DEVICE', 'API-ADD-PUSH-WAITING', 'POL-SELECT-DEVICE-OUTCOME'] } },
          { guard: 'selectedOtp', target: 'otpRequired', actions: 'restartOnDevice', meta: { requirements: ['API-ADD-SELECT-DEVICE', 'API-ADD-OTP-REQUIRED', 'POL-SELECT-DEVICE-OUTCOME'] } },
          { meta: { requirements: ['API-ADD-SELECT-DEVICE', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY', 'POL-SELECT-DEVICE-OUTCOME'] } },
        ],
        cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL'] } },
      },
    },
    // Too many wrong OTPs: MFA_FAILED (ACCOUNT_LOCKED_OUT), a dead end but for cancel.
    mfaFailed: {
      meta: { requirements: ['API-ADD-OTP-LOCKED', 'API-GEN-MFA-FAILED-DEAD-END', 'API-GEN-LINKS-EXACT', 'API-GEN-OTP-LOCKOUT-PER-USER'], status: 'MFA_FAILED', links: ['cancelAuthentication'] },
      on: { cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL', 'API-GEN-MFA-FAILED-DEAD-END'] } } },
    },
    // MFA succeeded (push approved or valid OTP): the answer depends on what authenticate carried.
    mfaSucceeded: {
      meta: { requirements: ['API-ADD-MFA-SUCCEEDED'] },
      always: [
        { guard: 'newInstallation', target: 'mobilePairingRequired', meta: { requirements: ['API-ADD-MFA-SUCCEEDED', 'API-ADD-MOBILE-PAIRING-REQUIRED'] } },
        { target: 'mfaCompleted', meta: { requirements: ['API-ADD-MFA-SUCCEEDED', 'API-ADD-MFA-COMPLETED'] } },
      ],
    },
    // Seed 004 (automatic pairing): the new installation's SDK pairs with the serverPayload (or not);
    // continueAuthentication is accepted either way, the outcome showing in the status attribute.
    mobilePairingRequired: {
      meta: { requirements: ['API-ADD-MOBILE-PAIRING-REQUIRED', 'API-GEN-LINKS-EXACT'], status: 'MOBILE_PAIRING_REQUIRED', links: ['continueAuthentication'] },
      initial: 'pending',
      states: {
        pending: {
          meta: { requirements: ['API-ADD-MOBILE-PAIRING-REQUIRED'] },
          on: {
            'SDK.PAIR': [
              { guard: 'sdkPaired', target: 'sdkPaired', meta: { requirements: ['API-ADD-STATUS-PAIRED'] } },
              { guard: 'sdkPairedOverLimit', target: 'sdkError', meta: { requirements: ['API-ADD-STATUS-PAIRING-ERROR', 'POL-MAX-DEVICES'] } },
              { guard: 'sdkFailed', target: 'sdkFailed', meta: { requirements: ['API-ADD-STATUS-NOT-PAIRED'] } },
              { target: 'sdkError', meta: { requirements: ['API-ADD-STATUS-PAIRING-ERROR'] } },
            ],
            continueAuthentication: { target: '#adapter-additional-device.completedDeviceNotPaired', meta: { requirements: ['API-ADD-CONTINUE', 'API-ADD-STATUS-NOT-PAIRED'] } },
          },
        },
        sdkPaired: {
          meta: { requirements: ['API-ADD-STATUS-PAIRED'] },
          on: { continueAuthentication: { target: '#adapter-additional-device.completedDevicePaired', meta: { requirements: ['API-ADD-CONTINUE', 'API-ADD-STATUS-PAIRED'] } } },
        },
        sdkFailed: {
          meta: { requirements: ['API-ADD-STATUS-NOT-PAIRED'] },
          on: { continueAuthentication: { target: '#adapter-additional-device.completedDeviceNotPaired', meta: { requirements: ['API-ADD-CONTINUE', 'API-ADD-STATUS-NOT-PAIRED'] } } },
        },
        sdkError: {
          meta: { requirements: ['API-ADD-STATUS-PAIRING-ERROR'] },
          on: { continueAuthentication: { target: '#adapter-additional-device.completedPairingError', meta: { requirements: ['API-ADD-CONTINUE', 'API-ADD-STATUS-PAIRING-ERROR'] } } },
        },
      },
    },
    // No installation to pair (authenticate carried no mobile payload): MFA_COMPLETED, then continueAuthentication.
    mfaCompleted: {
      meta: { requirements: ['API-ADD-MFA-COMPLETED', 'API-GEN-LINKS-EXACT'], status: 'MFA_COMPLETED', links: ['continueAuthentication'] },
      on: {
        continueAuthentication: [
          { guard: 'byOtp', target: 'completedWebLoginOtp', meta: { requirements: ['API-ADD-MFA-COMPLETED', 'API-ADD-STATUS-WEB-LOGIN'] } },
          { target: 'completedWebLoginMobile', meta: { requirements: ['API-ADD-MFA-COMPLETED', 'API-ADD-STATUS-WEB-LOGIN'] } },
        ],
      },
    },
    completedDevicePaired: {
      type: 'final',
      meta: { requirements: ['API-ADD-CONTINUE', 'API-ADD-STATUS-PAIRED', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    completedDeviceNotPaired: {
      type: 'final',
      meta: { requirements: ['API-ADD-CONTINUE', 'API-ADD-STATUS-NOT-PAIRED', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    completedPairingError: {
      type: 'final',
      meta: { requirements: ['API-ADD-CONTINUE', 'API-ADD-STATUS-PAIRING-ERROR', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    completedWebLoginMobile: {
      type: 'final',
      meta: { requirements: ['API-ADD-STATUS-WEB-LOGIN', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    completedWebLoginOtp: {
      type: 'final',
      meta: { requirements: ['API-ADD-STATUS-WEB-LOGIN', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    canceled: { type: 'final', meta: { requirements: ['API-GEN-CANCEL'], status: 'FAILED', links: [] } },
    // The flow expired: its id is unknown, a GET and any action get 404 RESOURCE_NOT_FOUND (no state body).
    flowExpired: { type: 'final', meta: { requirements: ['API-GEN-FLOW-NOT-FOUND', 'API-GEN-ERROR-BODY'] } },
  },
});
