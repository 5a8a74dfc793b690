/**
 * The mobile sim against the real reference server over a real port: the QR PNG comes from the
 * portal's Add a New Device page, the sim decodes it, pairs, and answers authentication
 * requests the portal raises on sign-on (approve, deny, biometrics, PIN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { mobile, portal } from '../../models/testids.ts';
import { PortalVisitor, qrPngFromPage, startReferenceServer, type RunningServer } from '../fixtures/reference.ts';
import { build } from '../../reference-server/app.ts';
import { fetchHttpClient, injectHttpClient } from '../shared/http-client.ts';
import { createMobileApp, type MobileApp } from './app.ts';

const S = mobile.screens;
const C = mobile.controls;

function appFor(server: RunningServer, seed: number, extra: Parameters<typeof createMobileApp>[0]['platform'] = {}): MobileApp {
  // The sim's clock follows the server's manual clock, as a phone's clock follows real time.
  const clock: ManualClock = server.clock;
  return createMobileApp({ clock, rng: seededRng(seed), http: fetchHttpClient(), server: server.origin, platform: extra });
}

async function onboardToCapture(app: MobileApp): Promise<void> {
  await app.tap(C.welcomeContinue);
  await app.tap(C.notificationsContinue);
  await app.tap(C.notificationsAllow);
  await app.tap(C.scan);
  await app.tap(C.cameraAllow);
}

/** Sign on as a user with no device, click Start, read the QR PNG from Add a New Device. */
async function addDeviceQr(visitor: PortalVisitor, username: string): Promise<Uint8Array> {
  expect(await visitor.signOn(username, `${username}-password`)).toMatch(/\/portal\/registration$/);
  const page = await visitor.postForm('/portal/registration/start', {});
  expect(page.text).toContain(`data-testid="${portal.screens.addDevice}"`);
  return qrPngFromPage(page.text);
}

describe('mobile sim x reference server (default policy)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startReferenceServer();
  });
  afterAll(async () => server.close());

  it('scans the portal QR, pairs, approves the request that follows, and the portal signs on', async () => {
    const visitor = new PortalVisitor(server.origin);
    const png = await addDeviceQr(visitor, 'alice');
    const app = appFor(server, 1);
    await onboardToCapture(app);
    await app.scan(png);
    expect(app.visited().slice(-2)).toEqual([S.otp, S.authRequest]);
    expect(app.snapshot().values[C.authOrganization]).toBeTruthy();
    expect(await visitor.json<{ paired: boolean }>('/portal/pairing/status.json')).toMatchObject({ paired: true });
    await app.tap(C.approve);
    expect(app.snapshot().screen).toBe(S.success);
    const done = await visitor.get('/portal/pairing/continue');
    expect(visitor.url).toMatch(/\/portal\/(push|success)/);
    if (!visitor.url.endsWith('/portal/success')) await visitor.get('/portal/push/continue');
    expect(visitor.url).toMatch(/\/portal\/success$/);
    expect(done.status).toBe(200);

    // Next sign-on: the portal sends a push; the app sees it on refresh and denies it.
    const again = new PortalVisitor(server.origin);
    expect(await again.signOn('alice', 'alice-password')).toMatch(/\/portal\/push$/);
    await app.tap(C.successClose);
    expect(await app.refresh()).toMatchObject({ requests: 1 });
    expect(app.snapshot().screen).toBe(S.authRequest);
    await app.tap(C.deny);
    expect(app.snapshot().screen).toBe(S.denied);
    await again.get('/portal/push/continue');
    expect(again.url).toMatch(/\/portal\/failure$/);

    // And with biometrics (consent asked the first time).
    const third = new PortalVisitor(server.origin);
    await third.signOn('alice', 'alice-password');
    await app.tap(C.successClose);
    await app.refresh();
    await app.tap(C.useBiometrics);
    expect(app.snapshot().screen).toBe(S.biometricConsent);
    await app.tap(C.biometricAllow);
    expect(app.snapshot().screen).toBe(S.success);
    await third.get('/portal/push/continue');
    expect(third.url).toMatch(/\/portal\/success$/);
  });

  it('a used key and a wrong key are error screens with the server codes', async () => {
    const visitor = new PortalVisitor(server.origin);
    const png = await addDeviceQr(visitor, 'bob');
    const first = appFor(server, 2);
    await onboardToCapture(first);
    await first.scan(png);
    expect(first.snapshot().screen).toBe(S.authRequest);
    const second = appFor(server, 3);
    await onboardToCapture(second);
    await second.scan(png);
    expect(second.snapshot()).toMatchObject({ screen: S.error, values: { [C.errorCode]: 'PAIRING_KEY_USED' } });
    await second.tap(C.enterPairingKey);
    second.type(C.pairingKeyInput, '1234 5678 9012');
    await second.tap(C.pairingKeySubmit);
    expect(second.snapshot().values[C.errorCode]).toBe('PAIRING_KEY_INVALID');
  });

  it('an expired key is refused (the server clock moves on)', async () => {
    const issued = await (await fetch(`${server.origin}/test/v1/pairing-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice' }) })).json() as { key: string };
    server.clock.advance(601_000);
    const app = appFor(server, 4);
    await onboardToCapture(app);
    await app.tap(C.enterPairingKey);
    app.type(C.pairingKeyInput, issued.key);
    await app.tap(C.pairingKeySubmit);
    expect(app.snapshot().values[C.errorCode]).toBe('PAIRING_KEY_EXPIRED');
  });

  it('a server that is gone is NETWORK_ERROR, not a crash', async () => {
    const gone = await startReferenceServer();
    const app = createMobileApp({ clock: gone.clock, rng: seededRng(5), http: fetchHttpClient(), server: gone.origin });
    await gone.close();
    await onboardToCapture(app);
    await app.tap(C.enterPairingKey);
    app.type(C.pairingKeyInput, '1234 5678 9012');
    await app.tap(C.pairingKeySubmit);
    expect(app.snapshot().values[C.errorCode]).toBe('NETWORK_ERROR');
  });
});

describe('mobile sim x reference server (PIN 4 digits, location required)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startReferenceServer({ pin: { length: 4 }, locationRequired: true }, 2);
  });
  afterAll(async () => server.close());

  it('creates a PIN by the rules, allows location, pairs, and enters the PIN to approve', async () => {
    const visitor = new PortalVisitor(server.origin);
    const png = await addDeviceQr(visitor, 'alice');
    const app = appFor(server, 6);
    await onboardToCapture(app);
    await app.scan(png);
    expect(app.snapshot().screen).toBe(S.pinCreate);
    app.type(C.pinInput, '1234');
    await app.tap(C.pinNext);
    expect(app.snapshot().values[C.pinError]).toBe('PIN_SEQUENCE');
    app.type(C.pinInput, '2580');
    await app.tap(C.pinNext);
    app.type(C.pinConfirmInput, '2580');
    await app.tap(C.pinConfirmDone);
    expect(app.snapshot().screen).toBe(S.location);
    await app.tap(C.locationContinue);
    await app.tap(C.locationAllow);
    expect(app.snapshot().screen).toBe(S.authRequest);
    await app.tap(C.approve);
    expect(app.snapshot().screen).toBe(S.pinEntry);
    app.type(C.pinEntryInput, '2580');
    await app.tap(C.pinEntrySubmit);
    expect(app.snapshot().screen).toBe(S.success);
  });

  it('location denied: the server refuses to complete pairing', async () => {
    const visitor = new PortalVisitor(server.origin);
    const png = await addDeviceQr(visitor, 'bob');
    const app = appFor(server, 7);
    await onboardToCapture(app);
    await app.scan(png);
    app.type(C.pinInput, '1357');
    await app.tap(C.pinNext);
    app.type(C.pinConfirmInput, '1357');
    await app.tap(C.pinConfirmDone);
    await app.tap(C.locationContinue);
    await app.tap(C.locationDeny);
    expect(app.snapshot()).toMatchObject({ screen: S.location, values: { [C.errorCode]: 'LOCATION_REQUIRED' } });
    expect(app.accounts()).toHaveLength(0); // not paired: the app asks again (seed 000 step 9)
  });
});

describe('mobile sim x reference server in process (injectHttpClient)', () => {
  it('pairs through Fastify inject with the same protocol as over the socket', async () => {
    const clock = new ManualClock();
    const server = build({ clock, rng: seededRng(21), testControl: true, baseUrl: 'http://org.test', logger: false });
    await server.ready();
    try {
      const http = injectHttpClient(server);
      const issued = await http.request('POST', 'http://org.test/test/v1/pairing-keys', { username: 'alice' });
      const { qr } = issued.json as { qr: string };
      const app = createMobileApp({ clock, rng: seededRng(22), http, server: 'http://org.test' });
      await onboardToCapture(app);
      await app.scanText(qr);
      expect(app.snapshot().screen).toBe(S.authRequest);
      await app.tap(C.approve);
      expect(app.snapshot().screen).toBe(S.success);
    } finally {
      await server.close();
    }
  });
});
