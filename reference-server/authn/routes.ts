/**
 * The Authentication API (protocol facts §1): one resource per flow, GET = current state
 * (never a transition, API-GEN-GET-IDEMPOTENT), POST = the action named by
 * `Content-Type: application/vnd.pingidentity.<action>+json` or `?action=`. Flows start
 * redirectless at `/as/authorization.oauth2?response_mode=pi.flow`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FlowAction } from '../../models/authn-api.ts';
import { actionFromMediaType, flowActions } from '../../models/authn-api.ts';
import type { ServerContext } from '../context.ts';
import type { FlowRecord } from '../store/records.ts';
import { ApiFailure, fail } from '../http/errors.ts';
import { randomId } from '../domain/ids.ts';
import { allowedActions, flowView } from './flow-view.ts';
import { settlePush, steps, type Body } from './steps.ts';
import { errorRedirect, resolveAuthorizationRequest, validatedRedirectUri, type AuthorizationParams, type AuthorizationRequest } from '../oidc/authorization.ts';
import { issueCode, statusClaims } from '../oidc/codes.ts';
import { SESSION_COOKIE } from '../portal/session.ts';

const flowIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;

/** Ping clients send `X-XSRF-Header` (any value) on every call (protocol facts §1 "Headers"). */
function ensureXsrfHeader(request: FastifyRequest): void {
  if (request.headers['x-xsrf-header'] === undefined) {
    fail('MISSING_XSRF_HEADER', 'Authentication API POSTs must carry the X-XSRF-Header header (any value).', { requirements: ['API-GEN-XSRF-HEADER'] });
  }
}

function ensureJsonBody(request: FastifyRequest): Body {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (request.body === undefined || request.body === null) return {};
  if (!/^application\/(json|vnd\.pingidentity\.[a-z]+\+json)\b/i.test(type)) {
    fail('UNSUPPORTED_MEDIA_TYPE', 'Send application/json or application/vnd.pingidentity.<action>+json.');
  }
  if (typeof request.body !== 'object' || Array.isArray(request.body)) {
    fail('VALIDATION_ERROR', 'The body must be a JSON object.', { details: [{ code: 'INVALID_VALUE', message: 'The body must be a JSON object.', target: 'body' }] });
  }
  return request.body as Body;
}

export function registerAuthnApi(app: FastifyInstance, context: ServerContext): void {
  /** A flow that exists and has not expired (flow.ttlSeconds, or the `flow-expired` fault); else RESOURCE_NOT_FOUND. */
  const liveFlow = (id: string): FlowRecord => {
    const flow = context.store.get('flows', id);
    const username = flow?.userId ? context.store.get('users', flow.userId)?.username : undefined;
    if (flow && (context.nowMs() >= flow.expiresAt || context.faults.take('flow-expired', [flow.id, username]))) {
      context.store.delete('flows', flow.id);
    } else if (flow) {
      return flow;
    }
    return fail('RESOURCE_NOT_FOUND', `No flow ${id}, or it expired.`, {
      userMessage: 'Your session has expired. Please start again.',
      requirements: ['API-GEN-FLOW-NOT-FOUND'],
    });
  };

  /** Redirectless start (protocol facts §1): `response_mode=pi.flow` returns the first state as JSON. */
  const authorize = async (request: FastifyRequest<{ Querystring: AuthorizationParams; Body: AuthorizationParams }>, reply: FastifyReply) => {
    const params = { ...(request.query ?? {}), ...(typeof request.body === 'object' && request.body ? request.body : {}) } as AuthorizationParams;
    let authz: ReturnType<typeof resolveAuthorizationRequest>;
    try {
      authz = resolveAuthorizationRequest(context, params);
    } catch (error) {
      // RFC 6749 §4.1.2.1: once client_id and redirect_uri are valid, a browser gets the error at the client.
      const redirectUri = params.response_mode === 'pi.flow' ? null : validatedRedirectUri(context, params);
      if (error instanceof ApiFailure && error.extra.oauthError && redirectUri) {
        return reply.redirect(errorRedirect(redirectUri, error.extra.oauthError, error.message, params.state), 302);
      }
      throw error;
    }
    if (authz.responseMode !== 'pi.flow') {
      // OpenID Connect Core §3.1.2.1 prompt=none: no page may be shown; an authenticated portal session answers, else login_required.
      if (authz.promptNone) return reply.redirect(silentAuthorization(context, request, authz), 302);
      // A browser: the portal's sign-on takes over and returns to redirect_uri with a code.
      return reply.redirect(`/portal/signon?${authz.portalQuery}`, 302);
    }
    if (authz.promptNone) {
      fail('OAUTH_LOGIN_REQUIRED', 'prompt=none: a redirectless flow always needs the user (OpenID Connect Core §3.1.2.6).', { oauthError: 'login_required' });
    }
    const now = context.nowMs();
    const flow: FlowRecord = {
      id: randomId(context.rng, 20),
      clientId: authz.clientId,
      status: 'USERNAME_PASSWORD_REQUIRED',
      createdAt: now,
      expiresAt: now + context.config.policy.flow.ttlSeconds * 1000,
      redirectUri: authz.redirectUri,
      state: authz.state,
      nonce: authz.nonce,
      scope: authz.scope,
      codeChallenge: authz.codeChallenge,
      userId: null,
      installationId: null,
      installationName: null,
      installationPlatform: null,
      selectedDeviceId: null,
      pushId: null,
      otpFailures: 0,
      failureCode: null,
      userMessage: null,
      serverPayload: null,
      pairing: null,
      mfaMethod: null,
      code: null,
    };
    context.store.put('flows', flow.id, flow);
    return flowView(context, flow);
  };
  app.get('/as/authorization.oauth2', authorize);
  app.post('/as/authorization.oauth2', authorize);

  app.get<{ Params: { id: string } }>('/pf-ws/authn/flows/:id', { schema: { params: flowIdParams } }, async (request) => {
    let flow = liveFlow(request.params.id);
    // With pollStyle 'get' a client learns the push outcome by re-GETting (the widget's way):
    // the answer on the device moved the flow, the GET only shows it.
    const reflect =
      context.config.policy.pollStyle === 'get' ||
      // API-GEN-GET-IDEMPOTENT: GET never changes a flow; this deviation lets it.
      context.deviates('get-advances-flow', 'API-GEN-GET-IDEMPOTENT');
    if (reflect) {
      const settled = await settlePush(context, flow);
      if (settled !== flow) context.store.put('flows', settled.id, settled);
      flow = settled;
    }
    return flowView(context, flow);
  });

  app.post<{ Params: { id: string }; Querystring: { action?: string } }>(
    '/pf-ws/authn/flows/:id',
    { schema: { params: flowIdParams } },
    async (request) => {
      ensureXsrfHeader(request);
      const body = ensureJsonBody(request);
      let flow = liveFlow(request.params.id);
      if (context.config.policy.pollStyle === 'get') flow = await settlePush(context, flow);
      const action = request.query.action ?? actionFromMediaType(request.headers['content-type']);
      // SDK runtime: no action requested → render the current state.
      if (action === undefined) return flowView(context, flow);
      const allowed = allowedActions(context, flow);
      if (!allowed.includes(action as FlowAction) || !(flowActions as readonly string[]).includes(action)) {
        fail('INVALID_ACTION_ID', `Action '${action}' is not allowed in ${flow.status}; allowed: ${allowed.join(', ') || 'none'}.`, {
          requirements: ['API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-KEEPS-STATE'],
        });
      }
      // API-GEN-LINKS-EXACT: every action in _links is accepted; this deviation refuses one it lists.
      if (flow.status === 'OTP_REQUIRED' && action === 'cancelAuthentication' && context.deviates('link-then-refuse', 'API-GEN-LINKS-EXACT')) {
        fail('INVALID_ACTION_ID', `Action '${action}' is not allowed in ${flow.status}.`);
      }
      const next = await steps[action as FlowAction](context, flow, body);
      context.store.put('flows', next.id, next);
      return flowView(context, next);
    },
  );
}

/**
 * prompt=none in a browser (OpenID Connect Core §3.1.2.1, §3.1.2.6): a portal session whose user
 * completed MFA gets a code at once (auth_time: when MFA succeeded); anyone else login_required.
 */
function silentAuthorization(context: ServerContext, request: FastifyRequest, authz: AuthorizationRequest): string {
  const redirectUri = authz.redirectUri!;
  const sessionId = request.cookies[SESSION_COOKIE];
  const session = sessionId ? context.store.get('sessions', sessionId) : undefined;
  if (!session || !session.authenticated || context.nowMs() >= session.expiresAt) {
    return errorRedirect(redirectUri, 'login_required', 'prompt=none and no authenticated session.', authz.state);
  }
  const code = issueCode(context, {
    clientId: authz.clientId,
    userId: session.userId,
    redirectUri,
    nonce: authz.nonce,
    scope: authz.scope,
    codeChallenge: authz.codeChallenge,
    claims: statusClaims(context, session.mfaMethod === 'otp' ? 'web_login_otp' : 'web_login_mobile'),
    authTime: session.authenticatedAt ?? session.createdAt,
  });
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  if (authz.state) url.searchParams.set('state', authz.state);
  return url.toString();
}
