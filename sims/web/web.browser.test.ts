/**
 * The sims' web builds in headless Chromium (one browser for the file): both pages load and show
 * the contract's IDs; the mobile build pairs end to end with the reference server, once through
 * the fake camera (a Y4M frame of the portal's QR code, decoded by jsQR in the page) and once
 * through the image-upload fallback; the desktop build pairs and shows its OTP.
 *
 * Set AUTHCONF_SCREENSHOTS=<dir> to save a PNG of every screen visited (for looking at them).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../models/runtime.ts';
import { desktop, mobile } from '../../models/testids.ts';
import { PortalVisitor, qrPngFromPage, startReferenceServer, type RunningServer } from '../fixtures/reference.ts';
// One Y4M recipe: the Puppeteer driver's (tests may import the engine; test/layering.test.ts).
import { showOnCamera } from '../../suites/drivers/puppeteer/y4m.ts';
import { openChromium, type Chromium } from '../../suites/drivers/puppeteer/browser.ts';
import { buildSimsWeb } from './server.ts';

const M = mobile.screens;
const MC = mobile.controls;
const D = desktop.screens;
const DC = desktop.controls;
const shots = process.env.AUTHCONF_SCREENSHOTS;

let server: RunningServer;
let web: ReturnType<typeof buildSimsWeb>;
let webOrigin: string;
let chromium: Chromium;
let browser: Browser;
let dir: string;
let camera: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authconf-web-'));
  if (shots) mkdirSync(shots, { recursive: true });
  server = await startReferenceServer({}, 11);
  web = buildSimsWeb({ server: server.origin, clock: server.clock, rng: seededRng(12) });
  await web.listen({ port: 0, host: '127.0.0.1' });
  const address = web.server.address();
  webOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Debian's chromium with a fake camera, launched as the Puppeteer driver launches it (one recipe).
  chromium = await openChromium();
  browser = chromium.browser;
  camera = chromium.camera!;
  showOnCamera(camera, undefined); // a blank frame until a test points the camera at a code
}, 30_000);

afterAll(async () => {
  await chromium?.close();
  await web?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitForScreen(page: Page, id: string, timeout = 5000): Promise<void> {
  await page.waitForSelector(`section.screen[data-testid="${id}"]`, { timeout });
  if (shots) await page.screenshot({ path: join(shots, `${id}.png`) });
}

async function tap(page: Page, testid: string, item?: number): Promise<void> {
  const selector = `[data-testid="${testid}"]${item === undefined ? '' : `[data-item="${item}"]`}`;
  await page.waitForSelector(selector, { timeout: 5000 });
  const before = await page.$eval('#app', (el) => el.innerHTML);
  await page.click(selector);
  await page.waitForFunction((html) => document.querySelector('#app')!.innerHTML !== html, { timeout: 5000 }, before);
}

async function typeInto(page: Page, testid: string, text: string): Promise<void> {
  const selector = `[data-testid="${testid}"]`;
  await page.waitForSelector(selector);
  await page.type(selector, text); // each keystroke posts a 'type' gesture; the page sends gestures in order
}

/** A user of the reference server's test control, with password `${username}-password` (alice and bob are the demo users). */
async function seedUser(username: string): Promise<void> {
  const res = await fetch(`${server.origin}/test/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `${username}-password` }) });
  expect(res.status).toBeLessThan(300);
}

async function portalQr(username: string): Promise<{ png: Uint8Array; visitor: PortalVisitor }> {
  const visitor = new PortalVisitor(server.origin);
  await visitor.signOn(username, `${username}-password`);
  const page = await visitor.postForm('/portal/registration/start', {});
  return { png: qrPngFromPage(page.text), visitor };
}

async function onboard(page: Page): Promise<void> {
  await waitForScreen(page, M.welcome);
  await tap(page, MC.welcomeContinue);
  await waitForScreen(page, M.notifications);
  await tap(page, MC.notificationsContinue);
  await waitForScreen(page, M.notificationsPrompt);
  await tap(page, MC.notificationsAllow);
  await waitForScreen(page, M.scan);
}

describe('mobile web build', () => {
  it('loads in Chromium, phone-sized, with the contract IDs on screen and controls', async () => {
    await fetch(`${webOrigin}/mobile/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reinstall":true}' });
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(`${webOrigin}/mobile`);
    await waitForScreen(page, M.welcome);
    const ids = await page.$$eval('[data-testid]', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids).toEqual([M.welcome, MC.termsLink, MC.welcomeContinue]);
    const width = await page.$eval('#app', (el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('pairs end to end through the fake camera: the portal QR in the camera frame, decoded by jsQR in the page', async () => {
    await fetch(`${webOrigin}/mobile/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reinstall":true}' });
    const { png, visitor } = await portalQr('alice');
    showOnCamera(camera, png);
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(`${webOrigin}/mobile`);
    await onboard(page);
    await tap(page, MC.scan);
    await waitForScreen(page, M.cameraPrompt);
    await tap(page, MC.cameraAllow);
    // The capture screen opens the camera; the first frame holds the QR code.
    await waitForScreen(page, M.authRequest, 10_000);
    expect(await page.$eval(`[data-testid="${MC.authOrganization}"]`, (el) => el.textContent)).toBeTruthy();
    await tap(page, MC.approve);
    await waitForScreen(page, M.success);
    expect(await visitor.json<{ paired: boolean }>('/portal/pairing/status.json')).toMatchObject({ paired: true });
    await tap(page, MC.successClose);
    await waitForScreen(page, M.accounts);
    expect(await page.$$eval(`[data-testid="${MC.otpValue}"]`, (els) => els.map((e) => e.textContent))).toEqual([expect.stringMatching(/^\d{6}$/)]);
    await tap(page, MC.accountItem, 0);
    await waitForScreen(page, M.otp);
    // A later sign-on: the page's polling brings the new request to the screen; Deny answers it.
    const later = new PortalVisitor(server.origin);
    expect(await later.signOn('alice', 'alice-password')).toMatch(/\/portal\/push$/);
    await waitForScreen(page, M.authRequest, 5000);
    await tap(page, MC.deny);
    await waitForScreen(page, M.denied);
    await later.get('/portal/push/continue');
    expect(later.url).toMatch(/\/portal\/failure$/);
    await page.close();
  }, 20_000);

  it('while a request is pending, the passcode is one tap away (seed 001: approve OR enter the passcode), and signs on', async () => {
    await fetch(`${webOrigin}/mobile/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reinstall":true}' });
    await seedUser('dave');
    const { png } = await portalQr('dave');
    showOnCamera(camera, png);
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(`${webOrigin}/mobile`);
    await onboard(page);
    await tap(page, MC.scan);
    await tap(page, MC.cameraAllow);
    await waitForScreen(page, M.authRequest, 10_000);
    await tap(page, MC.approve);
    await waitForScreen(page, M.success);
    await tap(page, MC.successClose);
    await waitForScreen(page, M.accounts);
    // A later sign-on from a browser: the request says when and from which browser; the passcode is reachable without Deny.
    const signOn = await context.newPage();
    await signOn.goto(`${server.origin}/portal/signon`);
    await signOn.type('[data-testid="signon-username"]', 'dave');
    await signOn.type('[data-testid="signon-password"]', 'dave-password');
    await Promise.all([signOn.waitForNavigation(), signOn.click('[data-testid="signon-submit"]')]);
    await signOn.waitForSelector('[data-testid="portal-push-waiting"]');
    await page.bringToFront(); // the person looks at the phone (a hidden page does not poll)
    await waitForScreen(page, M.authRequest, 5000);
    expect(await page.$eval(`[data-testid="${MC.authBrowser}"]`, (el) => el.textContent)).toMatch(/^Chrome on /);
    expect(await page.$eval(`[data-testid="${MC.authTime}"]`, (el) => el.textContent)).toMatch(/UTC$/);
    await tap(page, MC.authUsePasscode);
    await waitForScreen(page, M.otp);
    const passcode = await page.$eval(`[data-testid="${MC.otpValue}"]`, (el) => el.textContent!);
    expect(passcode).toMatch(/^\d{6}$/);
    // The person enters it in the portal ("Use a passcode instead"): signed on.
    await signOn.bringToFront();
    await Promise.all([signOn.waitForNavigation(), signOn.click('[data-testid="push-use-passcode"]')]);
    await signOn.type('[data-testid="auth-otp-field"]', passcode);
    await Promise.all([signOn.waitForNavigation(), signOn.click('[data-testid="auth-signon"]')]);
    await signOn.waitForSelector('[data-testid="portal-success"]');
    await context.close();
  }, 20_000);

  it('pairs through the image-upload fallback; an upload that is not an image is QR_UNREADABLE', async () => {
    await fetch(`${webOrigin}/mobile/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reinstall":true}' });
    showOnCamera(camera, undefined); // the camera sees no code
    const { png } = await portalQr('bob');
    const file = join(dir, 'qr.png');
    writeFileSync(file, png);
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(`${webOrigin}/mobile`);
    await onboard(page);
    await tap(page, MC.scan);
    await tap(page, MC.cameraAllow);
    await waitForScreen(page, M.capture);
    const input = await page.waitForSelector(`input[data-testid="${MC.captureImage}"]`);
    const notAnImage = join(dir, 'not-an-image.png');
    writeFileSync(notAnImage, 'hello');
    await input!.uploadFile(notAnImage);
    await waitForScreen(page, M.error);
    expect(await page.$eval(`[data-testid="${MC.errorCode}"]`, (el) => el.textContent)).toBe('QR_UNREADABLE');
    await tap(page, MC.errorBack);
    await waitForScreen(page, M.scan); // back to Scan, as after any refused code
    await tap(page, MC.scan);
    await waitForScreen(page, M.capture);
    const again = await page.waitForSelector(`input[data-testid="${MC.captureImage}"]`);
    await again!.uploadFile(file);
    await waitForScreen(page, M.authRequest);
    await tap(page, MC.useBiometrics);
    await waitForScreen(page, M.biometricConsent);
    await tap(page, MC.biometricAllow);
    await waitForScreen(page, M.success);
    await page.close();
  }, 20_000);
});

describe('desktop web build', () => {
  it('loads with the contract IDs, pairs with the Desktop Setup key and shows the OTP', async () => {
    await fetch(`${webOrigin}/desktop/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reinstall":true}' });
    const seeded = await fetch(`${server.origin}/test/v1/pairing-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice' }) });
    const { key } = (await seeded.json()) as { key: string };
    const page = await browser.newPage();
    await page.setViewport({ width: 480, height: 640 });
    await page.goto(`${webOrigin}/desktop`);
    await waitForScreen(page, D.pairing);
    const ids = await page.$$eval('[data-testid]', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(ids).toEqual(expect.arrayContaining([D.pairing, DC.profileName, DC.addProfile, DC.pairingKeyInput, DC.pair]));
    await tap(page, DC.addProfile);
    await waitForScreen(page, D.profileCreate);
    await typeInto(page, DC.profileNameInput, 'Work');
    await tap(page, DC.profileCreate);
    await waitForScreen(page, D.pairing);
    expect(await page.$eval(`[data-testid="${DC.profileName}"]`, (el) => el.textContent)).toBe('Work');
    await typeInto(page, DC.pairingKeyInput, key);
    await tap(page, DC.pair);
    await waitForScreen(page, D.otp);
    const otp = await page.$eval(`[data-testid="${DC.otpValue}"]`, (el) => el.textContent);
    expect(otp).toMatch(/^\d{6}$/);
    await page.click(`[data-testid="${DC.otpCopy}"]`);
    await page.waitForFunction(async (origin) => (await (await fetch(`${origin}/desktop/clipboard`)).json()).text !== '', {}, webOrigin);
    expect(((await (await fetch(`${webOrigin}/desktop/clipboard`)).json()) as { text: string }).text).toBe(otp);
    await page.close();
  }, 20_000);

  it('Copy puts the OTP on the browser\'s real clipboard, where a paste into the portal signs on (seed 002 step 6)', async () => {
    await fetch(`${webOrigin}/desktop/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reinstall":true}' });
    await seedUser('carol');
    const seeded = await fetch(`${server.origin}/test/v1/pairing-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'carol' }) });
    const { key } = (await seeded.json()) as { key: string };
    const context = await browser.createBrowserContext(); // incognito: a clipboard grant for this origin only
    await context.overridePermissions(webOrigin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const page = await context.newPage();
    await page.goto(`${webOrigin}/desktop`);
    await waitForScreen(page, D.pairing);
    // A wrong key first: a clear sentence and a stable code, not the server's text.
    await typeInto(page, DC.pairingKeyInput, 'not-a-key');
    await tap(page, DC.pair);
    await waitForScreen(page, D.error);
    expect(await page.$eval(`[data-testid="${DC.errorCode}"]`, (el) => el.textContent)).toBe('PAIRING_KEY_INVALID');
    expect(await page.$eval(`[data-testid="${DC.errorMessage}"]`, (el) => el.textContent)).toBe('This pairing key is not valid. Check the key and try again.');
    await tap(page, DC.errorBack);
    await waitForScreen(page, D.pairing);
    expect(await page.$eval(`label[for="field-${DC.pairingKeyInput}"]`, (el) => el.textContent)).toBe('Pairing Key');
    await typeInto(page, DC.pairingKeyInput, key);
    await tap(page, DC.pair);
    await waitForScreen(page, D.otp);
    const otp = await page.$eval(`[data-testid="${DC.otpValue}"]`, (el) => el.textContent);
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await page.click(`[data-testid="${DC.otpCopy}"]`);
    await page.waitForFunction(async (code) => (await navigator.clipboard.readText()) === code, { timeout: 5000 }, otp);
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    // Paste into the portal's Authentication field: the desktop app's OTP signs on.
    const visitor = new PortalVisitor(server.origin);
    expect(await visitor.signOn('carol', 'carol-password')).toMatch(/\/portal\/otp$/);
    await visitor.postForm('/portal/otp', { otp: pasted });
    expect(visitor.url).toMatch(/\/portal\/success$/);
    await context.close();
  }, 20_000);

  it('Create PIN states the rule above a labelled field, before the person types (seed 002 step 5.1)', async () => {
    // An organisation that requires a 6-digit PIN: its own server and web build.
    const pinServer = await startReferenceServer({ pin: { length: 6, distinctDigits6: 4 } }, 13);
    const pinWeb = buildSimsWeb({ server: pinServer.origin, clock: pinServer.clock, rng: seededRng(14) });
    let page: Page | undefined;
    try {
      await pinWeb.listen({ port: 0, host: '127.0.0.1' });
      const address = pinWeb.server.address();
      const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const seeded = await fetch(`${pinServer.origin}/test/v1/pairing-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice' }) });
      const { key } = (await seeded.json()) as { key: string };
      page = await browser.newPage();
      await page.setViewport({ width: 480, height: 640 });
      // No background poll (?poll=0): the screens here follow the gestures alone.
      await page.goto(`${origin}/desktop?poll=0`);
      await waitForScreen(page, D.pairing);
      await typeInto(page, DC.pairingKeyInput, key);
      await tap(page, DC.pair);
      await waitForScreen(page, D.pinCreate);
      expect(await page.$eval(`[data-testid="${DC.pinRule}"]`, (el) => el.textContent)).toMatch(/6-digit PIN with at least 4 different digits/);
      expect(await page.$eval(`label[for="field-${DC.pinInput}"]`, (el) => el.textContent)).toBe('Enter PIN');
      expect(await page.$eval(`[data-testid="${DC.pinInput}"]`, (el) => el.getAttribute('placeholder'))).toBe('6 digits');
    } finally {
      // The page first: its connections to the build would hold the build's close.
      await page?.close();
      await pinWeb.close();
      await pinServer.close();
    }
  }, 60_000); // its own server and build: more set-up than the others, slow when the suite shares the cores
});
