import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import type { SessionRecord, UserRecord } from '../store/records.ts';
import { fail } from '../http/errors.ts';
import { randomToken } from '../domain/ids.ts';
import { browserName } from '../domain/user-agent.ts';

export const SESSION_COOKIE = 'authconf_portal';

export function startSession(context: ServerContext, reply: FastifyReply, user: UserRecord, authorization: SessionRecord['authorization']): SessionRecord {
  const now = context.nowMs();
  const session: SessionRecord = {
    id: randomToken(context.rng),
    userId: user.id,
    createdAt: now,
    expiresAt: now + context.config.sessionTtlSeconds * 1000,
    pairingKey: null,
    deviceId: null,
    pushId: null,
    authenticated: false,
    authorization,
    failureCode: null,
    client: { browser: browserName(reply.request.headers['user-agent']) ?? null, ipAddress: reply.request.ip || null },
  };
  context.store.put('sessions', session.id, session);
  void reply.setCookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'lax' });
  return session;
}

/** The signed-on session and its user, or SESSION_EXPIRED (the page says to sign on again). */
export function currentSession(context: ServerContext, request: FastifyRequest): { session: SessionRecord; user: UserRecord } {
  const id = request.cookies[SESSION_COOKIE];
  const session = id ? context.store.get('sessions', id) : undefined;
  const user = session ? context.store.get('users', session.userId) : undefined;
  if (!session || !user || context.nowMs() >= session.expiresAt) {
    fail('SESSION_EXPIRED', 'The portal session is missing or expired.', { userMessage: 'Your session has expired. Please sign on again.' });
  }
  return { session, user };
}

export function saveSession(context: ServerContext, session: SessionRecord): void {
  context.store.put('sessions', session.id, session);
}
