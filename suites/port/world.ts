/**
 * One path's world, as every driver hands it to the executors and checks: the apps and the
 * portal behind their ports (`AppView`, `PortalView`: a real build can satisfy them), the
 * organisation's server (its origin and an HTTP client, for the documented APIs), test control
 * (the clock, faults and preconditions only: never a value a person reads on a screen), the
 * path's user, and the values steps carry for each other (`memo`).
 *
 * Nothing here is a sim: the sim driver builds it from the in-process sims, the puppeteer driver
 * from web builds in Chromium, the detox driver from a device. What a driver cannot do is a
 * declared capability of its port (`app.lacks('biometrics')`), never a back door.
 */
import type { DriverName, ModelEvent } from '../../models/driver.ts';
import type { Policy } from '../../models/policy.ts';
import type { Clock, Rng } from '../../models/runtime.ts';
import type { HttpClient } from '../../sims/shared/http-client.ts';
import type { TestControl } from '../drivers/sim/control.ts';
import type { AppView, PortalView } from './app-view.ts';
import type { DeviceSettings } from './app-port.ts';

export interface PathWorld {
  /** The driver that built this world. */
  driver: DriverName;
  /** The organisation's server origin (portal, device API, Authentication API). */
  base: string;
  policy: Policy;
  /**
   * The run's simulated clock: the time the server's test control moves (checks compute OTP
   * time steps from it). Against a remote target, the time test control last reported.
   */
  clock: Clock;
  rng: Rng;
  /** Plain HTTP to the server's documented APIs (an attacker's or an API client's view). */
  http: HttpClient;
  control: TestControl;
  portal: PortalView;
  mobile: AppView<'mobile'>;
  desktop: AppView<'desktop'>;
  /**
   * Another phone of the same person (a second install on a second device), for flows that
   * need two paired phones; closed with the path.
   */
  otherPhone(settings?: DeviceSettings & { name?: string }): Promise<AppView<'mobile'>>;
  /**
   * Looks at every app and the portal again (the driver does it before each state is asserted);
   * `surface` is looked at even when it was not opened yet (the step that acts on it asserts it).
   */
  observe(surface?: 'mobile' | 'desktop' | 'portal'): Promise<void>;
  username: string;
  password: string;
  /** The event executed last (assertions read it: the same state can be reached two ways). */
  lastEvent: ModelEvent | undefined;
  /** Values carried between steps (keys, codes, flow ids), each set by the step that observed it. */
  memo: Map<string, unknown>;
  /**
   * Values that hold for the whole target, shared by every path against it: what a client looks
   * up once and caches (the discovery document, the signing keys, whether test control answers),
   * and which once-per-target probes ran. One per started target (a reused port is a new one).
   */
  target: Map<string, unknown>;
}
