/**
 * The mobile app's port under Detox (issue 11): every operation is one call of Detox's public API
 * on the device, carried out by authconf's runner through the bridge (`bridge.ts`, `protocol.ts`):
 *
 *   screen()           which screen testID is visible, then `getAttributes()` of each control (one round trip)
 *   waitForScreen()    `waitFor(element(by.id(screen))).toBeVisible().withTimeout(ms)`
 *   tap / type         `element(by.id(..)).atIndex(i).tap()` / `.replaceText(text)`
 *   notification       `device.sendUserNotification(payload)` (the Approve action by its action identifier)
 *   receive            `device.launchApp({ newInstance: false })`: to the foreground, where the app fetches
 *   relaunch           `device.launchApp({ newInstance: true })`
 *   reinstall          `device.launchApp({ delete: true })`
 *   biometrics         `device.setBiometricEnrollment()`, `matchFace()` / `unmatchFace()` (iOS simulators and the web device)
 *   screenshot         `device.takeScreenshot()`
 *
 * Detox has no call for two things a path may need; a device farm does them beside Detox, and so
 * does authconf for the web device (`DeviceSide`): an image for the camera (pushed into the
 * phone's photo library, then picked with the capture screen's image picker) and the phone's own
 * screen lock. Without them those operations are not applicable, with the reason; pairing by key is
 * the way through without a camera.
 */
import type { Support } from '../../../models/driver.ts';
import type { Clock } from '../../../models/runtime.ts';
import { mobile, type MobileControlId, type MobileScreenId } from '../../../models/testids.ts';
import {
  PortNoControl,
  PortTimeout,
  PortUnsupported,
  permissionControls,
  type AppOperation,
  type AppPort,
  type Capabilities,
  type ControlOf,
  type DeviceSettings,
  type PermissionPrompt,
  type Screen,
  type ScreenOf,
} from '../../port/app-port.ts';
import { BridgeError, type DetoxBridge } from './bridge.ts';
import type { ElementAttributes } from './protocol.ts';

/** What the device offers beside Detox's API (a device farm's own tooling; the web device's build hooks). */
export interface DeviceSide {
  /** Puts an image where the phone's image picker finds it (its photo library). */
  addPhoto?(png: Uint8Array): Promise<void>;
  /** The phone's screen lock (Android: `adb shell locksettings`; the web device: the build's device hook). */
  setLock?(lock: Pick<DeviceSettings, 'deviceLock' | 'deviceLockVerifies'>): Promise<void>;
  /**
   * The device runs on the run's simulated clock, and its app draws time-dependent values (the
   * 'New' label, countdowns) only when it renders (the web build with polling off): the app is
   * redrawn (`device.reloadReactNative()`) before it is read after the clock moved. A native
   * app redraws on its own timers.
   */
  clock?: Clock;
}

export interface DetoxAppOptions {
  bridge: DetoxBridge;
  /** Default wait for a screen (ms). */
  timeoutMs: number;
  device?: DeviceSide;
}

/**
 * Controls that repeat on a screen (one per account, Cred, field): read as a list even when one
 * or none is shown, as the sims' snapshot gives them (a native list of one element is one match).
 */
const repeated: Partial<Record<MobileScreenId, readonly MobileControlId[]>> = {
  [mobile.screens.accounts]: [mobile.controls.accountItem, mobile.controls.otpValue, mobile.controls.otpCountdown],
  [mobile.screens.credsList]: [mobile.controls.credItem, mobile.controls.credNewLabel],
  [mobile.screens.credDetails]: [mobile.controls.credField],
  [mobile.screens.credsShare]: [mobile.controls.shareRequiredField, mobile.controls.shareOptionalField, mobile.controls.shareOptionalCheckbox],
};


const screens = Object.values(mobile.screens);
const controls = Object.values(mobile.controls);

/** One element's attributes as the contract's value: 'checked'/'unchecked', 'disabled', else its text. */
export function contractValue(attributes: ElementAttributes, inList: boolean): string {
  if (typeof attributes.checked === 'boolean') return attributes.checked ? 'checked' : 'unchecked';
  if (!inList && attributes.enabled === false) return 'disabled';
  return String(attributes.text ?? attributes.label ?? attributes.value ?? '');
}

/** The runner's reading as a contract snapshot. */
export function toScreen(screen: string | null, found: Record<string, ElementAttributes[]>): Screen<'mobile'> {
  if (!screen) return { screen: '(no screen)' as MobileScreenId, values: {} };
  const lists = repeated[screen as MobileScreenId] ?? [];
  const values: Record<string, string | string[]> = {};
  for (const list of lists) values[list] = [];
  for (const [control, elements] of Object.entries(found)) {
    const inList = lists.includes(control as MobileControlId) || elements.length > 1;
    const read = elements.map((e) => contractValue(e, inList));
    values[control] = inList ? read : (read[0] ?? '');
  }
  return { screen: screen as MobileScreenId, values };
}

export class DetoxAppPort implements AppPort<'mobile'> {
  readonly app = 'mobile' as const;
  readonly driver = 'detox';
  readonly capabilities: Capabilities;
  readonly #o: DetoxAppOptions;
  #shots = 0;
  /** The simulated time of the last read (DeviceSide.clock). */
  #readAt: number | undefined;

  constructor(options: DetoxAppOptions) {
    this.#o = options;
    const platform = options.bridge.platform ?? '';
    const side = options.device ?? {};
    const biometrics: Support = platform === 'android' ? { reason: 'Detox sets biometrics on iOS simulators only (device.setBiometricEnrollment / matchFace)' } : true;
    this.capabilities = {
      read: true,
      tap: true,
      type: true,
      camera: side.addPhoto ? true : { reason: 'Detox has no call that puts an image before the device camera (an iOS simulator has none): pair by key' },
      permission: true,
      notification: true,
      receive: true,
      clipboard: { reason: 'the mobile app copies nothing to the clipboard (seeds 000, 001, 003)' },
      relaunch: true,
      reinstall: true,
      biometrics,
      deviceLock: side.setLock ? true : { reason: 'Detox has no call that sets the device screen lock (set it on the device beforehand)' },
      screenshot: true,
    };
  }

  #unsupported(operation: AppOperation): never {
    const support = this.capabilities[operation];
    throw new PortUnsupported(operation, support === true ? 'not implemented' : support.reason);
  }

  async #redrawIfClockMoved(): Promise<void> {
    const now = this.#o.device?.clock?.now();
    if (now !== undefined && this.#readAt !== undefined && now !== this.#readAt) await this.#o.bridge.call('reloadApp', {});
    this.#readAt = now;
  }

  async screen(): Promise<Screen<'mobile'>> {
    await this.#redrawIfClockMoved();
    const read = await this.#o.bridge.call('readScreen', { screens, controls });
    return toScreen(read.screen, read.controls);
  }

  async waitForScreen(screen: ScreenOf<'mobile'>, options: { timeoutMs?: number } = {}): Promise<Screen<'mobile'>> {
    const timeoutMs = options.timeoutMs ?? this.#o.timeoutMs;
    await this.#redrawIfClockMoved();
    try {
      await this.#o.bridge.call('waitVisible', { testId: screen, timeoutMs }, timeoutMs + 10_000);
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'DETOX_CALL_FAILED') throw new PortTimeout(screen, (await this.screen()).screen, timeoutMs);
      throw error;
    }
    return this.screen();
  }

  /** A call on a control; Detox's "not on screen" becomes the port's `PortNoControl` (with Detox's message). */
  async #onControl(control: string, act: () => Promise<unknown>): Promise<void> {
    try {
      await act();
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'DETOX_CALL_FAILED') throw new PortNoControl((await this.screen()).screen, control, `could not be used: ${error.message}`);
      throw error;
    }
  }

  async tap(control: ControlOf<'mobile'>, item?: number | string): Promise<void> {
    let index: number | undefined = typeof item === 'number' ? item : undefined;
    if (typeof item === 'string' || item === undefined) {
      const shown = await this.screen();
      const values = shown.values[control];
      if (typeof item === 'string') {
        index = Array.isArray(values) ? values.indexOf(item) : -1;
        if (index < 0) throw new PortNoControl(shown.screen, control, `has no item ${item}`);
      } else if (Array.isArray(values)) index = 0; // a list: its first item (by.id matches them all)
    }
    await this.#onControl(control, () => this.#o.bridge.call('tap', index === undefined ? { testId: control } : { testId: control, index }));
  }

  async type(control: ControlOf<'mobile'>, text: string): Promise<void> {
    await this.#onControl(control, () => this.#o.bridge.call('replaceText', { testId: control, text }));
  }

  async showToCamera(png: Uint8Array): Promise<void> {
    const addPhoto = this.#o.device?.addPhoto;
    if (!addPhoto) return this.#unsupported('camera');
    await addPhoto(png);
    await this.#onControl(mobile.controls.captureImage, () => this.#o.bridge.call('tap', { testId: mobile.controls.captureImage }));
    // The picked image is decoded by the app, which leaves the capture screen (a code) or shows why not.
    try {
      await this.#o.bridge.call('waitGone', { testId: mobile.screens.capture, timeoutMs: this.#o.timeoutMs }, this.#o.timeoutMs + 10_000);
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'DETOX_CALL_FAILED') throw new PortTimeout(`a screen after ${mobile.screens.capture}`, (await this.screen()).screen, this.#o.timeoutMs);
      throw error;
    }
  }

  answerPermission(prompt: PermissionPrompt, answer: 'allow' | 'deny'): Promise<void> {
    const [allow, deny] = permissionControls[prompt];
    return this.tap(answer === 'allow' ? allow : deny);
  }

  async openNotification(action: 'open' | 'approve'): Promise<boolean> {
    const payload = {
      trigger: { type: 'push' },
      title: 'PingID',
      body: 'Authentication request',
      payload: { kind: 'authentication' },
      ...(action === 'approve' ? { 'action-identifier': 'approve' } : {}),
    };
    try {
      await this.#o.bridge.call('sendUserNotification', { payload });
      return true;
    } catch (error) {
      if (error instanceof BridgeError && error.detoxError?.name === 'NoNotificationError') return false;
      throw error;
    }
  }

  async receive(): Promise<void> {
    await this.#o.bridge.call('foreground', {});
  }

  readClipboard(): Promise<string> {
    return this.#unsupported('clipboard');
  }

  async relaunch(): Promise<void> {
    await this.#o.bridge.call('launchApp', {});
  }

  async reinstall(): Promise<void> {
    await this.#o.bridge.call('reinstallApp', {});
  }

  async setDevice(settings: DeviceSettings): Promise<void> {
    const { biometricsEnrolled, biometricsMatch, deviceLock, deviceLockVerifies } = settings;
    if (biometricsEnrolled !== undefined || biometricsMatch !== undefined) {
      if (this.capabilities.biometrics !== true) this.#unsupported('biometrics');
      if (biometricsEnrolled !== undefined) await this.#o.bridge.call('setBiometricEnrollment', { enrolled: biometricsEnrolled });
      if (biometricsMatch !== undefined) await this.#o.bridge.call(biometricsMatch ? 'matchFace' : 'unmatchFace', {});
    }
    if (deviceLock !== undefined || deviceLockVerifies !== undefined) {
      const setLock = this.#o.device?.setLock;
      if (!setLock) return this.#unsupported('deviceLock');
      await setLock({ ...(deviceLock !== undefined ? { deviceLock } : {}), ...(deviceLockVerifies !== undefined ? { deviceLockVerifies } : {}) });
      // Set outside the app: it shows the change when its UI renders again.
      await this.#o.bridge.call('reloadApp', {});
    }
  }

  async screenshot(): Promise<Uint8Array> {
    return Buffer.from(await this.#o.bridge.call('screenshot', { name: `step-${++this.#shots}` }), 'base64');
  }

  async close(): Promise<void> {
    await this.#o.bridge.call('terminateApp', {}).catch(() => undefined);
  }
}
