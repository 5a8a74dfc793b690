/**
 * Issue 10, "web builds a person can use", on the mobile sim core (the web build renders the same
 * views): the passcode is reachable while a request is pending (seed 001: approve the request OR
 * enter the passcode), requests say when, from which browser and where, old requests do not pile
 * up, the PIN screen states the policy's rule, fields are labelled, and error screens never show
 * the server's raw text.
 */
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { encodeQr } from '../../models/qr.ts';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { mobile } from '../../models/testids.ts';
import { FakeDeviceServer } from '../fixtures/fake-device-server.ts';
import { createMobileApp, type MobileApp } from './app.ts';
import type { MobileDeviation } from './options.ts';

const S = mobile.screens;
const C = mobile.controls;

function setup(deviations: MobileDeviation[] = []) {
  const clock = new ManualClock(Date.parse('2026-11-30T09:30:00Z'));
  const server = new FakeDeviceServer(clock);
  const app = createMobileApp({ clock, rng: seededRng(7), http: server, server: 'http://org.test', deviations });
  return { clock, server, app };
}

async function pairedOnRequest(app: MobileApp, server: FakeDeviceServer): Promise<void> {
  await app.tap(C.welcomeContinue);
  await app.tap(C.notificationsContinue);
  await app.tap(C.notificationsAllow);
  await app.tap(C.scan);
  await app.tap(C.cameraAllow);
  await app.scanText(encodeQr({ kind: 'pair', key: server.issueKey('alice') }));
}

describe('mobile sim: usable by a person (issue 10)', () => {
  it('while a request is pending, Use passcode instead shows the passcode without denying (seed 001)', async () => {
    const { app, server, clock } = setup();
    await pairedOnRequest(app, server);
    expect(app.snapshot()).toMatchObject({ screen: S.authRequest, values: { [C.authUsePasscode]: 'Use passcode instead' } });
    await app.tap(C.authUsePasscode);
    const secret = server.devices[0]!.otpSecret;
    expect(app.snapshot()).toMatchObject({ screen: S.otp, values: { [C.otpValue]: generateSync({ secret, epoch: Math.floor(clock.now() / 1000) }) } });
    expect(server.requests[0]).toMatchObject({ status: 'pending' }); // not denied: the passcode path stays open on the portal
    // The request set aside does not come back on the next check.
    await app.refresh();
    expect(app.snapshot().screen).toBe(S.otp);
  });

  it('a request shows its time, browser and place; without a place name, the address', async () => {
    const { app, server, clock } = setup();
    await pairedOnRequest(app, server);
    await app.tap(C.approve);
    await app.tap(C.successClose);
    clock.advance(60_000);
    server.pushRequest(server.devices[0]!.id, 40_000, { browser: 'Firefox on Windows', ipAddress: '203.0.113.7' });
    await app.refresh();
    expect(app.snapshot()).toMatchObject({
      screen: S.authRequest,
      values: { [C.authTime]: '30 Nov 2026, 09:31:00 UTC', [C.authBrowser]: 'Firefox on Windows', [C.authLocation]: 'IP address 203.0.113.7' },
    });
  });

  it('a queued request the server no longer lists (answered elsewhere) never shows', async () => {
    const { app, server } = setup();
    await pairedOnRequest(app, server);
    const deviceId = server.devices[0]!.id;
    const first = server.requests[0]!.id;
    const stale = server.pushRequest(deviceId);
    await app.refresh(); // the second request is queued behind the one on screen
    server.requests.find((r) => r.id === stale)!.status = 'approved'; // e.g. the user signed on with the passcode
    await app.tap(C.approve);
    expect(server.requests.find((r) => r.id === first)).toMatchObject({ status: 'approved' });
    await app.tap(C.successClose);
    await app.refresh();
    expect(app.snapshot().screen).toBe(S.accounts);
  });

  it('a server that no longer knows the device (reset, or removed there) is said so on the account, with what to do', async () => {
    const { app, server } = setup();
    await pairedOnRequest(app, server);
    await app.tap(C.approve);
    await app.tap(C.successClose);
    server.devices.splice(0, 1); // the server forgot the phone
    await app.refresh();
    expect(app.view().body.join(' ')).toMatch(/Acme Corp no longer knows this device .* tap Unpair, then scan a new QR code/);
    await app.tap(C.accountItem, 0);
    expect(app.view().body.join(' ')).toMatch(/no longer knows this device/);
    await app.tap(C.unpair); // the server answers UNAUTHORIZED: the app forgets the account too
    expect(app.snapshot()).toMatchObject({ screen: S.accounts, values: { [C.accountItem]: [] } });
  });

  it('the PIN screens state the length and the distinct-digit rule; fields have labels', async () => {
    const { app, server } = setup();
    await app.tap(C.welcomeContinue);
    await app.tap(C.notificationsContinue);
    await app.tap(C.notificationsAllow);
    await app.tap(C.enterPairingKey);
    const keyField = app.view().controls.find((c) => c.id === C.pairingKeyInput)!;
    expect(keyField).toMatchObject({ label: 'Pairing key', placeholder: expect.any(String) });
    app.type(C.pairingKeyInput, server.issueKey('bob', { pinLength: 6, pinDistinctDigits6: 4 }));
    await app.tap(C.pairingKeySubmit);
    const view = app.view();
    expect(view.screen).toBe(S.pinCreate);
    // The rule is a control of the contract (pin-rule), so a check reads it by testID on any build.
    expect(app.snapshot().values[C.pinRule]).toMatch(/6-digit PIN with at least 4 different digits/);
    expect(view.controls.find((c) => c.id === C.pinInput)).toMatchObject({ label: 'New PIN', placeholder: '6 digits' });
  });

  it('a wrong key shows the stable code and a sentence of the app, not the server text', async () => {
    const { app } = setup();
    await app.tap(C.welcomeContinue);
    await app.tap(C.notificationsContinue);
    await app.tap(C.notificationsAllow);
    await app.tap(C.enterPairingKey);
    app.type(C.pairingKeyInput, '000000000000');
    await app.tap(C.pairingKeySubmit);
    expect(app.snapshot()).toMatchObject({ screen: S.error, values: { [C.errorCode]: 'PAIRING_KEY_INVALID', [C.errorMessage]: 'This pairing key is not valid. Check the key and try again.' } });
  });

  // The same faults as named deviations (models/deviations.ts): suites/deviations.test.ts proves the checks catch them.
  it('deviations request-hides-passcode and request-without-origin leave only Deny / Yes / Face ID', async () => {
    const { app, server } = setup(['request-hides-passcode', 'request-without-origin']);
    await pairedOnRequest(app, server);
    const snap = app.snapshot();
    expect(snap.screen).toBe(S.authRequest);
    expect(Object.keys(snap.values).sort()).toEqual([C.authOrganization, C.approve, C.useBiometrics, C.deny].sort());
  });

  it('deviation unstated-pin-rule shows Create a PIN without its rule', async () => {
    const { app, server } = setup(['unstated-pin-rule']);
    await app.tap(C.welcomeContinue);
    await app.tap(C.notificationsContinue);
    await app.tap(C.notificationsAllow);
    await app.tap(C.enterPairingKey);
    app.type(C.pairingKeyInput, server.issueKey('bob', { pinLength: 4 }));
    await app.tap(C.pairingKeySubmit);
    expect(app.snapshot().screen).toBe(S.pinCreate);
    expect(app.snapshot().values[C.pinRule]).toBeUndefined();
  });
});
