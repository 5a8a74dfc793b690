import { describe, expect, test } from 'vitest';
import { faults } from '../../models/test-control.ts';
import { bearer, pairMobile, post, testServer } from '../test-helpers.ts';

describe('test control off', () => {
  test('every /test/v1 route answers 404 TEST_CONTROL_DISABLED', async () => {
    const { app } = testServer({ testControl: false });
    for (const [method, url] of [['GET', '/test/v1/clock'], ['POST', '/test/v1/clock/advance'], ['POST', '/test/v1/faults'], ['GET', '/test/v1/users/alice']] as const) {
      const res = await app.inject({ method, url, ...(method === 'POST' ? { payload: { ms: 1 } } : {}) });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('TEST_CONTROL_DISABLED');
    }
  });
});

describe('test control on', () => {
  test('reads and advances the server clock', async () => {
    const { app } = testServer();
    expect((await app.inject({ url: '/test/v1/clock' })).json()).toEqual({ now: '2024-06-15T00:00:00.000Z' });
    expect((await post(app, '/test/v1/clock/advance', { ms: 90_000 })).json()).toEqual({ now: '2024-06-15T00:01:30.000Z' });
    expect((await post(app, '/test/v1/clock/advance', { ms: -1 })).json().code).toBe('VALIDATION_ERROR');
  });

  test('lists injectable faults and refuses unknown ones with FAULT_UNKNOWN', async () => {
    const { app } = testServer();
    expect((await app.inject({ url: '/test/v1/faults' })).json().faults).toEqual([...faults]);
    const res = await post(app, '/test/v1/faults', { fault: 'meteor-strike' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FAULT_UNKNOWN');
  });

  test('seeds a user with devices; the view shows OTP seeds and current codes', async () => {
    const { app } = testServer();
    const seeded = await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'mobile' }, { kind: 'sms' }, { kind: 'totp' }] });
    expect(seeded.statusCode).toBe(201);
    const body = seeded.json<{ devices: { kind: string; deviceToken: string | null; primary: boolean }[] }>();
    expect(body.devices.map((d) => [d.kind, d.deviceToken !== null, d.primary])).toEqual([
      ['mobile', true, true],
      ['sms', false, false],
      ['totp', false, false],
    ]);
    const view = (await app.inject({ url: '/test/v1/users/dave' })).json<{ devices: { currentOtp: string }[] }>();
    expect(view.devices.every((d) => /^\d{6}$/.test(d.currentOtp))).toBe(true);
    // Seeding again resets the user.
    await post(app, '/test/v1/users', { username: 'dave', password: 'pw2', devices: [] });
    expect((await app.inject({ url: '/test/v1/users/dave' })).json().devices).toEqual([]);
  });

  test('decides the pending push of a user', async () => {
    const { app } = testServer();
    const paired = await pairMobile(app);
    const res = await post(app, '/test/v1/push/decide', { username: 'alice', decision: 'deny' });
    expect(res.json()).toEqual({ id: paired.authenticationRequestId, status: 'denied' });
    expect((await app.inject({ url: '/device/v1/requests', headers: bearer(paired.deviceToken) })).json().requests).toEqual([]);
    expect((await post(app, '/test/v1/push/decide', { username: 'alice', decision: 'approve' })).json().code).toBe('REQUEST_NOT_FOUND');
  });

  test('unknown users and flows: RESOURCE_NOT_FOUND', async () => {
    const { app } = testServer();
    expect((await app.inject({ url: '/test/v1/users/nobody' })).json().code).toBe('RESOURCE_NOT_FOUND');
    expect((await app.inject({ url: '/test/v1/flows/nope' })).json().code).toBe('RESOURCE_NOT_FOUND');
    expect((await post(app, '/test/v1/pairing-keys', { username: 'nobody' })).statusCode).toBe(404);
  });
});
