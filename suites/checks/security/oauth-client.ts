/**
 * What the security probes need of the target's OAuth side: the token endpoint (from discovery,
 * else PingFederate's path) and the client the Authentication API flows are started for
 * (`defaultAuthnClient`; its secret is the reference server's demo client's).
 */
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import { defaultAuthnClient } from '../../drivers/shared/authn-client.ts';
import type { PathWorld } from '../../port/world.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

export const probeClient = { ...defaultAuthnClient, clientSecret: 'authconf-app-secret' };

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  /** `METHOD path -> status body` for the evidence. */
  exchange: string;
}

/** What the checks need of the target: its origin and the memo shared by every path against it. */
export type OAuthTarget = Pick<PathWorld, 'base' | 'target'>;

/** The fields of an OpenID Connect discovery document the checks use. */
export interface Discovery {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** An endpoint the discovery document names, reached at the target's origin (the embedded server may name another). */
export const atTarget = (target: OAuthTarget, endpoint: string): URL => new URL(new URL(endpoint).pathname, target.base);

/**
 * The target's discovery document (OpenID Connect Discovery 1.0 §4), fetched once per target as a
 * relying party caches it; undefined when the target has none (a failed fetch is not cached).
 */
export async function discoveryOf(target: OAuthTarget): Promise<Discovery | undefined> {
  const cached = target.target.get('oauth:discovery') as Discovery | undefined;
  if (cached) return cached;
  try {
    const response = await targetFetch(new URL('/.well-known/openid-configuration', target.base), { headers: { accept: 'application/json' } });
    const document = (await response.json()) as Partial<Discovery>;
    if (typeof document.issuer !== 'string' || typeof document.token_endpoint !== 'string' || typeof document.jwks_uri !== 'string') return undefined;
    const discovery = { issuer: document.issuer, token_endpoint: document.token_endpoint, jwks_uri: document.jwks_uri };
    target.target.set('oauth:discovery', discovery);
    return discovery;
  } catch {
    return undefined;
  }
}

/**
 * The target's signing keys (its JWKS), as a relying party keeps them: fetched on first use, kept
 * for the target, fetched again whenever a token names a key not among them (a rotation; no
 * cool-down and no age limit, so nothing depends on the wall clock), through `targetFetch`.
 */
export function signingKeysOf(target: OAuthTarget, discovery: Discovery): JWTVerifyGetKey {
  const key = `oauth:jwks:${discovery.jwks_uri}`;
  let keys = target.target.get(key) as JWTVerifyGetKey | undefined;
  if (!keys) target.target.set(key, (keys = createRemoteJWKSet(atTarget(target, discovery.jwks_uri), { cooldownDuration: 0, cacheMaxAge: Infinity, [customFetch]: targetFetch })));
  return keys;
}

/** The token endpoint discovery names, at the target's origin; without a discovery document, PingFederate's path. */
async function tokenEndpoint(target: OAuthTarget): Promise<URL> {
  const discovery = await discoveryOf(target);
  return discovery ? atTarget(target, discovery.token_endpoint) : new URL('/as/token.oauth2', target.base);
}

export interface Redemption {
  /** How the client authenticates (RFC 6749 §2.3.1): HTTP Basic, or the credentials in the form. */
  auth: 'client_secret_basic' | 'client_secret_post';
  /** More form parameters (the PKCE `code_verifier`, RFC 7636 §4.5). */
  params?: Record<string, string>;
}

/** Redeems `code` at the token endpoint (RFC 6749 §4.1.3) as the Authentication API's client. */
export async function redeemCode(target: OAuthTarget, code: string, { auth, params = {} }: Redemption): Promise<TokenAnswer> {
  const url = await tokenEndpoint(target);
  const { clientId, clientSecret, redirectUri } = probeClient;
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...(auth === 'client_secret_post' ? { client_id: clientId, client_secret: clientSecret } : {}), ...params });
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...(auth === 'client_secret_basic' ? { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` } : {}) };
  const response = await targetFetch(url, { method: 'POST', headers, body: form.toString() });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { unparsed: text.slice(0, 300) };
  }
  return { status: response.status, body, exchange: `POST ${url.pathname} code=${code.slice(0, 8)}… (${auth}) -> ${response.status} ${text.slice(0, 300)}` };
}

/** The claims of a JWT, unverified (the ID token's signature is the token-exchange check's business). */
export function jwtClaims(jwt: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
