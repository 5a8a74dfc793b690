/**
 * Pages for people (seed 003: the issuer and the requester each "display a QR code"): the
 * issuer's pairing offer with its QR code (a real PNG) and link, and the verifier's request
 * with its QR code, fields and what it received. Server-rendered, no scripts needed; each
 * element a test or a person looks for carries a `data-testid` from `credsPageIds`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../models/error-codes.ts';
import { errorCodes } from '../../models/error-codes.ts';
import { ApiFailure } from '../http/errors.ts';
import { escapeHtml as h } from '../portal/layout.ts';
import { iso } from '../domain/ids.ts';
import { createOffer, offerLinks } from './offers.ts';
import { createPresentation, presentationOf, presentationLinks, presentationStatus, type PresentationInput } from './presentations.ts';
import { qrPngDataUrl } from './qr-png.ts';
import { refuse, type CredsScope } from './scope.ts';
import { SESSION_COOKIE } from '../portal/session.ts';
import * as schema from './schemas.ts';
import { credsPageIds } from '../../models/testids.ts';

export { credsPageIds };
const T = credsPageIds;

const css = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#eef1f5;color:#1f2933}
header{background:#16324f;color:#fff;padding:14px 28px;font-weight:600}
main{max-width:560px;margin:32px auto;background:#fff;border-radius:10px;box-shadow:0 2px 12px rgba(22,50,79,.12);padding:28px 32px}
h1{font-size:22px;margin:0 0 8px}.lead{color:#52606d}.qr{display:block;margin:8px auto;width:240px;height:240px;image-rendering:pixelated}
.link{word-break:break-all;font-size:14px}.error{background:#fde8e8;border:1px solid #f5a3a3;color:#8a1c1c;padding:10px 12px;border-radius:6px}
label{display:block;font-weight:600;margin:12px 0 4px}input,select{width:100%;padding:8px;font-size:15px}button{margin-top:16px;padding:10px 20px;font-size:16px}
.status{font-weight:600}li code{background:#f5f7fa;padding:1px 4px}`;

function frame(title: string, screen: string, body: string, refreshSeconds?: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}
<title>${h(title)}</title><style>${css}</style></head><body><header>Creds · authconf reference server</header>
<main data-testid="${screen}">${body}</main></body></html>`;
}

function html(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

function errorPage(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return html(reply, frame('Creds', T.error, `<h1>That did not work</h1><p class="error">${h(message)}</p><p><code data-testid="${T.errorCode}">${h(code)}</code></p><p><a href="/creds">Creds home</a></p>`), errorCodes[code].status || 400);
}

/** Runs a page step; a refusal becomes an HTML page with its registry code (never JSON, never a 5xx). */
async function guarded(reply: FastifyReply, render: () => Promise<string> | string): Promise<FastifyReply> {
  try {
    return html(reply, await render());
  } catch (error) {
    if (error instanceof ApiFailure) return errorPage(reply, error.code, error.extra.userMessage ?? error.message);
    throw error;
  }
}

export function registerCredsPages(app: FastifyInstance, scope: CredsScope): void {
  app.get('/creds', async (_request, reply) => html(reply, indexPage(scope)));

  app.get<{ Params: { id: string }; Querystring: { username?: string } }>(
    '/creds/issuers/:id/offer',
    { schema: { params: schema.idParams, querystring: schema.offerPageQuery } },
    async (request, reply) =>
      guarded(reply, async () => {
        const offer = createOffer(scope, request.params.id, offerUsername(scope, request, request.query.username));
        return offerPage(scope, offer.record.issuerId, offer.record.id, offer.record.expiresAt);
      }),
  );

  app.get<{ Params: { id: string } }>('/creds/offers/:id', { schema: { params: schema.idParams } }, async (request, reply) =>
    guarded(reply, async () => {
      const offer = scope.context.store.get('credsOffers', request.params.id);
      if (!offer || offer.pairingId !== null || scope.context.nowMs() >= offer.expiresAt) {
        throw new ApiFailure('CREDS_OFFER_INVALID', 'This pairing link is unknown, used or expired. Ask the issuer for a new one.');
      }
      return offerPage(scope, offer.issuerId, offer.id, offer.expiresAt);
    }),
  );

  app.post<{ Body: Record<string, unknown> }>('/creds/verify', async (request, reply) => {
    try {
      const { record } = createPresentation(scope, presentationFromForm(request.body));
      return await reply.redirect(`/creds/verify/${record.id}`, 303);
    } catch (error) {
      if (error instanceof ApiFailure) return errorPage(reply, error.code, error.extra.userMessage ?? error.message);
      throw error;
    }
  });

  app.get<{ Params: { id: string } }>('/creds/verify/:id', { schema: { params: schema.idParams } }, async (request, reply) =>
    guarded(reply, () => verifyPage(scope, request.params.id)),
  );
}

/** The verifier form: comma- or space-separated field names, checked as strictly as the JSON route. */
function presentationFromForm(body: unknown): PresentationInput {
  const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const text = (name: string): string => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const list = (name: string): string[] => text(name).split(/[\s,]+/).filter(Boolean);
  const names = [...list('requiredFields'), ...list('optionalFields')];
  const valid = new RegExp(schema.fieldName.pattern);
  const verifierName = text('verifierName').trim();
  const credentialType = text('credentialType').trim();
  if (!verifierName || verifierName.length > 100 || !credentialType || credentialType.length > 100 || names.length > 50 || names.some((n) => !valid.test(n)) || new Set(names).size !== names.length) {
    throw new ApiFailure('VALIDATION_ERROR', 'Give a verifier name, a credential type, and distinct field names (letters, digits, _ . -).');
  }
  return { verifierName, credentialType, requiredFields: list('requiredFields'), optionalFields: list('optionalFields') };
}

function indexPage(scope: CredsScope): string {
  const issuers = [...scope.config.issuers.values()];
  const types = issuers.flatMap((i) => i.types.map((t) => `<option value="${h(t.name)}">${h(t.name)} (${h(i.name)}: ${h(t.fields.join(', '))})</option>`));
  return frame(
    'Creds',
    T.index,
    `<h1>Creds</h1><p class="lead">Pair your PingID app with an issuer, then share Creds with a verifier (seed 003).</p>
<h2>Issuers</h2><ul>${issuers.map((i) => `<li><a href="/creds/issuers/${h(i.id)}/offer">${h(i.name)}</a>: ${h(i.types.map((t) => t.name).join(', '))}</li>`).join('')}</ul>
<h2>Ask for Creds</h2><form method="post" action="/creds/verify">
<label for="verifierName">Verifier</label><input id="verifierName" name="verifierName" value="Rental Co">
<label for="credentialType">Credential type</label><select id="credentialType" name="credentialType">${types.join('')}</select>
<label for="requiredFields">Required fields (comma-separated)</label><input id="requiredFields" name="requiredFields" value="name">
<label for="optionalFields">Optional fields</label><input id="optionalFields" name="optionalFields" value="">
<button type="submit">Show QR code</button></form>`,
  );
}

async function offerPage(scope: CredsScope, issuerId: string, offerId: string, expiresAt: number): Promise<string> {
  const issuer = scope.config.issuers.get(issuerId)!;
  const { qr, link } = offerLinks(scope, offerId);
  return frame(
    `Pair with ${issuer.name}`,
    T.offer,
    `<h1>Receive Creds from ${h(issuer.name)}</h1>
<p class="lead">In the PingID app, tap <b>Scan</b> and scan this code, then confirm with your device PIN or biometrics.</p>
<img class="qr" data-testid="${T.offerQr}" alt="Pairing QR code" src="${await qrPngDataUrl(qr)}">
<p>Or open this link on your phone:</p><p class="link"><a data-testid="${T.offerLink}" href="${h(link)}">${h(link)}</a></p>
<p class="lead">Single use; valid until ${h(iso(expiresAt))}.</p>`,
  );
}

async function verifyPage(scope: CredsScope, id: string): Promise<string> {
  const record = presentationOf(scope, id);
  const status = presentationStatus(scope, record);
  const { qr } = presentationLinks(scope, record.id);
  const fields = (names: string[], testId: string) => `<ul>${names.map((n) => `<li data-testid="${testId}"><code>${h(n)}</code></li>`).join('')}</ul>`;
  const received = record.received
    ? `<h2>Received from the wallet</h2><p>Creds issued by <span data-testid="${T.receivedIssuer}">${h(record.received.issuer.name)}</span></p><ul>${Object.entries(record.received.fields).map(([k, v]) => `<li data-testid="${T.receivedField}"><code>${h(k)}</code>: ${h(v)}</li>`).join('')}</ul>`
    : '';
  const showQr = status === 'waiting' ? `<img class="qr" data-testid="${T.verifyQr}" alt="Share request QR code" src="${await qrPngDataUrl(qr)}">` : '';
  return frame(
    `${record.verifier.name} asks for Creds`,
    T.verify,
    `<h1>${h(record.verifier.name)} asks for your ${h(record.credentialType)}</h1>
<p class="lead">Open PingID, tap <b>Scan</b> and scan this code. Expires ${h(iso(record.expiresAt))}.</p>
<p class="status">Status: <span data-testid="${T.verifyStatus}">${h(status)}</span></p>${showQr}
<h2>Required</h2>${fields(record.requiredFields, T.requiredField)}<h2>Optional</h2>${fields(record.optionalFields, T.optionalField)}${received}`,
    // While waiting, the page reloads itself so a person sees the answer arrive.
    status === 'waiting' ? 3 : undefined,
  );
}

/**
 * Whose offer this is (CREDS-PAIR-OFFER-AUTHENTICATED): the user signed on with MFA in the portal,
 * never a `username` taken on trust. A named user without that user's authenticated session is
 * refused (CREDS_OFFER_UNAUTHENTICATED); with no session and no name the offer is anonymous.
 */
function offerUsername(scope: CredsScope, request: FastifyRequest, asked: string | undefined): string | null {
  const { context } = scope;
  const sessionId = request.cookies[SESSION_COOKIE];
  const session = sessionId ? context.store.get('sessions', sessionId) : undefined;
  const live = session && session.authenticated && context.nowMs() < session.expiresAt ? session : undefined;
  const user = live ? context.store.get('users', live.userId) : undefined;
  if (context.deviates('offer-for-any-username', 'CREDS-PAIR-OFFER-AUTHENTICATED')) return asked ?? user?.username ?? null;
  if (asked !== undefined && asked.trim().toLowerCase() !== user?.username) {
    refuse('CREDS_OFFER_UNAUTHENTICATED', 'An offer for a named user needs that user signed on with MFA in the portal.', ['CREDS-PAIR-OFFER-AUTHENTICATED'], {
      userMessage: 'Sign on to the portal (with your device) first, then ask for the offer again.',
    });
  }
  return user?.username ?? null;
}
