/**
 * Issue 3 item 8 for the Creds routes: malformed JSON, wrong media types, wrong types, missing
 * fields and unknown ids each get a 4xx with a registry code, never a 5xx, and leave the
 * stored Creds state as it was.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isErrorCode } from '../../models/error-codes.ts';
import { bearer, testServer } from '../test-helpers.ts';
import { credsState, issue, makeOffer, pairWallet, presentation } from './creds-test-kit.ts';

const postRoutes = [
  '/device/v1/creds/pairings',
  '/device/v1/creds/presentations/PRESENTATION',
  '/device/v1/creds/presentations/pNope',
  '/test/v1/creds/offers',
  '/test/v1/creds/issue',
  '/test/v1/creds/revoke',
  '/test/v1/creds/reissue',
  '/test/v1/creds/presentations',
  '/creds/verify',
];
const getRoutes = ['/device/v1/creds', '/device/v1/creds/notifications', '/device/v1/creds/presentations/%00', '/test/v1/creds/verifier/nope', '/test/v1/creds/wallets/%20', '/creds/issuers/nope/offer', '/creds/offers/nope', '/creds/verify/nope'];

const field = fc.oneof(fc.jsonValue(), fc.constantFrom('acme', 'EmployeeCard', 'wallet-a', 'name', { name: 'x' }, ['name'], null));
const body = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constantFrom('{', '{"offer":', 'null', '[]', '""'),
  fc
    .record({ offer: field, walletId: field, deviceLock: field, device: field, credentialId: field, fields: field, issuerId: field, credentialType: field, verifierName: field, requiredFields: field, optionalFields: field, username: field, expiresAt: field }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
);
const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'application/vnd.x+json');

describe('bad input on every Creds route', () => {
  test('random bodies, media types and tokens: never a 5xx, a registry code on each 4xx, nothing stored by a refusal', async () => {
    const { app } = testServer();
    const token = await pairWallet(app, 'wallet-a');
    await issue(app, 'wallet-a');
    const request = await presentation(app);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...postRoutes), body, contentType, fc.boolean(), async (route, payload, type, authorized) => {
        const url = route.replace('PRESENTATION', request.id);
        const before = credsState(app);
        const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, ...(authorized ? bearer(token) : { authorization: 'Bearer junk' }) } });
        expect(res.statusCode, `${url} ${type} ${payload}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const code = String(res.headers['content-type'] ?? '').includes('json') ? res.json<{ code: string }>().code : /data-testid="creds-error-code">([A-Z_]+)</.exec(res.body)?.[1];
          expect(isErrorCode(code ?? ''), res.body).toBe(true);
          expect(credsState(app)).toEqual(before);
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  test('GET routes with unknown ids and without tokens: 4xx with registry codes', async () => {
    const { app } = testServer();
    for (const url of getRoutes) {
      const res = await app.inject({ url, headers: { authorization: 'Bearer junk' } });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  test('named cases: malformed JSON, wrong media type, missing and mistyped fields', async () => {
    const { app } = testServer();
    const { qr } = await makeOffer(app);
    const before = credsState(app);
    const send = (payload: string, type = 'application/json') => app.inject({ method: 'POST', url: '/device/v1/creds/pairings', payload, headers: { 'content-type': type } });
    const cases: [string, string, number, string][] = [
      ['{"offer":', 'application/json', 400, 'MALFORMED_JSON'],
      [`<offer>${qr}</offer>`, 'application/xml', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [JSON.stringify({ offer: qr }), 'application/json', 400, 'VALIDATION_ERROR'],
      [JSON.stringify({ offer: qr, walletId: 'w a', deviceLock: { kind: 'pin', verified: true }, device: { kind: 'mobile', name: 'P', platform: 'ios' } }), 'application/json', 400, 'VALIDATION_ERROR'],
      [JSON.stringify({ offer: qr, walletId: 'w', deviceLock: { kind: 'face', verified: true }, device: { kind: 'mobile', name: 'P', platform: 'ios' } }), 'application/json', 400, 'VALIDATION_ERROR'],
      [JSON.stringify({ offer: qr, walletId: 'w', deviceLock: { kind: 'pin', verified: 'maybe' }, device: { kind: 'mobile', name: 'P', platform: 'ios' } }), 'application/json', 400, 'VALIDATION_ERROR'],
      [JSON.stringify({ offer: { qr }, walletId: 'w', deviceLock: { kind: 'pin', verified: true }, device: { kind: 'mobile', name: 'P', platform: 'ios' } }), 'application/json', 400, 'VALIDATION_ERROR'],
    ];
    for (const [payload, type, status, code] of cases) {
      const res = await send(payload, type);
      expect([res.statusCode, res.json().code], payload).toEqual([status, code]);
    }
    const missing = (await send(JSON.stringify({ offer: qr }))).json<{ details: { target: string }[] }>();
    expect(missing.details.map((d) => d.target).sort()).toEqual(['body.device', 'body.deviceLock'] /* walletId is optional: the server chooses it (issue 9) */);
    expect(credsState(app)).toEqual(before);
  });
});
