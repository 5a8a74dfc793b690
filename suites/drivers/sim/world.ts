/**
 * One path's world in the embedded target: the server (shared per variant), a fresh user, a
 * browser-less portal user, a freshly installed mobile app and desktop app, and test control.
 */
import type { ModelEvent } from '../../../models/driver.ts';
import type { Policy } from '../../../models/policy.ts';
import type { ManualClock, Rng } from '../../../models/runtime.ts';
import type { DesktopApp } from '../../../sims/desktop/app.ts';
import type { MobileApp } from '../../../sims/mobile/app.ts';
import type { MobileAppOptions } from '../../../sims/mobile/options.ts';
import type { HttpClient } from '../../../sims/shared/http-client.ts';
import type { Keystore } from '../../../sims/shared/keystore.ts';
import type { WebClient } from '../shared/web-client.ts';
import type { TestControl } from './control.ts';

export interface SimWorld {
  base: string;
  policy: Policy;
  clock: ManualClock;
  rng: Rng;
  http: HttpClient;
  control: TestControl;
  portal: WebClient;
  /** The phone; `installMobile` replaces it (a fresh install, or a different platform). */
  mobile: MobileApp;
  installMobile(platform?: MobileAppOptions['platform']): MobileApp;
  /** The phone's keystore (a fresh one per install): checks read wallet tokens from it, as a forensic look at the device. */
  keystore: Keystore;
  desktop: DesktopApp;
  clipboard: { text: string };
  username: string;
  password: string;
  /** The event executed last (assertions read it: the same state can be reached two ways). */
  lastEvent: ModelEvent | undefined;
  /** Free-form values carried between steps (keys, codes, flow ids). */
  memo: Map<string, unknown>;
}
