/**
 * Durable signing keys: a restart on the same SQLite file keeps the key, so an earlier ID token
 * still verifies against the JWKS and a pending SDK pairing still completes; a rotation keeps the
 * retired public key in the JWKS until its tokens have expired, then the purge removes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { build } from '../app.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { post, testServer } from '../test-helpers.ts';
import { mobilePayload, signedIn, step } from '../authn/authn-test-kit.ts';

const dir = mkdtempSync(join(tmpdir(), 'authconf-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sdkDevice = { kind: 'mobile', name: 'Pixel 8', platform: 'android' };
const DAY = 24 * 3600 * 1000;
let installations = 0;

/** A flow that stops at MOBILE_PAIRING_REQUIRED: its serverPayload is a token signed by the server key. */
async function pendingSdkPairing(app: FastifyInstance, installationId: string) {
  const auth = await signedIn(app, 'alice', 'alice-password');
  const pairing = await step(app, auth.id, 'authenticate', { mobilePayload: mobilePayload(installationId) });
  expect(pairing.status).toBe('MOBILE_PAIRING_REQUIRED');
  return pairing;
}

/** An ID token from the token endpoint (a flow completed without pairing, code redeemed). */
async function idToken(app: FastifyInstance): Promise<string> {
  const pairing = await pendingSdkPairing(app, `inst-${++installations}`);
  const done = await step(app, pairing.id, 'continueAuthentication');
  const res = await app.inject({
    method: 'POST',
    url: '/as/token.oauth2',
    payload: new URLSearchParams({ grant_type: 'authorization_code', code: done.authorizeResponse!.code, client_id: 'authconf-app', client_secret: 'authconf-app-secret' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id_token: string }>().id_token;
}

async function jwks(app: FastifyInstance): Promise<JSONWebKeySet> {
  return (await app.inject({ url: '/pf/JWKS' })).json<JSONWebKeySet>();
}

async function verifies(token: string, set: JSONWebKeySet, clock: ManualClock): Promise<boolean> {
  try {
    await jwtVerify(token, createLocalJWKSet(set), { currentDate: new Date(clock.now()) });
    return true;
  } catch {
    return false;
  }
}

describe('signing keys in the store', () => {
  test('restart on the same SQLite file: an earlier ID token verifies against the new JWKS, a pending SDK pairing completes', async () => {
    const file = join(dir, 'restart.sqlite');
    const clock = new ManualClock();
    const first = build({ store: new SqliteStore(file), clock, rng: seededRng(1) });
    const token = await idToken(first);
    const pending = await pendingSdkPairing(first, 'inst-restart');
    const before = await jwks(first);
    await first.close();
    first.authconf.store.close();

    // Another seed: a server that made a new key would publish another one.
    const second = build({ store: new SqliteStore(file), clock, rng: seededRng(2) });
    const after = await jwks(second);
    expect(after).toEqual(before);
    expect(after.keys.map((k) => k.kid)).toEqual([decodeProtectedHeader(token).kid]);
    expect(await verifies(token, after, clock)).toBe(true);

    const sdk = await post(second, '/device/v1/sdk/pairings', { serverPayload: pending.serverPayload, device: sdkDevice, installationId: 'inst-restart' });
    expect(sdk.statusCode, sdk.body).toBe(201);
    const done = await step(second, pending.id, 'continueAuthentication');
    expect(done.status).toBe('COMPLETED');
    expect(Object.values(done.attributes ?? {})).toEqual(['com.pingidentity.pingone.device_paired']);
    await second.close();
    second.authconf.store.close();
  });

  test('rotation: the retired key stays in the JWKS while its tokens live, then leaves it and the store', async () => {
    const { app, clock } = testServer();
    const oldToken = await idToken(app);
    const oldKid = decodeProtectedHeader(oldToken).kid;
    app.authconf.keys.rotate();
    const newToken = await idToken(app);
    const newKid = decodeProtectedHeader(newToken).kid;
    expect(newKid).not.toBe(oldKid);
    const both = await jwks(app);
    expect(both.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    expect(await verifies(oldToken, both, clock)).toBe(true);
    expect(await verifies(newToken, both, clock)).toBe(true);

    // A day later (signingKeyRetiredSeconds) the retired key is no longer published...
    clock.advance(DAY + 1000);
    expect((await jwks(app)).keys.map((k) => k.kid)).toEqual([newKid]);
    expect(app.authconf.store.get('signingKeys', String(oldKid))).toBeDefined();
    // ... and an hour after that (purgeAfterSeconds) the next request purges it.
    clock.advance(3600 * 1000 + 1000);
    await app.inject({ url: '/.well-known/openid-configuration' });
    expect(app.authconf.store.get('signingKeys', String(oldKid))).toBeUndefined();
    expect(app.authconf.store.list('signingKeys').map((k) => k.kid)).toEqual([newKid]);
  });

  test('on the clock: after signingKeyRotationSeconds a new key signs and the old one is still published', async () => {
    const { app, clock } = testServer({ signingKeyRotationSeconds: 7 * 24 * 3600 });
    const firstKid = app.authconf.keys.kid;
    clock.advance(6 * DAY);
    expect(app.authconf.keys.kid).toBe(firstKid);
    clock.advance(DAY);
    const token = await idToken(app);
    expect(decodeProtectedHeader(token).kid).not.toBe(firstKid);
    expect((await jwks(app)).keys.map((k) => k.kid)).toEqual([decodeProtectedHeader(token).kid, firstKid]);
  });

  test('a token signed by a key the JWKS no longer publishes is refused as a server payload', async () => {
    const { app, clock } = testServer();
    const pending = await pendingSdkPairing(app, 'inst-old');
    app.authconf.keys.rotate();
    clock.advance(DAY + 1000);
    const sdk = await post(app, '/device/v1/sdk/pairings', { serverPayload: pending.serverPayload, device: sdkDevice, installationId: 'inst-old' });
    expect(sdk.statusCode).toBe(400);
    expect(sdk.json().code).toBe('SERVER_PAYLOAD_INVALID');
  });
});

describe('tokens signed with node:crypto (signCompact)', () => {
  test('an ID token is a compact ES256 JWS that jose verifies with the published JWKS: header, claims and a 64-byte r||s signature', async () => {
    const { app, clock } = testServer();
    const token = await idToken(app);
    const [header, , signature] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'ES256', kid: app.authconf.keys.kid, typ: 'JWT' });
    expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(await jwks(app)), { currentDate: new Date(clock.now()), issuer: app.authconf.config.baseUrl, audience: 'authconf-app', algorithms: ['ES256'] });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ preferred_username: 'alice', iat: Math.floor(clock.now() / 1000) });
    expect(payload.exp! - payload.iat!).toBeGreaterThan(0);
    expect(typeof payload.sub).toBe('string');
  });

  test('a signature that does not match (one byte of the payload changed) is refused by jose and by the server', async () => {
    const { app, clock } = testServer();
    const token = await idToken(app);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, preferred_username: 'mallory' })).toString('base64url')}.${signature}`;
    expect(await verifies(forged, await jwks(app), clock)).toBe(false);
    await expect(app.authconf.keys.verify(forged, { issuer: app.authconf.config.baseUrl, audience: 'authconf-app', nowSeconds: Math.floor(clock.now() / 1000) })).rejects.toThrow();
    expect(await verifies(token, await jwks(app), clock)).toBe(true);
  });
});
