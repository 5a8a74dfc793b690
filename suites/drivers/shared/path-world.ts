/**
 * Builds a path's `PathWorld` from a driver's ports (suites/port/world.ts): the same assembly for
 * every driver, so the only thing a driver decides is how it reaches the apps and the portal.
 */
import type { DriverName } from '../../../models/driver.ts';
import type { Policy } from '../../../models/policy.ts';
import type { Clock, Rng } from '../../../models/runtime.ts';
import type { HttpClient } from '../../../sims/shared/http-client.ts';
import type { AppPort, DeviceSettings } from '../../port/app-port.ts';
import { AppView, PortalView } from '../../port/app-view.ts';
import type { PortalPort } from '../../port/portal-port.ts';
import type { PathWorld } from '../../port/world.ts';
import { TestControl } from '../sim/control.ts';

export interface WorldParts {
  driver: DriverName;
  base: string;
  policy: Policy;
  clock: Clock;
  rng: Rng;
  http: HttpClient;
  portal: PortalPort;
  /** The portal's HTTP exchanges, when the driver sees them (evidence). */
  portalExchanges?: string[];
  mobile: AppPort<'mobile'>;
  desktop: AppPort<'desktop'>;
  /** Another phone of the same person (a new device). */
  newPhone(settings?: DeviceSettings & { name?: string }): Promise<AppPort<'mobile'>>;
  username: string;
  password: string;
  /** The embedded target's clock, when the harness made it (test control reads it without a request). */
  targetClock?: Clock;
  /** Closed after the ports (what the driver opened for this path besides them). */
  close?(): Promise<void>;
}

/** One memo per target, keyed by its clock object (one per started target: a reused port is a new one). */
const targetMemos = new WeakMap<Clock, Map<string, unknown>>();
function targetMemoOf(clock: Clock): Map<string, unknown> {
  let memo = targetMemos.get(clock);
  if (!memo) targetMemos.set(clock, (memo = new Map()));
  return memo;
}

export async function buildPathWorld(parts: WorldParts): Promise<PathWorld & { close(): Promise<void> }> {
  const others: AppView<'mobile'>[] = [];
  const portal = new PortalView(parts.portal, parts.portalExchanges);
  const world: PathWorld & { close(): Promise<void> } = {
    driver: parts.driver,
    base: parts.base,
    policy: parts.policy,
    clock: parts.clock,
    rng: parts.rng,
    http: parts.http,
    control: new TestControl(parts.base, async () => {
      await Promise.all([world.mobile.clockMoved(), world.desktop.clockMoved(), ...others.map((o) => o.clockMoved())]);
      await world.observe();
    }, parts.targetClock),
    portal,
    mobile: await AppView.of(parts.mobile),
    desktop: await AppView.of(parts.desktop),
    async otherPhone(settings) {
      const phone = await AppView.of(await parts.newPhone(settings));
      others.push(phone);
      return phone;
    },
    async observe(surface) {
      const look = (view: AppView<'mobile'> | AppView<'desktop'>, name: string) => (view.opened || surface === name ? view.observe() : undefined);
      await Promise.all([look(world.mobile, 'mobile'), look(world.desktop, 'desktop'), ...others.map((o) => o.observe()), portal.opened ? portal.observe() : undefined]);
    },
    username: parts.username,
    password: parts.password,
    lastEvent: undefined,
    memo: new Map(),
    target: targetMemoOf(parts.clock),
    async close() {
      await Promise.allSettled([world.mobile.close(), world.desktop.close(), portal.close(), ...others.map((o) => o.close())]);
      await parts.close?.();
    },
  };
  return world;
}
