/**
 * The mobile sim's app logic against the test-only fake device API (sims/fixtures). The same
 * flows run against the real reference server in app.integration.test.ts.
 */
import QRCode from 'qrcode';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { encodeQr } from '../../models/qr.ts';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { mobile } from '../../models/testids.ts';
import { FakeDeviceServer } from '../fixtures/fake-device-server.ts';
import { GestureError } from '../shared/gesture-error.ts';
import { memoryKeystore, type Keystore } from '../shared/keystore.ts';
import { createMobileApp, type MobileApp } from './app.ts';
import type { MobileAppOptions } from './options.ts';

const S = mobile.screens;
const C = mobile.controls;
const SERVER = 'http://org.test';

async function qrPng(text: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }));
}

function setup(extra: Partial<MobileAppOptions> = {}) {
  const clock = new ManualClock();
  const server = new FakeDeviceServer(clock);
  const keystore: Keystore = extra.keystore ?? memoryKeystore();
  const app = createMobileApp({ clock, rng: seededRng(7), http: server, server: SERVER, keystore, ...extra });
  return { clock, server, keystore, app };
}

async function onboard(app: MobileApp): Promise<void> {
  await app.tap(C.welcomeContinue);
  await app.tap(C.notificationsContinue);
  await app.tap(C.notificationsAllow);
}

async function scanToCapture(app: MobileApp): Promise<void> {
  await app.tap(C.scan);
  if (app.snapshot().screen === S.cameraPrompt) await app.tap(C.cameraAllow);
}

describe('mobile sim: onboarding and scanning (seed 000 steps 2-7)', () => {
  it('shows the screens in the documented order and pairs from a scanned QR PNG', async () => {
    const { app, server } = setup();
    expect(app.snapshot()).toMatchObject({ screen: S.welcome, values: { [C.termsLink]: 'Terms of Service', [C.welcomeContinue]: 'Continue' } });
    await onboard(app);
    expect(app.snapshot().screen).toBe(S.scan);
    await app.tap(C.scan);
    expect(app.snapshot().screen).toBe(S.cameraPrompt);
    await app.tap(C.cameraAllow);
    expect(app.snapshot().screen).toBe(S.capture);
    const key = server.issueKey('alice');
    await app.scan(await qrPng(encodeQr({ kind: 'pair', key })));
    // Pairing completes, the OTP screen shows, then the request generated at once after pairing.
    expect(app.visited()).toEqual([S.welcome, S.notifications, S.notificationsPrompt, S.scan, S.cameraPrompt, S.capture, S.otp, S.authRequest]);
    expect(app.snapshot()).toMatchObject({ screen: S.authRequest, values: { [C.authOrganization]: 'Acme Corp', [C.authLocation]: 'Paris, France' } });
    await app.tap(C.approve);
    expect(app.snapshot().screen).toBe(S.success);
    expect(server.requests[0]).toMatchObject({ status: 'approved', answer: { method: 'tap', pinVerified: false } });
    await app.tap(C.successClose);
    expect(app.snapshot()).toMatchObject({ screen: S.accounts, values: { [C.accountItem]: ['Acme Corp'] } });
  });

  it('the notifications screen tells the user to allow all requested permissions (MOB-PAIR-ALLOW-PERMISSIONS)', async () => {
    const { app } = setup();
    await app.tap(C.welcomeContinue);
    expect(app.snapshot()).toMatchObject({ screen: S.notifications, values: { [C.permissionsAdvice]: expect.stringMatching(/allow all requested permissions/i) } });
  });

  it("Don't Allow notifications returns to the notifications screen", async () => {
    const { app } = setup();
    await app.tap(C.welcomeContinue);
    await app.tap(C.notificationsContinue);
    await app.tap(C.notificationsDeny);
    expect(app.snapshot().screen).toBe(S.notifications);
  });

  it('a denied camera returns to Scan with an explanation and Enter Pairing Key; Scan asks again', async () => {
    const { app, server } = setup();
    await onboard(app);
    await app.tap(C.scan);
    await app.tap(C.cameraDeny);
    expect(app.snapshot()).toMatchObject({ screen: S.scan, values: { [C.errorCode]: 'CAMERA_DENIED', [C.enterPairingKey]: 'Enter Pairing Key' } });
    await app.tap(C.scan); // Scan asks again (seed 000 step 6; the model's CAMERA.DENY -> Scan -> camera prompt)
    expect(app.snapshot().screen).toBe(S.cameraPrompt);
    await app.tap(C.cameraDeny);
    await app.tap(C.enterPairingKey);
    app.type(C.pairingKeyInput, server.issueKey());
    await app.tap(C.pairingKeySubmit);
    expect(app.snapshot().screen).toBe(S.authRequest);
  });

  it('unreadable images and non-pairing codes are error screens, never a crash', async () => {
    const { app } = setup();
    await onboard(app);
    await scanToCapture(app);
    await app.scan(new Uint8Array([1, 2, 3]));
    expect(app.snapshot().values[C.errorCode]).toBe('QR_UNREADABLE');
    await app.tap(C.errorBack);
    expect(app.snapshot().screen).toBe(S.scan); // back to Scan (the model's keyRefused -> ERROR.BACK -> scan)
    await app.tap(C.scan); // the camera is allowed already: straight to the capture
    await app.scan({ rgba: new Uint8Array(16 * 16 * 4).fill(255), width: 16, height: 16 });
    expect(app.snapshot().values[C.errorCode]).toBe('QR_UNREADABLE');
    await app.tap(C.errorBack);
    await app.tap(C.scan);
    await app.scan(await qrPng('https://example.com/not-a-pairing-code'));
    expect(app.snapshot()).toMatchObject({ screen: S.error, values: { [C.errorCode]: 'QR_NOT_PAIRING' } });
    await app.tap(C.errorBack);
    expect(app.snapshot().screen).toBe(S.scan);
  });

  it('wrong, used and expired keys show their server codes; an unreachable server NETWORK_ERROR', async () => {
    const { app, server, clock } = setup();
    await onboard(app);
    const tryKey = async (key: string): Promise<unknown> => {
      await app.tap(C.enterPairingKey);
      app.type(C.pairingKeyInput, key);
      await app.tap(C.pairingKeySubmit);
      const code = app.snapshot().values[C.errorCode];
      if (app.snapshot().screen === S.error) await app.tap(C.errorBack);
      return code;
    };
    expect(await tryKey('9999 9999 9999')).toBe('PAIRING_KEY_INVALID');
    const expiring = server.issueKey('alice', {}, 60_000);
    clock.advance(61_000);
    expect(await tryKey(expiring)).toBe('PAIRING_KEY_EXPIRED');
    const key = server.issueKey();
    server.keys.get(key)!.used = true;
    expect(await tryKey(key)).toBe('PAIRING_KEY_USED');
    server.offline = true;
    expect(await tryKey(server.issueKey())).toBe('NETWORK_ERROR');
    expect(app.accounts()).toHaveLength(0);
  });

  it('throws GestureError for a control that is not on the screen', async () => {
    const { app } = setup();
    await expect(app.tap(C.approve)).rejects.toBeInstanceOf(GestureError);
    expect(() => app.type(C.pinInput, '1234')).toThrow(GestureError);
    await expect(app.scan(new Uint8Array())).rejects.toBeInstanceOf(GestureError);
  });
});

describe('mobile sim: PIN and location (seed 000 steps 8-9)', () => {
  it('refuses PINs by the rules with stable codes, checks the re-entry, then asks for location', async () => {
    const { app, server } = setup();
    await onboard(app);
    await scanToCapture(app);
    const key = server.issueKey('bob', { pinLength: 6, pinDistinctDigits6: 4, locationRequired: true });
    await app.scanText(encodeQr({ kind: 'pair', key }));
    expect(app.snapshot().screen).toBe(S.pinCreate);
    const attempt = async (pin: string): Promise<unknown> => {
      app.type(C.pinInput, pin);
      await app.tap(C.pinNext);
      return app.snapshot().values[C.pinError];
    };
    expect(await attempt('1111')).toBe('PIN_TOO_SHORT');
    expect(await attempt('111111')).toBe('PIN_TOO_FEW_DISTINCT');
    expect(await attempt('123321')).toBe('PIN_TOO_FEW_DISTINCT');
    expect(await attempt('765432')).toBe('PIN_SEQUENCE');
    expect(await attempt('12a456')).toBe('PIN_NOT_DIGITS');
    expect(await attempt('135792')).toBeUndefined();
    expect(app.snapshot().screen).toBe(S.pinConfirm);
    app.type(C.pinConfirmInput, '135790');
    await app.tap(C.pinConfirmDone);
    expect(app.snapshot()).toMatchObject({ screen: S.pinCreate, values: { [C.pinError]: 'PIN_MISMATCH' } });
    await attempt('135792');
    app.type(C.pinConfirmInput, '135792');
    await app.tap(C.pinConfirmDone);
    expect(app.snapshot().screen).toBe(S.location);
    await app.tap(C.locationContinue);
    await app.tap(C.locationAllow);
    expect(server.devices[0]!.completion).toMatchObject({ pin: { configured: true, length: 6 }, location: { permission: 'granted' } });
    expect(app.snapshot().screen).toBe(S.authRequest);
  });

  it('deviation accept-sequential-pin lets 765432 through', async () => {
    const { app, server } = setup({ deviations: ['accept-sequential-pin'] });
    await onboard(app);
    await scanToCapture(app);
    await app.scanText(server.issueKey('bob', { pinLength: 6 }));
    app.type(C.pinInput, '765432');
    await app.tap(C.pinNext);
    expect(app.snapshot().screen).toBe(S.pinConfirm);
  });

  it('location denied when required: pairing does not complete and the app asks again', async () => {
    const { app, server } = setup();
    await onboard(app);
    await scanToCapture(app);
    await app.scanText(server.issueKey('bob', { locationRequired: true }));
    await app.tap(C.locationContinue);
    await app.tap(C.locationDeny);
    expect(app.snapshot()).toMatchObject({ screen: S.location, values: { [C.errorCode]: 'LOCATION_REQUIRED' } });
    expect(app.accounts()).toHaveLength(0);
    await app.tap(C.locationContinue);
    await app.tap(C.locationAllow);
    expect(app.accounts()).toHaveLength(1);
  });
});

async function pairWithPin(app: MobileApp, server: FakeDeviceServer, pin = '2468'): Promise<void> {
  await onboard(app);
  await scanToCapture(app);
  await app.scanText(server.issueKey('carol', { pinLength: 4 }));
  app.type(C.pinInput, pin);
  await app.tap(C.pinNext);
  app.type(C.pinConfirmInput, pin);
  await app.tap(C.pinConfirmDone);
}

describe('mobile sim: authentication (seed 001)', () => {
  it('asks the PIN before approving; 3 wrong PINs block for 2 minutes, across a relaunch', async () => {
    const { app, server, clock, keystore } = setup();
    await pairWithPin(app, server);
    await app.tap(C.approve);
    expect(app.snapshot().screen).toBe(S.pinEntry);
    for (const expected of ['PIN_WRONG', 'PIN_WRONG', 'PIN_BLOCKED']) {
      app.type(C.pinEntryInput, '1357');
      await app.tap(C.pinEntrySubmit);
      expect(app.snapshot().values[C.pinEntryError]).toBe(expected);
    }
    // Relaunch (same keystore): still blocked, even with the right PIN.
    const relaunched = createMobileApp({ clock, rng: seededRng(8), http: server, server: SERVER, keystore });
    expect(relaunched.snapshot().screen).toBe(S.accounts);
    clock.advance(41_000); // the request from pairing expires unanswered
    const id = server.pushRequest(server.devices[0]!.id, 300_000);
    await relaunched.refresh();
    expect(relaunched.snapshot().screen).toBe(S.authRequest);
    await relaunched.tap(C.approve);
    expect(relaunched.snapshot().values[C.pinEntryError]).toBe('PIN_BLOCKED');
    relaunched.type(C.pinEntryInput, '2468');
    await relaunched.tap(C.pinEntrySubmit);
    expect(relaunched.snapshot().values[C.pinEntryError]).toBe('PIN_BLOCKED');
    clock.advance(120_000);
    relaunched.type(C.pinEntryInput, '2468');
    await relaunched.tap(C.pinEntrySubmit);
    expect(relaunched.snapshot().screen).toBe(S.success);
    expect(server.requests.find((r) => r.id === id)).toMatchObject({ status: 'approved', answer: { pinVerified: true } });
  });

  it('biometrics ask consent the first time only; deny sends a denial', async () => {
    const { app, server } = setup();
    await onboard(app);
    await scanToCapture(app);
    await app.scanText(server.issueKey());
    await app.tap(C.useBiometrics);
    expect(app.snapshot().screen).toBe(S.biometricConsent);
    await app.tap(C.biometricAllow);
    expect(app.snapshot().screen).toBe(S.success);
    expect(server.requests[0]!.answer).toEqual({ method: 'biometrics', pinVerified: false, biometricVerified: true });
    await app.tap(C.successClose);
    server.pushRequest(server.devices[0]!.id);
    await app.refresh();
    await app.tap(C.useBiometrics);
    expect(app.snapshot().screen).toBe(S.success);
    await app.tap(C.successClose);
    server.pushRequest(server.devices[0]!.id);
    await app.refresh();
    await app.tap(C.deny);
    expect(app.snapshot().screen).toBe(S.denied);
    expect(server.requests[2]!.status).toBe('denied');
  });

  it('biometrics that do not match are an error screen, back to the request', async () => {
    const { app, server } = setup({ platform: { biometrics: { enrolled: true, matches: false } } });
    await onboard(app);
    await scanToCapture(app);
    await app.scanText(server.issueKey());
    await app.tap(C.useBiometrics);
    await app.tap(C.biometricAllow);
    expect(app.snapshot().values[C.errorCode]).toBe('BIOMETRICS_FAILED');
    await app.tap(C.errorBack);
    expect(app.snapshot().screen).toBe(S.authRequest);
  });

  it('an expired request shows the timed-out screen', async () => {
    const { app, server, clock } = setup();
    await onboard(app);
    await scanToCapture(app);
    await app.scanText(server.issueKey());
    clock.advance(41_000);
    await app.tap(C.approve);
    expect(app.snapshot().screen).toBe(S.timedOut);
  });

  it('lists several organisations with a passcode and countdown each; the OTP is the RFC 6238 TOTP', async () => {
    const { app, server, clock } = setup();
    await onboard(app);
    for (const user of ['alice', 'bob']) {
      await scanToCapture(app);
      await app.scanText(server.issueKey(user));
      await app.tap(C.deny);
      await app.tap(C.successClose);
    }
    await app.tap(C.tabAuthentication);
    const snap = app.snapshot();
    expect(snap.values[C.accountItem]).toEqual(['Acme Corp', 'Acme Corp']);
    const expected = server.devices.map((d) => generateSync({ secret: d.otpSecret, epoch: Math.floor(clock.now() / 1000) }));
    expect(snap.values[C.otpValue]).toEqual(expected);
    expect(snap.values[C.otpCountdown]).toEqual(['30', '30']);
    clock.advance(12_000);
    expect(app.snapshot().values[C.otpCountdown]).toEqual(['18', '18']);
    await app.tap(C.accountItem, 1);
    expect(app.snapshot()).toMatchObject({ screen: S.otp, values: { [C.otpValue]: generateSync({ secret: server.devices[1]!.otpSecret, epoch: Math.floor(clock.now() / 1000) }) } });
    await app.tap(C.unpair);
    expect(server.devices).toHaveLength(1);
    expect(app.accounts()).toHaveLength(1);
  });

  it('unpairing while offline shows NETWORK_ERROR and keeps the account', async () => {
    const { app, server } = setup();
    await onboard(app);
    await scanToCapture(app);
    await app.scanText(server.issueKey());
    await app.tap(C.deny);
    await app.tap(C.successClose);
    await app.tap(C.accountItem, 0);
    server.offline = true;
    await app.tap(C.unpair);
    expect(app.snapshot().values[C.errorCode]).toBe('NETWORK_ERROR');
    expect(app.accounts()).toHaveLength(1);
    expect(await app.refresh()).toEqual({ requests: 0, creds: 0 });
  });
});

describe('mobile sim: Creds (seed 003)', () => {
  async function walletWithCreds(extra: Partial<MobileAppOptions> = {}) {
    const ctx = setup(extra);
    const { app, server } = ctx;
    await onboard(app);
    const acme = server.offerCreds({ id: 'acme', name: 'Acme Corp' });
    const gov = server.offerCreds({ id: 'gov', name: 'City Hall' });
    for (const offer of [acme, gov]) {
      await scanToCapture(app);
      await app.scan(await qrPng(offer));
      expect(app.snapshot().screen).toBe(S.notificationsPrompt); // the permissions (seed 003 pairing step 3)
      await app.tap(C.notificationsAllow);
      expect(app.snapshot().screen).toBe(S.credsPairConfirm);
      await app.tap(C.credsPairApprove);
      expect(app.snapshot().screen).toBe(S.accounts); // home: the Authentication tab
    }
    await app.tap(C.tabCreds);
    server.issueCredential('acme', 'EmployeeCard', { name: 'Ada Lovelace', employeeId: 'E-1', email: 'ada@acme.test', phone: '555-0100' });
    server.issueCredential('gov', 'ResidentCard', { name: 'Ada Lovelace', address: '1 Main St' });
    expect(await app.refresh()).toEqual({ requests: 0, creds: 2 });
    return ctx;
  }

  it('pairs with several issuers once each, receives Creds labelled New until opened', async () => {
    const { app, server } = await walletWithCreds();
    expect(app.snapshot().values).toMatchObject({ [C.credItem]: ['EmployeeCard · Acme Corp', 'ResidentCard · City Hall'], [C.credNewLabel]: ['New', 'New'] });
    await app.tap(C.credItem, 0);
    expect(app.snapshot()).toMatchObject({ screen: S.credDetails, values: { [C.credField]: ['name: Ada Lovelace', 'employeeId: E-1', 'email: ada@acme.test', 'phone: 555-0100'] } });
    await app.tap(C.credBack);
    expect(app.snapshot().values[C.credNewLabel]).toEqual(['', 'New']);
    // A second pairing with the same issuer is refused.
    await scanToCapture(app);
    await app.scanText([...server.issuers.entries()].find(([, i]) => i.id === 'acme')![0]);
    await app.tap(C.notificationsAllow);
    await app.tap(C.credsPairApprove);
    expect(app.snapshot().values[C.errorCode]).toBe('CREDS_ALREADY_PAIRED');
  });

  it('the New label lasts 24 hours (and forever under new-label-never-expires)', async () => {
    const normal = await walletWithCreds();
    normal.clock.advance(24 * 3600 * 1000);
    expect(normal.app.snapshot().values[C.credNewLabel]).toEqual(['', '']);
    const deviant = await walletWithCreds({ deviations: ['new-label-never-expires'] });
    deviant.clock.advance(48 * 3600 * 1000);
    expect(deviant.app.snapshot().values[C.credNewLabel]).toEqual(['New', 'New']);
  });

  it('shares required fields plus only the optional ones selected', async () => {
    const { app, server } = await walletWithCreds();
    await scanToCapture(app);
    await app.scan(await qrPng(server.requestPresentation('EmployeeCard', ['name', 'employeeId'], ['email', 'phone'])));
    expect(app.snapshot()).toMatchObject({
      screen: S.credsShare,
      values: { [C.shareRequiredField]: ['name: Ada Lovelace', 'employeeId: E-1'], [C.shareOptionalCheckbox]: ['unchecked', 'unchecked'] },
    });
    await app.tap(C.shareRequiredField, 'name'); // cannot be removed
    await app.tap(C.shareOptionalCheckbox, 1);
    expect(app.snapshot().values[C.shareOptionalCheckbox]).toEqual(['unchecked', 'checked']);
    await app.tap(C.shareSubmit);
    expect(app.snapshot().screen).toBe(S.credsShared);
    expect([...server.presentations.values()][0]!.response).toEqual({ credentialId: expect.any(String), fields: { name: 'Ada Lovelace', employeeId: 'E-1', phone: '555-0100' } });
  });

  it('deviation share-unselected-optional sends every optional field', async () => {
    const { app, server } = await walletWithCreds({ deviations: ['share-unselected-optional'] });
    await scanToCapture(app);
    await app.scanText(server.requestPresentation('EmployeeCard', ['name'], ['email']));
    await app.tap(C.shareSubmit);
    expect([...server.presentations.values()][0]!.response!.fields).toEqual({ name: 'Ada Lovelace', email: 'ada@acme.test' });
  });

  it('nothing can be exported, a device without a lock cannot pair, a reinstall loses the Creds', async () => {
    const { app, server, clock } = await walletWithCreds();
    await app.tap(C.credItem, 1);
    await app.tap(C.credExport);
    expect(app.snapshot().values[C.errorCode]).toBe('CREDS_NOT_EXPORTABLE');
    const unlocked = createMobileApp({ clock, rng: seededRng(9), http: server, server: SERVER, platform: { deviceLock: { kind: 'none', verifies: false } } });
    await onboard(unlocked);
    await scanToCapture(unlocked);
    await unlocked.scanText(server.offerCreds({ id: 'bank', name: 'Bank' }));
    expect(unlocked.snapshot().values[C.errorCode]).toBe('CREDS_DEVICE_LOCK_REQUIRED'); // refused at the scan
    // Permissions declined: not paired, a stable code; a failed device PIN: asked again.
    const locked = { kind: 'pin' as const, verifies: false };
    const other = createMobileApp({ clock, rng: seededRng(11), http: server, server: SERVER, platform: { deviceLock: locked } });
    await onboard(other);
    const bank = server.offerCreds({ id: 'bank2', name: 'Bank 2' });
    await scanToCapture(other);
    await other.scanText(bank);
    await other.tap(C.notificationsDeny);
    expect(other.snapshot().values[C.errorCode]).toBe('CREDS_PERMISSIONS_REQUIRED');
    await other.tap(C.errorBack);
    await scanToCapture(other);
    await other.scanText(bank);
    await other.tap(C.notificationsAllow);
    await other.tap(C.credsPairApprove);
    expect(other.snapshot()).toMatchObject({ screen: S.credsPairConfirm, values: { [C.credsPairError]: 'CREDS_DEVICE_AUTH_FAILED' } });
    locked.verifies = true;
    await other.tap(C.credsPairApprove);
    expect(other.snapshot().screen).toBe(S.accounts);
    await scanToCapture(other);
    await other.tap(C.captureBack);
    expect(other.snapshot().screen).toBe(S.accounts); // where Scan was tapped (the Authentication tab)
    // Reinstall: a fresh keystore, nothing left (no pairings, no Creds).
    const reinstalled = createMobileApp({ clock, rng: seededRng(10), http: server, server: SERVER, keystore: memoryKeystore() });
    await onboard(reinstalled);
    await reinstalled.tap(C.tabCreds);
    expect(reinstalled.snapshot().values[C.credItem]).toEqual([]);
    expect(await reinstalled.refresh()).toEqual({ requests: 0, creds: 0 });
  });

  it('a share request for a type the wallet lacks is an error screen', async () => {
    const { app, server } = await walletWithCreds();
    await scanToCapture(app);
    await app.scanText(server.requestPresentation('DriverLicence', ['name'], []));
    expect(app.snapshot().values[C.errorCode]).toBe('CREDS_NO_MATCHING_CREDENTIAL');
  });
});

describe('mobile sim: approving from the notification (seed 001)', () => {
  it('approves with method notification, asking the PIN first when one is set', async () => {
    const { app, server } = setup();
    await pairWithPin(app, server);
    await app.tap(C.deny);
    await app.tap(C.successClose);
    expect(await app.notification('approve')).toBe(false);
    const id = server.pushRequest(server.devices[0]!.id);
    await app.refresh();
    expect(await app.notification('approve')).toBe(true);
    expect(app.snapshot().screen).toBe(S.pinEntry);
    app.type(C.pinEntryInput, '2468');
    await app.tap(C.pinEntrySubmit);
    expect(app.snapshot().screen).toBe(S.success);
    expect(server.requests.find((r) => r.id === id)!.answer).toMatchObject({ method: 'notification', pinVerified: true });
  });
});

describe('mobile sim: a server answering nonsense', () => {
  it('a 2xx body the app cannot read is UNEXPECTED_RESPONSE, not a crash', async () => {
    const clock = new ManualClock();
    const http = { request: async () => ({ status: 200, json: { hello: 'world' }, headers: {} }) };
    const app = createMobileApp({ clock, rng: seededRng(1), http, server: SERVER });
    await onboard(app);
    await app.tap(C.enterPairingKey);
    app.type(C.pairingKeyInput, '1234 5678 9012');
    await app.tap(C.pairingKeySubmit);
    expect(app.snapshot().values[C.errorCode]).toBe('UNEXPECTED_RESPONSE');
    const html = { request: async () => ({ status: 500, json: undefined, headers: {} }) };
    const second = createMobileApp({ clock, rng: seededRng(2), http: html, server: SERVER });
    await onboard(second);
    await second.tap(C.enterPairingKey);
    second.type(C.pairingKeyInput, '1234 5678 9012');
    await second.tap(C.pairingKeySubmit);
    expect(second.snapshot().values[C.errorCode]).toBe('UNEXPECTED_RESPONSE');
  });
});
