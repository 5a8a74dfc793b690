/**
 * One scripted scenario through the app port, run twice: in-process on the sims (`sim` driver)
 * and in Chromium on the sims' web builds (`puppeteer` driver). Each run gets its own reference
 * server built the same way (same seed, same simulated clock), so every screen and every value
 * (pairing keys, passcodes, countdowns) must come out equal. The scenario: pair the mobile app
 * with the portal's QR code (the camera), create a PIN, approve the request with the PIN; pair the
 * desktop app with the Desktop Setup key, create a PIN, Copy the OTP and read the OS clipboard.
 * The portal is read over HTTP in the first run and in Chromium in the second (the same port).
 * One browser for the file, a fresh incognito context per app and per portal user.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../models/runtime.ts';
import { desktop, mobile, portal } from '../../models/testids.ts';
import { startReferenceServer, type RunningServer } from '../../sims/fixtures/reference.ts';
import { fetchHttpClient } from '../../sims/shared/http-client.ts';
import { buildSimsWeb } from '../../sims/web/server.ts';
import { openChromium, type Chromium } from '../drivers/puppeteer/browser.ts';
import { PuppeteerAppPort, simsWebBuildControl } from '../drivers/puppeteer/app-port.ts';
import { SimDesktopPort, SimMobilePort } from '../drivers/sim/app-port.ts';
import { HttpPortalPort } from '../drivers/sim/portal-port.ts';
import { PuppeteerPortalPort } from '../drivers/puppeteer/portal-port.ts';
import type { AppPort } from './app-port.ts';
import type { PortalPort } from './portal-port.ts';

const M = mobile.screens;
const MC = mobile.controls;
const D = desktop.screens;
const DC = desktop.controls;
const P = portal.screens;
const PC = portal.controls;
const POLICY = { pin: { length: 4 as const } };
const PIN = '2580';

interface Step {
  step: string;
  screen: string;
  values: Record<string, unknown>;
}

interface Apps {
  mobile: AppPort<'mobile'>;
  desktop: AppPort<'desktop'>;
  /** A new browser (or HTTP client) on the portal for each user. */
  portal(): Promise<PortalPort>;
}

/** The scenario, written once against the ports; returns what each step showed. */
async function scenario(server: RunningServer, apps: Apps): Promise<Step[]> {
  const steps: Step[] = [];
  const seen = async (step: string, app: AppPort): Promise<void> => {
    const shown = await app.screen();
    // The request names the browser that pressed Start (issue 10): Chromium here, an HTTP client under the sim driver.
    const { [MC.authBrowser]: _portalBrowser, ...values } = shown.values as Record<string, unknown>;
    steps.push({ step, screen: shown.screen, values: values as typeof shown.values });
  };
  const web = await apps.portal();
  const { mobile: phone, desktop: pc } = apps;

  // Portal: sign on, Start, the Add a New Device window with the QR code.
  await web.open('/portal/signon');
  await web.type(PC.username, 'alice');
  await web.type(PC.password, 'alice-password');
  await web.tap(PC.signOnSubmit);
  await web.waitForScreen(P.registration);
  await web.tap(PC.start);
  await web.waitForScreen(P.addDevice);
  const qr = await web.image(PC.qrImage);

  // Mobile: onboarding, the camera on the QR code, the PIN, the request that follows, approved with the PIN.
  await phone.waitForScreen(M.welcome);
  await seen('welcome', phone);
  await phone.tap(MC.welcomeContinue);
  await phone.waitForScreen(M.notifications);
  await phone.tap(MC.notificationsContinue);
  await phone.waitForScreen(M.notificationsPrompt);
  await phone.answerPermission('notifications', 'allow');
  await phone.waitForScreen(M.scan);
  await seen('scan', phone);
  await phone.tap(MC.scan);
  await phone.waitForScreen(M.cameraPrompt);
  await phone.answerPermission('camera', 'allow');
  await phone.waitForScreen(M.capture);
  await seen('capture', phone);
  await phone.showToCamera(qr);
  await phone.waitForScreen(M.pinCreate);
  await seen('pin-create', phone);
  await phone.type(MC.pinInput, PIN);
  await phone.tap(MC.pinNext);
  await phone.waitForScreen(M.pinConfirm);
  await phone.type(MC.pinConfirmInput, PIN);
  await seen('pin-confirm typed', phone);
  await phone.tap(MC.pinConfirmDone);
  await phone.receive();
  await phone.waitForScreen(M.authRequest);
  await seen('auth-request', phone);
  await phone.tap(MC.approve);
  await phone.waitForScreen(M.pinEntry);
  await phone.type(MC.pinEntryInput, PIN);
  await phone.tap(MC.pinEntrySubmit);
  await phone.waitForScreen(M.success);
  await seen('success', phone);
  await phone.tap(MC.successClose);
  await phone.waitForScreen(M.accounts);
  await seen('accounts', phone);

  // Portal, second user: Desktop Setup shows the pairing key.
  await server.app.inject({ method: 'POST', url: '/test/v1/users', payload: { username: 'dana', password: 'dana-password' } });
  const web2 = await apps.portal();
  await web2.open('/portal/signon');
  await web2.type(PC.username, 'dana');
  await web2.type(PC.password, 'dana-password');
  await web2.tap(PC.signOnSubmit);
  await web2.tap(PC.start);
  await web2.tap(PC.chooseDesktop);
  const setup = await web2.waitForScreen(P.desktopSetup);
  const key = String(setup.values[PC.desktopPairingKey]);

  // Desktop: the key, the PIN, the OTP; Copy puts it on the OS clipboard.
  await pc.waitForScreen(D.pairing);
  await seen('desktop pairing', pc);
  await pc.type(DC.pairingKeyInput, key);
  await pc.tap(DC.pair);
  await pc.waitForScreen(D.pinCreate);
  await seen('desktop pin-create', pc);
  await pc.type(DC.pinInput, PIN);
  await pc.tap(DC.pinNext);
  await pc.waitForScreen(D.pinConfirm);
  await pc.type(DC.pinConfirmInput, PIN);
  await pc.tap(DC.pinDone);
  const otp = await pc.waitForScreen(D.otp);
  await seen('desktop otp', pc);
  await pc.tap(DC.otpCopy);
  steps.push({ step: 'clipboard after Copy', screen: D.otp, values: { clipboard: await pc.readClipboard(), shown: otp.values[DC.otpValue] } });
  await web.close();
  await web2.close();
  return steps;
}

let chromium: Chromium;
beforeAll(async () => {
  chromium = await openChromium();
}, 30_000);
afterAll(async () => chromium?.close());

async function runOnSims(): Promise<Step[]> {
  const server = await startReferenceServer(POLICY, 21);
  try {
    const common = { clock: server.clock, rng: seededRng(22), http: fetchHttpClient(), server: server.origin };
    return await scenario(server, { mobile: new SimMobilePort(common), desktop: new SimDesktopPort(common), portal: async () => new HttpPortalPort(server.origin) });
  } finally {
    await server.close();
  }
}

async function runInChromium(shots: string[]): Promise<Step[]> {
  const server = await startReferenceServer(POLICY, 21);
  const web = buildSimsWeb({ server: server.origin, clock: server.clock, rng: seededRng(22) });
  await web.listen({ port: 0, host: '127.0.0.1' });
  const build = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`;
  const evidence = (screen: string, png: Uint8Array): void => void shots.push(`${screen}:${png.length}`);
  const open = async <A extends 'mobile' | 'desktop'>(app: A) =>
    PuppeteerAppPort.open({ app, url: `${build}/${app}`, context: await chromium.newContext(), cameraFile: chromium.camera, buildControl: simsWebBuildControl(`${build}/${app}`), onScreenshot: evidence });
  const apps = {
    mobile: await open('mobile'),
    desktop: await open('desktop'),
    portal: async () => new PuppeteerPortalPort({ origin: server.origin, context: await chromium.newContext(), onScreenshot: evidence }),
  };
  try {
    return await scenario(server, apps);
  } finally {
    await apps.mobile.close();
    await apps.desktop.close();
    await web.close();
    await server.close();
  }
}

describe('the app port: one scenario, the same screens and values on the sim and in Chromium', () => {
  it('pairs the phone by QR code with a PIN and approves; pairs the desktop by key and copies the OTP to the OS clipboard', async () => {
    const onSims = await runOnSims();
    const shots: string[] = [];
    const inChromium = await runInChromium(shots);
    expect(inChromium.map((s) => `${s.step}: ${s.screen}`)).toEqual(onSims.map((s) => `${s.step}: ${s.screen}`));
    for (const [i, step] of onSims.entries()) expect(inChromium[i], step.step).toEqual(step);
    const last = onSims.at(-1)!.values;
    expect(last.clipboard).toMatch(/^\d{6}$/);
    expect(last.clipboard).toBe(last.shown);
    // Evidence: a screenshot of every screen the Chromium run saw.
    expect(shots.map((s) => s.split(':')[0])).toEqual(expect.arrayContaining([P.signOn, P.addDevice, P.desktopSetup, M.welcome, M.capture, M.authRequest, M.success, D.pairing, D.otp]));
  }, 30_000);
});
