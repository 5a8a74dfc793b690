/** Shared by the reference server's tests: a server on a ManualClock and a seeded Rng, and short requests. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ManualClock, seededRng } from '../models/runtime.ts';
import type { CompletePairingRequest } from '../models/device-api.ts';
import { build, type BuildOptions } from './app.ts';

export interface TestServer {
  app: FastifyInstance;
  clock: ManualClock;
}

export function testServer(options: BuildOptions = {}): TestServer {
  const clock = new ManualClock();
  const app = build({ clock, rng: seededRng(42), testControl: true, baseUrl: 'http://authconf.test', ...options });
  return { app, clock };
}

export async function post(app: FastifyInstance, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function mobilePairing(claimToken: string, overrides: Partial<CompletePairingRequest> = {}): CompletePairingRequest {
  return {
    claimToken,
    device: { kind: 'mobile', name: 'iPhone 15', platform: 'ios', notificationsEnabled: true },
    pin: { configured: false, length: 0 },
    location: { permission: 'granted', latitude: 52.1, longitude: 4.3 },
    biometrics: { enrolled: true },
    ...overrides,
  };
}

/** Issues a key for `username` through test control and claims it. */
export async function claimKey(app: FastifyInstance, username = 'alice'): Promise<{ key: string; claimToken: string }> {
  const issued = await post(app, '/test/v1/pairing-keys', { username });
  const { key } = issued.json<{ key: string }>();
  const claim = await post(app, '/device/v1/pairing-keys/claim', { key });
  return { key, claimToken: claim.json<{ claimToken: string }>().claimToken };
}

/** Pairs a mobile device for `username`; returns the pairing response. */
export async function pairMobile(app: FastifyInstance, username = 'alice', overrides: Partial<CompletePairingRequest> = {}) {
  const { claimToken } = await claimKey(app, username);
  const res = await post(app, '/device/v1/pairings', mobilePairing(claimToken, overrides));
  if (res.statusCode !== 201) throw new Error(`pairing failed: ${res.statusCode} ${res.body}`);
  return res.json<{ deviceId: string; deviceToken: string; otp: { secret: string }; authenticationRequestId?: string }>();
}

/**
 * A browser's cookie jar over inject, as the portal's forms need it: the session cookie and the
 * CSRF cookie; a form POST carries the token from the cookie (as the page's hidden field does),
 * fetching a portal page first when the jar has none.
 */
export function portalBrowser(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const remember = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string }[]) jar.set(c.name, c.value);
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const browser = {
    jar,
    cookie,
    async get(url: string) {
      const res = await app.inject({ url, headers: jar.size ? { cookie: cookie() } : {} });
      remember(res);
      return res;
    },
    async post(url: string, body: Record<string, string>, headers: Record<string, string> = {}) {
      if (!jar.has('authconf_csrf')) await browser.get('/portal/signon');
      const payload = new URLSearchParams({ csrf: jar.get('authconf_csrf') ?? '', ...body }).toString();
      const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), ...headers } });
      remember(res);
      return res;
    },
  };
  return browser;
}
