/**
 * The registry of flow machines: one entry per documented flow, with the seed it models and
 * the events the graph utilities walk (payload values included, so `getShortestPaths` and
 * `createTestModel` can list them). Suites, the CLI and the README generator read this list.
 */
import type { AnyStateMachine, EventObject } from 'xstate';
import type { Policy } from '../policy.ts';
import { SEEDS } from '../requirements.ts';
import { adapterAdditionalDeviceEvents, adapterAdditionalDeviceMachine } from './adapter-additional-device.ts';
import { adapterInitialPairingEvents, adapterInitialPairingMachine } from './adapter-initial-pairing.ts';
import { credsEvents, credsMachine } from './creds.ts';
import { desktopPairingEvents, desktopPairingMachine } from './desktop-pairing.ts';
import { desktopSignonEvents, desktopSignonMachine } from './desktop-signon.ts';
import { mobileAuthenticationEvents, mobileAuthenticationMachine } from './mobile-authentication.ts';
import { mobilePairingEvents, mobilePairingMachine } from './mobile-pairing.ts';

export interface FlowMachineEntry {
  /** The machine id, also its file name and its `authconf models NAME`. */
  id: string;
  title: string;
  /** The seed files it models (names from `SEEDS`), in the order they are followed. */
  seed: string[];
  /** One or two sentences for the README and `authconf models`. */
  description: string;
  machine: AnyStateMachine;
  /** The events to walk under this policy, each payload value listed. */
  events: (policy: Policy) => EventObject[];
  /** Event sequences every plan also runs (a rule that needs a transition taken twice in one visit). */
  scenarios?: (policy: Policy) => EventObject[][];
}

export const flowMachines: readonly FlowMachineEntry[] = [
  {
    id: 'mobile-pairing',
    title: 'Mobile app pairing',
    seed: [SEEDS.mobilePairing, SEEDS.mobileAuth],
    description:
      'Sign on, Start, Add a New Device with the QR code and key; in the app: welcome and terms, notifications, Scan with camera or Enter Pairing Key (wrong, expired, used), PIN and location when the policy asks, the OTP screen and the request that follows, approved, by biometrics, denied, timed out, or completed with the passcode in the browser.',
    machine: mobilePairingMachine,
    events: mobilePairingEvents,
  },
  {
    id: 'mobile-authentication',
    title: 'Mobile authentication',
    seed: [SEEDS.mobileAuth, SEEDS.mobilePairing],
    description: 'A notification arrives; the PIN when one is set (blocked after too many wrong); approve in the notification, by biometrics, or with the passcode before it expires; deny; time out.',
    machine: mobileAuthenticationMachine,
    events: mobileAuthenticationEvents,
  },
  {
    id: 'desktop-pairing',
    title: 'Desktop app pairing',
    seed: [SEEDS.desktop],
    description: 'Desktop option and Desktop Setup with the pairing key; optional profile; key and Pair (wrong, expired, used); PIN create and re-enter when the policy asks; the OTP with Copy and Refresh.',
    machine: desktopPairingMachine,
    events: desktopPairingEvents,
  },
  {
    id: 'desktop-signon',
    title: 'Desktop sign-on',
    seed: [SEEDS.desktop],
    description: 'Launch the desktop app, copy the OTP, paste it in the Authentication field and Sign On: success and redirect, or a wrong, expired or replayed OTP refused (locked after too many); Change Device.',
    machine: desktopSignonMachine,
    events: desktopSignonEvents,
  },
  {
    id: 'creds',
    title: 'Creds',
    seed: [SEEDS.creds],
    description: "Pair with each issuer by its QR code (device lock, permissions, device PIN or biometrics; once per issuer); receive Creds ('New' for 24 h or until opened); share with required fields fixed and optional fields opt-in; no backup: a new device starts empty.",
    machine: credsMachine,
    events: credsEvents,
    // CREDS-PAIR-SEVERAL-ISSUERS: the app paired with a second issuer keeps the first, and Creds
    // arrive from each (covering every transition once never pairs twice in one visit).
    scenarios: () => [[
      { type: 'DEVICE.LOCK_SET' }, { type: 'SCAN.TAP' }, { type: 'QR.SCAN', qr: 'issuer-a' }, { type: 'PERMISSIONS.ACCEPT' }, { type: 'DEVICE_AUTH.SUBMIT', result: 'ok' },
      { type: 'SCAN.TAP' }, { type: 'QR.SCAN', qr: 'issuer-b' }, { type: 'PERMISSIONS.ACCEPT' }, { type: 'DEVICE_AUTH.SUBMIT', result: 'ok' },
      { type: 'CREDS.ISSUE', issuer: 'a' }, { type: 'NAV.HOME' }, { type: 'CREDS.ISSUE', issuer: 'b' }, { type: 'CREDS.TAB' },
    ]],
  },
  {
    id: 'adapter-initial-pairing',
    title: 'Adapter: initial device pairing',
    seed: [SEEDS.adapter],
    description: 'Authentication API: first factor, AUTHENTICATION_REQUIRED, authenticate with the mobile payload, MOBILE_PAIRING_REQUIRED with the server payload, continueAuthentication; the status attribute reports device_paired, device_not_paired or pairing_error.',
    machine: adapterInitialPairingMachine,
    events: adapterInitialPairingEvents,
  },
  {
    id: 'adapter-additional-device',
    title: 'Adapter: additional device pairing',
    seed: [SEEDS.adapter],
    description: 'Authentication API: authenticate, then PUSH_CONFIRMATION_WAITING with poll (approved, rejected, timed out), OTP_REQUIRED with checkOtp (valid, invalid, locked), or DEVICE_SELECTION_REQUIRED with selectDevice; MFA_COMPLETED and continueAuthentication with the status attribute.',
    machine: adapterAdditionalDeviceMachine,
    events: adapterAdditionalDeviceEvents,
  },
];

export function flowMachine(id: string): FlowMachineEntry | undefined {
  return flowMachines.find((entry) => entry.id === id);
}

export const flowMachineIds = flowMachines.map((entry) => entry.id);
