/**
 * The `sim` driver: the embedded reference server (per policy variant), the portal over HTTP
 * (pages read by data-testid), the mobile and desktop sims (in-process, talking HTTP to the
 * server) and the server's test control for the clock and faults, so no step waits in real
 * time. Per machine, `suites/executors/<machine>.ts` maps events to calls and
 * `suites/assertions/<machine>.ts` checks states.
 */
import type { Driver, ModelEvent, PathSession, Role, RoleDriver, StepContext } from '../../../models/driver.ts';
import { deviations as deviationTable } from '../../../models/deviations.ts';
import { ManualClock, seededRng } from '../../../models/runtime.ts';
import { createDesktopApp, type DesktopDeviation, memoryClipboard } from '../../../sims/desktop/app.ts';
import { createMobileApp } from '../../../sims/mobile/app.ts';
import type { MobileDeviation } from '../../../sims/mobile/options.ts';
import { fetchHttpClient } from '../../../sims/shared/http-client.ts';
import { memoryKeystore } from '../../../sims/shared/keystore.ts';
import { bindingOf } from '../../executors/index.ts';
import type { Step } from '../../executors/types.ts';
import { variantId } from '../../plans/variants.ts';
import type { ResolvedRun } from '../../runner/options.ts';
import { transportFor } from '../shared/transport.ts';
import { WebClient } from '../shared/web-client.ts';
import { TestControl } from './control.ts';
import { type EmbeddedServer, startEmbeddedServer } from './server.ts';
import type { SimWorld } from './world.ts';

const asStep = (ctx: StepContext): Step => ctx as Step;

/** How the driver reaches its target: the embedded server per variant, or a fixed URL. */
export interface TargetOptions {
  name: 'sim' | 'api';
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
  const mobileDeviations = run.deviations.filter((d) => deviationTable[d].side === 'mobile-sim') as MobileDeviation[];
  const desktopDeviations = run.deviations.filter((d) => deviationTable[d].side === 'desktop-sim') as DesktopDeviation[];
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
      const clipboard = memoryClipboard();
      const world: SimWorld = {
        base: server.base,
        policy: ctx.variant.policy,
        clock: server.clock,
        rng,
        http,
        control: new TestControl(server.base),
        portal: new WebClient(server.base),
        mobile: undefined as never,
        keystore: memoryKeystore(),
        installMobile: (platform) => {
          world.keystore = memoryKeystore();
          return (world.mobile = createMobileApp({ clock: server.clock, rng, http, server: server.base, keystore: world.keystore, deviations: mobileDeviations, ...(platform ? { platform } : {}) }));
        },
        desktop: createDesktopApp({ clock: server.clock, rng, http, server: server.base, clipboard, deviations: desktopDeviations }),
        clipboard,
        username: `user${index}`,
        password: `password-${index}`,
        lastEvent: undefined,
        memo: new Map(),
      };
      world.installMobile();
      try {
        await world.control.seedUser(world.username, world.password);
      } catch (error) {
        // A target without test control: the steps that need it become not-applicable.
        if (!options.target) throw error;
        world.memo.set('noTestControl', true);
      }
      await binding.setUp?.(world, asStep(ctx));
      // Test control is for the clock, faults and preconditions: each step records the calls it made.
      const reportControl = (stepCtx: StepContext): void => {
        if (world.control.calls.length) stepCtx.attach({ name: 'test control used', contentType: 'text/plain', body: world.control.calls.splice(0).join('\n') });
      };
      const roleDriver = (role: Role): RoleDriver => ({
        role,
        async execute(event: ModelEvent, stepCtx) {
          world.lastEvent = event;
          try {
            await binding.executors[event.type]!.run(world, event, asStep(stepCtx));
          } finally {
            reportControl(stepCtx);
          }
        },
        async assertState(state, stepCtx) {
          try {
            await binding.assert(world, state, asStep(stepCtx));
          } finally {
            reportControl(stepCtx);
          }
        },
      });
      const roles = Object.fromEntries((['portal', 'mobile', 'desktop', 'api', 'control'] as const).map((r) => [r, roleDriver(r)]));
      return { roles, close: async () => undefined };
    },
    async close() {
      const started = await Promise.allSettled(servers.values());
      await Promise.all(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.close()] : [])));
    },
  };
  return driver;
}
