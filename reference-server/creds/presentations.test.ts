/**
 * Seed 003 "How do I share my Creds?" on the verifier's side: required fields always, optional
 * ones only if asked, nothing else, values as issued, from a valid credential of this wallet,
 * within 5 minutes, once. Each negative case is the happy path with one thing changed.
 */
import { describe, expect, test } from 'vitest';
import { bearer, post, testServer } from '../test-helpers.ts';
import { credsState, employee, inbox, issue, pairWallet, presentation, share } from './creds-test-kit.ts';

async function ready() {
  const { app, clock } = testServer();
  const token = await pairWallet(app, 'wallet-a');
  const card = await issue(app, 'wallet-a');
  const request = await presentation(app);
  return { app, clock, token, card, request };
}

const happy = { name: employee.name, employeeId: employee.employeeId, phone: employee.phone };

describe('presentation requests', () => {
  test('the wallet reads the request; a share of required + one selected optional field is what the verifier receives', async () => {
    const { app, token, card, request } = await ready();
    expect(request.qr).toBe(`authconf://creds/present?v=1&request=${request.id}&server=http%3A%2F%2Fauthconf.test`);
    const got = await app.inject({ url: `/device/v1/creds/presentations/${request.id}`, headers: bearer(token) });
    expect(got.json()).toEqual({
      id: request.id,
      verifier: { id: 'rental-co', name: 'Rental Co' },
      credentialType: 'EmployeeCard',
      requiredFields: ['name', 'employeeId'],
      optionalFields: ['email', 'phone'],
      expiresAt: '2024-06-15T00:05:00.000Z',
      status: 'waiting',
    });
    expect((await inbox(app, request.id)).received).toBeNull();
    const shared = await share(app, token, request.id, card.id, happy);
    expect([shared.statusCode, shared.json()]).toEqual([200, { id: request.id, status: 'verified' }]);
    const seen = await inbox(app, request.id);
    expect(seen.request.status).toBe('verified');
    expect(seen.received).toEqual({
      credentialId: card.id,
      credentialType: 'EmployeeCard',
      issuer: { id: 'acme', name: 'Acme Corp' },
      walletId: 'wallet-a',
      fields: happy,
      receivedAt: '2024-06-15T00:00:00.000Z',
    });
    const twice = await share(app, token, request.id, card.id, happy);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'PRESENTATION_ALREADY_ANSWERED']);
  });

  test('each broken rule is refused with its code, the request stays waiting, and the right share still works after', async () => {
    const { app, token, card, request } = await ready();
    const other = await pairWallet(app, 'wallet-b');
    const otherCard = await issue(app, 'wallet-b');
    const parking = await issue(app, 'wallet-a', { credentialType: 'ParkingPermit', fields: { name: 'Ada', plate: 'AB-1' } });
    const { name: _name, ...withoutName } = happy;
    const cases: [string, string, Record<string, string>, string][] = [
      ['a required field left out', token, withoutName, 'PRESENTATION_MISSING_REQUIRED_FIELD'],
      ['a field not asked for', token, { ...happy, department: employee.department }, 'PRESENTATION_UNREQUESTED_FIELD'],
      ['a value not as issued', token, { ...happy, employeeId: 'E-2' }, 'PRESENTATION_FIELD_MISMATCH'],
      ['an optional field the credential lacks', token, { ...happy, email: 'x@y' }, 'PRESENTATION_FIELD_MISMATCH'],
    ];
    const before = credsState(app);
    for (const [what, bearerToken, fields, code] of cases) {
      const res = await share(app, bearerToken, request.id, card.id, fields);
      expect([res.statusCode, res.json().code], what).toEqual([400, code]);
    }
    for (const [what, credentialId] of [['another wallet’s credential', otherCard.id], ['a credential of another type', parking.id], ['an unknown credential', 'cNope']] as const) {
      const res = await share(app, token, request.id, credentialId, happy);
      expect([res.statusCode, res.json().code], what).toEqual([400, 'PRESENTATION_WRONG_CREDENTIAL']);
    }
    const stolen = await share(app, other, request.id, card.id, happy);
    expect(stolen.json().code).toBe('PRESENTATION_WRONG_CREDENTIAL');
    expect(credsState(app)).toEqual(before);
    expect((await inbox(app, request.id)).request.status).toBe('waiting');
    expect((await share(app, token, request.id, card.id, happy)).statusCode).toBe(200);
  });

  test('a revoked or expired credential cannot be shared', async () => {
    const { app, clock, token, card, request } = await ready();
    await post(app, '/test/v1/creds/revoke', { credentialId: card.id });
    expect((await share(app, token, request.id, card.id, happy)).json().code).toBe('PRESENTATION_WRONG_CREDENTIAL');
    const short = await issue(app, 'wallet-a', { expiresAt: '2024-06-15T00:01:00Z' });
    clock.advance(60_000);
    expect((await share(app, token, request.id, short.id, happy)).json().code).toBe('PRESENTATION_WRONG_CREDENTIAL');
  });

  test('the request expires after policy creds.presentationTtlSeconds (5 min) on the server clock', async () => {
    const { app, clock, token, card, request } = await ready();
    clock.advance(299_999);
    expect((await app.inject({ url: `/device/v1/creds/presentations/${request.id}`, headers: bearer(token) })).statusCode).toBe(200);
    clock.advance(1);
    const got = await app.inject({ url: `/device/v1/creds/presentations/${request.id}`, headers: bearer(token) });
    expect([got.statusCode, got.json().code]).toEqual([410, 'PRESENTATION_EXPIRED']);
    const late = await share(app, token, request.id, card.id, happy);
    expect([late.statusCode, late.json().code]).toEqual([410, 'PRESENTATION_EXPIRED']);
    expect(await inbox(app, request.id)).toMatchObject({ request: { status: 'expired' }, received: null });
  });

  test('a shorter policy TTL is honoured', async () => {
    const { app, clock } = testServer({ policy: { creds: { presentationTtlSeconds: 30 } } });
    const token = await pairWallet(app, 'wallet-a');
    const card = await issue(app, 'wallet-a');
    const request = await presentation(app);
    clock.advance(30_000);
    expect((await share(app, token, request.id, card.id, happy)).json().code).toBe('PRESENTATION_EXPIRED');
  });

  test('a wallet may answer with any of its pairings’ tokens; the credential must be its own', async () => {
    const { app, card, request } = await ready();
    const libraryToken = await pairWallet(app, 'wallet-a', 'city-library');
    expect((await share(app, libraryToken, request.id, card.id, happy)).statusCode).toBe(200);
  });

  test('unknown request ids and bad request definitions', async () => {
    const { app, token, card } = await ready();
    expect((await app.inject({ url: '/device/v1/creds/presentations/pNope', headers: bearer(token) })).json().code).toBe('PRESENTATION_NOT_FOUND');
    expect((await share(app, token, 'pNope', card.id, happy)).json().code).toBe('PRESENTATION_NOT_FOUND');
    expect((await app.inject({ url: '/test/v1/creds/verifier/pNope' })).json().code).toBe('PRESENTATION_NOT_FOUND');
    const define = (body: object) => post(app, '/test/v1/creds/presentations', { verifierName: 'V', credentialType: 'EmployeeCard', requiredFields: ['name'], ...body });
    const before = credsState(app);
    for (const body of [{ optionalFields: ['name'] }, { requiredFields: [], optionalFields: [] }, { requiredFields: ['__proto__'] }, { requiredFields: ['a', 'a'] }, { verifierName: '  ' }, { requiredFields: { name: true } }]) {
      const res = await define(body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([400, 'VALIDATION_ERROR']);
    }
    expect(credsState(app)).toEqual(before);
  });
});
