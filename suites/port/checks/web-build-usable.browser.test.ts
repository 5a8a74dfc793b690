/**
 * The same port checks on the sims' web builds in Chromium (the Puppeteer app port; the portal
 * over HTTP): the passcode reached from a pending request signs on; Copy fills the real clipboard.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../../models/runtime.ts';
import { desktop, mobile, portal } from '../../../models/testids.ts';
import { startReferenceServer, type RunningServer } from '../../../sims/fixtures/reference.ts';
import { buildSimsWeb } from '../../../sims/web/server.ts';
import { PuppeteerAppPort } from '../../drivers/puppeteer/app-port.ts';
import { openChromium, type Chromium } from '../../drivers/puppeteer/browser.ts';
import { HttpPortalPort } from '../../drivers/sim/portal-port.ts';
import { ensureCopyPutsTheOtpOnTheClipboard, ensurePasscodeReachableWhilePending } from './web-build-usable.ts';

let server: RunningServer;
let web: ReturnType<typeof buildSimsWeb>;
let build: string;
let chromium: Chromium;
beforeAll(async () => {
  server = await startReferenceServer({}, 61);
  web = buildSimsWeb({ server: server.origin, clock: server.clock, rng: seededRng(62) });
  await web.listen({ port: 0, host: '127.0.0.1' });
  build = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`;
  chromium = await openChromium();
}, 30_000);
afterAll(async () => {
  await chromium?.close();
  await web?.close();
  await server?.close();
});

async function signOn(username: string): Promise<HttpPortalPort> {
  const page = new HttpPortalPort(server.origin);
  await page.open('/portal/signon');
  await page.type(portal.controls.username, username);
  await page.type(portal.controls.password, `${username}-password`);
  await page.tap(portal.controls.signOnSubmit);
  return page;
}

describe('port checks in Chromium, on the sims\' web builds', () => {
  it('the passcode is reachable while a request is pending and signs on; Copy fills the OS clipboard', async () => {
    const cited: string[] = [];
    const ctx = { cite: (ids: readonly string[]) => void cited.push(...ids) };
    const phone = await PuppeteerAppPort.open({ app: 'mobile', url: `${build}/mobile`, context: await chromium.newContext(), cameraFile: chromium.camera });
    const pc = await PuppeteerAppPort.open({ app: 'desktop', url: `${build}/desktop`, context: await chromium.newContext() });
    try {
      const first = await signOn('alice');
      await first.tap(portal.controls.start);
      const key = String((await first.waitForScreen(portal.screens.addDevice)).values[portal.controls.pairingKey]);
      await phone.tap(mobile.controls.welcomeContinue);
      await phone.tap(mobile.controls.notificationsContinue);
      await phone.answerPermission('notifications', 'allow');
      await phone.tap(mobile.controls.enterPairingKey);
      await phone.type(mobile.controls.pairingKeyInput, key);
      await phone.tap(mobile.controls.pairingKeySubmit);
      await phone.waitForScreen(mobile.screens.authRequest);
      await phone.tap(mobile.controls.approve);
      await phone.tap(mobile.controls.successClose);
      const second = await signOn('alice');
      await second.waitForScreen(portal.screens.pushWaiting);
      await phone.receive();
      await phone.waitForScreen(mobile.screens.authRequest);
      await ensurePasscodeReachableWhilePending(ctx, phone, second);

      const desktopKey = (await server.app.inject({ method: 'POST', url: '/test/v1/pairing-keys', payload: { username: 'bob' } })).json<{ key: string }>().key;
      await pc.type(desktop.controls.pairingKeyInput, desktopKey);
      await pc.tap(desktop.controls.pair);
      await ensureCopyPutsTheOtpOnTheClipboard(ctx, pc);
      expect(cited).toEqual(['MOB-AUTH-PASSCODE', 'DSK-PAIR-OTP-COPY']);
    } finally {
      await phone.close();
      await pc.close();
    }
  }, 25_000);
});
