/** The authorization request (OpenID Connect Core §3.1.2.1), checked once for both the API and the browser start. */
import type { ServerContext } from '../context.ts';
import { fail } from '../http/errors.ts';

export interface AuthorizationParams {
  client_id?: string;
  redirect_uri?: string;
  response_type?: string;
  response_mode?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  prompt?: string;
}

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string | null;
  responseMode: string | null;
  scope: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  /** `prompt=none` (OpenID Connect Core §3.1.2.1): answer without any interaction, or login_required. */
  promptNone: boolean;
  /** The same request as a query string, for the portal's sign-on page. */
  portalQuery: string;
}

const PKCE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

const text = (value: unknown, max = 500): string | null => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : null);

export function resolveAuthorizationRequest(context: ServerContext, params: AuthorizationParams): AuthorizationRequest {
  const clientId = text(params.client_id, 200);
  const client = context.config.clients.find((c) => c.clientId === clientId);
  if (!client) fail('OAUTH_INVALID_CLIENT', `Unknown client_id '${clientId ?? ''}'.`, { oauthError: 'invalid_client', status: 400 });
  const redirectUri = text(params.redirect_uri, 2000);
  if (redirectUri !== null && !client.redirectUris.includes(redirectUri)) {
    fail('OAUTH_INVALID_REQUEST', 'redirect_uri is not registered for this client.', { oauthError: 'invalid_request' });
  }
  const responseType = text(params.response_type, 50) ?? 'code';
  if (responseType !== 'code') fail('OAUTH_UNSUPPORTED_RESPONSE_TYPE', 'Only response_type=code is supported.', { oauthError: 'unsupported_response_type' });
  const responseMode = text(params.response_mode, 50);
  if (responseMode !== 'pi.flow' && redirectUri === null) {
    fail('OAUTH_INVALID_REQUEST', 'A browser authorization request needs redirect_uri.', { oauthError: 'invalid_request' });
  }
  const codeChallenge = text(params.code_challenge, 200);
  if (codeChallenge !== null && (params.code_challenge_method ?? 'plain') !== 'S256') {
    fail('OAUTH_INVALID_REQUEST', 'Only code_challenge_method=S256 is supported.', { oauthError: 'invalid_request' });
  }
  // RFC 7636 §4.2 / §4.4.1: a challenge is 43-128 characters of [A-Za-z0-9-._~] (API-GEN-PKCE-CHALLENGE).
  if (codeChallenge !== null && !PKCE_CHALLENGE.test(codeChallenge) && !context.deviates('accept-short-pkce-challenge', 'API-GEN-PKCE-CHALLENGE')) {
    fail('OAUTH_INVALID_REQUEST', 'code_challenge must be 43-128 characters of A-Z, a-z, 0-9, -, ., _, ~ (RFC 7636 §4.2).', { oauthError: 'invalid_request', requirements: ['API-GEN-PKCE-CHALLENGE'] });
  }
  const prompt = text(params.prompt, 100);
  const request: Omit<AuthorizationRequest, 'portalQuery'> = {
    clientId: client.clientId,
    redirectUri,
    responseMode,
    scope: text(params.scope, 500) ?? 'openid',
    state: text(params.state),
    nonce: text(params.nonce),
    codeChallenge,
    promptNone: prompt !== null && prompt.split(' ').includes('none'),
  };
  const query = new URLSearchParams({ client_id: request.clientId, scope: request.scope });
  if (redirectUri) query.set('redirect_uri', redirectUri);
  if (request.state) query.set('state', request.state);
  if (request.nonce) query.set('nonce', request.nonce);
  if (codeChallenge) {
    query.set('code_challenge', codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return { ...request, portalQuery: query.toString() };
}

/**
 * The redirect_uri an error may go back to (RFC 6749 §4.1.2.1): only once the client is known and
 * the redirect_uri is one of its registered ones; otherwise errors are shown, never redirected.
 */
export function validatedRedirectUri(context: ServerContext, params: AuthorizationParams): string | null {
  const client = context.config.clients.find((c) => c.clientId === params.client_id);
  const redirectUri = text(params.redirect_uri, 2000);
  return client && redirectUri !== null && client.redirectUris.includes(redirectUri) ? redirectUri : null;
}

/** redirect_uri?error=...&error_description=...&state=... (RFC 6749 §4.1.2.1). */
export function errorRedirect(redirectUri: string, error: string, description: string, state: unknown): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (typeof state === 'string' && state.length > 0 && state.length <= 500) url.searchParams.set('state', state);
  return url.toString();
}
