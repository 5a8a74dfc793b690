/**
 * Issue 9, the holes that have no deviation: each test is the attack (or the standard client's
 * expectation) and shows it refused with a registry code. The holes that have a deviation are
 * reproduced in deviations.test.ts (documented vs deviant).
 */
import { connect } from 'node:net';
import { describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { actionMediaType } from '../models/authn-api.ts';
import { portal } from '../models/testids.ts';
import { listen } from './listen.ts';
import { portalBrowser, post, testServer } from './test-helpers.ts';
import { act, mobilePayload, signedIn, step, XSRF } from './authn/authn-test-kit.ts';

const REDIRECT = 'http://localhost/callback';
const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
const otpOf = async (app: FastifyInstance, username = 'dave'): Promise<string> =>
  (await app.inject({ url: `/test/v1/users/${username}` })).json<{ devices: { currentOtp: string }[] }>().devices[0]!.currentOtp;
const wrongOf = (otp: string): string => (otp === '000000' ? '111111' : '000000');

async function redeem(app: FastifyInstance, code: string, extra: Record<string, string> = {}) {
  const payload = new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'authconf-app', client_secret: 'authconf-app-secret', ...extra }).toString();
  return app.inject({ method: 'POST', url: '/as/token.oauth2', payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

/** A browser through the portal's OAuth sign-on for a TOTP user, up to the success page. */
async function portalOtpSignOn(app: FastifyInstance, query = '') {
  await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'totp' }] });
  const browser = portalBrowser(app);
  const start = await browser.get(`/as/authorization.oauth2?client_id=authconf-app&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s1${query}`);
  const params = Object.fromEntries(new URLSearchParams(String(start.headers.location).split('?')[1]));
  await browser.post('/portal/signon', { ...params, username: 'dave', password: 'pw' });
  await browser.post('/portal/otp', { otp: await otpOf(app) });
  return browser;
}
const successCode = (html: string): string =>
  new URL(new RegExp(`href="([^"]+)" data-testid="${portal.controls.redirectLink}"`).exec(html)![1]!.replace(/&amp;/g, '&')).searchParams.get('code')!;

describe('5xx on client input', () => {
  test('Basic auth with bad percent-encoding is invalid_client, not a 500', async () => {
    const { app } = testServer();
    const res = await app.inject({ method: 'POST', url: '/as/token.oauth2', payload: 'grant_type=authorization_code&code=x', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}` } });
    expect([res.statusCode, res.json().code]).toEqual([401, 'OAUTH_INVALID_CLIENT']);
  });

  test("the router's own refusals carry registry codes (no FST_ERR_MAX_PARAM_LENGTH, FST_ERR_BAD_URL)", async () => {
    const { app } = testServer();
    const long = await app.inject({ url: `/pf-ws/authn/flows/${'a'.repeat(300)}` });
    expect([long.statusCode, long.json().code]).toEqual([414, 'CLIENT_ERROR']);
    const bad = await app.inject({ url: '/device/v1/requests/%E0%A4%A' });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'CLIENT_ERROR']);
  });

  test("Node's own 400 and 431 answer with a JSON body and a registry code", async () => {
    const server = await listen({ port: 0 });
    try {
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const url = new URL(server.url);
          const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
          let text = '';
          socket.on('data', (chunk) => (text += chunk.toString()));
          socket.on('close', () => resolve(text));
          socket.on('error', reject);
        });
      const malformed = await raw('GARBAGE\r\n\r\n');
      expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(malformed.slice(malformed.indexOf('\r\n\r\n') + 4)).code).toBe('CLIENT_ERROR');
      const huge = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4)).code).toBe('CLIENT_ERROR');
    } finally {
      await server.close();
    }
  });

  test('an action media type in another letter case is matched (RFC 9110: case-insensitive), not ignored', async () => {
    const { app } = testServer();
    const flow = await (await app.inject({ url: '/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app' })).json();
    const res = await app.inject({ method: 'POST', url: `/pf-ws/authn/flows/${flow.id}`, payload: JSON.stringify({ username: 'alice', password: 'alice-password' }), headers: { 'content-type': actionMediaType('checkUsernamePassword').toUpperCase(), ...XSRF } });
    expect(res.json().status).toBe('AUTHENTICATION_REQUIRED');
  });
});

describe('OTP lockout per user, across channels and on the clock', () => {
  test('locked out in the portal, the Authentication API refuses even the right OTP; the lock ends after otpLockoutSeconds', async () => {
    const { app, clock } = testServer();
    await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'totp' }] });
    const browser = portalBrowser(app);
    await browser.post('/portal/signon', { username: 'dave', password: 'pw' });
    const wrong = wrongOf(await otpOf(app));
    for (let i = 0; i < 3; i++) await browser.post('/portal/otp', { otp: wrong });
    const flow = await signedIn(app, 'dave', 'pw');
    await step(app, flow.id, 'authenticate', {});
    const locked = await step(app, flow.id, 'checkOtp', { otp: await otpOf(app) });
    expect([locked.status, locked.code]).toEqual(['MFA_FAILED', 'ACCOUNT_LOCKED_OUT']);
    clock.advance(300_000);
    const later = await signedIn(app, 'dave', 'pw');
    await step(app, later.id, 'authenticate', {});
    expect((await step(app, later.id, 'checkOtp', { otp: await otpOf(app) })).status).toBe('MFA_COMPLETED');
  });

  test('wrong OTPs in the API count toward the portal lock, and attemptsRemaining counts the user, not the flow', async () => {
    const { app } = testServer();
    await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'totp' }] });
    const first = await signedIn(app, 'dave', 'pw');
    await step(app, first.id, 'authenticate', {});
    const wrong = wrongOf(await otpOf(app));
    await act(app, first.id, 'checkOtp', { otp: wrong });
    const second = await signedIn(app, 'dave', 'pw');
    await step(app, second.id, 'authenticate', {});
    expect((await act(app, second.id, 'checkOtp', { otp: wrong })).json().details[0].attemptsRemaining).toBe(1);
    const browser = portalBrowser(app);
    await browser.post('/portal/signon', { username: 'dave', password: 'pw' });
    expect((await browser.post('/portal/otp', { otp: wrong })).statusCode).toBe(429);
  });
});

describe('OIDC as a standard client expects it', () => {
  test('auth_time is when MFA succeeded, not when the code was fetched', async () => {
    const { app, clock } = testServer();
    await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'totp' }] });
    const flow = await signedIn(app, 'dave', 'pw');
    await step(app, flow.id, 'authenticate', {});
    await step(app, flow.id, 'checkOtp', { otp: await otpOf(app) });
    const mfaAt = Math.floor(clock.now() / 1000);
    clock.advance(20_000);
    const done = await step(app, flow.id, 'continueAuthentication');
    const claims = claimsOf((await redeem(app, (done.authorizeResponse as { code: string }).code)).json().id_token);
    expect(claims.auth_time).toBe(mfaAt);
    expect(claims.iat).toBe(mfaAt + 20);
  });

  test('the portal: a reload of the success page shows the same single-use code, and the status claim says web_login_otp', async () => {
    const { app } = testServer();
    const browser = await portalOtpSignOn(app);
    const first = successCode((await browser.get('/portal/success')).body);
    const reload = successCode((await browser.get('/portal/success')).body);
    expect(reload).toBe(first);
    const tokens = await redeem(app, first, { redirect_uri: REDIRECT });
    expect(tokens.statusCode).toBe(200);
    expect(claimsOf(tokens.json().id_token)['pingone.mfa.status']).toBe('com.pingidentity.pingone.web_login_otp');
    expect((await redeem(app, reload, { redirect_uri: REDIRECT })).json().code).toBe('OAUTH_INVALID_GRANT');
  });

  test('errors after client_id and redirect_uri are valid go back to the client (RFC 6749 4.1.2.1); before, they are shown', async () => {
    const { app } = testServer();
    const res = await app.inject({ url: `/as/authorization.oauth2?client_id=authconf-app&response_type=token&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s9` });
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers.location));
    expect([location.origin + location.pathname, location.searchParams.get('error'), location.searchParams.get('state')]).toEqual([REDIRECT, 'unsupported_response_type', 's9']);
    const foreign = await app.inject({ url: `/as/authorization.oauth2?client_id=authconf-app&response_type=token&redirect_uri=${encodeURIComponent('https://evil.example/cb')}` });
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, 'OAUTH_INVALID_REQUEST']);
  });

  test('prompt=none: login_required without an authenticated session, a code with one', async () => {
    const { app } = testServer();
    const none = `/as/authorization.oauth2?client_id=authconf-app&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s2&prompt=none`;
    const anonymous = await app.inject({ url: none });
    expect(new URL(String(anonymous.headers.location)).searchParams.get('error')).toBe('login_required');
    const browser = await portalOtpSignOn(app);
    const silent = await browser.get(none);
    const code = new URL(String(silent.headers.location)).searchParams.get('code')!;
    expect((await redeem(app, code, { redirect_uri: REDIRECT })).statusCode).toBe(200);
    const api = await app.inject({ url: '/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&prompt=none' });
    expect([api.statusCode, api.json().error]).toEqual([400, 'login_required']);
  });

  test('without the openid scope: an access token, no ID token; userinfo needs openid (RFC 6750 errors)', async () => {
    const { app } = testServer();
    const flow = await (await app.inject({ url: '/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&scope=profile' })).json();
    await step(app, flow.id, 'checkUsernamePassword', { username: 'alice', password: 'alice-password' });
    await step(app, flow.id, 'authenticate', { mobilePayload: mobilePayload() });
    const done = await step(app, flow.id, 'continueAuthentication');
    const tokens = (await redeem(app, (done.authorizeResponse as { code: string }).code)).json();
    expect(tokens.id_token).toBeUndefined();
    const scoped = await app.inject({ url: '/idp/userinfo.openid', headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect([scoped.statusCode, scoped.json().error]).toEqual([403, 'insufficient_scope']);
    expect(scoped.headers['www-authenticate']).toContain('insufficient_scope');
  });

  test('userinfo answers a bearer access token from the token endpoint, and refuses none or a bad one', async () => {
    const { app } = testServer();
    const flow = await signedIn(app, 'alice', 'alice-password');
    await step(app, flow.id, 'authenticate', { mobilePayload: mobilePayload() });
    const done = await step(app, flow.id, 'continueAuthentication');
    const tokens = (await redeem(app, (done.authorizeResponse as { code: string }).code)).json();
    const info = await app.inject({ url: '/idp/userinfo.openid', headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(info.json()).toMatchObject({ sub: claimsOf(tokens.id_token).sub, preferred_username: 'alice' });
    const missing = await app.inject({ url: '/idp/userinfo.openid' });
    expect([missing.statusCode, missing.json().code, missing.headers['www-authenticate']]).toEqual([401, 'OAUTH_INVALID_TOKEN', 'Bearer realm="http://authconf.test"']);
    const forged = await app.inject({ url: '/idp/userinfo.openid', headers: { authorization: `Bearer ${tokens.id_token}` } });
    expect([forged.statusCode, forged.json().error]).toEqual([401, 'invalid_token']);
    expect((await app.inject({ url: '/.well-known/openid-configuration' })).json().userinfo_endpoint).toBe('http://authconf.test/idp/userinfo.openid');
  });
});

describe('login CSRF: portal forms need their token and this origin', () => {
  test('a sign-on posted without the token, with a wrong one, or from another origin is refused and signs nobody on', async () => {
    const { app } = testServer();
    const bare = await app.inject({ method: 'POST', url: '/portal/signon', payload: 'username=alice&password=alice-password', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([bare.statusCode, bare.cookies.some((c) => c.name === 'authconf_portal')]).toEqual([403, false]);
    expect(bare.body).toContain('CSRF_TOKEN_INVALID');
    const browser = portalBrowser(app);
    const wrong = await browser.post('/portal/signon', { username: 'alice', password: 'alice-password', csrf: 'not-the-token' });
    expect(wrong.statusCode).toBe(403);
    const foreign = await browser.post('/portal/signon', { username: 'alice', password: 'alice-password' }, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    const own = await browser.post('/portal/signon', { username: 'alice', password: 'alice-password' }, { origin: 'http://authconf.test' });
    expect(own.statusCode).toBe(303);
  });

  test("every POST form of a portal page carries the browser's token", async () => {
    const { app } = testServer();
    const page = await app.inject({ url: '/portal/signon' });
    const token = page.cookies.find((c) => c.name === 'authconf_csrf')!.value;
    expect(page.body).toContain(`<input type="hidden" name="csrf" value="${token}">`);
  });
});

describe('Creds offers are bound to the signed-on user', () => {
  test('alice, signed on with MFA, gets her own offer; a name given without that session is refused', async () => {
    const { app } = testServer();
    const browser = await portalOtpSignOn(app);
    const own = await browser.get('/creds/issuers/acme/offer?username=dave');
    expect(own.statusCode).toBe(200);
    const other = await browser.get('/creds/issuers/acme/offer?username=alice');
    expect([other.statusCode, /data-testid="creds-error-code">(\w+)</.exec(other.body)?.[1]]).toEqual([401, 'CREDS_OFFER_UNAUTHENTICATED']);
  });
});
