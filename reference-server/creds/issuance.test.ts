/** Seed 003 "How do I receive Creds?" and "Can I backup or move my Creds to a new device?". */
import { describe, expect, test } from 'vitest';
import type { DeviceRequest } from '../../models/device-api.ts';
import { bearer, post, testServer } from '../test-helpers.ts';
import { credsState, employee, issue, listCreds, makeOffer, pairBody, pairWallet } from './creds-test-kit.ts';

async function notifications(app: Parameters<typeof listCreds>[0], token: string): Promise<DeviceRequest[]> {
  return (await app.inject({ url: '/device/v1/creds/notifications', headers: bearer(token) })).json<{ requests: DeviceRequest[] }>().requests;
}

describe('issuing Creds', () => {
  test('issued Creds carry their named fields, reach the wallet with a creds-issued notification, and only under that issuer', async () => {
    const { app } = testServer();
    const acme = await pairWallet(app, 'wallet-a', 'acme');
    const library = await pairWallet(app, 'wallet-a', 'city-library');
    const card = await issue(app, 'wallet-a', { fields: { employeeId: 'E-1', name: 'Ada Lovelace', email: 'ada@acme.test' } });
    const listed = await listCreds(app, acme);
    expect(listed).toEqual([
      {
        id: card.id,
        type: 'EmployeeCard',
        issuer: { id: 'acme', name: 'Acme Corp' },
        issuedAt: '2024-06-15T00:00:00.000Z',
        expiresAt: null,
        fields: { name: 'Ada Lovelace', employeeId: 'E-1', email: 'ada@acme.test' },
        revoked: false,
      },
    ]);
    expect(await notifications(app, acme)).toEqual([
      { id: expect.any(String), kind: 'creds-issued', organization: { id: 'acme', name: 'Acme Corp' }, createdAt: '2024-06-15T00:00:00.000Z', expiresAt: '2024-06-16T00:00:00.000Z', credentialId: card.id },
    ]);
    // The wallet token is per issuer pairing: the library pairing sees none of Acme's Creds.
    expect(await listCreds(app, library)).toEqual([]);
    expect(await notifications(app, library)).toEqual([]);
  });

  test('notifications are listed for policy creds.newLabelHours (24 h)', async () => {
    const { app, clock } = testServer();
    const token = await pairWallet(app, 'wallet-a');
    await issue(app, 'wallet-a');
    clock.advance(24 * 3600_000 - 1);
    expect(await notifications(app, token)).toHaveLength(1);
    clock.advance(1);
    expect(await notifications(app, token)).toEqual([]);
    expect(await listCreds(app, token)).toHaveLength(1);
  });

  test('expiresAt is kept; issuing by username reaches the wallet paired from an offer for that user', async () => {
    const { app } = testServer();
    const { qr } = await makeOffer(app, 'acme', 'Alice');
    const { walletToken } = (await post(app, '/device/v1/creds/pairings', pairBody(qr, 'wallet-alice'))).json<{ walletToken: string }>();
    const res = await post(app, '/test/v1/creds/issue', { issuerId: 'acme', username: 'alice', credentialType: 'ParkingPermit', fields: { name: 'Alice', plate: 'AB-123' }, expiresAt: '2025-01-01T00:00:00Z' });
    expect(res.statusCode).toBe(201);
    expect(res.json().credential).toMatchObject({ walletId: 'wallet-alice', expiresAt: '2025-01-01T00:00:00.000Z' });
    expect(await listCreds(app, walletToken)).toHaveLength(1);
  });

  test('refusals name the problem and store nothing', async () => {
    const { app } = testServer();
    await pairWallet(app, 'wallet-a');
    const before = credsState(app);
    const base = { issuerId: 'acme', walletId: 'wallet-a', credentialType: 'EmployeeCard', fields: employee };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ issuerId: 'nope' }, 404, 'CREDS_ISSUER_NOT_FOUND'],
      [{ credentialType: 'LibraryCard' }, 400, 'CREDS_CREDENTIAL_TYPE_UNKNOWN'],
      [{ fields: { ...employee, salary: '1' } }, 400, 'CREDS_FIELDS_INVALID'],
      [{ fields: { name: 'Ada' } }, 400, 'CREDS_FIELDS_INVALID'],
      [{ walletId: 'wallet-z' }, 409, 'CREDS_NOT_PAIRED'],
      [{ walletId: undefined, username: 'nobody' }, 409, 'CREDS_NOT_PAIRED'],
      [{ walletId: undefined }, 400, 'VALIDATION_ERROR'],
      [{ expiresAt: '2024-06-14T00:00:00Z' }, 400, 'VALIDATION_ERROR'],
      [{ expiresAt: 'tomorrow' }, 400, 'VALIDATION_ERROR'],
      [{ fields: { ...employee, name: { first: 'Ada' } } }, 400, 'VALIDATION_ERROR'],
      [{ credentialType: { name: 'EmployeeCard' } }, 400, 'VALIDATION_ERROR'],
      [{ fields: 'name=Ada' }, 400, 'VALIDATION_ERROR'],
    ];
    for (const [change, status, code] of cases) {
      const res = await post(app, '/test/v1/creds/issue', { ...base, ...change });
      expect([res.statusCode, res.json().code], JSON.stringify(change)).toEqual([status, code]);
    }
    expect(credsState(app)).toEqual(before);
    const unknownField = (await post(app, '/test/v1/creds/issue', { ...base, fields: { ...employee, salary: '1' } })).json();
    expect(unknownField.details).toEqual([{ code: 'INVALID_VALUE', message: expect.any(String), target: 'fields.salary' }]);
  });

  test('the library issues its own card to a wallet paired with it, not with Acme', async () => {
    const { app } = testServer();
    await pairWallet(app, 'wallet-a', 'acme');
    const card = { issuerId: 'city-library', walletId: 'wallet-a', credentialType: 'LibraryCard', fields: { name: 'Ada', cardNumber: 'L-9' } };
    expect((await post(app, '/test/v1/creds/issue', card)).json().code).toBe('CREDS_NOT_PAIRED');
    const token = await pairWallet(app, 'wallet-a', 'city-library');
    expect((await post(app, '/test/v1/creds/issue', card)).statusCode).toBe(201);
    expect((await listCreds(app, token)).map((c) => c.type)).toEqual(['LibraryCard']);
  });
});

describe('revoking and reissuing', () => {
  test('revoke: the wallet sees revoked: true and a creds-revoked notification; revoking again changes nothing', async () => {
    const { app } = testServer();
    const token = await pairWallet(app, 'wallet-a');
    const card = await issue(app, 'wallet-a');
    const revoked = await post(app, '/test/v1/creds/revoke', { credentialId: card.id });
    expect(revoked.json().credential).toMatchObject({ id: card.id, revoked: true });
    expect((await listCreds(app, token))[0]!.revoked).toBe(true);
    expect((await notifications(app, token)).map((n) => [n.kind, n.credentialId])).toEqual([['creds-issued', card.id], ['creds-revoked', card.id]]);
    const before = credsState(app);
    expect((await post(app, '/test/v1/creds/revoke', { credentialId: card.id })).statusCode).toBe(200);
    expect(credsState(app)).toEqual(before);
    const unknown = await post(app, '/test/v1/creds/revoke', { credentialId: 'cNope' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'CREDS_CREDENTIAL_NOT_FOUND']);
  });

  test('a reinstall is a new wallet: nothing until it pairs again and the issuer reissues; the old copy is revoked', async () => {
    const { app } = testServer();
    const oldToken = await pairWallet(app, 'wallet-old');
    const card = await issue(app, 'wallet-old');
    // Reissue to a wallet that has not paired: refused.
    const early = await post(app, '/test/v1/creds/reissue', { credentialId: card.id, walletId: 'wallet-new' });
    expect([early.statusCode, early.json().code]).toEqual([409, 'CREDS_NOT_PAIRED']);
    const newToken = await pairWallet(app, 'wallet-new');
    expect(await listCreds(app, newToken)).toEqual([]); // nothing transferred by pairing
    const reissued = await post(app, '/test/v1/creds/reissue', { credentialId: card.id, walletId: 'wallet-new' });
    expect(reissued.statusCode).toBe(201);
    const { credential, revoked } = reissued.json<{ credential: { id: string; walletId: string; reissuedFrom: string; fields: object }; revoked: { revoked: boolean } }>();
    expect(credential).toMatchObject({ walletId: 'wallet-new', reissuedFrom: card.id, fields: card.fields });
    expect(credential.id).not.toBe(card.id);
    expect(revoked.revoked).toBe(true);
    expect((await listCreds(app, newToken)).map((c) => [c.id, c.revoked])).toEqual([[credential.id, false]]);
    expect((await listCreds(app, oldToken)).map((c) => [c.id, c.revoked])).toEqual([[card.id, true]]);
  });
});
