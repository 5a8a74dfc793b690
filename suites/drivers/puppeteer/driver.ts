/**
 * The `puppeteer` driver (issue 10): the same plans, executors and checks as the `sim` driver,
 * with the apps and the portal in real Chromium, driven by `data-testid`. The embedded reference
 * server runs per policy variant as under `sim`; the portal's pages are opened in the browser,
 * and the apps are web builds:
 *
 * - by default the sims' web builds (sims/web), a fresh build server per path on loopback, on the
 *   run's simulated clock, with the run's sim-side deviations (so a deviation is caught in the
 *   browser too); the driver delivers pushes through the build's `/refresh` hook (`?poll=0`), and
 *   sets the phone's biometrics and screen lock and taps its notification banner through the
 *   build's device hooks, as Detox does on a device;
 * - with `--mobile-app URL` / `--desktop-app URL`, the build under test: a fresh incognito context
 *   per path is a fresh install; what its host cannot do (relaunch, notifications, biometrics)
 *   is not applicable, with the reason.
 *
 * One browser per run (launched, or `--browser-ws`), a fresh incognito context per app and per
 * portal user, waits on testIDs and the network, never fixed sleeps. Every app and portal step gets
 * a PNG screenshot as evidence.
 */
import type { FastifyInstance } from 'fastify';
import type { Driver } from '../../../models/driver.ts';
import { deviations as deviationTable } from '../../../models/deviations.ts';
import type { DesktopDeviation } from '../../../sims/desktop/app.ts';
import type { MobileDeviation } from '../../../sims/mobile/options.ts';
import { buildSimsWeb } from '../../../sims/web/server.ts';
import type { ResolvedRun } from '../../runner/options.ts';
import type { AppName } from '../../port/app-port.ts';
import { createSimDriver, type AppProvider } from '../sim/driver.ts';
import { openChromium, type Chromium } from './browser.ts';
import { LazyAppPort } from '../../port/lazy-port.ts';
import { PuppeteerAppPort, puppeteerCapabilities, simsWebBuildControl, type BuildControl } from './app-port.ts';
import { PuppeteerPortalPort } from './portal-port.ts';

/** How long a screen or a control may take to appear in the browser (ms). */
const WAIT_MS = 10_000;

export function createPuppeteerDriver(run: ResolvedRun): Driver {
  const { browser: options } = run;
  const mobileDeviations = run.deviations.filter((d) => deviationTable[d].side === 'mobile-sim') as MobileDeviation[];
  const desktopDeviations = run.deviations.filter((d) => deviationTable[d].side === 'desktop-sim') as DesktopDeviation[];
  let chromium: Promise<Chromium> | undefined;
  const browser = (): Promise<Chromium> =>
    (chromium ??= openChromium({
      ...(options.headed ? { headed: true } : {}),
      ...(options.slowMo ? { slowMo: options.slowMo } : {}),
      ...(options.browserWs ? { browserWSEndpoint: options.browserWs } : {}),
    }));
  /** Build servers still open (closed with their path, or at the end of the run). */
  const builds = new Set<FastifyInstance>();

  const apps: AppProvider = {
    async open(server, { index, rng, http }) {
      const chrome = await browser();
      const opened: FastifyInstance[] = [];
      /** The sims' web build of one phone or desktop, its own server on loopback. */
      const simsBuild = async (name: string): Promise<string> => {
        const build = buildSimsWeb({ server: server.base, clock: server.clock, rng, http, mobileDeviations, desktopDeviations, platform: { os: 'web', name } });
        await build.listen({ host: '127.0.0.1', port: 0 });
        builds.add(build);
        opened.push(build);
        const address = build.server.address();
        if (!address || typeof address === 'string') throw new Error('the web build server has no port');
        return `http://127.0.0.1:${address.port}`;
      };
      /** An app opened on first use (a desktop path never launches the phone's page). */
      const app = <A extends AppName>(which: A, name = `Phone ${index}`): LazyAppPort<A> => {
        const given = which === 'mobile' ? options.mobileApp : options.desktopApp;
        // The sims' build's hooks are known before it runs: its URL is not (its port is chosen when it starts).
        let root: string | undefined;
        const hooks: BuildControl | undefined = given ? undefined : simsWebBuildControl(() => root!, which);
        return new LazyAppPort(which, 'puppeteer', puppeteerCapabilities(which, hooks), async () => {
          if (!given) root = `${await simsBuild(name)}/${which}`;
          const url = given ?? `${root}?poll=0`;
          return PuppeteerAppPort.open({ app: which, url, context: await chrome.newContext(), cameraFile: chrome.camera, timeoutMs: WAIT_MS, ...(hooks ? { buildControl: hooks } : {}) });
        });
      };
      const closeBuilds = async (): Promise<void> => {
        await Promise.all(opened.map((b) => b.close()));
        for (const b of opened) builds.delete(b);
      };
      return {
        mobile: app('mobile'),
        desktop: app('desktop'),
        portal: new PuppeteerPortalPort({ origin: server.base, context: await chrome.newContext(), timeoutMs: WAIT_MS }),
        newPhone: async (settings) => {
          const phone = app('mobile', settings?.name ?? `Second phone ${index}`);
          if (settings && (settings.biometricsEnrolled !== undefined || settings.deviceLock !== undefined)) await phone.setDevice(settings);
          return phone;
        },
        close: closeBuilds,
      };
    },
    async close() {
      await Promise.all([...builds].map((b) => b.close()));
      builds.clear();
      if (chromium) await (await chromium).close();
    },
  };
  // With --target: your portal and server, reached in the browser (and by your builds, or the sims' builds pairing with it).
  return createSimDriver(run, { name: 'puppeteer', apps, ...(run.target ? { target: run.target } : {}) });
}
