/**
 * The app port in-process: the mobile and desktop sims behind `AppPort`, through their public
 * methods only (snapshot, tap, type, scan, notification, refresh). What a person's phone offers
 * the sim offers too (relaunch keeps the keystore, reinstall gets a fresh one; biometrics and the
 * device lock are settings of the phone), except pixels: no screenshots (the snapshot is the evidence).
 */
import type { Clock, Rng } from '../../../models/runtime.ts';
import { createDesktopApp, memoryClipboard, type DesktopApp, type DesktopDeviation } from '../../../sims/desktop/app.ts';
import { createMobileApp, type MobileApp } from '../../../sims/mobile/app.ts';
import { defaultPlatform, type MobileDeviation, type Platform } from '../../../sims/mobile/options.ts';
import { GestureError } from '../../../sims/shared/gesture-error.ts';
import type { HttpClient } from '../../../sims/shared/http-client.ts';
import { memoryKeystore, type Keystore } from '../../../sims/shared/keystore.ts';
import {
  PortNoControl,
  PortTimeout,
  PortUnsupported,
  permissionControls,
  type AppPort,
  type Capabilities,
  type ControlOf,
  type DeviceSettings,
  type PermissionPrompt,
  type Screen,
  type ScreenOf,
} from '../../port/app-port.ts';

export interface SimAppOptions {
  clock: Clock;
  rng: Rng;
  http: HttpClient;
  /** The organisation's server origin. */
  server: string;
  mobileDeviations?: readonly MobileDeviation[];
  desktopDeviations?: readonly DesktopDeviation[];
  /** The phone's starting settings (name, OS, biometrics, lock, location). */
  platform?: Partial<Platform>;
}

const NO_PIXELS = { reason: 'the in-process sim draws no pixels: the screen snapshot is the evidence' };

export const mobileCapabilities: Capabilities = {
  read: true,
  tap: true,
  type: true,
  camera: true,
  permission: true,
  notification: true,
  receive: true,
  clipboard: { reason: 'the mobile app copies nothing to the clipboard (seeds 000, 001, 003)' },
  relaunch: true,
  reinstall: true,
  biometrics: true,
  deviceLock: true,
  screenshot: NO_PIXELS,
};

export const desktopCapabilities: Capabilities = {
  read: true,
  tap: true,
  type: true,
  camera: { reason: 'the desktop app pairs by key only (seed 002)' },
  permission: { reason: 'the desktop app asks no OS permission (seed 002)' },
  notification: { reason: 'the desktop app receives no requests: it shows an OTP (seed 002)' },
  receive: { reason: 'the desktop app receives nothing from the server after pairing (seed 002)' },
  clipboard: true,
  relaunch: true,
  reinstall: true,
  biometrics: { reason: 'the desktop app uses no biometrics (seed 002)' },
  deviceLock: { reason: 'the desktop app uses no device lock (seed 002)' },
  screenshot: NO_PIXELS,
};


/** Gesture errors of the sims become the port's error (a control not on screen). */
async function gesture<T>(screen: string, control: string, act: () => T | Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof GestureError) throw new PortNoControl(screen, control, error.message);
    throw error;
  }
}

abstract class SimPort<A extends 'mobile' | 'desktop'> {
  readonly driver = 'sim';
  abstract readonly app: A;
  abstract readonly capabilities: Capabilities;
  abstract screen(): Promise<Screen<A>>;

  protected unsupported(operation: keyof Capabilities): never {
    const support = this.capabilities[operation];
    throw new PortUnsupported(operation, support === true ? 'not implemented' : support.reason);
  }

  /** Nothing changes in-process without a call: the screen is checked once. */
  async waitForScreen(screen: ScreenOf<A>): Promise<Screen<A>> {
    const shown = await this.screen();
    if (shown.screen !== screen) throw new PortTimeout(screen, shown.screen, 0);
    return shown;
  }

  async screenshot(): Promise<Uint8Array> {
    return this.unsupported('screenshot');
  }

  async close(): Promise<void> {}
}

export class SimMobilePort extends SimPort<'mobile'> implements AppPort<'mobile'> {
  readonly app = 'mobile' as const;
  readonly capabilities = mobileCapabilities;
  #keystore: Keystore = memoryKeystore();
  /** Read live by the sim (options.ts: "a test may change it between gestures"). */
  readonly #biometrics: Platform['biometrics'];
  readonly #lock: Platform['deviceLock'];
  #sim: MobileApp;

  constructor(private readonly o: SimAppOptions) {
    super();
    this.#biometrics = { ...defaultPlatform.biometrics, ...o.platform?.biometrics };
    this.#lock = { ...defaultPlatform.deviceLock, ...o.platform?.deviceLock };
    this.#sim = this.#launch();
  }

  #launch(): MobileApp {
    const { clock, rng, http, server } = this.o;
    return createMobileApp({ clock, rng, http, server, keystore: this.#keystore, deviations: this.o.mobileDeviations ?? [], platform: { ...this.o.platform, biometrics: this.#biometrics, deviceLock: this.#lock } });
  }

  async screen(): Promise<Screen<'mobile'>> {
    return this.#sim.snapshot();
  }
  tap(control: ControlOf<'mobile'>, item?: number | string): Promise<void> {
    return gesture(this.#sim.snapshot().screen, control, () => this.#sim.tap(control, item));
  }
  type(control: ControlOf<'mobile'>, text: string): Promise<void> {
    return gesture(this.#sim.snapshot().screen, control, () => this.#sim.type(control, text));
  }
  showToCamera(png: Uint8Array): Promise<void> {
    return gesture(this.#sim.snapshot().screen, 'camera', () => this.#sim.scan(png));
  }
  answerPermission(prompt: PermissionPrompt, answer: 'allow' | 'deny'): Promise<void> {
    const [allow, deny] = permissionControls[prompt];
    return this.tap(answer === 'allow' ? allow : deny);
  }
  openNotification(action: 'open' | 'approve'): Promise<boolean> {
    return this.#sim.notification(action);
  }
  async receive(): Promise<void> {
    await this.#sim.refresh();
  }
  async readClipboard(): Promise<string> {
    return this.unsupported('clipboard');
  }
  async relaunch(): Promise<void> {
    this.#sim = this.#launch();
  }
  async reinstall(): Promise<void> {
    this.#keystore = memoryKeystore();
    this.#sim = this.#launch();
  }
  async setDevice(settings: DeviceSettings): Promise<void> {
    if (settings.biometricsEnrolled !== undefined) this.#biometrics.enrolled = settings.biometricsEnrolled;
    if (settings.biometricsMatch !== undefined) this.#biometrics.matches = settings.biometricsMatch;
    if (settings.deviceLock !== undefined) this.#lock.kind = settings.deviceLock;
    if (settings.deviceLockVerifies !== undefined) this.#lock.verifies = settings.deviceLockVerifies;
  }
}

export class SimDesktopPort extends SimPort<'desktop'> implements AppPort<'desktop'> {
  readonly app = 'desktop' as const;
  readonly capabilities = desktopCapabilities;
  #keystore: Keystore = memoryKeystore();
  /** The desktop's OS clipboard (what a paste inserts). */
  readonly #clipboard = memoryClipboard();
  #sim: DesktopApp;

  constructor(private readonly o: SimAppOptions) {
    super();
    this.#sim = this.#launch();
  }

  #launch(): DesktopApp {
    const { clock, rng, http, server } = this.o;
    return createDesktopApp({ clock, rng, http, server, keystore: this.#keystore, clipboard: this.#clipboard, deviations: this.o.desktopDeviations ?? [] });
  }

  async screen(): Promise<Screen<'desktop'>> {
    return this.#sim.snapshot();
  }
  tap(control: ControlOf<'desktop'>, item?: number | string): Promise<void> {
    return gesture(this.#sim.snapshot().screen, control, () => this.#sim.tap(control, item));
  }
  type(control: ControlOf<'desktop'>, text: string): Promise<void> {
    return gesture(this.#sim.snapshot().screen, control, () => this.#sim.type(control, text));
  }
  async showToCamera(): Promise<void> {
    return this.unsupported('camera');
  }
  async answerPermission(): Promise<void> {
    return this.unsupported('permission');
  }
  async openNotification(): Promise<boolean> {
    return this.unsupported('notification');
  }
  async receive(): Promise<void> {
    return this.unsupported('receive');
  }
  async readClipboard(): Promise<string> {
    return this.#clipboard.text;
  }
  async relaunch(): Promise<void> {
    this.#sim = this.#launch();
  }
  async reinstall(): Promise<void> {
    this.#keystore = memoryKeystore();
    this.#sim = this.#launch();
  }
  async setDevice(): Promise<void> {
    return this.unsupported('biometrics');
  }
}
