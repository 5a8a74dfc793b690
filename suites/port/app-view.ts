/**
 * What executors and checks hold of an app and of the portal: a port (`app-port.ts`,
 * `portal-port.ts`) plus the screen it showed last. A check reads `snapshot()` (what the person
 * sees now, as last observed: a declarative look, the same on every driver); every gesture
 * observes the screen again afterwards, and the driver observes every app before a state is
 * asserted and after the clock moves, so what a check reads is never older than the step.
 *
 * Nothing here knows a sim: the sim driver, Puppeteer and Detox each hand in their own ports.
 * Screenshots are taken by the port (where it has pixels) and handed to `onEvidence`.
 */
import type { Evidence } from '../../models/driver.ts';
import type { PortalControlId, PortalScreenId } from '../../models/testids.ts';
import { unsupportedReason, type AppName, type AppOperation, type AppPort, type ControlOf, type DeviceSettings, type PermissionPrompt, type Screen, type ScreenOf } from './app-port.ts';
import type { PortalPort, PortalScreen } from './portal-port.ts';

export class AppView<A extends AppName> {
  #port: AppPort<A>;
  #shown: Screen<A>;

  private constructor(port: AppPort<A>, shown: Screen<A>) {
    this.#port = port;
    this.#shown = shown;
  }

  /** A view of `port`; a port not opened yet (`LazyAppPort`) is not looked at until it is used. */
  static async of<A extends AppName>(port: AppPort<A> & { readonly opened?: boolean }): Promise<AppView<A>> {
    if (port.opened === false) return new AppView(port, { screen: '(app not opened)', values: {} } as unknown as Screen<A>);
    return new AppView(port, await port.screen());
  }

  /** Whether the app was opened (false only for a lazy port nobody used yet). */
  get opened(): boolean {
    return (this.#port as { opened?: boolean }).opened !== false;
  }

  get port(): AppPort<A> {
    return this.#port;
  }

  /** The reason the driver cannot do `operations`, or undefined when it can. */
  lacks(...operations: AppOperation[]): string | undefined {
    return unsupportedReason(this.#port.capabilities, operations);
  }

  /** The screen as last observed (after the latest gesture, or the driver's look before a check). */
  snapshot(): Screen<A> {
    return this.#shown;
  }

  /** Looks at the screen again (it may have moved on by itself: a request arrived, a countdown ran). */
  async observe(): Promise<Screen<A>> {
    this.#shown = await this.#port.screen();
    return this.#shown;
  }

  /** The run's clock moved: the app redraws what it shows of time (where its driver needs telling), then is looked at again. */
  async clockMoved(): Promise<void> {
    if (!this.opened) return;
    await this.#port.clockMoved?.();
    await this.observe();
  }

  /** Waits for a screen that arrives by itself (a real build polls; in-process it is there or not). */
  async waitFor(screen: ScreenOf<A>, timeoutMs?: number): Promise<Screen<A>> {
    try {
      this.#shown = await this.#port.waitForScreen(screen, timeoutMs === undefined ? {} : { timeoutMs });
    } finally {
      await this.observe();
    }
    return this.#shown;
  }

  async #then<T>(act: Promise<T>): Promise<T> {
    try {
      return await act;
    } finally {
      await this.observe();
    }
  }

  tap(control: ControlOf<A>, item?: number | string): Promise<void> {
    return this.#then(this.#port.tap(control, item));
  }

  type(control: ControlOf<A>, text: string): Promise<void> {
    return this.#then(this.#port.type(control, text));
  }

  /** Points the camera at a PNG (a QR code). */
  scan(png: Uint8Array): Promise<void> {
    return this.#then(this.#port.showToCamera(png));
  }

  answerPermission(prompt: PermissionPrompt, answer: 'allow' | 'deny'): Promise<void> {
    return this.#then(this.#port.answerPermission(prompt, answer));
  }

  /** Lets the app fetch what the server sent (a push, Creds). */
  refresh(): Promise<void> {
    return this.#then(this.#port.receive());
  }

  /** Opens (or approves from) the OS notification of the oldest pending request; false when none. */
  notification(action: 'open' | 'approve'): Promise<boolean> {
    return this.#then(this.#port.openNotification(action));
  }

  /** What a paste would insert now (the OS clipboard). */
  clipboard(): Promise<string> {
    return this.#port.readClipboard();
  }

  relaunch(): Promise<void> {
    return this.#then(this.#port.relaunch());
  }

  /** Removes and installs the app (its storage gone); `settings` are the phone's, set before it opens. */
  async reinstall(settings?: DeviceSettings): Promise<void> {
    if (settings) await this.#port.setDevice(settings);
    await this.#then(this.#port.reinstall());
  }

  setDevice(settings: DeviceSettings): Promise<void> {
    return this.#then(this.#port.setDevice(settings));
  }

  /** A PNG of the screen when the driver has pixels, for a step's evidence. */
  async screenshot(): Promise<Evidence | undefined> {
    if (this.#port.capabilities.screenshot !== true || !this.opened) return undefined;
    return { name: `${this.#port.app} screenshot (${this.#shown.screen})`, contentType: 'image/png', body: await this.#port.screenshot() };
  }

  close(): Promise<void> {
    return this.#port.close();
  }
}

/**
 * The portal as executors and checks use it: pages by path, buttons and links by testID, form
 * fields typed by testID. `exchanges` are the HTTP exchanges of a driver that sees them (empty
 * in a browser, where the screenshots are the evidence).
 */
export class PortalView {
  #port: PortalPort;
  #shown: PortalScreen = { screen: '(no page)' as PortalScreenId, values: {} };
  #opened = false;

  constructor(port: PortalPort, readonly exchanges: string[] = []) {
    this.#port = port;
  }

  get port(): PortalPort {
    return this.#port;
  }

  /** Whether a page was opened yet (before, there is nothing to look at). */
  get opened(): boolean {
    return this.#opened;
  }

  /** The page as last observed. */
  snapshot(): PortalScreen {
    return this.#shown;
  }

  async observe(): Promise<PortalScreen> {
    this.#shown = await this.#port.screen();
    return this.#shown;
  }

  /** Opens a page of the portal by its path. */
  async get(path: string): Promise<PortalScreen> {
    this.#opened = true;
    this.#shown = await this.#port.open(path);
    return this.#shown;
  }

  /** Types `fields` (by testID) and taps `control`. */
  async submit(control: PortalControlId, fields: Partial<Record<PortalControlId, string>> = {}): Promise<PortalScreen> {
    try {
      for (const [field, text] of Object.entries(fields) as [PortalControlId, string][]) await this.#port.type(field, text);
      await this.#port.tap(control);
    } finally {
      await this.observe();
    }
    return this.#shown;
  }

  /** Taps the `index`-th of a repeated control (a device in the list). */
  async submitNth(control: PortalControlId, index: number): Promise<PortalScreen> {
    try {
      await this.#port.tap(control, index);
    } finally {
      await this.observe();
    }
    return this.#shown;
  }

  /** Follows a link (a tap). */
  follow(control: PortalControlId): Promise<PortalScreen> {
    return this.submit(control);
  }

  /** Waits for a page the portal moves to by itself (pairing and push waiting). */
  async waitFor(screen: PortalScreenId, timeoutMs?: number): Promise<PortalScreen> {
    try {
      await this.#port.waitForScreen(screen, timeoutMs === undefined ? {} : { timeoutMs });
    } finally {
      await this.observe();
    }
    return this.#shown;
  }

  /** The PNG bytes of an image on the page (the QR code), or undefined when there is none. */
  async image(control: PortalControlId): Promise<Uint8Array | undefined> {
    try {
      return await this.#port.image(control);
    } catch {
      return undefined;
    }
  }

  async screenshot(): Promise<Evidence | undefined> {
    if (this.#port.capabilities.screenshot !== true) return undefined;
    return { name: `portal screenshot (${this.#shown.screen})`, contentType: 'image/png', body: await this.#port.screenshot() };
  }

  close(): Promise<void> {
    return this.#port.close();
  }
}
