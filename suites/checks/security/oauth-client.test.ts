/**
 * What the checks look up once per target (`world.target`): the discovery document, the signing
 * keys (fetched again when a token names a key the set does not hold: a rotation), and
 * `TestControl.now()`, which reads the embedded target's own clock without a request.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { jwtVerify } from 'jose';
import { testServer } from '../../../reference-server/test-helpers.ts';
import { routeInProcess } from '../../drivers/shared/transport.ts';
import { TestControl } from '../../drivers/sim/control.ts';
import { oncePerPath, oncePerTarget } from '../once.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensureAuthorizationCodeIsSingleUse } from './ensure-authorization-code-is-single-use.ts';
import { discoveryOf, signingKeysOf, type OAuthTarget, type TokenAnswer } from './oauth-client.ts';

const BASE = 'http://authconf.test';
let unroute: (() => void) | undefined;
afterEach(() => unroute?.());

/** The test server routed in-process, with a count of the requests per path. */
function target() {
  const server = testServer();
  const seen = new Map<string, number>();
  server.app.addHook('onRequest', (request, _reply, done) => {
    const path = request.url.split('?')[0]!;
    seen.set(path, (seen.get(path) ?? 0) + 1);
    done();
  });
  unroute = routeInProcess(BASE, server.app);
  const oauth: OAuthTarget = { base: BASE, target: new Map() };
  return { ...server, seen, oauth };
}

describe('the OAuth side of a target, looked up once', () => {
  test('discovery is fetched once per target; another target fetches its own', async () => {
    const { seen, oauth } = target();
    const first = await discoveryOf(oauth);
    expect(first).toMatchObject({ issuer: BASE, token_endpoint: `${BASE}/as/token.oauth2`, jwks_uri: `${BASE}/pf/JWKS` });
    expect(await discoveryOf(oauth)).toEqual(first);
    expect(seen.get('/.well-known/openid-configuration')).toBe(1);
    await discoveryOf({ base: BASE, target: new Map() });
    expect(seen.get('/.well-known/openid-configuration')).toBe(2);
  });

  test('the signing keys are fetched once, and again when a token names a key they lack (a rotation): no wall-clock cool-down', async () => {
    const { app, clock, seen, oauth } = target();
    const discovery = (await discoveryOf(oauth))!;
    const now = () => Math.floor(clock.now() / 1000);
    const token = () => app.authconf.keys.sign({ nonce: 'n' }, { issuer: BASE, audience: 'authconf-app', nowSeconds: now(), ttlSeconds: 300 });
    const verify = async (jwt: string) => (await jwtVerify(jwt, signingKeysOf(oauth, discovery), { issuer: BASE, audience: 'authconf-app', currentDate: new Date(clock.now()) })).payload;
    expect(await verify(await token())).toMatchObject({ nonce: 'n' });
    expect(await verify(await token())).toMatchObject({ nonce: 'n' });
    expect(seen.get('/pf/JWKS')).toBe(1);
    app.authconf.keys.rotate();
    expect(await verify(await token())).toMatchObject({ nonce: 'n' });
    expect(seen.get('/pf/JWKS')).toBe(2);
    // A token from a key no JWKS ever published is refused after one more look.
    const forged = (await token()).replace(/\.[^.]+$/, '.AAAA');
    await expect(verify(forged)).rejects.toThrow();
  });
});

describe('TestControl.now', () => {
  test("reads the embedded target's own clock without a request, else the test-control clock route", async () => {
    const { clock, seen } = target();
    clock.advance(90_000);
    const own = new TestControl(BASE, undefined, clock);
    expect(await own.now()).toBe(clock.now());
    expect(own.calls).toEqual([]);
    expect(seen.get('/test/v1/clock')).toBeUndefined();
    const remote = new TestControl(BASE);
    expect(await remote.now()).toBe(clock.now());
    expect(remote.calls).toEqual(['GET /test/v1/clock']);
    expect(await new TestControl('http://127.0.0.1:9').now()).toBeUndefined();
  });
});

describe('once per path, once per target', () => {
  test('a path memo and a target memo: a new path on the same target runs a per-target check no more', () => {
    const shared = new Map<string, unknown>();
    const path = (): PathWorld => ({ memo: new Map(), target: shared }) as unknown as PathWorld;
    const first = path();
    expect([oncePerPath(first, 'a'), oncePerPath(first, 'a'), oncePerTarget(first, 'a'), oncePerTarget(first, 'a')]).toEqual([true, false, true, false]);
    const second = path();
    expect([oncePerPath(second, 'a'), oncePerTarget(second, 'a')]).toEqual([true, false]);
  });
});

describe('ensureAuthorizationCodeIsSingleUse', () => {
  const answer = (status: number, error?: string): TokenAnswer => ({ status, body: error ? { error } : { id_token: 'x' }, exchange: '' });
  const cited: string[] = [];
  const ctx = { cite: (ids: readonly string[]) => cited.push(...ids) };

  test('passes only when a first redemption succeeded and the second was refused invalid_grant', async () => {
    await ensureAuthorizationCodeIsSingleUse(ctx, answer(200), answer(400, 'invalid_grant'));
    expect(cited).toEqual(['API-GEN-CODE-SINGLE-USE']);
    await expect(ensureAuthorizationCodeIsSingleUse(ctx, answer(200), answer(200))).rejects.toMatchObject({ code: 'CODE_REUSED' });
  });

  test('a code no redemption succeeded with shows nothing about single use: the check fails, it does not pass', async () => {
    await expect(ensureAuthorizationCodeIsSingleUse(ctx, answer(400, 'invalid_grant'), answer(400, 'invalid_grant'))).rejects.toMatchObject({ code: 'TOKEN_REFUSED' });
  });
});
