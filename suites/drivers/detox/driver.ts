/**
 * The `detox` driver (issue 11): the same plans, executors and checks as the `sim` driver, with
 * the phone on a Detox device. One `detox test` process per run (its launch is the expensive
 * part) runs authconf's runner, which performs each app-port call with Detox's public API
 * (`app-port.ts`); per path the app is installed afresh (`device.launchApp({ delete: true })`).
 * The desktop app and the portal stay as under `sim` (in-process desktop sim, portal over HTTP):
 * Detox is for the phone. A second phone (the `devices=several` set-up pairs one before the
 * path) is the in-process mobile sim: one Detox runner drives one device.
 *
 * With `-c web` (authconf's Chromium-backed device, `runner/web-device.cjs`), each path gets a
 * fresh sims' web build of the phone on loopback, on the run's simulated clock and with the run's
 * sim-side deviations (so a deviation is caught through Detox too), polling off (`?poll=0`):
 * pushes arrive when the app comes to the foreground, which keeps the order the same every run.
 * The web device's photo library (the camera's image) and screen lock are set beside Detox, as a
 * device farm sets them (`DeviceSide`). With a native configuration the app under test is the
 * configuration's build; it is told the server's origin in the launch argument `authconfServer`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Driver } from '../../../models/driver.ts';
import { deviations as deviationTable } from '../../../models/deviations.ts';
import type { MobileDeviation } from '../../../sims/mobile/options.ts';
import { buildSimsWeb } from '../../../sims/web/server.ts';
import type { ResolvedRun } from '../../runner/options.ts';
import { createSimDriver, inProcessApps, type AppProvider } from '../sim/driver.ts';
import { DetoxAppPort, type DeviceSide } from './app-port.ts';
import { DetoxBridge } from './bridge.ts';

/** How long a screen may take to appear on the device (ms). */
const WAIT_MS = 10_000;
/** How long `detox test` may take to start Jest, allocate the device and connect (ms). */
const LAUNCH_MS = 120_000;
/** How long one Detox call may take (ms): a wait names its own. */
const CALL_MS = 30_000;

export interface DetoxDriverOptions {
  /** With `-c web`: this page is the app instead of the sims' web build (it has no device hooks). */
  mobileApp?: string;
  /** Called with the bridge once `detox test` connected (tests: a device lost mid-run). */
  onBridge?: (bridge: DetoxBridge) => void;
}

export function createDetoxDriver(run: ResolvedRun, extra: DetoxDriverOptions = {}): Driver {
  const options = run.detox ?? { configuration: 'web' };
  // `web` names authconf's Chromium-backed device (its own configuration, or the one `authconf detox init` writes).
  const web = options.configuration === 'web';
  const mobileDeviations = run.deviations.filter((d) => deviationTable[d].side === 'mobile-sim') as MobileDeviation[];
  const sims = inProcessApps(run);
  const photos = mkdtempSync(join(tmpdir(), 'authconf-detox-photos-'));
  let bridge: Promise<DetoxBridge> | undefined;
  const device = (): Promise<DetoxBridge> =>
    (bridge ??= DetoxBridge.start({
      configuration: options.configuration,
      ...(options.configPath ? { configPath: options.configPath } : {}),
      launchTimeoutMs: LAUNCH_MS,
      callTimeoutMs: CALL_MS,
      env: { AUTHCONF_PHOTO_LIBRARY: photos },
    }).then((started) => {
      extra.onBridge?.(started);
      return started;
    }));

  const apps: AppProvider = {
    async open(server, path) {
      const detox = await device();
      const opened = await sims.open(server, path);
      let build: FastifyInstance | undefined;
      let side: DeviceSide = {};
      const launchArgs: Record<string, unknown> = { authconfServer: server.base };
      if (web && extra.mobileApp) launchArgs.authconfAppUrl = extra.mobileApp;
      else if (web) {
        build = buildSimsWeb({ server: server.base, clock: server.clock, rng: path.rng, http: path.http, mobileDeviations, platform: { os: 'web', name: `Phone ${path.index}` } });
        await build.listen({ host: '127.0.0.1', port: 0 });
        const address = build.server.address();
        if (!address || typeof address === 'string') throw new Error('the web build server has no port');
        const root = `http://127.0.0.1:${address.port}/mobile`;
        launchArgs.authconfAppUrl = `${root}?poll=0`;
        side = {
          clock: server.clock,
          async addPhoto(png) {
            writeFileSync(join(photos, 'photo.png'), png);
          },
          async setLock(lock) {
            const response = await fetch(`${root}/device`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(lock) });
            if (!response.ok) throw new Error(`the web build refused the screen lock: ${response.status} ${await response.text()}`);
          },
        };
      }
      // A fresh install of the app for the path.
      await detox.call('reinstallApp', { launchArgs });
      return {
        ...opened,
        mobile: new DetoxAppPort({ bridge: detox, timeoutMs: WAIT_MS, device: side }),
        close: async () => {
          await opened.close?.();
          await build?.close();
        },
      };
    },
    async close() {
      await sims.close();
      if (bridge) await (await bridge.catch(() => undefined))?.close();
      rmSync(photos, { recursive: true, force: true });
    },
  };
  return createSimDriver(run, { name: 'detox', apps });
}
