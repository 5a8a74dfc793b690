/**
 * Expired flows, codes, pairing keys, claim tokens, pushes and sessions are purged on the
 * injected clock: on the first request once the purge interval has passed, when they expired
 * more than `purgeAfterSeconds` ago. Live records, users, devices and device tokens stay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Store } from '../store/contract.ts';
import { MemoryStore } from '../store/memory.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { portalBrowser, post, testServer } from '../test-helpers.ts';
import { mobilePayload, signedIn, step } from '../authn/authn-test-kit.ts';
import { expiringCollections } from './purge.ts';

const dir = mkdtempSync(join(tmpdir(), 'authconf-purge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MINUTE = 60 * 1000;

describe.each([
  ['memory', (): Store => new MemoryStore()],
  ['sqlite', (): Store => new SqliteStore(join(dir, 'purge.sqlite'))],
])('purge (%s store)', (_name, make) => {
  test('what expired over an hour ago goes on the next request; what lives, and users, devices and device tokens, stay', async () => {
    const store = make();
    const { app, clock } = testServer({ store });
    const carol = (await post(app, '/test/v1/users', { username: 'carol', password: 'pw', devices: [{ kind: 'mobile' }] })).json<{ devices: { id: string }[] }>();
    // A flow waiting on a push (push: 40 s, flow: 30 min).
    const waiting = await step(app, (await signedIn(app, 'carol', 'pw')).id, 'authenticate', {});
    expect(waiting.status).toBe('PUSH_CONFIRMATION_WAITING');
    // A claimed pairing key and its claim token (10 min each).
    const { key } = (await post(app, '/test/v1/pairing-keys', { username: 'carol' })).json<{ key: string }>();
    expect((await post(app, '/device/v1/pairing-keys/claim', { key })).statusCode).toBe(200);
    // A portal session (1 h) and an authorization code (from a completed flow).
    const signOn = await portalBrowser(app).post('/portal/signon', { username: 'alice', password: 'alice-password' });
    expect(signOn.statusCode).toBe(303);
    const pairing = await step(app, (await signedIn(app, 'alice', 'alice-password')).id, 'authenticate', { mobilePayload: mobilePayload() });
    expect((await step(app, pairing.id, 'continueAuthentication')).status).toBe('COMPLETED');

    const counts = () => Object.fromEntries(expiringCollections.map((c) => [c, store.list(c).length]));
    const before = counts();
    expect(before).toMatchObject({ flows: 2, authCodes: 1, pairingKeys: 1, pushes: 1, sessions: 1, signingKeys: 1 });
    const deviceTokens = store.list('tokens').filter((t) => t.kind === 'device').length;
    expect(before.tokens).toBe(deviceTokens + 1);

    // 30 minutes on: push, key, claim and code expired, but less than an hour ago. Kept.
    clock.advance(30 * MINUTE);
    await app.inject({ url: '/.well-known/openid-configuration' });
    expect(counts()).toEqual(before);

    // 3 hours on: everything above expired over an hour ago. One request purges it.
    clock.advance(150 * MINUTE);
    await app.inject({ url: '/.well-known/openid-configuration' });
    expect(counts()).toEqual({ flows: 0, authCodes: 0, pairingKeys: 0, tokens: deviceTokens, pushes: 0, sessions: 0, signingKeys: 1 });
    expect(store.find('users', 'username', 'carol')).toHaveLength(1);
    expect(store.find('devices', 'userId', store.find('users', 'username', 'carol')[0]!.id).map((d) => d.id)).toEqual([carol.devices[0]!.id]);
    await app.close();
    store.close();
  });

  test('no purge before the interval has passed on the clock, however many requests come', async () => {
    const store = make();
    const { app, clock } = testServer({ store, purgeIntervalSeconds: 3600, purgeAfterSeconds: 0 });
    const flow = (await app.inject({ url: '/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&response_type=code&scope=openid' })).json<{ id: string }>();
    clock.advance(31 * MINUTE); // the flow (30 min) has expired, the hour since the last purge has not passed
    for (let i = 0; i < 5; i++) await app.inject({ url: '/.well-known/openid-configuration' });
    expect(store.get('flows', flow.id)).toBeDefined();
    clock.advance(30 * MINUTE);
    await app.inject({ url: '/.well-known/openid-configuration' });
    expect(store.get('flows', flow.id)).toBeUndefined();
    await app.close();
    store.close();
  });
});
