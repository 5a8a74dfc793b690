/**
 * The app port (DESIGN.md "The app port", issue 10 item 1; Detox in issue 11 uses the same): the
 * only way executors and checks reach an authenticator app. Everything here is something a real
 * build offers to a test driver (a web build in Chromium, a native build under Detox), so a check
 * written against it runs on any driver; nothing here is a sim's internals.
 *
 * - Screens and controls are named by the testID contract (`models/testids.ts`).
 * - Every operation is async: real builds answer over a socket.
 * - A driver declares each operation supported or not applicable, with the reason
 *   (`capabilities`); a path that needs an operation the driver lacks is reported not-applicable
 *   with that reason, never passed. Calling an unsupported operation throws `PortUnsupported`.
 */
import type { Support } from '../../models/driver.ts';
import { mobile, type ControlId, type DesktopControlId, type DesktopScreenId, type MobileControlId, type MobileScreenId, type ScreenSnapshot } from '../../models/testids.ts';

export type AppName = 'mobile' | 'desktop';

/** The port's operations, each declared by a driver in `capabilities`. */
export const appOperations = [
  'read', // the current screen and its controls' values by testID
  'tap',
  'type',
  'camera', // point the camera at an image (a QR code)
  'permission', // answer an OS permission prompt (notifications, camera, location, biometrics)
  'notification', // receive an OS notification and open / act on it
  'receive', // let the app fetch what the server sent (push delivery, polling)
  'clipboard', // read the OS clipboard (what a paste would insert)
  'relaunch', // close and start the app again, its storage kept
  'reinstall', // remove and install the app, its storage gone
  'biometrics', // set the device's biometrics: enrolled, and whether the next scan matches
  'deviceLock', // set the device's own screen lock (seed 003: Creds need one)
  'screenshot', // a PNG of the screen as evidence
] as const;
export type AppOperation = (typeof appOperations)[number];

export type Capabilities = Readonly<Record<AppOperation, Support>>;

/** What a screen shows, by testID: `values[control]` is its text (a list for repeated controls). */
export type Screen<A extends AppName = AppName> = A extends 'mobile' ? ScreenSnapshot<MobileScreenId, MobileControlId> : ScreenSnapshot<DesktopScreenId, DesktopControlId>;
export type ControlOf<A extends AppName> = A extends 'mobile' ? MobileControlId : DesktopControlId;
export type ScreenOf<A extends AppName> = A extends 'mobile' ? MobileScreenId : DesktopScreenId;

export type PermissionPrompt = 'notifications' | 'camera' | 'location' | 'biometrics';

/** Each OS permission prompt's Allow and Deny controls (the testID contract): how every driver answers one. */
export const permissionControls: Readonly<Record<PermissionPrompt, readonly [MobileControlId, MobileControlId]>> = {
  notifications: [mobile.controls.notificationsAllow, mobile.controls.notificationsDeny],
  camera: [mobile.controls.cameraAllow, mobile.controls.cameraDeny],
  location: [mobile.controls.locationAllow, mobile.controls.locationDeny],
  biometrics: [mobile.controls.biometricAllow, mobile.controls.biometricDeny],
};

export interface DeviceSettings {
  /** Fingerprint or face set up (seed 000 "Before you begin"). */
  biometricsEnrolled?: boolean;
  /** What the sensor answers next. */
  biometricsMatch?: boolean;
  /** The phone's own screen lock (seed 003). */
  deviceLock?: 'pin' | 'biometrics' | 'none';
  /** What the screen lock answers next when an app asks the person to unlock (seed 003 pairing). */
  deviceLockVerifies?: boolean;
}

export interface AppPort<A extends AppName = AppName> {
  readonly app: A;
  /** Which driver implements it, for evidence and reasons ('sim', 'puppeteer', 'detox'). */
  readonly driver: string;
  readonly capabilities: Capabilities;

  /** The current screen and the visible values of its controls. */
  screen(): Promise<Screen<A>>;
  /**
   * Waits until the app shows `screen` (real builds change screens on their own: a request
   * arrives, a camera frame decodes) and returns it; throws `PortTimeout` after `timeoutMs`.
   * In-process drivers, where nothing changes without a call, check once.
   */
  waitForScreen(screen: ScreenOf<A>, options?: { timeoutMs?: number }): Promise<Screen<A>>;
  /** Taps a control; `item` picks one of a repeated control (index, or its visible text). */
  tap(control: ControlOf<A>, item?: number | string): Promise<void>;
  /** Replaces the text of a field. */
  type(control: ControlOf<A>, text: string): Promise<void>;
  /** Points the camera at an image (PNG bytes) on the capture screen. */
  showToCamera(png: Uint8Array): Promise<void>;
  /** Answers the OS permission prompt on screen. */
  answerPermission(prompt: PermissionPrompt, answer: 'allow' | 'deny'): Promise<void>;
  /** The OS notification of the oldest pending request: open the app on it, or approve from it. False when none. */
  openNotification(action: 'open' | 'approve'): Promise<boolean>;
  /** Lets the app fetch what its server sent (a push arriving; a poll). */
  receive(): Promise<void>;
  /** What a paste would insert now. */
  readClipboard(): Promise<string>;
  relaunch(): Promise<void>;
  reinstall(): Promise<void>;
  setDevice(settings: DeviceSettings): Promise<void>;
  /** A PNG of the screen, for a step's evidence. */
  screenshot(): Promise<Uint8Array>;
  /**
   * The run's simulated clock moved (test control): a build that draws time (countdowns, the
   * Creds "New" label) and runs on that clock redraws now. Optional: a device on real time needs nothing.
   */
  clockMoved?(): Promise<void>;
  /** Ends the app's session (closes the browser context, the Detox app). */
  close(): Promise<void>;
}

/** An operation the driver declared not applicable was called anyway (a bug in the executor: it should have checked). */
export class PortUnsupported extends Error {
  override name = 'PortUnsupported';
  constructor(
    readonly operation: AppOperation | string,
    readonly reason: string,
  ) {
    super(`${operation} is not applicable on this driver: ${reason}`);
  }
}

/** The app did not reach the expected screen in time. */
export class PortTimeout extends Error {
  override name = 'PortTimeout';
  constructor(
    readonly expected: string,
    readonly actual: string | undefined,
    readonly timeoutMs: number,
  ) {
    super(`expected screen ${expected} within ${timeoutMs} ms, still on ${actual ?? 'no screen'}`);
  }
}

/** A control that is not on the current screen was named (a driver or executor bug, or the build lacks the testID). */
export class PortNoControl extends Error {
  override name = 'PortNoControl';
  constructor(
    readonly screen: string | undefined,
    readonly control: ControlId | string,
    detail = 'is not on this screen',
  ) {
    super(`${control} ${detail} (${screen ?? 'no screen'})`);
  }
}

/** Throws `PortUnsupported` unless the driver supports `operation`. */
export function requireSupport(capabilities: Capabilities, operation: AppOperation): void {
  const support = capabilities[operation];
  if (support !== true) throw new PortUnsupported(operation, support.reason);
}

/** The reason an operation is not applicable, or undefined when it is supported (for not-applicable path verdicts). */
export function unsupportedReason(capabilities: Capabilities, needs: readonly AppOperation[]): string | undefined {
  for (const operation of needs) {
    const support = capabilities[operation];
    if (support !== true) return `${operation}: ${support.reason}`;
  }
  return undefined;
}
