/**
 * The portal in real Chromium on a real port: a person signs on, reaches the QR code, and the
 * page moves on by itself when the phone pairs and approves (the polling script, not the test).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer';
import { portal } from '../../models/testids.ts';
import { normalizeKey } from '../../models/qr.ts';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { listen, type Listening } from '../listen.ts';

const CHROMIUM = process.env.AUTHCONF_CHROMIUM ?? '/usr/bin/chromium';
const { controls: C } = portal;
let server: Listening;
let browser: Browser;

beforeAll(async () => {
  server = await listen({ port: 0, clock: new ManualClock(), rng: seededRng(5) });
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

// Skipped only on a machine without Chromium (install Debian's chromium or set AUTHCONF_CHROMIUM).
test.skipIf(!existsSync(CHROMIUM))('sign on, Start, QR code; the page follows pairing and approval to the green check (needs Chromium)', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/portal/signon`);
  await page.type(`[data-testid=${C.username}]`, 'alice');
  await page.type(`[data-testid=${C.password}]`, 'alice-password');
  await Promise.all([page.waitForNavigation(), page.click(`[data-testid=${C.signOnSubmit}]`)]);
  await Promise.all([page.waitForNavigation(), page.click(`[data-testid=${C.start}]`)]);
  const qrLoaded = await page.$eval(`[data-testid=${C.qrImage}]`, (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 100);
  expect(qrLoaded).toBe(true);
  const key = normalizeKey(await page.$eval(`[data-testid=${C.pairingKey}]`, (el) => el.textContent ?? ''));
  // The phone: claim, pair, approve over the device API.
  const claim = await (await fetch(`${server.url}/device/v1/pairing-keys/claim`, json({ key }))).json();
  const paired = await (
    await fetch(
      `${server.url}/device/v1/pairings`,
      json({ claimToken: claim.claimToken, device: { kind: 'mobile', name: 'iPhone 15', platform: 'ios' }, pin: { configured: false, length: 0 }, location: { permission: 'granted' }, biometrics: { enrolled: true } }),
    )
  ).json();
  await page.waitForSelector(`[data-testid=${C.pushStatus}]`, { timeout: 10_000 });
  await fetch(`${server.url}/device/v1/requests/${paired.authenticationRequestId}/approve`, json({ method: 'tap', pinVerified: true, biometricVerified: false }, { authorization: `Bearer ${paired.deviceToken}` }));
  await page.waitForSelector(`[data-testid=${C.successCheck}]`, { timeout: 10_000 });
  expect(await page.$eval(`[data-testid=${C.redirectLink}]`, (a) => (a as HTMLAnchorElement).href)).toBe(`${server.url}/app/callback`);
});
