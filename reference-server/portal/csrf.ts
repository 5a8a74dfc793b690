/**
 * CSRF protection for the portal's forms (issue 9; login CSRF included): a double-submit token
 * plus an Origin check (OWASP CSRF cheat sheet; RFC 6749 §10.12 for the same rule at the
 * authorization server). Every portal page a browser fetches carries the browser's token: in
 * the `authconf_csrf` cookie (HttpOnly, SameSite=Lax) and in a hidden `csrf` field of each of
 * its POST forms. A POST under /portal is accepted only when
 * - the `Origin` header, when sent, is this server's own origin (browsers send it on every POST);
 * - the form's `csrf` field equals the cookie (another site can neither read nor set the cookie).
 * Otherwise 403 CSRF_TOKEN_INVALID, before the route runs, so a refusal changes nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { fail } from '../http/errors.ts';
import { randomToken } from '../domain/ids.ts';

export const CSRF_COOKIE = 'authconf_csrf';
export const CSRF_FIELD = 'csrf';

const tokens = new WeakMap<FastifyRequest, string>();

const isPortalPath = (url: string): boolean => url === '/' || url === '/portal' || url.startsWith('/portal/') || url.startsWith('/portal?');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token for the page this request renders (set as a cookie when the browser had none). */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  return tokens.get(request);
}

/** Adds the hidden token to every POST form of a page. */
export function withCsrfFields(html: string, token: string | undefined): string {
  if (!token) return html;
  return html.replace(/(<form\b[^>]*\bmethod="post"[^>]*>)/gi, `$1<input type="hidden" name="${CSRF_FIELD}" value="${token}">`);
}

function ensureSameOrigin(context: ServerContext, request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const own = new Set([new URL(context.config.baseUrl).origin, `${request.protocol}://${request.headers.host ?? ''}`]);
  if (!own.has(origin)) fail('CSRF_TOKEN_INVALID', `A portal form was posted from another origin (${origin.slice(0, 100)}).`, { userMessage: 'This form came from another site. Open the portal and try again.' });
}

function ensureToken(request: FastifyRequest): void {
  const cookie = request.cookies[CSRF_COOKIE];
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof cookie !== 'string' || cookie === '' || typeof field !== 'string' || !same(cookie, field)) {
    fail('CSRF_TOKEN_INVALID', 'The form lacks its CSRF token, or the token does not match this browser.', { userMessage: 'This page expired. Open the portal and try again.' });
  }
}

export function registerCsrf(app: FastifyInstance, context: ServerContext): void {
  // Callback-form hooks (nothing here waits): no promise per request; a refusal thrown here reaches the error handler as before.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const path = request.url.split('?')[0]!;
    if (request.method === 'GET' && isPortalPath(path)) {
      let token = request.cookies[CSRF_COOKIE];
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{16,100}$/.test(token)) {
        token = randomToken(context.rng);
        void reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax' });
      }
      tokens.set(request, token);
    }
    done();
  });
  app.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const path = request.url.split('?')[0]!;
    if (request.method === 'POST' && path.startsWith('/portal/')) {
      ensureSameOrigin(context, request);
      ensureToken(request);
      // A page rendered in answer (a refusal shown on the form) carries the same token.
      tokens.set(request, request.cookies[CSRF_COOKIE]!);
    }
    done();
  });
}
