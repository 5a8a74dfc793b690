/**
 * The portal port over plain HTTP (no browser): a cookie jar and the pages' forms, found by the
 * testIDs of their fields and buttons (`WebClient`). Fields typed are sent with the form of the
 * button tapped next. Pages that move on by script (pairing waiting, push waiting) are reloaded
 * once by `waitForScreen`: the server redirects a finished wait to where the script would go.
 */
import { portal, type PortalControlId, type PortalScreenId } from '../../../models/testids.ts';
import { PortNoControl, PortTimeout, PortUnsupported } from '../../port/app-port.ts';
import type { PortalPort, PortalScreen } from '../../port/portal-port.ts';
import { testIdElements } from '../shared/html.ts';
import { WebClient } from '../shared/web-client.ts';

const screens = Object.values(portal.screens);

export class HttpPortalPort implements PortalPort {
  readonly driver = 'sim';
  readonly capabilities = { screenshot: { reason: 'an HTTP client draws no pixels: the page HTML is the evidence' } } as const;
  readonly client: WebClient;
  #fields: Record<string, string> = {};

  constructor(base: string) {
    this.client = new WebClient(base);
  }

  async open(path: string): Promise<PortalScreen> {
    await this.client.get(path);
    this.#fields = {};
    return this.screen();
  }

  async screen(): Promise<PortalScreen> {
    return this.client.snapshot(screens) as PortalScreen;
  }

  async waitForScreen(screen: PortalScreenId): Promise<PortalScreen> {
    let shown = await this.screen();
    if (shown.screen !== screen && this.client.page.url) {
      await this.client.get(this.client.page.url);
      shown = await this.screen();
    }
    if (shown.screen !== screen) throw new PortTimeout(screen, shown.screen, 0);
    return shown;
  }

  async type(control: PortalControlId, text: string): Promise<void> {
    const field = testIdElements(this.client.page.html).find((e) => e.id === control && e.attrs.name !== undefined);
    if (!field) throw new PortNoControl((await this.screen()).screen, control, 'is not a field on this page');
    this.#fields[field.attrs.name!] = text;
  }

  async tap(control: PortalControlId, item?: number): Promise<void> {
    const matches = testIdElements(this.client.page.html).filter((e) => e.id === control);
    const element = matches[item ?? 0];
    if (!element) throw new PortNoControl((await this.screen()).screen, control);
    if (element.attrs.href !== undefined) await this.client.get(element.attrs.href);
    else if (item !== undefined) await this.client.submitNth(control, item);
    else await this.client.submit(control, this.#fields);
    this.#fields = {};
  }

  async image(control: PortalControlId): Promise<Uint8Array> {
    const bytes = this.client.imageBytes(control);
    if (!bytes) throw new PortNoControl((await this.screen()).screen, control, 'is no PNG image on this page');
    return bytes;
  }

  screenshot(): Promise<Uint8Array> {
    return Promise.reject(new PortUnsupported('screenshot', this.capabilities.screenshot.reason));
  }

  async close(): Promise<void> {}
}
