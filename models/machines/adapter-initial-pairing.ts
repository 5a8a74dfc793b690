/**
 * Adapter: initial device pairing through the PingFederate Authentication API (seed 004,
 * "Pairing an initial device using automatic pairing", steps 1-8), with the API rules of
 * protocol facts §1-2 (`_links`, INVALID_ACTION_ID, GET never transitions, cancelAuthentication).
 *
 * Roles: the API client (events named after the action it POSTs, plus GET and an action outside
 * `_links`) and the mobile SDK (SDK.PAIR, whose outcome a test produces with a fault).
 * Each state's meta gives the flow `status` and the exact `links` (allowed actions) of the body.
 * The contract attribute's name is POL-STATUS-ATTRIBUTE (policy statusAttribute).
 */
import { setup } from 'xstate';
import type { FlowAction, FlowStatus } from '../authn-api.ts';
import type { Policy } from '../policy.ts';
import type { RequirementId } from '../requirements.ts';
import type { ControlId, ScreenId } from '../testids.ts';

type FlowMeta = { requirements: readonly RequirementId[]; testId?: ScreenId | ControlId; status?: FlowStatus; links?: readonly FlowAction[] };

export type AdapterInitialPairingEvent =
  | { type: 'checkUsernamePassword'; credentials: 'valid' | 'wrong' }
  | { type: 'authenticate'; mobilePayload: 'valid' | 'invalid' }
  | { type: 'SDK.PAIR'; outcome: 'paired' | 'failed' | 'error' }
  | { type: 'continueAuthentication' }
  | { type: 'cancelAuthentication' }
  | { type: 'GET' }
  | { type: 'INVALID_ACTION' }
  /** An action POSTed without `X-XSRF-Header`. */
  | { type: 'POST.WITHOUT_XSRF' }
  /** The flow outlives policy flow.ttlSeconds (or the server drops it): its id is unknown from then on. */
  | { type: 'FLOW.EXPIRE' };

export interface AdapterInitialPairingContext {
  policy: Policy;
}

export function adapterInitialPairingEvents(_policy: Policy): AdapterInitialPairingEvent[] {
  return [
    { type: 'checkUsernamePassword', credentials: 'valid' },
    { type: 'checkUsernamePassword', credentials: 'wrong' },
    { type: 'authenticate', mobilePayload: 'valid' },
    { type: 'authenticate', mobilePayload: 'invalid' },
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

export const adapterInitialPairingMachine = setup({
  types: {
    context: {} as AdapterInitialPairingContext,
    events: {} as AdapterInitialPairingEvent,
    input: {} as { policy: Policy } | void, // optional: Stately starts a machine without input
    meta: {} as FlowMeta,
  },
  guards: {
    credentialsValid: ({ event }) => event.type === 'checkUsernamePassword' && event.credentials === 'valid',
    payloadValid: ({ event }) => event.type === 'authenticate' && event.mobilePayload === 'valid',
    sdkPaired: ({ event }) => event.type === 'SDK.PAIR' && event.outcome === 'paired',
    sdkFailed: ({ event }) => event.type === 'SDK.PAIR' && event.outcome === 'failed',
  },
}).createMachine({
  id: 'adapter-initial-pairing',
  // No input (pasted into Stately): models/policy.ts defaultPolicy, inlined (machines import only types; a test keeps it equal).
  context: ({ input }) => ({ policy: input?.policy ?? { pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 }, locationRequired: false, biometricsRequired: false, devices: { max: 5, selection: 'prompt' }, pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 }, otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 }, push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 }, statusAttribute: 'pingone.mfa.status', pollStyle: 'post', creds: { newLabelHours: 24, presentationTtlSeconds: 300 }, flow: { ttlSeconds: 1800 } } }),
  initial: 'usernamePasswordRequired',
  // Protocol facts §1: in every state, GET returns the state unchanged and an action outside
  // `_links` is refused with 400 INVALID_ACTION_ID, the flow staying where it is.
  on: {
    GET: { meta: { requirements: ['API-GEN-GET-IDEMPOTENT', 'API-GEN-STATE-BODY'] } },
    INVALID_ACTION: { meta: { requirements: ['API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-BODY', 'API-GEN-LINKS-EXACT'] } },
    // Protocol facts §1 "Headers": a POST without X-XSRF-Header is refused (400 MISSING_XSRF_HEADER), the flow staying where it is.
    'POST.WITHOUT_XSRF': { meta: { requirements: ['API-GEN-XSRF-HEADER', 'API-GEN-ERROR-BODY', 'API-GEN-ERROR-KEEPS-STATE'] } },
    // A flow past policy flow.ttlSeconds is gone, whatever state it was in.
    'FLOW.EXPIRE': { target: '.flowExpired', meta: { requirements: ['API-GEN-FLOW-NOT-FOUND'] } },
  },
  states: {
    // 004 step 1: first-factor authentication.
    usernamePasswordRequired: {
      meta: { requirements: ['API-INIT-FIRST-FACTOR', 'API-GEN-STATE-BODY', 'API-GEN-LINKS-EXACT', 'API-GEN-FIRST-FACTOR-CANCEL', 'API-GEN-PKCE-CHALLENGE'], status: 'USERNAME_PASSWORD_REQUIRED', links: ['checkUsernamePassword', 'cancelAuthentication'] },
      on: {
        checkUsernamePassword: [
          { guard: 'credentialsValid', target: 'authenticationRequired', meta: { requirements: ['API-INIT-FIRST-FACTOR', 'API-INIT-AUTHENTICATION-REQUIRED', 'API-GEN-ACTION-MEDIA-TYPE'] } },
          { meta: { requirements: ['API-INIT-FIRST-FACTOR', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
        ],
        cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL', 'API-GEN-FIRST-FACTOR-CANCEL'] } },
      },
    },
    // 004 steps 2-4: AUTHENTICATION_REQUIRED; the client gets a mobile payload and authenticates.
    authenticationRequired: {
      meta: { requirements: ['API-INIT-AUTHENTICATION-REQUIRED', 'API-INIT-MOBILE-PAYLOAD', 'API-GEN-LINKS-EXACT'], status: 'AUTHENTICATION_REQUIRED', links: ['authenticate', 'cancelAuthentication'] },
      on: {
        authenticate: [
          { guard: 'payloadValid', target: 'mobilePairingRequired', meta: { requirements: ['API-INIT-AUTHENTICATE', 'API-INIT-MOBILE-PAIRING-REQUIRED', 'API-GEN-ACTION-MEDIA-TYPE'] } },
          { meta: { requirements: ['API-INIT-AUTHENTICATE', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'] } },
        ],
        cancelAuthentication: { target: 'canceled', meta: { requirements: ['API-GEN-CANCEL'] } },
      },
    },
    // 004 steps 5-7: MOBILE_PAIRING_REQUIRED with serverPayload; the SDK pairs; continueAuthentication.
    mobilePairingRequired: {
      // Protocol facts §2: MOBILE_PAIRING_REQUIRED → continueAuthentication only (no cancel).
      meta: { requirements: ['API-INIT-MOBILE-PAIRING-REQUIRED', 'API-INIT-SERVER-PAYLOAD', 'API-GEN-LINKS-EXACT'], status: 'MOBILE_PAIRING_REQUIRED', links: ['continueAuthentication'] },
      initial: 'pending',
      states: {
        // The SDK has the serverPayload and has not finished pairing.
        pending: {
          meta: { requirements: ['API-INIT-SERVER-PAYLOAD'] },
          on: {
            'SDK.PAIR': [
              { guard: 'sdkPaired', target: 'sdkPaired', meta: { requirements: ['API-INIT-SERVER-PAYLOAD'] } },
              { guard: 'sdkFailed', target: 'sdkFailed', meta: { requirements: ['API-INIT-SERVER-PAYLOAD'] } },
              { target: 'sdkError', meta: { requirements: ['API-INIT-STATUS-PAIRING-ERROR'] } },
            ],
            continueAuthentication: { target: '#adapter-initial-pairing.completedDeviceNotPaired', meta: { requirements: ['API-INIT-CONTINUE', 'API-INIT-STATUS-NOT-PAIRED'] } },
          },
        },
        sdkPaired: {
          meta: { requirements: ['API-INIT-SERVER-PAYLOAD', 'API-INIT-CONTINUE'] },
          on: { continueAuthentication: { target: '#adapter-initial-pairing.completedDevicePaired', meta: { requirements: ['API-INIT-CONTINUE', 'API-INIT-STATUS-PAIRED'] } } },
        },
        sdkFailed: {
          meta: { requirements: ['API-INIT-STATUS-NOT-PAIRED'] },
          on: { continueAuthentication: { target: '#adapter-initial-pairing.completedDeviceNotPaired', meta: { requirements: ['API-INIT-CONTINUE', 'API-INIT-STATUS-NOT-PAIRED'] } } },
        },
        sdkError: {
          meta: { requirements: ['API-INIT-STATUS-PAIRING-ERROR'] },
          on: { continueAuthentication: { target: '#adapter-initial-pairing.completedPairingError', meta: { requirements: ['API-INIT-CONTINUE', 'API-INIT-STATUS-PAIRING-ERROR'] } } },
        },
      },
    },
    // 004 step 8: the flow completes (tokens); the status attribute tells the outcome.
    completedDevicePaired: {
      type: 'final',
      meta: { requirements: ['API-INIT-COMPLETED', 'API-INIT-STATUS-PAIRED', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    completedDeviceNotPaired: {
      type: 'final',
      meta: { requirements: ['API-INIT-COMPLETED', 'API-INIT-STATUS-NOT-PAIRED', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    completedPairingError: {
      type: 'final',
      meta: { requirements: ['API-INIT-COMPLETED', 'API-INIT-STATUS-PAIRING-ERROR', 'API-GEN-STATUS-PREFIX', 'POL-STATUS-ATTRIBUTE', 'API-GEN-CODE-SINGLE-USE', 'API-GEN-ID-TOKEN-CLAIMS'], status: 'COMPLETED', links: [] },
    },
    // cancelAuthentication: the flow ends without authenticating.
    canceled: { type: 'final', meta: { requirements: ['API-GEN-CANCEL'], status: 'FAILED', links: [] } },
    // The flow expired: its id is unknown, a GET and any action get 404 RESOURCE_NOT_FOUND (no state body).
    flowExpired: { type: 'final', meta: { requirements: ['API-GEN-FLOW-NOT-FOUND', 'API-GEN-ERROR-BODY'] } },
  },
});
