import { describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { decodeQr, normalizeKey } from '../../models/qr.ts';
import { portal } from '../../models/testids.ts';
import { currentOtp } from '../domain/otp.ts';
import { resolvePolicy } from '../../models/policy.ts';
import { bearer, mobilePairing, portalBrowser, post, testServer } from '../test-helpers.ts';

const { screens: S, controls: C } = portal;

/** A browser's cookie jar over inject (session and CSRF cookies; forms carry the token). */
const browser = portalBrowser;

const screenOf = (html: string): string | undefined => /<main data-testid="([^"]+)"/.exec(html)?.[1];
const textOf = (html: string, testId: string): string | undefined => new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html)?.[1];

async function signOn(app: FastifyInstance, username = 'alice', password = `${username}-password`) {
  const b = browser(app);
  const res = await b.post('/portal/signon', { username, password });
  return { b, res };
}

describe('sign on', () => {
  test('the sign-on page carries its testIDs', async () => {
    const { app } = testServer();
    const res = await app.inject({ url: '/portal/signon' });
    expect(res.statusCode).toBe(200);
    expect(screenOf(res.body)).toBe(S.signOn);
    for (const id of [C.username, C.password, C.signOnSubmit]) expect(res.body).toContain(`data-testid="${id}"`);
    expect((await app.inject({ url: '/' })).headers.location).toBe('/portal/signon');
  });

  test('wrong password: the page again with SIGNON_FAILED, 401', async () => {
    const { app } = testServer();
    const { res } = await signOn(app, 'alice', 'nope');
    expect(res.statusCode).toBe(401);
    expect(screenOf(res.body)).toBe(S.signOn);
    expect(res.body).toContain(`data-testid="${C.signOnError}"`);
    expect(res.body).toContain('SIGNON_FAILED');
  });

  test('pages behind sign-on without a session: SESSION_EXPIRED failure page', async () => {
    const { app } = testServer();
    const res = await app.inject({ url: '/portal/add-device' });
    expect(res.statusCode).toBe(401);
    expect(screenOf(res.body)).toBe(S.failure);
    expect(textOf(res.body, C.failureReason)).toBe('SESSION_EXPIRED');
    const json = await app.inject({ url: '/portal/pairing/status.json' });
    expect(json.json().code).toBe('SESSION_EXPIRED');
  });
});

describe('registration and pairing (seed 000 steps 1 and 10, seed 002 steps 1-2)', () => {
  test('Start -> Add a New Device: the QR PNG decodes (jsQR) to the key printed beneath it', async () => {
    const { app } = testServer();
    const { b, res } = await signOn(app);
    expect(res.headers.location).toBe('/portal/registration');
    const registration = await b.get('/portal/registration');
    expect(screenOf(registration.body)).toBe(S.registration);
    expect(registration.body).toContain(`data-testid="${C.start}"`);
    expect((await b.post('/portal/registration/start', {})).headers.location).toBe('/portal/add-device');
    const page = await b.get('/portal/add-device');
    expect(screenOf(page.body)).toBe(S.addDevice);
    const shownKey = textOf(page.body, C.pairingKey)!;
    expect(shownKey).toMatch(/^\d{4} \d{4} \d{4}$/);
    const dataUrl = new RegExp(`src="data:image/png;base64,([^"]+)"[^>]*data-testid="${C.qrImage}"`).exec(page.body)![1]!;
    const png = PNG.sync.read(Buffer.from(dataUrl, 'base64'));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    const payload = decodeQr(decoded!.data);
    expect(payload).toEqual({ kind: 'pair', key: normalizeKey(shownKey), server: 'http://authconf.test' });
    for (const id of [C.chooseMobile, C.chooseDesktop]) expect(page.body).toContain(`data-testid="${id}"`);
  });

  test('mobile: waiting page moves on when the device pairs, then follows the push to the green check', async () => {
    const { app } = testServer();
    const { b } = await signOn(app);
    await b.post('/portal/registration/start', {});
    const key = normalizeKey(textOf((await b.get('/portal/add-device')).body, C.pairingKey)!);
    const waiting = await b.get('/portal/pairing/wait');
    expect(screenOf(waiting.body)).toBe(S.pairingWaiting);
    expect((await b.get('/portal/pairing/status.json')).json()).toMatchObject({ paired: false });
    const claim = (await post(app, '/device/v1/pairing-keys/claim', { key })).json<{ claimToken: string }>();
    const paired = (await post(app, '/device/v1/pairings', mobilePairing(claim.claimToken))).json<{ deviceToken: string; authenticationRequestId: string }>();
    expect((await b.get('/portal/pairing/status.json')).json()).toMatchObject({ paired: true, next: '/portal/pairing/continue' });
    expect((await b.get('/portal/pairing/continue')).headers.location).toBe('/portal/push');
    expect((await b.get('/portal/pairing/continue')).headers.location).toBe('/portal/push');
    const push = await b.get('/portal/push');
    expect(screenOf(push.body)).toBe(S.pushWaiting);
    expect((await b.get('/portal/push/status.json')).json()).toMatchObject({ status: 'pending' });
    await post(app, `/device/v1/requests/${paired.authenticationRequestId}/approve`, { method: 'tap', pinVerified: true, biometricVerified: false }, bearer(paired.deviceToken));
    expect((await b.get('/portal/push/status.json')).json()).toMatchObject({ status: 'approved', next: '/portal/push/continue' });
    expect((await b.get('/portal/push/continue')).headers.location).toBe('/portal/success');
    // Continue again (a double click, or the page's poll and a click at once): where the first went, not a failure.
    expect((await b.get('/portal/push/continue')).headers.location).toBe('/portal/success');
    expect((await b.get('/portal/pairing/continue')).headers.location).toBe('/portal/success');
    const success = await b.get('/portal/success');
    expect(screenOf(success.body)).toBe(S.success);
    expect(success.body).toContain(`data-testid="${C.successCheck}"`);
    expect(success.body).toMatch(new RegExp(`href="/app/callback" data-testid="${C.redirectLink}"`));
  });

  test('desktop: Desktop Setup shows the key; after pairing, the Authentication field takes its OTP once', async () => {
    const { app, clock } = testServer();
    const { b } = await signOn(app);
    await b.post('/portal/registration/start', {});
    const setup = await b.get('/portal/desktop-setup');
    expect(screenOf(setup.body)).toBe(S.desktopSetup);
    const key = normalizeKey(textOf(setup.body, C.desktopPairingKey)!);
    const claim = (await post(app, '/device/v1/pairing-keys/claim', { key })).json<{ claimToken: string }>();
    const paired = (await post(app, '/device/v1/pairings', mobilePairing(claim.claimToken, { device: { kind: 'desktop', name: 'Work Mac', platform: 'macos' } }))).json<{ otp: { secret: string } }>();
    expect((await b.get('/portal/pairing/continue')).headers.location).toBe('/portal/otp');
    const otpPage = await b.get('/portal/otp');
    expect(screenOf(otpPage.body)).toBe(S.otp);
    for (const id of [C.otpField, C.otpSignOn, C.changeDevice]) expect(otpPage.body).toContain(`data-testid="${id}"`);
    const code = currentOtp(paired.otp.secret, resolvePolicy(), clock.now());
    const wrong = await b.post('/portal/otp', { otp: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('OTP_INVALID');
    expect((await b.post('/portal/otp', { otp: code })).headers.location).toBe('/portal/success');
    // Sign on again with the same code: refused as a replay (DSK-SIGN-OTP-SINGLE-USE).
    const again = await signOn(app);
    expect(again.res.headers.location).toBe('/portal/otp');
    const replay = await again.b.post('/portal/otp', { otp: code });
    expect(replay.statusCode).toBe(400);
    expect(textOf(replay.body, C.otpError)).toBeDefined();
    expect(replay.body).toContain('OTP_REPLAYED');
    clock.advance(30_000);
    const next = currentOtp(paired.otp.secret, resolvePolicy(), clock.now());
    expect((await again.b.post('/portal/otp', { otp: next })).headers.location).toBe('/portal/success');
  });
});

describe('authentication with paired devices (seed 001, seed 002 step 6)', () => {
  test('a denied push ends on the failure page with PUSH_DENIED; a timed-out one with PUSH_TIMED_OUT', async () => {
    const { app, clock } = testServer();
    await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'mobile' }] });
    const first = await signOn(app, 'dave', 'pw');
    expect(first.res.headers.location).toBe('/portal/push');
    await post(app, '/test/v1/push/decide', { username: 'dave', decision: 'deny' });
    expect((await first.b.get('/portal/push/continue')).headers.location).toBe('/portal/failure');
    expect((await first.b.get('/portal/push/continue')).headers.location).toBe('/portal/failure');
    const failure = await first.b.get('/portal/failure');
    expect(screenOf(failure.body)).toBe(S.failure);
    expect(textOf(failure.body, C.failureReason)).toBe('PUSH_DENIED');
    const second = await signOn(app, 'dave', 'pw');
    clock.advance(40_000);
    expect((await second.b.get('/portal/push/status.json')).json().status).toBe('expired');
    await second.b.get('/portal/push/continue');
    expect(textOf((await second.b.get('/portal/failure')).body, C.failureReason)).toBe('PUSH_TIMED_OUT');
  });

  test('several devices with "Prompt User to Select": device selection, then the chosen device', async () => {
    const { app } = testServer();
    const seeded = (await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'mobile' }, { kind: 'totp' }] })).json<{ devices: { id: string }[] }>();
    const { b, res } = await signOn(app, 'dave', 'pw');
    expect(res.headers.location).toBe('/portal/devices');
    const page = await b.get('/portal/devices');
    expect(screenOf(page.body)).toBe(S.deviceSelection);
    expect(page.body.match(new RegExp(`data-testid="${C.deviceOption}"`, 'g'))).toHaveLength(2);
    expect((await b.post('/portal/devices/select', { deviceId: seeded.devices[1]!.id })).headers.location).toBe('/portal/otp');
    const bad = await b.post('/portal/devices/select', { deviceId: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(screenOf(bad.body)).toBe(S.failure);
  });

  test('wrong OTPs up to otp.maxAttempts lock the Authentication field: OTP_LOCKED', async () => {
    const { app } = testServer({ policy: { otp: { maxAttempts: 2 } } });
    await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'totp' }] });
    const { b } = await signOn(app, 'dave', 'pw');
    const view = (await app.inject({ url: '/test/v1/users/dave' })).json<{ devices: { currentOtp: string }[] }>();
    const wrong = view.devices[0]!.currentOtp === '123456' ? '654321' : '123456';
    expect((await b.post('/portal/otp', { otp: wrong })).statusCode).toBe(400);
    const locked = await b.post('/portal/otp', { otp: wrong });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('OTP_LOCKED');
    expect((await b.post('/portal/otp', { otp: view.devices[0]!.currentOtp })).statusCode).toBe(429);
  });

  test('a browser authorization request returns to redirect_uri with a code', async () => {
    const { app } = testServer();
    await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'mobile' }] });
    const start = await app.inject({ url: '/as/authorization.oauth2?client_id=authconf-app&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&state=xyz&scope=openid' });
    expect(start.statusCode).toBe(302);
    const signOnUrl = start.headers.location as string;
    expect(signOnUrl).toMatch(/^\/portal\/signon\?/);
    const page = await app.inject({ url: signOnUrl });
    expect(page.body).toContain('name="redirect_uri" value="http://localhost/callback"');
    const b = browser(app);
    const params = Object.fromEntries(new URLSearchParams(signOnUrl.split('?')[1]));
    await b.post('/portal/signon', { ...params, username: 'dave', password: 'pw' });
    await post(app, '/test/v1/push/decide', { username: 'dave', decision: 'approve' });
    await b.get('/portal/push/continue');
    const success = await b.get('/portal/success');
    const link = new RegExp(`href="([^"]+)" data-testid="${C.redirectLink}"`).exec(success.body)![1]!.replace(/&amp;/g, '&');
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('http://localhost/callback');
    expect(url.searchParams.get('state')).toBe('xyz');
    expect(url.searchParams.get('code')).toBeTruthy();
  });
});

describe('advice and My Devices (seed 000 "Before you begin", seed 002 "About this task")', () => {
  test('the registration window recommends adding a second authentication method (MOB-PAIR-SECOND-METHOD)', async () => {
    const { app } = testServer();
    const { b } = await signOn(app);
    const res = await b.get('/portal/registration');
    expect(screenOf(res.body)).toBe(S.registration);
    expect(textOf(res.body, C.secondMethodAdvice)).toMatch(/at least one more authentication method/);
  });

  /** A user with one TOTP device, signed on through the Authentication field. */
  async function authenticatedWithOneDevice(app: FastifyInstance) {
    await post(app, '/test/v1/users', { username: 'erin', password: 'pw', devices: [{ kind: 'totp' }] });
    const { b, res } = await signOn(app, 'erin', 'pw');
    expect(res.headers.location).toBe('/portal/otp');
    const view = (await app.inject({ url: '/test/v1/users/erin' })).json<{ devices: { id: string; currentOtp: string }[] }>();
    expect((await b.post('/portal/otp', { otp: view.devices[0]!.currentOtp })).headers.location).toBe('/portal/success');
    return { b, deviceId: view.devices[0]!.id };
  }

  test('several devices allowed: My Devices lists the primary device and Add a New Device leads to Desktop Setup (DSK-PAIR-MY-DEVICES)', async () => {
    const { app } = testServer({ policy: { devices: { max: 5 } } });
    const { b, deviceId } = await authenticatedWithOneDevice(app);
    expect((await b.get('/portal/success')).body).toContain(`data-testid="${C.myDevicesLink}"`);
    const page = await b.get('/portal/my-devices');
    expect(screenOf(page.body)).toBe(S.myDevices);
    expect(page.body).toContain(`data-device-id="${deviceId}"`);
    expect(textOf(page.body, C.myDevicesItem)).toMatch(/\(primary\)/);
    expect(page.body).toContain(`data-testid="${C.myDevicesAdd}"`);
    expect(page.body).not.toContain(`data-testid="${C.myDevicesLimit}"`);
    const added = await b.post('/portal/my-devices/add', {});
    expect(added.headers.location).toBe('/portal/add-device');
    const addDevice = await b.get('/portal/add-device');
    expect(screenOf(addDevice.body)).toBe(S.addDevice);
    for (const id of [C.chooseMobile, C.chooseDesktop, C.qrImage]) expect(addDevice.body).toContain(`data-testid="${id}"`);
    const setup = await b.get('/portal/desktop-setup');
    expect(screenOf(setup.body)).toBe(S.desktopSetup);
    expect(textOf(setup.body, C.desktopPairingKey)?.replace(/\s/g, '')).toBe(textOf(addDevice.body, C.pairingKey)?.replace(/\s/g, ''));
  });

  test('My Devices: a phone added there, Continue pressed twice, goes to the push the first Continue opened both times', async () => {
    const { app } = testServer({ policy: { devices: { max: 5 } } });
    const { b } = await authenticatedWithOneDevice(app);
    await b.post('/portal/my-devices/add', {});
    const key = normalizeKey(textOf((await b.get('/portal/add-device')).body, C.pairingKey)!);
    const claim = (await post(app, '/device/v1/pairing-keys/claim', { key })).json<{ claimToken: string }>();
    expect((await post(app, '/device/v1/pairings', mobilePairing(claim.claimToken, { device: { kind: 'mobile', name: 'Second phone', platform: 'ios', notificationsEnabled: true } }))).statusCode).toBe(201);
    const first = (await b.get('/portal/pairing/continue')).headers.location;
    expect(first).toBe('/portal/push');
    expect((await b.get('/portal/pairing/continue')).headers.location).toBe(first);
  });

  test('one device allowed: My Devices says no more devices, with no add control; adding anyway is refused with DEVICE_LIMIT_REACHED', async () => {
    const { app } = testServer({ policy: { devices: { max: 1 } } });
    const { b } = await authenticatedWithOneDevice(app);
    const page = await b.get('/portal/my-devices');
    expect(screenOf(page.body)).toBe(S.myDevices);
    expect(textOf(page.body, C.myDevicesLimit)).toMatch(/only one device/);
    expect(page.body).not.toContain(`data-testid="${C.myDevicesAdd}"`);
    const refused = await b.post('/portal/my-devices/add', {});
    expect(refused.statusCode).toBe(409);
    expect(screenOf(refused.body)).toBe(S.failure);
    expect(textOf(refused.body, C.failureReason)).toBe('DEVICE_LIMIT_REACHED');
  });

  test('My Devices before the second factor: back to authentication, not the device list', async () => {
    const { app } = testServer();
    await post(app, '/test/v1/users', { username: 'erin', password: 'pw', devices: [{ kind: 'totp' }] });
    const { b } = await signOn(app, 'erin', 'pw');
    const res = await b.get('/portal/my-devices');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/portal/otp');
    expect((await b.post('/portal/my-devices/add', {})).headers.location).toBe('/portal/otp');
  });
});
