/**
 * The Puppeteer app port's own choices: the fake camera on a launched browser and never the file
 * chooser behind a camera that does not scan; the file chooser when no fake-camera file is ours (a
 * connected browser), the build's relaunch / reinstall hook, and not-applicable operations refused
 * with their reason (OS notifications, biometrics, a device lock).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../../models/runtime.ts';
import { mobile } from '../../../models/testids.ts';
import { PortalVisitor, qrPngFromPage, startReferenceServer, type RunningServer } from '../../../sims/fixtures/reference.ts';
import { buildSimsWeb } from '../../../sims/web/server.ts';
import { PortUnsupported, unsupportedReason } from '../../port/app-port.ts';
import { PuppeteerAppPort, simsWebBuildControl } from './app-port.ts';
import { openChromium, type Chromium } from './browser.ts';

const S = mobile.screens;
const C = mobile.controls;
let chromium: Chromium;
let server: RunningServer;
let web: ReturnType<typeof buildSimsWeb>;
let build: string;

beforeAll(async () => {
  server = await startReferenceServer({}, 31);
  web = buildSimsWeb({ server: server.origin, clock: server.clock, rng: seededRng(32) });
  await web.listen({ port: 0, host: '127.0.0.1' });
  build = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}/mobile`;
  chromium = await openChromium();
}, 30_000);
afterAll(async () => {
  await chromium?.close();
  await web?.close();
  await server?.close();
});

describe('puppeteer app port', () => {
  it('on a connected browser (browserWSEndpoint) feeds the QR code through the file chooser, relaunches keeping the pairing, reinstalls losing it; refuses what a browser cannot do', async () => {
    // A remote browser, as a grid would give: no camera file of ours, so the build's file chooser takes the image.
    const remote = await openChromium({ browserWSEndpoint: chromium.browser.wsEndpoint() });
    expect(remote.camera).toBeUndefined();
    // A build whose host offers relaunch and reinstall only (no device hooks): notifications and biometrics are not applicable.
    const { relaunch, reinstall } = simsWebBuildControl(build);
    const port = await PuppeteerAppPort.open({ app: 'mobile', url: build, context: await remote.newContext(), cameraFile: remote.camera, buildControl: { relaunch, reinstall } });
    try {
      expect(unsupportedReason(port.capabilities, ['notification'])).toMatch(/no OS notification/);
      await expect(port.openNotification('open')).rejects.toBeInstanceOf(PortUnsupported);
      await expect(port.setDevice({ biometricsEnrolled: false })).rejects.toThrow(/biometric sensor/);
      const visitor = new PortalVisitor(server.origin);
      await visitor.signOn('bob', 'bob-password');
      const qr = qrPngFromPage((await visitor.postForm('/portal/registration/start', {})).text);
      await port.tap(C.welcomeContinue);
      await port.tap(C.notificationsContinue);
      await port.answerPermission('notifications', 'allow');
      await port.tap(C.scan);
      await port.answerPermission('camera', 'allow');
      await port.waitForScreen(S.capture);
      await port.showToCamera(qr); // no camera file given: the build's file chooser
      await port.waitForScreen(S.authRequest);
      await port.tap(C.approve);
      await port.waitForScreen(S.success);
      await port.relaunch();
      expect((await port.waitForScreen(S.accounts)).values[C.accountItem]).toEqual(['Authconf Demo Org']);
      await port.reinstall();
      await port.waitForScreen(S.welcome);
      expect((await port.screenshot()).length).toBeGreaterThan(1000);
    } finally {
      await port.close();
      await remote.close(); // disconnects; the launched browser stays up
    }
  }, 20_000);

  it('shows the code to the camera of a launched browser and never goes around it: a build whose camera does not scan stays on its capture screen', async () => {
    // A build with a capture screen and a working file chooser, but a camera that never decodes anything.
    const page = `<!doctype html><main><section data-testid="${S.capture}"><video data-testid="${C.captureVideo}"></video>
<label>Choose an image <input type="file" data-testid="${C.captureImage}"></label></section></main>
<script>document.querySelector('input').addEventListener('change', () => {
  document.querySelector('main').innerHTML = '<section data-testid="${S.authRequest}">chosen</section>'; fetch('/chosen', { method: 'POST' });
});</script>`;
    const broken: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page));
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const port = await PuppeteerAppPort.open({ app: 'mobile', url: `http://127.0.0.1:${(broken.address() as AddressInfo).port}/`, context: await chromium.newContext(), cameraFile: chromium.camera, timeoutMs: 1500 });
    try {
      const visitor = new PortalVisitor(server.origin);
      await visitor.signOn('alice', 'alice-password');
      const qr = qrPngFromPage((await visitor.postForm('/portal/registration/start', {})).text);
      await port.showToCamera(qr);
      // Through the file chooser the page would have moved on: the camera's failure is what the step's checks see.
      expect((await port.screen()).screen).toBe(S.capture);
    } finally {
      await port.close();
      await new Promise((resolve) => broken.close(resolve));
    }
  }, 20_000);
});
