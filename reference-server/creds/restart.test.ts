/** Issue 3 item 6: wallet pairings, issued Creds, notifications and verifier inboxes survive a restart on SQLite. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { build } from '../app.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { MemoryStore } from '../store/memory.ts';
import { bearer, post } from '../test-helpers.ts';
import { employee, inbox, issue, listCreds, makeOffer, pairBody, pairWallet, presentation, share } from './creds-test-kit.ts';

const dir = mkdtempSync(join(tmpdir(), 'authconf-creds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Creds on the SQLite store', () => {
  test('after a restart the wallet token still lists its Creds, the pairing still counts, and the verifier inbox is kept', async () => {
    const file = join(dir, 'creds.sqlite');
    const clock = new ManualClock();
    const first = build({ store: new SqliteStore(file), clock, rng: seededRng(1), testControl: true });
    const token = await pairWallet(first, 'wallet-a');
    const card = await issue(first, 'wallet-a');
    const request = await presentation(first);
    expect((await share(first, token, request.id, card.id, { name: employee.name, employeeId: employee.employeeId })).statusCode).toBe(200);
    const pending = await presentation(first);
    await first.close();
    first.authconf.store.close();

    const second = build({ store: new SqliteStore(file), clock, rng: seededRng(2), testControl: true });
    expect(await listCreds(second, token)).toEqual([expect.objectContaining({ id: card.id, fields: card.fields, revoked: false })]);
    expect((await second.inject({ url: '/device/v1/creds/notifications', headers: bearer(token) })).json().requests).toHaveLength(1);
    const { qr } = await makeOffer(second);
    expect((await post(second, '/device/v1/creds/pairings', pairBody(qr, 'wallet-a'), bearer(token))).json().code).toBe('CREDS_ALREADY_PAIRED');
    expect((await inbox(second, request.id)).received?.fields).toEqual({ name: employee.name, employeeId: employee.employeeId });
    // A request made before the restart can still be answered, within its 5 minutes.
    expect((await share(second, token, pending.id, card.id, { name: employee.name, employeeId: employee.employeeId })).statusCode).toBe(200);
    await second.close();
    second.authconf.store.close();
  });

  test('the memory and SQLite stores keep the Creds collections alike (a generic contract, no migration)', () => {
    const record = { id: 'c1', issuerId: 'acme', walletId: 'w', pairingId: 'acme/w', type: 'EmployeeCard', fields: { name: 'A' }, issuedAt: 1, expiresAt: null, revoked: false, revokedAt: null, reissuedFrom: null };
    for (const store of [new MemoryStore(), new SqliteStore(join(dir, 'contract.sqlite'))]) {
      store.put('credentials', record.id, record);
      store.put('walletTokens', 'h', { hash: 'h', pairingId: 'acme/w' });
      expect(store.get('credentials', 'c1')).toEqual(record);
      expect(store.list('walletTokens')).toEqual([{ hash: 'h', pairingId: 'acme/w' }]);
      expect(store.list('users')).toEqual([]);
      store.close();
    }
  });
});
