/**
 * OpenID Connect completion: discovery, JWKS and the token endpoint (authorization_code,
 * client_secret_basic or client_secret_post, optional PKCE S256). ID tokens are signed by
 * `jose` with the server key and carry the contract attribute named by `policy.statusAttribute`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import type { OAuthClient } from '../config.ts';
import { fail } from '../http/errors.ts';
import { randomToken } from '../domain/ids.ts';
import { SIGNING_ALG } from './keys.ts';
import { statusClaims } from './codes.ts';

export const JWKS_PATH = '/pf/JWKS';
export const TOKEN_PATH = '/as/token.oauth2';
/** PingFederate's userinfo path. */
export const USERINFO_PATH = '/idp/userinfo.openid';
const ID_TOKEN_TTL_SECONDS = 300;
const ACCESS_TOKEN_TTL_SECONDS = 3600;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** application/x-www-form-urlencoded decoding (RFC 6749 §2.3.1); bad percent-encoding is no credential, not a 500. */
function formDecoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** RFC 6749 §2.3.1: HTTP Basic (form-encoded id and secret) or the body parameters. */
function authenticateClient(context: ServerContext, request: FastifyRequest, body: Record<string, unknown>): OAuthClient {
  let id: string | undefined;
  let secret: string | undefined;
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      id = formDecoded(decoded.slice(0, colon));
      secret = formDecoded(decoded.slice(colon + 1));
    }
  } else if (typeof body.client_id === 'string' && typeof body.client_secret === 'string') {
    id = body.client_id;
    secret = body.client_secret;
  }
  const client = context.config.clients.find((c) => c.clientId === id);
  if (!client || secret === undefined || !sameText(secret, client.clientSecret)) {
    fail('OAUTH_INVALID_CLIENT', 'Client authentication failed.', { oauthError: 'invalid_client' });
  }
  return client;
}

export function registerOidc(app: FastifyInstance, context: ServerContext): void {
  const issuer = context.config.baseUrl;

  app.get('/.well-known/openid-configuration', async () => ({
    issuer,
    authorization_endpoint: `${issuer}/as/authorization.oauth2`,
    token_endpoint: `${issuer}${TOKEN_PATH}`,
    userinfo_endpoint: `${issuer}${USERINFO_PATH}`,
    jwks_uri: `${issuer}${JWKS_PATH}`,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'pi.flow'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', context.config.policy.statusAttribute],
  }));

  app.get(JWKS_PATH, async () => ({ keys: context.keys.jwks() }));

  app.post(TOKEN_PATH, async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body ? request.body : {}) as Record<string, unknown>;
    const client = authenticateClient(context, request, body);
    if (body.grant_type !== 'authorization_code') {
      fail('OAUTH_UNSUPPORTED_GRANT_TYPE', 'Only grant_type=authorization_code is supported.', { oauthError: 'unsupported_grant_type' });
    }
    const code = typeof body.code === 'string' ? context.store.get('authCodes', body.code) : undefined;
    const invalidGrant: (why: string) => never = (why) => fail('OAUTH_INVALID_GRANT', why, { oauthError: 'invalid_grant' });
    // API-GEN-CODE-SINGLE-USE (RFC 6749 §4.1.2): a code is redeemed once.
    const reusable = context.deviates('reusable-authorization-code', 'API-GEN-CODE-SINGLE-USE');
    if (!code || (code.used && !reusable) || context.nowMs() >= code.expiresAt) invalidGrant('The code is unknown, used or expired.');
    if (code.clientId !== client.clientId) invalidGrant('The code was issued to another client.');
    // RFC 6749 §4.1.3: redirect_uri must match when the authorization request had one.
    if (code.redirectUri !== null && body.redirect_uri !== code.redirectUri) invalidGrant('redirect_uri does not match the authorization request.');
    // RFC 7636 §4.6: S256(code_verifier) must equal code_challenge.
    if (code.codeChallenge !== null) {
      const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (!sameText(computed, code.codeChallenge)) invalidGrant('code_verifier does not match code_challenge.');
    }
    context.store.put('authCodes', code.code, { ...code, used: true });
    const user = context.store.get('users', code.userId);
    if (!user) invalidGrant('The user no longer exists.');
    const nowSeconds = Math.floor(context.nowMs() / 1000);
    // OpenID Connect Core §3.1.2.1: no openid scope, no ID token (plain OAuth 2.0).
    const openid = code.scope.split(' ').includes('openid');
    const claims = { ...code.claims };
    // API-GEN-ID-TOKEN-CLAIMS: the status claim names the method used; the deviation always says web_login_mobile.
    if (context.deviates('id-token-status-web-login-mobile', 'API-GEN-ID-TOKEN-CLAIMS')) Object.assign(claims, statusClaims(context, 'web_login_mobile'));
    const idToken = openid
      ? await context.keys.sign(
          {
            auth_time: Math.floor(code.authTime / 1000),
            ...(code.nonce ? { nonce: code.nonce } : {}),
            preferred_username: user.username,
            name: user.displayName,
            ...claims,
          },
          { issuer, audience: client.clientId, subject: user.id, nowSeconds, ttlSeconds: ID_TOKEN_TTL_SECONDS },
        )
      : undefined;
    // The access token is a JWT for this server's userinfo endpoint (audience USERINFO_AUDIENCE), so nothing is stored for it.
    const accessToken = await context.keys.sign(
      { scope: code.scope, client_id: client.clientId, jti: randomToken(context.rng) },
      { issuer, audience: `${issuer}${USERINFO_PATH}`, subject: user.id, nowSeconds, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS },
    );
    return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      scope: code.scope,
      ...(idToken ? { id_token: idToken } : {}),
    });
  });

  // OpenID Connect Core §5.3 UserInfo: a bearer access token (RFC 6750 §2.1 header, §3.1 errors).
  const userinfo = async (request: FastifyRequest, reply: FastifyReply) => {
    const challenge = (error: string) => `Bearer realm="${issuer}", error="${error}"`;
    const bearer = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(request.headers.authorization ?? '');
    if (!bearer) {
      void reply.header('www-authenticate', `Bearer realm="${issuer}"`);
      fail('OAUTH_INVALID_TOKEN', 'Send the access token as Authorization: Bearer <token>.', { oauthError: 'invalid_token' });
    }
    let payload: Awaited<ReturnType<typeof context.keys.verify>>;
    try {
      payload = await context.keys.verify(bearer[1]!, { issuer, audience: `${issuer}${USERINFO_PATH}`, nowSeconds: Math.floor(context.nowMs() / 1000) });
    } catch {
      void reply.header('www-authenticate', challenge('invalid_token'));
      return fail('OAUTH_INVALID_TOKEN', 'The access token is unknown, expired or not for this endpoint.', { oauthError: 'invalid_token' });
    }
    if (typeof payload.scope !== 'string' || !payload.scope.split(' ').includes('openid')) {
      void reply.header('www-authenticate', challenge('insufficient_scope'));
      fail('OAUTH_INSUFFICIENT_SCOPE', 'The access token was not granted the openid scope.', { oauthError: 'insufficient_scope' });
    }
    const user = typeof payload.sub === 'string' ? context.store.get('users', payload.sub) : undefined;
    if (!user) {
      void reply.header('www-authenticate', challenge('invalid_token'));
      return fail('OAUTH_INVALID_TOKEN', 'The user of this access token no longer exists.', { oauthError: 'invalid_token' });
    }
    return reply.header('cache-control', 'no-store').send({ sub: user.id, preferred_username: user.username, name: user.displayName });
  };
  app.get(USERINFO_PATH, userinfo);
  app.post(USERINFO_PATH, userinfo);
}
