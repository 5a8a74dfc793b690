/**
 * What the security probes need of the target's OAuth side: the token endpoint (from discovery,
 * else PingFederate's path) and the client the Authentication API flows are started for
 * (`defaultAuthnClient`; its secret is the reference server's demo client's).
 */
import { defaultAuthnClient } from '../../drivers/shared/authn-client.ts';

export const probeClient = { ...defaultAuthnClient, clientSecret: 'authconf-app-secret' };

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  /** `METHOD path -> status body` for the evidence. */
  exchange: string;
}

async function tokenEndpoint(base: string): Promise<URL> {
  try {
    const response = await fetch(new URL('/.well-known/openid-configuration', base), { headers: { accept: 'application/json' } });
    const config = (await response.json()) as { token_endpoint?: unknown };
    if (typeof config.token_endpoint === 'string') return new URL(config.token_endpoint);
  } catch {
    // No discovery document: PingFederate's path.
  }
  return new URL('/as/token.oauth2', base);
}

/** Redeems `code` at the token endpoint (client_secret_post, RFC 6749 §4.1.3). */
export async function redeemCode(base: string, code: string, extra: Record<string, string> = {}): Promise<TokenAnswer> {
  const url = await tokenEndpoint(base);
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: probeClient.redirectUri, client_id: probeClient.clientId, client_secret: probeClient.clientSecret, ...extra });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { unparsed: text.slice(0, 300) };
  }
  return { status: response.status, body, exchange: `POST ${url.pathname} code=${code.slice(0, 8)}… -> ${response.status} ${text.slice(0, 300)}` };
}

/** The claims of a JWT, unverified (the ID token's signature is the token-exchange check's business). */
export function jwtClaims(jwt: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
