/**
 * "No input produces a 5xx" (issue 3, Bad input): random bodies, media types and headers on
 * every route that takes input get a 4xx (or a 2xx/3xx), with a registry code on the 4xx.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isErrorCode } from '../models/error-codes.ts';
import { testServer, post } from './test-helpers.ts';
import { startFlow, XSRF } from './authn/authn-test-kit.ts';

const routes = [
  '/device/v1/pairing-keys/claim',
  '/device/v1/pairings',
  '/device/v1/sdk/pairings',
  '/device/v1/requests/abc/approve',
  '/device/v1/requests/abc/deny',
  '/device/v1/devices/self/primary',
  '/test/v1/clock/advance',
  '/test/v1/faults',
  '/test/v1/push/decide',
  '/test/v1/users',
  '/test/v1/pairing-keys',
  '/as/token.oauth2',
  '/as/authorization.oauth2',
  '/portal/signon',
  '/portal/otp',
  '/portal/devices/select',
  '/portal/registration/start',
];

const body = fc.oneof(
  fc.json(),
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify({ key: v, claimToken: v, username: v, password: v, otp: v, ms: v, fault: v, device: v, deviceRef: v })),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/vnd.pingidentity.checkOtp+json',
  'application/vnd.pingidentity.nope+json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
);

describe('bad input never gets a 5xx', () => {
  test('random bodies on every input route', async () => {
    const { app } = testServer();
    const flow = await startFlow(app);
    const all = [...routes, `/pf-ws/authn/flows/${flow.id}`, '/pf-ws/authn/flows/nope'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), body, contentType, fc.boolean(), async (url, payload, type, xsrf) => {
        const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, ...(xsrf ? XSRF : {}), authorization: 'Bearer junk' } });
        expect(res.statusCode, `${url} ${type} ${payload}`).toBeLessThan(500);
        if (res.statusCode >= 400 && String(res.headers['content-type'] ?? '').includes('json')) expect(isErrorCode(res.json().code), res.body).toBe(true);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  test('the state a refused request leaves is the state before it', async () => {
    const { app } = testServer();
    const before = (await app.inject({ url: '/test/v1/users/alice' })).json();
    await post(app, '/device/v1/pairing-keys/claim', { key: 'x'.repeat(3000) });
    await post(app, '/device/v1/pairings', { claimToken: 'nope', device: {}, pin: {}, location: {}, biometrics: {} });
    expect((await app.inject({ url: '/test/v1/users/alice' })).json()).toEqual(before);
  });
});
