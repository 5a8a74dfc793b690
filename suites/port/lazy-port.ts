/**
 * An app port that opens its app on first use: a path that never touches the desktop app does
 * not pay for launching it (a browser page, a build server, a device session). Until then
 * `opened` is false, and the world does not look at it (`AppView`); the first call of any
 * operation opens it and goes on.
 */
import type { AppName, AppPort, Capabilities, ControlOf, DeviceSettings, PermissionPrompt, Screen, ScreenOf } from './app-port.ts';

export class LazyAppPort<A extends AppName> implements AppPort<A> {
  #port: Promise<AppPort<A>> | undefined;

  constructor(
    readonly app: A,
    readonly driver: string,
    readonly capabilities: Capabilities,
    private readonly openPort: () => Promise<AppPort<A>>,
  ) {}

  get opened(): boolean {
    return this.#port !== undefined;
  }

  #get(): Promise<AppPort<A>> {
    return (this.#port ??= this.openPort());
  }

  async screen(): Promise<Screen<A>> {
    return (await this.#get()).screen();
  }
  async waitForScreen(screen: ScreenOf<A>, options?: { timeoutMs?: number }): Promise<Screen<A>> {
    return (await this.#get()).waitForScreen(screen, options);
  }
  async tap(control: ControlOf<A>, item?: number | string): Promise<void> {
    return (await this.#get()).tap(control, item);
  }
  async type(control: ControlOf<A>, text: string): Promise<void> {
    return (await this.#get()).type(control, text);
  }
  async showToCamera(png: Uint8Array): Promise<void> {
    return (await this.#get()).showToCamera(png);
  }
  async answerPermission(prompt: PermissionPrompt, answer: 'allow' | 'deny'): Promise<void> {
    return (await this.#get()).answerPermission(prompt, answer);
  }
  async openNotification(action: 'open' | 'approve'): Promise<boolean> {
    return (await this.#get()).openNotification(action);
  }
  async receive(): Promise<void> {
    return (await this.#get()).receive();
  }
  async readClipboard(): Promise<string> {
    return (await this.#get()).readClipboard();
  }
  async relaunch(): Promise<void> {
    return (await this.#get()).relaunch();
  }
  async reinstall(): Promise<void> {
    return (await this.#get()).reinstall();
  }
  async setDevice(settings: DeviceSettings): Promise<void> {
    return (await this.#get()).setDevice(settings);
  }
  async screenshot(): Promise<Uint8Array> {
    return (await this.#get()).screenshot();
  }
  async clockMoved(): Promise<void> {
    if (this.#port) await (await this.#port).clockMoved?.();
  }
  async close(): Promise<void> {
    if (this.#port) await (await this.#port).close();
  }
}
