/**
 * The app port in Chromium (issue 10 item 1): a web build of an authenticator driven by
 * `data-testid`, as a person uses it. One incognito context per port (the caller makes it);
 * waits are on testIDs and on the network going quiet, never fixed sleeps; every new screen is
 * screenshotted for the step's evidence when `onScreenshot` is given.
 *
 * The camera: with a launched browser, the QR PNG becomes a Y4M frame written over the fake
 * camera's file in place, which the build's running capture session reads next (never a file
 * chooser instead: a build whose camera does not scan fails the scan); on a connected browser (no
 * camera file of ours), and for a picture without a code, the PNG goes through the build's file
 * chooser (the `capture-image` control). What a browser cannot do (OS
 * notifications, biometrics, a device lock) is declared not applicable, with the reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'puppeteer';
import type { Support } from '../../../models/driver.ts';
import { desktop, mobile } from '../../../models/testids.ts';
import {
  PortNoControl,
  PortTimeout,
  PortUnsupported,
  permissionControls,
  type AppName,
  type AppOperation,
  type AppPort,
  type Capabilities,
  type ControlOf,
  type DeviceSettings,
  type PermissionPrompt,
  type Screen,
  type ScreenOf,
} from '../../port/app-port.ts';
import { readQrText } from '../../../sims/shared/scan.ts';
import { clickOn, countOf, typeInto, waitForRequestsAnswered, waitForSelectorState } from './page-ops.ts';
import { PAGE_HELPERS, readScreen } from './read-screen.ts';
import { showOnCamera } from './y4m.ts';

/**
 * What only the build's own tooling (or the device it runs on) can do: restart it keeping its
 * storage, or wipe it; and, where the build's host offers them, the phone's settings, the OS
 * notification banner and push delivery (what Detox does on a device). Each is optional: an
 * absent one makes that operation not applicable, with the reason.
 */
export interface BuildControl {
  relaunch(): Promise<void>;
  reinstall(): Promise<void>;
  setDevice?(settings: DeviceSettings): Promise<void>;
  /** Taps (or approves from) the OS notification of the oldest pending request; false when none. */
  openNotification?(action: 'open' | 'approve'): Promise<boolean>;
  /** Delivers what the server sent now (a push arriving) instead of waiting for the build to poll. */
  receive?(): Promise<void>;
}

export interface PuppeteerAppOptions<A extends AppName> {
  app: A;
  /** The build's page (e.g. `http://127.0.0.1:4200/mobile`). */
  url: string;
  /** A fresh incognito context (`Chromium.newContext()`); the port closes it. */
  context: BrowserContext;
  /** The fake camera's Y4M file of a launched browser; undefined: use the file chooser. */
  cameraFile?: string | undefined;
  buildControl?: BuildControl;
  /** Default wait for a screen or a control (ms). */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
  /** Called with a PNG each time a new screen is seen (evidence). */
  onScreenshot?: (screen: string, png: Uint8Array) => void;
}

const NO_OS = (what: string): Support => ({ reason: `a web build in Chromium has no ${what} the page can be given` });

const contract = {
  mobile: { screens: Object.values(mobile.screens), controls: Object.values(mobile.controls) },
  desktop: { screens: Object.values(desktop.screens), controls: Object.values(desktop.controls) },
} as const;


/** What a web build in Chromium can do, given what its host offers (`BuildControl`). */
export function puppeteerCapabilities(app: AppName, control: BuildControl | undefined): Capabilities {
const isMobile = app === 'mobile';
  const relaunch: Support = control ? true : { reason: 'the build under test offers no relaunch hook' };
  const hook = (has: boolean | undefined, what: string): Support => (has ? true : NO_OS(what));
  return {
    read: true,
    tap: true,
    type: true,
    camera: isMobile ? true : { reason: 'the desktop app pairs by key only (seed 002)' },
    permission: isMobile ? true : { reason: 'the desktop app asks no OS permission (seed 002)' },
    notification: isMobile ? hook(control?.openNotification !== undefined, 'OS notification') : { reason: 'the desktop app receives no requests: it shows an OTP (seed 002)' },
    receive: isMobile ? true : { reason: 'the desktop app receives nothing from the server after pairing (seed 002)' },
    clipboard: true,
    relaunch,
    reinstall: relaunch,
    biometrics: isMobile ? hook(control?.setDevice !== undefined, 'biometric sensor') : { reason: 'the desktop app uses no biometrics (seed 002)' },
    deviceLock: isMobile ? hook(control?.setDevice !== undefined, 'device lock') : { reason: 'the desktop app uses no device lock (seed 002)' },
    screenshot: true,
  };
}

/**
 * Runs in the page before its own scripts: counts the page's fetches until their body was read
 * and the callbacks that render it ran, so a gesture is settled when its answer is on screen.
 */
function trackRequests(): void {
  let pending = 0;
  const original = window.fetch.bind(window);
  (window as unknown as { __authconfPending: () => number }).__authconfPending = () => pending;
  window.fetch = (...args: Parameters<typeof fetch>) => {
    pending++;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      setTimeout(() => pending--, 0); // after the callbacks that render the answer
    };
    setTimeout(finish, 5000); // a body nobody reads
    return original(...args).then(
      (response) => {
        for (const read of ['json', 'text'] as const) {
          const body = response[read].bind(response) as () => Promise<unknown>;
          (response as unknown as Record<string, () => Promise<unknown>>)[read] = () => body().finally(finish);
        }
        return response;
      },
      (error: unknown) => {
        finish();
        throw error;
      },
    );
  };
}

const selector = (control: string, item?: number): string => `[data-testid="${control}"]${item === undefined ? '' : `[data-item="${item}"]`}`;

export class PuppeteerAppPort<A extends AppName> implements AppPort<A> {
  readonly driver = 'puppeteer';
  readonly app: A;
  readonly capabilities: Capabilities;
  readonly page: Page;
  readonly #o: PuppeteerAppOptions<A>;
  readonly #timeout: number;
  #lastScreen: string | undefined;
  #tmp: string | undefined;

  private constructor(options: PuppeteerAppOptions<A>, page: Page) {
    this.#o = options;
    this.app = options.app;
    this.page = page;
    this.#timeout = options.timeoutMs ?? 5000;
    this.capabilities = puppeteerCapabilities(options.app, options.buildControl);
  }

  /** Opens the build in the context and waits for its first screen. */
  static async open<A extends AppName>(options: PuppeteerAppOptions<A>): Promise<PuppeteerAppPort<A>> {
    const origin = new URL(options.url).origin;
    // Copy, then paste (seed 002): the port reads the real clipboard, as a paste would.
    await options.context.overridePermissions(origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write', 'camera']);
    const page = await options.context.newPage();
    await page.evaluateOnNewDocument(`${PAGE_HELPERS}\n(${trackRequests.toString()})();`);
    await page.setViewport(options.viewport ?? (options.app === 'mobile' ? { width: 390, height: 844 } : { width: 480, height: 640 }));
    const port = new PuppeteerAppPort(options, page);
    await page.goto(options.url);
    await port.#settled();
    return port;
  }

  #unsupported(operation: AppOperation): never {
    const support = this.capabilities[operation];
    throw new PortUnsupported(operation, support === true ? 'not implemented' : support.reason);
  }

  /**
   * The page is quiet: every request it made was answered and rendered (counted in the page by
   * `trackRequests`, as Detox's synchronisation watches a native app's network); a page whose
   * requests are not counted (fetch replaced, or not fetch): no request for a moment. Called after
   * the gesture returned (a click dispatches its request from the event handler).
   */
  async #settled(): Promise<void> {
    const counted = await waitForRequestsAnswered(this.page, this.#timeout);
    if (!counted) await this.page.waitForNetworkIdle({ idleTime: 80, timeout: this.#timeout });
  }

  async #read(): Promise<Screen<A>> {
    const { screens, controls } = contract[this.app];
    const raw = await readScreen(this.page, screens, controls);
    const shown = { screen: raw.screen ?? '(no screen)', values: raw.values } as unknown as Screen<A>;
    if (raw.screen && raw.screen !== this.#lastScreen) {
      this.#lastScreen = raw.screen;
      if (this.#o.onScreenshot) this.#o.onScreenshot(raw.screen, await this.page.screenshot({ type: 'png', optimizeForSpeed: true }));
    }
    return shown;
  }

  screen(): Promise<Screen<A>> {
    return this.#read();
  }

  async waitForScreen(screen: ScreenOf<A>, options: { timeoutMs?: number } = {}): Promise<Screen<A>> {
    const timeout = options.timeoutMs ?? this.#timeout;
    if (!(await waitForSelectorState(this.page, `[data-testid="${screen}"]`, 'present', timeout))) throw new PortTimeout(screen, (await this.#read()).screen, timeout);
    return this.#read();
  }

  async #find(control: string, item?: number | string): Promise<string> {
    if (typeof item !== 'string') {
      if ((await countOf(this.page, selector(control, item))) === 0) throw new PortNoControl((await this.#read()).screen, control, item === undefined ? undefined : `has no item ${item}`);
      return selector(control, item);
    }
    // An item named by its visible text: its index among the control's items.
    const index = await this.page.evaluate(
      (s: string, text: string) => Array.from(document.querySelectorAll(s)).findIndex((e) => (e.textContent ?? '').trim() === text),
      `[data-testid="${control}"][data-item]`,
      item,
    );
    if (index < 0) throw new PortNoControl((await this.#read()).screen, control, `has no item ${item}`);
    return selector(control, index);
  }

  async tap(control: ControlOf<A>, item?: number | string): Promise<void> {
    const target = await this.#find(control, item);
    if (!(await clickOn(this.page, target))) throw new PortNoControl((await this.#read()).screen, control, 'is not visible: nothing a person could tap');
    await this.#settled();
  }

  async type(control: ControlOf<A>, text: string): Promise<void> {
    const target = await this.#find(control);
    // A disabled field (a PIN entry while blocked) takes no typing from a person: nothing happens.
    if (!(await typeInto(this.page, target, text))) return;
    await this.#settled();
  }

  async showToCamera(png: Uint8Array): Promise<void> {
    if (this.app !== 'mobile') this.#unsupported('camera');
    const camera = this.#o.cameraFile;
    // A picture without a code never makes a camera fire (a person would see "no code found" forever):
    // such a picture goes through the file chooser, where the build reports it unreadable. So does every
    // picture on a connected browser, whose fake camera is not ours to feed.
    if (camera && readQrText(png) !== undefined) return this.#throughCamera(camera, png);
    this.#tmp ??= mkdtempSync(join(tmpdir(), 'authconf-upload-'));
    const file = join(this.#tmp, 'camera.png');
    writeFileSync(file, png);
    const input = await this.page.$(selector(mobile.controls.captureImage));
    if (!input) throw new PortNoControl((await this.#read()).screen, mobile.controls.captureImage, 'is not on this screen: no file chooser to give the image to');
    // The build reads the picture before it asks anything (an image decode, then its request):
    // wait for that request, or a new screen, then for its answer to render.
    const reacted = this.#reaction();
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
    await reacted;
    await this.#settled();
  }

  /**
   * The build acted on a picture: it asked its server (a request went out) or left the capture
   * screen; false after the port's timeout (a loaded machine's slow decode is not a build that cannot scan).
   */
  #reaction(): Promise<boolean> {
    const timeout = this.#timeout;
    // The request wait that loses is cancelled; the in-page wait ends at its own timeout (one MutationObserver).
    const done = new AbortController();
    const { signal } = done;
    return Promise.race([
      this.page.waitForRequest((request) => request.method() === 'POST', { timeout, signal }),
      waitForSelectorState(this.page, `[data-testid="${mobile.screens.capture}"]`, 'absent', timeout).then((left) => (left ? true : Promise.reject(new Error('still on the capture screen')))),
    ])
      .then(
        () => true,
        () => false,
      )
      .finally(() => done.abort());
  }

  /**
   * Holds the code in front of the fake camera until the build acts on it (a request, or another
   * screen), then shows it a blank frame again, so no later capture finds this code. The frame
   * replaces the camera file's in place (`showOnCamera`): the running capture session sees it
   * next, without a reload. A build that does not act on it within a few seconds is left where it
   * is (after the port's timeout), and the step's checks see that (its camera does not scan); there is no way around the
   * camera here, so a build whose scanning is broken cannot pass a camera requirement.
   */
  async #throughCamera(camera: string, png: Uint8Array): Promise<void> {
    const reacted = this.#reaction();
    showOnCamera(camera, png);
    try {
      if (await reacted) await this.#settled();
    } finally {
      showOnCamera(camera, undefined);
    }
  }

  async answerPermission(prompt: PermissionPrompt, answer: 'allow' | 'deny'): Promise<void> {
    if (this.app !== 'mobile') this.#unsupported('permission');
    const [allow, deny] = permissionControls[prompt];
    return this.tap((answer === 'allow' ? allow : deny) as ControlOf<A>);
  }

  /** The build's host changed what the page shows: load it again and let it settle. */
  async #reload(): Promise<void> {
    await this.page.reload();
    await this.#settled();
  }

  async openNotification(action: 'open' | 'approve'): Promise<boolean> {
    const open = this.#o.buildControl?.openNotification;
    if (!open || this.app !== 'mobile') return this.#unsupported('notification');
    const opened = await open(action);
    await this.#reload();
    return opened;
  }

  /** With a receive hook, the push is delivered now; otherwise the build polls by itself and `waitForScreen` waits for it. */
  async receive(): Promise<void> {
    if (this.app !== 'mobile') this.#unsupported('receive');
    const receive = this.#o.buildControl?.receive;
    if (!receive) return;
    await receive();
    await this.#reload();
  }

  async readClipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async relaunch(): Promise<void> {
    if (!this.#o.buildControl) this.#unsupported('relaunch');
    await this.#o.buildControl.relaunch();
    await this.page.reload();
    await this.#settled();
  }

  async reinstall(): Promise<void> {
    if (!this.#o.buildControl) this.#unsupported('reinstall');
    await this.#o.buildControl.reinstall();
    await this.page.reload();
    await this.#settled();
  }

  async setDevice(settings: DeviceSettings): Promise<void> {
    const set = this.#o.buildControl?.setDevice;
    if (!set || this.app !== 'mobile') return this.#unsupported(settings.deviceLock !== undefined || settings.deviceLockVerifies !== undefined ? 'deviceLock' : 'biometrics');
    await set(settings);
    await this.#reload();
  }

  /** The sims' build draws time when it renders: with its hooks (it runs on the run's clock), load it again. */
  async clockMoved(): Promise<void> {
    if (this.#o.buildControl) await this.#reload();
  }

  async screenshot(): Promise<Uint8Array> {
    return this.page.screenshot({ type: 'png', optimizeForSpeed: true });
  }

  async close(): Promise<void> {
    await this.#o.context.close();
    if (this.#tmp) rmSync(this.#tmp, { recursive: true, force: true });
  }
}

/**
 * The sims' web builds' own hooks (sims/web/server.ts): relaunch and reinstall (`POST {build}/reset`),
 * and for the phone its settings, the notification banner and push delivery. A vendor's build brings its own.
 */
export function simsWebBuildControl(buildUrl: string | (() => string), app: AppName = typeof buildUrl === 'string' && !buildUrl.split('?')[0]!.endsWith('/mobile') ? 'desktop' : 'mobile'): BuildControl {
  // A function: a build started on first use, its URL known only then.
  const urlOf = (): string => (typeof buildUrl === 'string' ? buildUrl : buildUrl()).split('?')[0]!;
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const url = urlOf();
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${url}${path} answered ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const control: BuildControl = {
    relaunch: async () => void (await post('/reset', { reinstall: false })),
    reinstall: async () => void (await post('/reset', { reinstall: true })),
  };
  if (app !== 'mobile') return control;
  return {
    ...control,
    setDevice: async (settings) => void (await post('/device', settings)),
    openNotification: async (action) => (await post<{ opened: boolean }>('/notification', { action })).opened,
    receive: async () => void (await post('/refresh', {})),
  };
}
