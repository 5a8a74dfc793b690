import { describe, expect, test } from 'vitest';
import { encodeQr } from '../../models/qr.ts';
import { bearer, claimKey, mobilePairing, pairMobile, post, testServer } from '../test-helpers.ts';

const approve = { method: 'tap', pinVerified: true, biometricVerified: false } as const;

describe('claim a pairing key (seed 000 steps 5-7)', () => {
  test('a typed key with spaces, or the whole QR payload, claims the key', async () => {
    const { app } = testServer();
    const issued = (await post(app, '/test/v1/pairing-keys', { username: 'alice' })).json<{ key: string; qr: string }>();
    const typed = `${issued.key.slice(0, 4)} ${issued.key.slice(4, 8)}-${issued.key.slice(8)}`;
    const res = await post(app, '/device/v1/pairing-keys/claim', { key: typed });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'alice', organization: { id: 'org-authconf' }, requirements: { pinLength: 0, otpDigits: 6 } });
    const second = (await post(app, '/test/v1/pairing-keys', { username: 'bob' })).json<{ key: string; qr: string }>();
    expect(second.qr).toBe(encodeQr({ kind: 'pair', key: second.key, server: 'http://authconf.test' }));
    expect((await post(app, '/device/v1/pairing-keys/claim', { key: second.qr })).json()).toMatchObject({ username: 'bob' });
  });

  test('a key is single use: the second claim gets PAIRING_KEY_USED', async () => {
    const { app } = testServer();
    const { key } = await claimKey(app);
    const again = await post(app, '/device/v1/pairing-keys/claim', { key });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PAIRING_KEY_USED');
  });

  test('a key outlives its lifetime: PAIRING_KEY_EXPIRED', async () => {
    const { app, clock } = testServer({ policy: { pairingKey: { ttlSeconds: 600 } } });
    const { key } = (await post(app, '/test/v1/pairing-keys', { username: 'alice' })).json<{ key: string }>();
    clock.advance(600_000);
    const res = await post(app, '/device/v1/pairing-keys/claim', { key });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('PAIRING_KEY_EXPIRED');
  });

  test('near misses count against the registration: after maxGuesses its key is locked for lockoutSeconds, even the right key', async () => {
    const { app, clock } = testServer({ policy: { pairingKey: { maxGuesses: 3, lockoutSeconds: 60 } } });
    const { key } = (await post(app, '/test/v1/pairing-keys', { username: 'alice' })).json<{ key: string }>();
    const nearMiss = (i: number) => key.slice(0, i) + String((Number(key[i]) + 1) % 10) + key.slice(i + 1);
    for (let i = 0; i < 3; i++) {
      const res = await post(app, '/device/v1/pairing-keys/claim', { key: nearMiss(i) });
      expect([res.statusCode, res.json().code]).toEqual([404, 'PAIRING_KEY_INVALID']);
    }
    const locked = await post(app, '/device/v1/pairing-keys/claim', { key });
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'PAIRING_KEY_LOCKED']);
    clock.advance(60_000);
    expect((await post(app, '/device/v1/pairing-keys/claim', { key })).statusCode).toBe(200);
  });

  test('wrong keys from one address lock no one else out (not per IP): far guesses count against no registration', async () => {
    const { app } = testServer({ policy: { pairingKey: { maxGuesses: 3, lockoutSeconds: 60 } } });
    const alice = (await post(app, '/test/v1/pairing-keys', { username: 'alice' })).json<{ key: string }>().key;
    const bob = (await post(app, '/test/v1/pairing-keys', { username: 'bob' })).json<{ key: string }>().key;
    const nearAlice = (i: number) => alice.slice(0, i) + String((Number(alice[i]) + 1) % 10) + alice.slice(i + 1);
    for (let i = 0; i < 3; i++) await post(app, '/device/v1/pairing-keys/claim', { key: nearAlice(i) });
    for (let i = 0; i < 10; i++) await post(app, '/device/v1/pairing-keys/claim', { key: `99999999999${i}` === bob ? '000000000000' : `99999999999${i}` });
    // Same address, another registration: bob pairs.
    expect((await post(app, '/device/v1/pairing-keys/claim', { key: bob })).statusCode).toBe(200);
    expect((await post(app, '/device/v1/pairing-keys/claim', { key: alice })).json().code).toBe('PAIRING_KEY_LOCKED');
  });

  test('a QR code of another kind is not a pairing key', async () => {
    const { app } = testServer();
    const res = await post(app, '/device/v1/pairing-keys/claim', { key: encodeQr({ kind: 'creds-pair', offer: 'x' }) });
    expect(res.json().code).toBe('PAIRING_KEY_INVALID');
  });
});

describe('complete pairing (seed 000 steps 8-9, seed 002 step 5)', () => {
  test('mobile: device, token and TOTP seed, and an authentication request at once', async () => {
    const { app } = testServer();
    const paired = await pairMobile(app);
    expect(paired.otp).toMatchObject({ digits: 6, period: 30, algorithm: 'sha1' });
    expect(paired.otp.secret).toMatch(/^[A-Z2-7]{32}$/);
    const list = await app.inject({ url: '/device/v1/requests', headers: bearer(paired.deviceToken) });
    expect(list.json().requests).toEqual([expect.objectContaining({ id: paired.authenticationRequestId, kind: 'authentication' })]);
  });

  test('desktop: no authentication request', async () => {
    const { app } = testServer();
    const { claimToken } = await claimKey(app);
    const res = await post(app, '/device/v1/pairings', mobilePairing(claimToken, { device: { kind: 'desktop', name: 'Mac', platform: 'macos', profile: 'Work' } }));
    expect(res.statusCode).toBe(201);
    expect(res.json().authenticationRequestId).toBeUndefined();
  });

  test('the policy PIN length: PIN_REQUIRED, and the claim stays usable', async () => {
    const { app } = testServer({ policy: { pin: { length: 6 } } });
    const { claimToken } = await claimKey(app);
    const wrong = await post(app, '/device/v1/pairings', mobilePairing(claimToken, { pin: { configured: true, length: 4 } }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('PIN_REQUIRED');
    const right = await post(app, '/device/v1/pairings', mobilePairing(claimToken, { pin: { configured: true, length: 6 } }));
    expect(right.statusCode).toBe(201);
  });

  test('location required and denied: LOCATION_REQUIRED', async () => {
    const { app } = testServer({ policy: { locationRequired: true } });
    const { claimToken } = await claimKey(app);
    const res = await post(app, '/device/v1/pairings', mobilePairing(claimToken, { location: { permission: 'denied' } }));
    expect(res.json().code).toBe('LOCATION_REQUIRED');
  });

  test('biometrics required and not enrolled: BIOMETRICS_REQUIRED', async () => {
    const { app } = testServer({ policy: { biometricsRequired: true } });
    const { claimToken } = await claimKey(app);
    const res = await post(app, '/device/v1/pairings', mobilePairing(claimToken, { biometrics: { enrolled: false } }));
    expect(res.json().code).toBe('BIOMETRICS_REQUIRED');
  });

  test('maximum devices: DEVICE_LIMIT_REACHED', async () => {
    const { app } = testServer({ policy: { devices: { max: 1 } } });
    await pairMobile(app);
    const { claimToken } = await claimKey(app);
    const res = await post(app, '/device/v1/pairings', mobilePairing(claimToken));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DEVICE_LIMIT_REACHED');
  });

  test('a used or unknown claim token: CLAIM_INVALID', async () => {
    const { app } = testServer();
    const { claimToken } = await claimKey(app);
    expect((await post(app, '/device/v1/pairings', mobilePairing(claimToken))).statusCode).toBe(201);
    const again = await post(app, '/device/v1/pairings', mobilePairing(claimToken));
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('CLAIM_INVALID');
  });

  test('injected pairing-error fault: PAIRING_ERROR once', async () => {
    const { app } = testServer();
    const { claimToken } = await claimKey(app);
    expect((await post(app, '/test/v1/faults', { fault: 'pairing-error', target: 'alice' })).statusCode).toBe(204);
    const failed = await post(app, '/device/v1/pairings', mobilePairing(claimToken));
    expect(failed.json().code).toBe('PAIRING_ERROR');
    expect((await post(app, '/device/v1/pairings', mobilePairing(claimToken))).statusCode).toBe(201);
  });
});

describe('authentication requests (seed 001)', () => {
  test('approve needs the PIN verified when the policy sets one', async () => {
    const { app } = testServer({ policy: { pin: { length: 4 } } });
    const paired = await pairMobile(app, 'alice', { pin: { configured: true, length: 4 } });
    const url = `/device/v1/requests/${paired.authenticationRequestId}/approve`;
    const refused = await post(app, url, { ...approve, pinVerified: false }, bearer(paired.deviceToken));
    expect(refused.json().code).toBe('PIN_NOT_VERIFIED');
    const ok = await post(app, url, approve, bearer(paired.deviceToken));
    expect(ok.json()).toEqual({ id: paired.authenticationRequestId, status: 'approved' });
    const twice = await post(app, url, approve, bearer(paired.deviceToken));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('REQUEST_ALREADY_DECIDED');
  });

  test('biometrics approval without a match: BIOMETRICS_NOT_VERIFIED', async () => {
    const { app } = testServer();
    const paired = await pairMobile(app);
    const res = await post(app, `/device/v1/requests/${paired.authenticationRequestId}/approve`, { method: 'biometrics', pinVerified: true, biometricVerified: false }, bearer(paired.deviceToken));
    expect(res.json().code).toBe('BIOMETRICS_NOT_VERIFIED');
  });

  test('deny; expiry after push.totalTimeoutSeconds; unknown ids', async () => {
    const { app, clock } = testServer();
    const paired = await pairMobile(app);
    const denied = await post(app, `/device/v1/requests/${paired.authenticationRequestId}/deny`, undefined, bearer(paired.deviceToken));
    expect(denied.json()).toEqual({ id: paired.authenticationRequestId, status: 'denied' });
    const other = await pairMobile(app, 'bob');
    clock.advance(40_000);
    const expired = await post(app, `/device/v1/requests/${other.authenticationRequestId}/approve`, approve, bearer(other.deviceToken));
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('REQUEST_EXPIRED');
    expect((await app.inject({ url: '/device/v1/requests', headers: bearer(other.deviceToken) })).json().requests).toEqual([]);
    const foreign = await post(app, `/device/v1/requests/${other.authenticationRequestId}/deny`, undefined, bearer(paired.deviceToken));
    expect(foreign.json().code).toBe('REQUEST_NOT_FOUND');
  });

  test('push-not-delivered: the request never reaches the device and times out at the device timeout', async () => {
    const { app, clock } = testServer();
    await post(app, '/test/v1/faults', { fault: 'push-not-delivered' });
    const paired = await pairMobile(app);
    expect((await app.inject({ url: '/device/v1/requests', headers: bearer(paired.deviceToken) })).json().requests).toEqual([]);
    clock.advance(25_000);
    const view = (await app.inject({ url: '/test/v1/users/alice' })).json<{ requests: { status: string; delivered: boolean }[] }>();
    expect(view.requests).toEqual([expect.objectContaining({ status: 'expired', delivered: false })]);
  });

  test('long poll returns as soon as a request arrives', async () => {
    const { app } = testServer();
    const paired = await pairMobile(app);
    await post(app, `/device/v1/requests/${paired.authenticationRequestId}/deny`, undefined, bearer(paired.deviceToken));
    const waiting = app.inject({ url: '/device/v1/requests?waitSeconds=5', headers: bearer(paired.deviceToken) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post(app, '/test/v1/users', { username: 'carol', password: 'pw' });
    // A new push for alice's device, made through the portal sign-on.
    await app.inject({ method: 'POST', url: '/portal/signon', payload: 'username=alice&password=alice-password&csrf=t0123456789abcdef', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'authconf_csrf=t0123456789abcdef' } });
    const res = await waiting;
    expect(res.json().requests).toHaveLength(1);
  });

  test('a bad bearer token: 401 UNAUTHORIZED', async () => {
    const { app } = testServer();
    const res = await app.inject({ url: '/device/v1/requests', headers: bearer('nope') });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
  });
});

describe('devices', () => {
  test('list in pairing order with the primary flagged; make primary; unpair promotes the next', async () => {
    const { app } = testServer();
    const first = await pairMobile(app);
    const second = await pairMobile(app, 'alice', { device: { kind: 'mobile', name: 'Pixel 8', platform: 'android' } });
    const list = (await app.inject({ url: '/device/v1/devices', headers: bearer(second.deviceToken) })).json<{ devices: { id: string; primary: boolean }[] }>();
    expect(list.devices.map((d) => [d.id, d.primary])).toEqual([
      [first.deviceId, true],
      [second.deviceId, false],
    ]);
    const made = (await post(app, '/device/v1/devices/self/primary', undefined, bearer(second.deviceToken))).json<{ devices: { primary: boolean }[] }>();
    expect(made.devices.map((d) => d.primary)).toEqual([false, true]);
    expect((await app.inject({ method: 'DELETE', url: '/device/v1/devices/self', headers: bearer(second.deviceToken) })).statusCode).toBe(204);
    const after = (await app.inject({ url: '/device/v1/devices', headers: bearer(first.deviceToken) })).json<{ devices: { id: string; primary: boolean }[] }>();
    expect(after.devices).toEqual([expect.objectContaining({ id: first.deviceId, primary: true })]);
    expect((await app.inject({ url: '/device/v1/devices', headers: bearer(second.deviceToken) })).statusCode).toBe(401);
  });
});

test('OpenAPI document lists every device route of the contract', async () => {
  const { app } = testServer();
  const doc = (await app.inject({ url: '/device/v1/openapi.json' })).json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
  expect(doc.openapi).toBe('3.1.0');
  for (const path of ['/device/v1/pairing-keys/claim', '/device/v1/pairings', '/device/v1/sdk/pairings', '/device/v1/requests', '/device/v1/requests/events', '/device/v1/requests/{id}/approve', '/device/v1/requests/{id}/deny', '/device/v1/devices', '/device/v1/devices/self']) {
    expect(doc.paths[path], path).toBeDefined();
  }
});
