import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import type { Store } from './contract.ts';
import { StoreError } from './contract.ts';
import { MemoryStore } from './memory.ts';
import { SqliteStore } from './sqlite.ts';
import type { GuessRecord, PushRecord } from './records.ts';
import { build } from '../app.ts';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { bearer, post } from '../test-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'authconf-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
const guess = (client: string, failures: number): GuessRecord => ({ client, failures, lockedUntil: null });
const push = (id: string, userId: string, deviceId: string, expiresAt: number): PushRecord => ({
  id, userId, deviceId, kind: 'authentication', createdAt: 0, expiresAt, delivered: true, status: 'pending', decidedAt: null, method: null, application: null, location: null,
});

describe.each([
  ['memory', (): Store => new MemoryStore()],
  ['sqlite', (): Store => new SqliteStore(join(dir, `contract-${++fileCount}.sqlite`))],
])('%s store contract', (_name, make) => {
  test('get/put/list/delete, insertion order kept on update, values are copies', () => {
    const store = make();
    store.put('keyGuesses', 'a', guess('a', 1));
    store.put('keyGuesses', 'b', guess('b', 2));
    store.put('keyGuesses', 'a', guess('a', 3));
    expect(store.list('keyGuesses').map((g) => [g.client, g.failures])).toEqual([['a', 3], ['b', 2]]);
    const read = store.get('keyGuesses', 'a')!;
    read.failures = 99;
    expect(store.get('keyGuesses', 'a')!.failures).toBe(3);
    store.delete('keyGuesses', 'a');
    expect(store.get('keyGuesses', 'a')).toBeUndefined();
    expect(store.list('users')).toEqual([]);
    store.close();
  });

  test('a transaction that throws leaves nothing behind', () => {
    const store = make();
    store.put('keyGuesses', 'a', guess('a', 1));
    expect(() =>
      store.transaction(() => {
        store.put('keyGuesses', 'a', guess('a', 2));
        store.put('keyGuesses', 'c', guess('c', 1));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.list('keyGuesses')).toEqual([guess('a', 1)]);
    store.close();
  });

  test('find answers from the index, in the order first put, and follows updates and deletes', () => {
    const store = make();
    store.put('pushes', 'p1', push('p1', 'u1', 'd1', 10));
    store.put('pushes', 'p2', push('p2', 'u2', 'd2', 20));
    store.put('pushes', 'p3', push('p3', 'u1', 'd3', 30));
    expect(store.find('pushes', 'userId', 'u1').map((p) => p.id)).toEqual(['p1', 'p3']);
    store.put('pushes', 'p1', push('p1', 'u2', 'd1', 10));
    expect(store.find('pushes', 'userId', 'u1').map((p) => p.id)).toEqual(['p3']);
    expect(store.find('pushes', 'userId', 'u2').map((p) => p.id)).toEqual(['p1', 'p2']);
    store.delete('pushes', 'p2');
    expect(store.find('pushes', 'userId', 'u2').map((p) => p.id)).toEqual(['p1']);
    expect(store.find('pushes', 'deviceId', 'd3').map((p) => p.id)).toEqual(['p3']);
    expect(store.find('devices', 'userId', 'u1')).toEqual([]);
    const found = store.find('pushes', 'deviceId', 'd3')[0]!;
    found.status = 'approved';
    expect(store.get('pushes', 'p3')!.status).toBe('pending');
    store.close();
  });

  test('a rolled-back transaction restores the index too; a nested one rolls back alone', () => {
    const store = make();
    store.put('pushes', 'p1', push('p1', 'u1', 'd1', 10));
    expect(() =>
      store.transaction(() => {
        store.put('pushes', 'p1', push('p1', 'u9', 'd1', 10));
        store.put('pushes', 'p2', push('p2', 'u1', 'd2', 10));
        store.delete('pushes', 'p1');
        // Read inside the work that is about to roll back: nothing of it may be remembered.
        expect(store.find('pushes', 'userId', 'u1').map((p) => p.id)).toEqual(['p2']);
        expect(store.get('pushes', 'p1')).toBeUndefined();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.find('pushes', 'userId', 'u1').map((p) => p.id)).toEqual(['p1']);
    expect(store.get('pushes', 'p1')!.userId).toBe('u1');
    expect(store.find('pushes', 'userId', 'u9')).toEqual([]);
    store.transaction(() => {
      store.put('pushes', 'p2', push('p2', 'u1', 'd2', 10));
      expect(() =>
        store.transaction(() => {
          store.put('pushes', 'p3', push('p3', 'u1', 'd3', 10));
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(store.find('pushes', 'userId', 'u1').map((p) => p.id)).toEqual(['p1', 'p2']);
    store.close();
  });

  test('purgeExpired deletes what expired before the instant, nothing else', () => {
    const store = make();
    store.put('pushes', 'old', push('old', 'u1', 'd1', 100));
    store.put('pushes', 'edge', push('edge', 'u1', 'd1', 200));
    store.put('pushes', 'new', push('new', 'u1', 'd1', 300));
    store.put('keyGuesses', 'a', guess('a', 1));
    expect(store.purgeExpired('pushes', 200)).toBe(1);
    expect(store.purgeExpired('keyGuesses', 1e15)).toBe(0);
    expect(store.list('pushes').map((p) => p.id)).toEqual(['edge', 'new']);
    expect(store.find('pushes', 'userId', 'u1').map((p) => p.id)).toEqual(['edge', 'new']);
    store.close();
  });
});

describe('SQLite store', () => {
  test('users, paired devices and OTP replay records survive a restart', async () => {
    const file = join(dir, 'restart.sqlite');
    const clock = new ManualClock();
    const first = build({ store: new SqliteStore(file), clock, rng: seededRng(1), testControl: true });
    const seeded = (await post(first, '/test/v1/users', { username: 'erin', password: 'pw', devices: [{ kind: 'mobile' }] })).json<{ devices: { deviceToken: string }[] }>();
    await first.close();
    first.authconf.store.close();

    const second = build({ store: new SqliteStore(file), clock, rng: seededRng(2), testControl: true });
    const devices = await second.inject({ url: '/device/v1/devices', headers: bearer(seeded.devices[0]!.deviceToken) });
    expect(devices.statusCode).toBe(200);
    expect(devices.json().devices).toHaveLength(1);
    const login = await second.inject({ method: 'POST', url: '/portal/signon', payload: 'username=erin&password=pw&csrf=t0123456789abcdef', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'authconf_csrf=t0123456789abcdef' } });
    expect(login.statusCode).toBe(303);
    await second.close();
    second.authconf.store.close();
  });

  test('a file that is not an authconf database: DB_UNUSABLE', () => {
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE stuff (x)');
    db.close();
    expect(() => new SqliteStore(other)).toThrow(StoreError);
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not sqlite at all, not even close'.repeat(100));
    expect(() => new SqliteStore(garbage)).toThrow(StoreError);
  });
});
