/**
 * Creds: seed 003. Pair with each issuer by its QR code (device lock first; permissions; device
 * PIN or biometrics), receive Creds (notification, Creds tab, 'New' for 24 h or until opened,
 * details), share them (requester's QR, review, required fields fixed, optional fields opt-in,
 * Share), and no backup: a new device or a reinstall holds nothing until the issuer reissues.
 *
 * Role: the mobile app (the issuer and the requester act through events). Pure: time passing
 * is CLOCK.ADVANCE; two issuers ('a', 'b') stand for "several".
 */
import { assign, setup } from 'xstate';
import type { Policy } from '../policy.ts';
import type { RequirementId } from '../requirements.ts';
import type { ControlId, ScreenId } from '../testids.ts';

type FlowMeta = { requirements: readonly RequirementId[]; testId?: ScreenId | ControlId };

export type Issuer = 'a' | 'b';

export type CredsEvent =
  | { type: 'DEVICE.LOCK_SET' }
  | { type: 'SCAN.TAP' }
  | { type: 'QR.SCAN'; qr: 'issuer-a' | 'issuer-b' | 'invalid' }
  | { type: 'PERMISSIONS.ACCEPT' }
  | { type: 'PERMISSIONS.DENY' }
  | { type: 'DEVICE_AUTH.SUBMIT'; result: 'ok' | 'failed' }
  | { type: 'ERROR.BACK' }
  | { type: 'CREDS.ISSUE'; issuer: Issuer }
  | { type: 'CREDS.TAB' }
  | { type: 'CREDS.OPEN' }
  | { type: 'NAV.BACK' }
  | { type: 'NAV.HOME' }
  | { type: 'CLOCK.ADVANCE'; seconds: number }
  | { type: 'SHARE.SCAN' }
  | { type: 'SHARE.SELECT_OPTIONAL' }
  | { type: 'SHARE.REMOVE_REQUIRED' }
  | { type: 'SHARE.SUBMIT' }
  | { type: 'DEVICE.REPLACE' };

export interface CredsContext {
  policy: Policy;
  /** A biometrics lock or a device PIN is set (seed 003 "Before you begin"). */
  deviceLock: boolean;
  /** Issuers this app is paired with. */
  paired: Record<Issuer, boolean>;
  /** The issuer whose QR code is being paired, while pairing. */
  pairing: Issuer | 'none';
  /** Issuers whose Creds the phone holds (seed 003: several issuers at a time). */
  heldFrom: Record<Issuer, boolean>;
  /** The one Creds held in this model: none, labelled 'New', or seen (opened or 24 h old). */
  cred: 'none' | 'new' | 'seen';
  /** The optional field is selected for the share under review. */
  optionalSelected: boolean;
}

export function credsEvents(policy: Policy): CredsEvent[] {
  return [
    { type: 'DEVICE.LOCK_SET' },
    { type: 'SCAN.TAP' },
    { type: 'QR.SCAN', qr: 'issuer-a' },
    { type: 'QR.SCAN', qr: 'issuer-b' },
    { type: 'QR.SCAN', qr: 'invalid' },
    { type: 'PERMISSIONS.ACCEPT' },
    { type: 'PERMISSIONS.DENY' },
    { type: 'DEVICE_AUTH.SUBMIT', result: 'ok' },
    { type: 'DEVICE_AUTH.SUBMIT', result: 'failed' },
    { type: 'ERROR.BACK' },
    { type: 'CREDS.ISSUE', issuer: 'a' },
    { type: 'CREDS.ISSUE', issuer: 'b' },
    { type: 'CREDS.TAB' },
    { type: 'CREDS.OPEN' },
    { type: 'NAV.BACK' },
    { type: 'NAV.HOME' },
    { type: 'CLOCK.ADVANCE', seconds: policy.creds.newLabelHours * 3600 },
    { type: 'CLOCK.ADVANCE', seconds: policy.creds.presentationTtlSeconds },
    { type: 'SHARE.SCAN' },
    { type: 'SHARE.SELECT_OPTIONAL' },
    { type: 'SHARE.REMOVE_REQUIRED' },
    { type: 'SHARE.SUBMIT' },
    { type: 'DEVICE.REPLACE' },
  ];
}

const issuerOf = (event: CredsEvent): Issuer | 'none' =>
  event.type === 'QR.SCAN' ? (event.qr === 'issuer-a' ? 'a' : event.qr === 'issuer-b' ? 'b' : 'none') : event.type === 'CREDS.ISSUE' ? event.issuer : 'none';

export const credsMachine = setup({
  types: {
    context: {} as CredsContext,
    events: {} as CredsEvent,
    input: {} as { policy: Policy } | void, // optional: Stately starts a machine without input
    meta: {} as FlowMeta,
  },
  guards: {
    noDeviceLock: ({ context }) => !context.deviceLock,
    qrInvalid: ({ event }) => issuerOf(event) === 'none',
    issuerAlreadyPaired: ({ context, event }) => {
      const issuer = issuerOf(event);
      return issuer !== 'none' && context.paired[issuer];
    },
    deviceAuthOk: ({ event }) => event.type === 'DEVICE_AUTH.SUBMIT' && event.result === 'ok',
    fromPairedIssuer: ({ context, event }) => {
      const issuer = issuerOf(event);
      return issuer !== 'none' && context.paired[issuer];
    },
    credIsNew: ({ context }) => context.cred === 'new',
    credHeld: ({ context }) => context.cred !== 'none',
    /** Creds from both issuers on the phone (issue 12: its own transition, so random walks aim for it). */
    heldFromBoth: ({ context }) => context.heldFrom.a && context.heldFrom.b,
    newFromBoth: ({ context }) => context.heldFrom.a && context.heldFrom.b && context.cred === 'new',
    newLabelElapsed: ({ context, event }) => event.type === 'CLOCK.ADVANCE' && event.seconds >= context.policy.creds.newLabelHours * 3600,
    requestExpired: ({ context, event }) => event.type === 'CLOCK.ADVANCE' && event.seconds >= context.policy.creds.presentationTtlSeconds,
  },
  actions: {
    setLock: assign({ deviceLock: true }),
    startPairing: assign({ pairing: ({ event }) => issuerOf(event) }),
    stopPairing: assign({ pairing: 'none' as const }),
    completePairing: assign({
      paired: ({ context }) => (context.pairing === 'none' ? context.paired : { ...context.paired, [context.pairing]: true }),
      pairing: 'none' as const,
    }),
    receive: assign({
      cred: 'new' as const,
      heldFrom: ({ context, event }) => (event.type === 'CREDS.ISSUE' ? { ...context.heldFrom, [event.issuer]: true } : context.heldFrom),
    }),
    see: assign({ cred: 'seen' as const }),
    /** Time passed elsewhere in the app (a share request left to expire): a 'New' label older than newLabelHours is gone. */
    age: assign({ cred: ({ context, event }) => (context.cred === 'new' && event.type === 'CLOCK.ADVANCE' && event.seconds >= context.policy.creds.newLabelHours * 3600 ? 'seen' : context.cred) }),
    selectOptional: assign({ optionalSelected: ({ context }) => !context.optionalSelected }),
    clearSelection: assign({ optionalSelected: false }),
    wipe: assign({ paired: { a: false, b: false }, heldFrom: { a: false, b: false }, cred: 'none' as const, pairing: 'none' as const, optionalSelected: false }),
  },
}).createMachine({
  id: 'creds',
  // No input (pasted into Stately): models/policy.ts defaultPolicy, inlined (machines import only types; a test keeps it equal).
  context: ({ input }) => ({ policy: input?.policy ?? { pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 }, locationRequired: false, biometricsRequired: false, devices: { max: 5, selection: 'prompt' }, pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 }, otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 }, push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 }, statusAttribute: 'pingone.mfa.status', pollStyle: 'post', creds: { newLabelHours: 24, presentationTtlSeconds: 300 }, flow: { ttlSeconds: 1800 } }, deviceLock: false, paired: { a: false, b: false }, pairing: 'none', heldFrom: { a: false, b: false }, cred: 'none', optionalSelected: false }),
  initial: 'home',
  states: {
    // The app's home (Authentication tab), where Scan starts pairing or sharing.
    home: {
      meta: { requirements: ['CREDS-PAIR-QR-OR-LINK', 'CREDS-PAIR-OFFER-AUTHENTICATED'], testId: 'mobile-accounts' },
      on: {
        'DEVICE.LOCK_SET': { actions: 'setLock', meta: { requirements: ['CREDS-PAIR-LOCK-REQUIRED'] } },
        'SCAN.TAP': { target: 'scanIssuer', meta: { requirements: ['CREDS-PAIR-SCAN'], testId: 'scan-button' } },
        'CREDS.ISSUE': [
          { guard: 'fromPairedIssuer', target: 'notified', actions: 'receive', meta: { requirements: ['CREDS-RECEIVE-NOTIFICATION', 'CREDS-PAIR-PER-ISSUER'] } },
          { meta: { requirements: ['CREDS-RECEIVE-REQUIRES-PAIRING', 'CREDS-PAIR-PER-ISSUER'] } },
        ],
        'CREDS.TAB': [
          // 003 "How do I pair Creds": paired with several issuers, the tab holds each one's Creds.
          { guard: 'newFromBoth', target: 'credsNew', meta: { requirements: ['CREDS-RECEIVE-TAB', 'CREDS-RECEIVE-NEW-LABEL', 'CREDS-PAIR-SEVERAL-ISSUERS'], testId: 'tab-creds' } },
          { guard: 'heldFromBoth', target: 'credsList', meta: { requirements: ['CREDS-RECEIVE-TAB', 'CREDS-PAIR-SEVERAL-ISSUERS'], testId: 'tab-creds' } },
          { guard: 'credIsNew', target: 'credsNew', meta: { requirements: ['CREDS-RECEIVE-TAB', 'CREDS-RECEIVE-NEW-LABEL'], testId: 'tab-creds' } },
          { target: 'credsList', meta: { requirements: ['CREDS-RECEIVE-TAB'], testId: 'tab-creds' } },
        ],
        'SHARE.SCAN': [
          { guard: 'credHeld', target: 'shareReview', actions: 'clearSelection', meta: { requirements: ['CREDS-SHARE-SCAN', 'CREDS-SHARE-REVIEW'], testId: 'scan-button' } },
          { target: 'shareNothing', meta: { requirements: ['CREDS-SHARE-SCAN'], testId: 'scan-button' } },
        ],
        'DEVICE.REPLACE': { target: 'newDevice', actions: 'wipe', meta: { requirements: ['CREDS-NO-BACKUP', 'CREDS-REISSUE-ON-NEW-DEVICE'] } },
      },
    },
    // 003 pairing steps 1-2: Scan, then the issuer's QR code (lock and single pairing checked).
    scanIssuer: {
      meta: { requirements: ['CREDS-PAIR-SCAN'], testId: 'mobile-capture' },
      on: {
        'QR.SCAN': [
          { guard: 'qrInvalid', target: 'pairRefused', meta: { requirements: ['CREDS-PAIR-QR-OR-LINK'], testId: 'capture-image' } },
          { guard: 'noDeviceLock', target: 'pairRefused', meta: { requirements: ['CREDS-PAIR-LOCK-REQUIRED'], testId: 'capture-image' } },
          { guard: 'issuerAlreadyPaired', target: 'pairRefused', meta: { requirements: ['CREDS-PAIR-ONCE-PER-ISSUER'], testId: 'capture-image' } },
          { target: 'permissions', actions: 'startPairing', meta: { requirements: ['CREDS-PAIR-SCAN', 'CREDS-PAIR-PER-ISSUER'], testId: 'capture-image' } },
        ],
        'NAV.BACK': { target: 'home', meta: { requirements: ['CREDS-PAIR-SCAN'] } },
      },
    },
    // 003 pairing step 3: accept the permissions (notifications, camera).
    permissions: {
      meta: { requirements: ['CREDS-PAIR-PERMISSIONS'], testId: 'mobile-notifications-prompt' },
      on: {
        'PERMISSIONS.ACCEPT': { target: 'deviceAuth', meta: { requirements: ['CREDS-PAIR-PERMISSIONS'], testId: 'notifications-allow' } },
        'PERMISSIONS.DENY': { target: 'pairRefused', actions: 'stopPairing', meta: { requirements: ['CREDS-PAIR-PERMISSIONS-DENIED'], testId: 'notifications-deny' } },
      },
    },
    // 003 pairing step 4: the device PIN or biometrics complete pairing.
    deviceAuth: {
      meta: { requirements: ['CREDS-PAIR-DEVICE-AUTH'], testId: 'mobile-creds-pair' },
      on: {
        'DEVICE_AUTH.SUBMIT': [
          { guard: 'deviceAuthOk', target: 'home', actions: 'completePairing', meta: { requirements: ['CREDS-PAIR-DEVICE-AUTH', 'CREDS-PAIR-PER-ISSUER', 'CREDS-PAIR-SEVERAL-ISSUERS'], testId: 'creds-pair-approve' } },
          { meta: { requirements: ['CREDS-PAIR-DEVICE-AUTH'] } },
        ],
        'NAV.BACK': { target: 'home', actions: 'stopPairing', meta: { requirements: ['CREDS-PAIR-DEVICE-AUTH'] } },
      },
    },
    // Pairing refused: no lock, an unknown QR code, an issuer already paired, a permission denied.
    pairRefused: {
      meta: { requirements: ['CREDS-PAIR-LOCK-REQUIRED', 'CREDS-PAIR-ONCE-PER-ISSUER', 'CREDS-PAIR-PERMISSIONS-DENIED'], testId: 'mobile-error' },
      on: { 'ERROR.BACK': { target: 'home', meta: { requirements: ['CREDS-PAIR-QR-OR-LINK'], testId: 'error-back' } } },
    },
    // 003 receive: a notification for new Creds from a paired issuer.
    notified: {
      meta: { requirements: ['CREDS-RECEIVE-NOTIFICATION', 'CREDS-RECEIVE-REQUIRES-PAIRING'] },
      on: {
        'CREDS.TAB': [
          { guard: 'heldFromBoth', target: 'credsNew', meta: { requirements: ['CREDS-RECEIVE-TAB', 'CREDS-RECEIVE-NEW-LABEL', 'CREDS-PAIR-SEVERAL-ISSUERS'], testId: 'tab-creds' } },
          { target: 'credsNew', meta: { requirements: ['CREDS-RECEIVE-TAB', 'CREDS-RECEIVE-NEW-LABEL'], testId: 'tab-creds' } },
        ],
        'NAV.HOME': { target: 'home', meta: { requirements: ['CREDS-RECEIVE-NOTIFICATION'] } },
      },
    },
    // 003 receive steps 1-2: the Creds tab with the 'New' label.
    credsNew: {
      meta: { requirements: ['CREDS-RECEIVE-TAB', 'CREDS-RECEIVE-NEW-LABEL'], testId: 'cred-new-label' },
      on: {
        'CREDS.OPEN': { target: 'credDetails', actions: 'see', meta: { requirements: ['CREDS-RECEIVE-DETAILS', 'CREDS-RECEIVE-NEW-CLEARED-ON-OPEN'], testId: 'cred-item' } },
        'CLOCK.ADVANCE': { guard: 'newLabelElapsed', target: 'credsList', actions: 'see', meta: { requirements: ['CREDS-RECEIVE-NEW-LABEL', 'CREDS-RECEIVE-NEW-CLEARED-AFTER-24H'] } },
        'NAV.HOME': { target: 'home', meta: { requirements: ['CREDS-RECEIVE-TAB'], testId: 'tab-authentication' } },
      },
    },
    // The Creds tab without a 'New' label (none held, opened, or older than 24 h).
    credsList: {
      meta: { requirements: ['CREDS-RECEIVE-TAB'], testId: 'mobile-creds' },
      on: {
        'CREDS.OPEN': { guard: 'credHeld', target: 'credDetails', actions: 'see', meta: { requirements: ['CREDS-RECEIVE-DETAILS'], testId: 'cred-item' } },
        'NAV.HOME': { target: 'home', meta: { requirements: ['CREDS-RECEIVE-TAB'], testId: 'tab-authentication' } },
      },
    },
    // 003 receive step 2: the details.
    credDetails: {
      meta: { requirements: ['CREDS-RECEIVE-DETAILS'], testId: 'mobile-cred-details' },
      on: { 'NAV.BACK': { target: 'credsList', meta: { requirements: ['CREDS-RECEIVE-NEW-CLEARED-ON-OPEN'] } } },
    },
    // 003 share step 2: review; required fields fixed, optional fields opt-in.
    shareReview: {
      meta: { requirements: ['CREDS-SHARE-REVIEW', 'CREDS-SHARE-REQUIRED-FIXED', 'CREDS-SHARE-OPTIONAL-HEADING'], testId: 'mobile-creds-share' },
      on: {
        'SHARE.SELECT_OPTIONAL': { actions: 'selectOptional', meta: { requirements: ['CREDS-SHARE-OPTIONAL-OPT-IN', 'CREDS-SHARE-OPTIONAL-HEADING'], testId: 'share-optional-field' } },
        'SHARE.REMOVE_REQUIRED': { meta: { requirements: ['CREDS-SHARE-REQUIRED-FIXED'], testId: 'share-required-field' } },
        'SHARE.SUBMIT': { target: 'shared', meta: { requirements: ['CREDS-SHARE-SUBMIT', 'CREDS-SHARE-REQUIRED-FIXED', 'CREDS-SHARE-OPTIONAL-OPT-IN'], testId: 'share-submit' } },
        'CLOCK.ADVANCE': { guard: 'requestExpired', target: 'shareExpired', actions: 'age', meta: { requirements: ['CREDS-SHARE-REQUEST-EXPIRY'] } },
        'NAV.BACK': { target: 'home', actions: 'clearSelection', meta: { requirements: ['CREDS-SHARE-REVIEW'] } },
      },
    },
    // 003 share step 3: sent, exactly the required and the selected optional fields.
    shared: {
      meta: { requirements: ['CREDS-SHARE-SUBMIT', 'CREDS-SHARE-OPTIONAL-OPT-IN'], testId: 'mobile-creds-shared' },
      on: { 'NAV.HOME': { target: 'home', actions: 'clearSelection', meta: { requirements: ['CREDS-SHARE-SUBMIT'] } } },
    },
    // The request outlived its lifetime before Share: refused.
    shareExpired: {
      meta: { requirements: ['CREDS-SHARE-REQUEST-EXPIRY'], testId: 'mobile-error' },
      on: { 'ERROR.BACK': { target: 'home', actions: 'clearSelection', meta: { requirements: ['CREDS-SHARE-REQUEST-EXPIRY'], testId: 'error-back' } } },
    },
    // A share request with no matching Creds held (for example on a new device).
    shareNothing: {
      meta: { requirements: ['CREDS-REISSUE-ON-NEW-DEVICE'], testId: 'mobile-error' },
      on: { 'ERROR.BACK': { target: 'home', meta: { requirements: ['CREDS-SHARE-SCAN'], testId: 'error-back' } } },
    },
    // 003 "Can I backup or move my Creds": a new device or a reinstall starts empty, unpaired.
    newDevice: {
      meta: { requirements: ['CREDS-NO-BACKUP', 'CREDS-REISSUE-ON-NEW-DEVICE'], testId: 'mobile-creds' },
      on: { 'NAV.HOME': { target: 'home', meta: { requirements: ['CREDS-REISSUE-ON-NEW-DEVICE'] } } },
    },
  },
});
