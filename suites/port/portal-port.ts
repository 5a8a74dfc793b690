/**
 * The portal port: the organisation's web pages (sign on, Start, Add a New Device with the QR
 * code and key, Desktop Setup, push waiting, the Authentication field), reached by testID as a
 * person's browser reaches them. Implemented over plain HTTP (a cookie jar and forms: the `sim`
 * driver) or in Chromium (the `puppeteer` driver).
 */
import type { Support } from '../../models/driver.ts';
import type { PortalControlId, PortalScreenId, ScreenSnapshot } from '../../models/testids.ts';

export type PortalScreen = ScreenSnapshot<PortalScreenId, PortalControlId>;

export interface PortalPort {
  readonly driver: string;
  /** `screenshot` is the only optional operation (an HTTP client has no pixels). */
  readonly capabilities: Readonly<{ screenshot: Support }>;
  /** Opens a page of the portal (a path on its origin, e.g. `/portal/signon`). */
  open(path: string): Promise<PortalScreen>;
  screen(): Promise<PortalScreen>;
  /** Waits for `screen` (pages that poll move on by themselves); throws `PortTimeout`. */
  waitForScreen(screen: PortalScreenId, options?: { timeoutMs?: number }): Promise<PortalScreen>;
  /** Fills a form field. */
  type(control: PortalControlId, text: string): Promise<void>;
  /** Clicks a button or link (submitting its form with the fields typed); `item` picks one of a repeated control. */
  tap(control: PortalControlId, item?: number): Promise<void>;
  /** The PNG bytes of an image on the page (the QR code). */
  image(control: PortalControlId): Promise<Uint8Array>;
  screenshot(): Promise<Uint8Array>;
  close(): Promise<void>;
}
