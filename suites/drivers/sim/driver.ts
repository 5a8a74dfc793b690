/**
 * The `sim` driver: the embedded reference server (per policy variant), the portal over HTTP
 * (pages read by data-testid), the mobile and desktop sims (in-process, talking HTTP to the
 * server) and the server's test control for the clock and faults, so no step waits in real
 * time. Per machine, `suites/executors/<machine>.ts` maps events to calls and
 * `suites/assertions/<machine>.ts` checks states.
 */
import type { Driver, DriverName, ModelEvent, PathSession, Role, RoleDriver, StepContext } from '../../../models/driver.ts';
import { deviations as deviationTable } from '../../../models/deviations.ts';
import { ManualClock, seededRng, type Rng } from '../../../models/runtime.ts';
import type { DesktopDeviation } from '../../../sims/desktop/app.ts';
import type { MobileDeviation } from '../../../sims/mobile/options.ts';
import { fetchHttpClient, type HttpClient } from '../../../sims/shared/http-client.ts';
import { PortUnsupported, type AppPort, type DeviceSettings } from '../../port/app-port.ts';
import type { PortalPort } from '../../port/portal-port.ts';
import { NotApplicableError } from '../../runner/errors.ts';
import { bindingOf } from '../../executors/index.ts';
import type { Step } from '../../executors/types.ts';
import { variantId } from '../../plans/variants.ts';
import type { ResolvedRun } from '../../runner/options.ts';
import { buildPathWorld } from '../shared/path-world.ts';
import { LazyAppPort } from '../../port/lazy-port.ts';
import { desktopCapabilities, mobileCapabilities, SimDesktopPort, SimMobilePort, type SimAppOptions } from './app-port.ts';
import { HttpPortalPort } from './portal-port.ts';
import { transportFor } from '../shared/transport.ts';
import { type EmbeddedServer, startEmbeddedServer } from './server.ts';

const asStep = (ctx: StepContext): Step => ctx as Step;

/** One path's apps and portal, behind their ports. */
export interface PathApps {
  mobile: AppPort<'mobile'>;
  desktop: AppPort<'desktop'>;
  portal: PortalPort;
  /** The portal's HTTP exchanges, when the driver sees them (evidence). */
  portalExchanges?: string[];
  newPhone(settings?: DeviceSettings & { name?: string }): Promise<AppPort<'mobile'>>;
  /** What the path opened besides the ports (a build server), closed with it. */
  close?(): Promise<void>;
}

/** How a driver reaches the apps and the portal (in-process sims, web builds in Chromium, a device under Detox). */
export interface AppProvider {
  open(server: EmbeddedServer, path: { index: number; rng: Rng; http: HttpClient }): Promise<PathApps>;
  close(): Promise<void>;
}

/** The in-process sims and the portal over HTTP (the `sim` and `api` drivers). */
export function inProcessApps(run: ResolvedRun): AppProvider {
  const mobileDeviations = run.deviations.filter((d) => deviationTable[d].side === 'mobile-sim') as MobileDeviation[];
  const desktopDeviations = run.deviations.filter((d) => deviationTable[d].side === 'desktop-sim') as DesktopDeviation[];
  return {
    async open(server, { rng, http }) {
      const apps: SimAppOptions = { clock: server.clock, rng, http, server: server.base, mobileDeviations, desktopDeviations };
      const portal = new HttpPortalPort(server.base);
      // Each app is launched on first use: a path that never touches it (the api driver's) does not build it.
      return {
        mobile: new LazyAppPort('mobile', 'sim', mobileCapabilities, async () => new SimMobilePort(apps)),
        desktop: new LazyAppPort('desktop', 'sim', desktopCapabilities, async () => new SimDesktopPort(apps)),
        portal,
        portalExchanges: portal.client.exchanges,
        newPhone: async (settings) => {
          const phone = new SimMobilePort({ ...apps, ...(settings?.name ? { platform: { name: settings.name } } : {}) });
          if (settings) await phone.setDevice(settings);
          return phone;
        },
      };
    },
    close: async () => undefined,
  };
}

/** How the driver reaches its target: the embedded server per variant, or a fixed URL. */
export interface TargetOptions {
  name: DriverName;
  /** The apps and the portal (default: the in-process sims, the portal over HTTP). */
  apps?: AppProvider;
  /** Which machines this driver runs (the api driver: only the Authentication API flows). */
  machines?: (machine: string) => true | { reason: string; remedy?: string };
  /** A server given by URL instead of the embedded one. */
  target?: string;
}

function remoteServer(target: string): EmbeddedServer {
  // Not ours to move: the clock here only drives the (unused) sims; test control moves the target's.
  return { app: undefined as never, base: target.replace(/\/+$/, ''), clock: new ManualClock(), close: async () => undefined };
}

export function createSimDriver(run: ResolvedRun, options: TargetOptions = { name: 'sim' }): Driver {
  const servers = new Map<string, Promise<EmbeddedServer>>();
  const provider = options.apps ?? inProcessApps(run);
  let pathCount = 0;

  const driver: Driver = {
    name: options.name,
    target: options.target ?? 'embedded',
    supportsMachine: (machine) => {
      const allowed = options.machines?.(machine) ?? true;
      if (allowed !== true) return allowed;
      return bindingOf(machine) ? true : { reason: `the ${options.name} driver has no executors for machine ${machine} yet` };
    },
    supports: (machine, event, variant) => {
      const binding = bindingOf(machine);
      if (!binding) return { reason: `no executors for ${machine}` };
      if (event.type === 'xstate.init') return true;
      const declared = binding.supports?.(event, variant) ?? true;
      if (declared !== true) return declared;
      if (!binding.executors[event.type]) return { reason: `the ${options.name} driver cannot perform ${event.type} (no executor)` };
      return true;
    },
    roleOf: (machine, event) => (event.type === 'xstate.init' ? 'control' : (bindingOf(machine)?.executors[event.type]?.role ?? 'control')),
    async openPath(machine, ctx): Promise<PathSession> {
      const binding = bindingOf(machine)!;
      const key = variantId(ctx.variant.values);
      if (!servers.has(key)) servers.set(key, options.target ? Promise.resolve(remoteServer(options.target)) : startEmbeddedServer(ctx.variant.policy, run.seed, run.deviations, { inProcess: run.mode === 'property' }));
      const server = await servers.get(key)!;
      const index = ++pathCount;
      const rng = seededRng(run.seed * 100_003 + index);
      const http = fetchHttpClient(transportFor(server.base));
      const apps = await provider.open(server, { index, rng, http });
      const world = await buildPathWorld({
        driver: options.name,
        base: server.base,
        policy: ctx.variant.policy,
        clock: server.clock,
        rng,
        http,
        ...apps,
        username: `user${index}`,
        password: `password-${index}`,
        ...(options.target ? {} : { targetClock: server.clock }),
      });
      // A binding that seeds its own user (the adapter's first factor) is not seeded twice.
      if (!binding.seedsUser) {
        try {
          await world.control.seedUser(world.username, world.password);
        } catch (error) {
          // A target without test control: the steps that need it become not-applicable.
          if (!options.target) throw error;
          world.memo.set('noTestControl', true);
        }
      }
      await binding.setUp?.(world, asStep(ctx));
      // Test control is for the clock, faults and preconditions: each step records the calls it made.
      const reportControl = (stepCtx: StepContext): void => {
        if (world.control.calls.length) stepCtx.attach({ name: 'test control used', contentType: 'text/plain', body: world.control.calls.splice(0).join('\n') });
      };
      // A screenshot of the surface the step acted on or looked at (drivers with pixels: PNG evidence).
      const surfaceOf = (role: Role) => (role === 'mobile' ? world.mobile : role === 'desktop' ? world.desktop : role === 'portal' && world.portal.opened ? world.portal : undefined);
      const screenshot = async (role: Role, stepCtx: StepContext): Promise<void> => {
        const shot = await surfaceOf(role)
          ?.screenshot()
          .catch(() => undefined);
        if (shot) stepCtx.attach(shot);
      };
      // An operation the driver declared not applicable makes the path not applicable, with the reason.
      const applicable = (error: unknown): unknown => (error instanceof PortUnsupported ? new NotApplicableError(`${driver.name}: ${error.message}`) : error);
      const roleDriver = (role: Role): RoleDriver => ({
        role,
        async execute(event: ModelEvent, stepCtx) {
          world.lastEvent = event;
          try {
            await binding.executors[event.type]!.run(world, event, asStep(stepCtx));
          } catch (error) {
            throw applicable(error);
          } finally {
            reportControl(stepCtx);
          }
        },
        async assertState(state, stepCtx) {
          try {
            await world.observe(role === 'mobile' || role === 'desktop' ? role : undefined);
            await binding.assert(world, state, asStep(stepCtx));
          } catch (error) {
            throw applicable(error);
          } finally {
            reportControl(stepCtx);
            await screenshot(role, stepCtx);
          }
        },
      });
      const roles = Object.fromEntries((['portal', 'mobile', 'desktop', 'api', 'control'] as const).map((r) => [r, roleDriver(r)]));
      return { roles, close: () => world.close() };
    },
    async close() {
      await provider.close();
      const started = await Promise.allSettled(servers.values());
      await Promise.all(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.close()] : [])));
    },
  };
  return driver;
}
