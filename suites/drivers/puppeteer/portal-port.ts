/**
 * The portal port in Chromium: the organisation's pages as a person's browser shows them, read
 * and driven by `data-testid` (`read-screen.ts`). Links and form buttons navigate: a tap waits
 * for the next page; pages that poll (pairing waiting, push waiting) move on by themselves and
 * `waitForScreen` waits for them. Every new page is screenshotted when `onScreenshot` is given.
 */
import type { BrowserContext, Page } from 'puppeteer';
import { portal, type PortalControlId, type PortalScreenId } from '../../../models/testids.ts';
import { PortNoControl, PortTimeout } from '../../port/app-port.ts';
import type { PortalPort, PortalScreen } from '../../port/portal-port.ts';
import { PAGE_HELPERS, readScreen } from './read-screen.ts';
import { clickOn, countOf, typeInto, waitForSelectorState } from './page-ops.ts';

export interface PuppeteerPortalOptions {
  /** The portal's origin (`http://127.0.0.1:3000`). */
  origin: string;
  /** A fresh incognito context; the port closes it. */
  context: BrowserContext;
  timeoutMs?: number;
  onScreenshot?: (screen: string, png: Uint8Array) => void;
}

const screens = Object.values(portal.screens);
const controls = Object.values(portal.controls);

export class PuppeteerPortalPort implements PortalPort {
  readonly driver = 'puppeteer';
  readonly capabilities = { screenshot: true } as const;
  readonly #o: PuppeteerPortalOptions;
  readonly #timeout: number;
  #page: Page | undefined;
  #lastScreen: string | undefined;

  constructor(options: PuppeteerPortalOptions) {
    this.#o = options;
    this.#timeout = options.timeoutMs ?? 5000;
  }

  async #pageOf(): Promise<Page> {
    if (!this.#page) {
      this.#page = await this.#o.context.newPage();
      await this.#page.evaluateOnNewDocument(PAGE_HELPERS);
    }
    return this.#page;
  }

  async open(path: string): Promise<PortalScreen> {
    const page = await this.#pageOf();
    const url = new URL(path, this.#o.origin).toString();
    try {
      await page.goto(url);
    } catch (error) {
      // A waiting page's own script navigated at the same moment (net::ERR_ABORTED): once that load ends, go again.
      if (!/ERR_ABORTED|frame was detached/i.test((error as Error).message)) throw error;
      await page.waitForNetworkIdle({ idleTime: 50, timeout: this.#timeout }).catch(() => undefined);
      await page.goto(url);
    }
    return this.screen();
  }

  async screen(): Promise<PortalScreen> {
    const page = await this.#pageOf();
    const raw = await readScreen(page, screens, controls);
    if (raw.screen && raw.screen !== this.#lastScreen) {
      this.#lastScreen = raw.screen;
      if (this.#o.onScreenshot) this.#o.onScreenshot(raw.screen, await page.screenshot({ type: 'png', fullPage: true, optimizeForSpeed: true }));
    }
    return { screen: (raw.screen ?? '(no screen)') as PortalScreenId, values: raw.values };
  }

  async waitForScreen(screen: PortalScreenId, options: { timeoutMs?: number } = {}): Promise<PortalScreen> {
    const timeout = options.timeoutMs ?? this.#timeout;
    if (!(await waitForSelectorState(await this.#pageOf(), `[data-testid="${screen}"]`, 'present', timeout))) throw new PortTimeout(screen, (await this.screen()).screen, timeout);
    return this.screen();
  }

  /** The control's selector, after checking the page has its `item`-th element. */
  async #selector(control: PortalControlId, item?: number): Promise<string> {
    const page = await this.#pageOf();
    const selector = `[data-testid="${control}"]`;
    if ((await countOf(page, selector)) <= (item ?? 0)) throw new PortNoControl((await this.screen()).screen, control, item === undefined ? undefined : `has no item ${item}`);
    return selector;
  }

  async type(control: PortalControlId, text: string): Promise<void> {
    await typeInto(await this.#pageOf(), await this.#selector(control), text);
  }

  async tap(control: PortalControlId, item?: number): Promise<void> {
    const page = await this.#pageOf();
    const target = await this.#selector(control, item);
    const navigated = page.waitForNavigation({ timeout: this.#timeout });
    if (!(await clickOn(page, target, item ?? 0))) {
      navigated.catch(() => undefined);
      throw new PortNoControl((await this.screen()).screen, control, 'is not visible: nothing a person could tap');
    }
    await navigated;
  }

  async image(control: PortalControlId): Promise<Uint8Array> {
    const src = (await this.screen()).values[control];
    const match = typeof src === 'string' ? /^data:image\/png;base64,(.+)$/.exec(src) : null;
    if (!match) throw new PortNoControl((await this.screen()).screen, control, 'is no PNG image on this page');
    return new Uint8Array(Buffer.from(match[1]!, 'base64'));
  }

  async screenshot(): Promise<Uint8Array> {
    return (await this.#pageOf()).screenshot({ type: 'png', fullPage: true, optimizeForSpeed: true });
  }

  async close(): Promise<void> {
    await this.#o.context.close();
  }
}
