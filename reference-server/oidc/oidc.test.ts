import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as client from 'openid-client';
import { actionMediaType } from '../../models/authn-api.ts';
import { encodeMobilePayload } from '../../models/device-api.ts';
import { seededRng, systemClock } from '../../models/runtime.ts';
import { listen, type Listening } from '../listen.ts';

// openid-client checks iat/exp against the real clock, so this server runs on it.
let server: Listening;
beforeAll(async () => {
  server = await listen({ port: 0, clock: systemClock(), rng: seededRng(9), testControl: true });
});
afterAll(async () => server.close());

const REDIRECT = 'http://localhost/callback';

async function api(path: string, action: string, body: unknown = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': actionMediaType(action), 'x-xsrf-header': 'PingFederate' },
    body: JSON.stringify(body),
  });
  return res.json();
}

async function discover(method: 'post' | 'basic') {
  return client.discovery(
    new URL(server.url),
    'authconf-app',
    { client_secret: 'authconf-app-secret', id_token_signed_response_alg: 'ES256' },
    method === 'basic' ? client.ClientSecretBasic('authconf-app-secret') : client.ClientSecretPost('authconf-app-secret'),
    { execute: [client.allowInsecureRequests] },
  );
}

describe('OIDC completion with a standard client library (openid-client 6)', () => {
  test('redirectless initial pairing -> code -> token exchange; the ID token verifies and carries pingone.mfa.status', async () => {
    const config = await discover('post');
    const verifier = client.randomPKCECodeVerifier();
    const challenge = await client.calculatePKCECodeChallenge(verifier);
    const nonce = client.randomNonce();
    const query = new URLSearchParams({ response_mode: 'pi.flow', client_id: 'authconf-app', response_type: 'code', scope: 'openid', redirect_uri: REDIRECT, state: 's1', nonce, code_challenge: challenge, code_challenge_method: 'S256' });
    const start = await (await fetch(`${server.url}/as/authorization.oauth2?${query}`)).json();
    const flow = `/pf-ws/authn/flows/${start.id}`;
    await api(flow, 'checkUsernamePassword', { username: 'bob', password: 'bob-password' });
    const pairing = await api(flow, 'authenticate', { mobilePayload: encodeMobilePayload({ v: 1, installationId: 'i1', platform: 'ios', name: 'iPhone' }) });
    expect(pairing.status).toBe('MOBILE_PAIRING_REQUIRED');
    const sdk = await fetch(`${server.url}/device/v1/sdk/pairings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverPayload: pairing.serverPayload, installationId: 'i1', device: { kind: 'mobile', name: 'iPhone', platform: 'ios' } }),
    });
    expect(sdk.status).toBe(201);
    const done = await api(flow, 'continueAuthentication');
    expect(done.status).toBe('COMPLETED');
    const callback = new URL(`${REDIRECT}?code=${encodeURIComponent(done.authorizeResponse.code)}&state=s1`);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's1', expectedNonce: nonce });
    const claims = tokens.claims()!;
    expect(claims.iss).toBe(server.url);
    expect(claims.aud).toBe('authconf-app');
    expect(claims.preferred_username).toBe('bob');
    expect(claims['pingone.mfa.status']).toBe('com.pingidentity.pingone.device_paired');
    // A code is redeemed once.
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: 's1', expectedNonce: nonce })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('client_secret_basic, and a wrong secret is invalid_client', async () => {
    const start = await (await fetch(`${server.url}/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&redirect_uri=${encodeURIComponent(REDIRECT)}`)).json();
    const flow = `/pf-ws/authn/flows/${start.id}`;
    await api(flow, 'checkUsernamePassword', { username: 'alice', password: 'alice-password' });
    await api(flow, 'authenticate', { mobilePayload: encodeMobilePayload({ v: 1, installationId: 'i2', platform: 'ios', name: 'iPhone' }) });
    const done = await api(flow, 'continueAuthentication');
    const tokenUrl = `${server.url}/as/token.oauth2`;
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: done.authorizeResponse.code, redirect_uri: REDIRECT });
    const wrong = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('authconf-app:nope').toString('base64')}` }, body: form });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client', code: 'OAUTH_INVALID_CLIENT' });
    const config = await discover('basic');
    const tokens = await client.authorizationCodeGrant(config, new URL(`${REDIRECT}?code=${encodeURIComponent(done.authorizeResponse.code)}`));
    expect(tokens.claims()!['pingone.mfa.status']).toBe('com.pingidentity.pingone.device_not_paired');
  });

  test('token endpoint errors use RFC 6749 error names and registry codes', async () => {
    const post = (body: Record<string, string>) =>
      fetch(`${server.url}/as/token.oauth2`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'authconf-app', client_secret: 'authconf-app-secret', ...body }) });
    const grant = await post({ grant_type: 'password' });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type', code: 'OAUTH_UNSUPPORTED_GRANT_TYPE' });
    expect(await (await post({ grant_type: 'authorization_code', code: 'nope' })).json()).toMatchObject({ error: 'invalid_grant', code: 'OAUTH_INVALID_GRANT' });
    const jwks = await (await fetch(`${server.url}/pf/JWKS`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});
