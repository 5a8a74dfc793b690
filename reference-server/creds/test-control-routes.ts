/**
 * Creds test control (`models/test-control.ts`): the issuer's and verifier's back office, for
 * plans and tests. Registered only when test control is on; otherwise the server's catch-all
 * answers TEST_CONTROL_DISABLED for every `/test/v1/*` route.
 */
import type { FastifyInstance } from 'fastify';
import { iso } from '../domain/ids.ts';
import { createOffer } from './offers.ts';
import { credentialView, issueCredential, reissueCredential, revokeCredential, type IssueInput } from './issuance.ts';
import { createPresentation, presentationOf, presentationView, type PresentationInput } from './presentations.ts';
import { qrPngDataUrl } from './qr-png.ts';
import type { CredentialRecord } from './records.ts';
import type { CredsScope } from './scope.ts';
import * as schema from './schemas.ts';

export function registerCredsTestControl(app: FastifyInstance, scope: CredsScope): void {
  if (!scope.context.config.testControl) return;
  const { store } = scope.context;
  const held = (c: CredentialRecord) => ({ ...credentialView(scope, c), walletId: c.walletId, reissuedFrom: c.reissuedFrom });

  app.get('/test/v1/creds/issuers', async () => ({
    issuers: [...scope.config.issuers.values()].map((i) => ({ id: i.id, name: i.name, types: i.types })),
  }));

  app.post<{ Body: { issuerId: string; username?: string } }>('/test/v1/creds/offers', { schema: { body: schema.offerBody } }, async (request, reply) => {
    const offer = createOffer(scope, request.body.issuerId, request.body.username ?? null);
    return reply.status(201).send({
      offer: offer.record.id,
      issuerId: offer.record.issuerId,
      qr: offer.qr,
      link: offer.link,
      expiresAt: iso(offer.record.expiresAt),
      pngDataUrl: await qrPngDataUrl(offer.qr),
    });
  });

  app.post<{ Body: IssueInput }>('/test/v1/creds/issue', { schema: { body: schema.issueBody } }, async (request, reply) =>
    reply.status(201).send({ credential: held(issueCredential(scope, request.body)) }),
  );

  app.post<{ Body: { credentialId: string } }>('/test/v1/creds/revoke', { schema: { body: schema.credentialIdBody } }, async (request) => ({
    credential: held(revokeCredential(scope, request.body.credentialId)),
  }));

  app.post<{ Body: { credentialId: string; walletId: string } }>('/test/v1/creds/reissue', { schema: { body: schema.reissueBody } }, async (request, reply) => {
    const { credential, revoked } = reissueCredential(scope, request.body.credentialId, request.body.walletId);
    return reply.status(201).send({ credential: held(credential), revoked: held(revoked) });
  });

  app.post<{ Body: PresentationInput }>('/test/v1/creds/presentations', { schema: { body: schema.presentationBody } }, async (request, reply) => {
    const { record, qr, link } = createPresentation(scope, request.body);
    return reply.status(201).send({ id: record.id, qr, link, expiresAt: iso(record.expiresAt), pngDataUrl: await qrPngDataUrl(qr) });
  });

  app.get<{ Params: { requestId: string } }>('/test/v1/creds/verifier/:requestId', { schema: { params: schema.requestIdParams } }, async (request) => {
    const record = presentationOf(scope, request.params.requestId);
    const received = record.received && { ...record.received, receivedAt: iso(record.received.receivedAt) };
    return { request: presentationView(scope, record), received };
  });

  // The issuers' records of one person's wallets, oldest pairing first: which phones paired with
  // which issuer and what each holds (the issuer's side of seed 003, not the phone's storage).
  app.get<{ Params: { username: string } }>('/test/v1/creds/users/:username/wallets', { schema: { params: schema.usernameParams } }, async (request) => {
    const pairings = store
      .list('walletPairings')
      .filter((p) => p.username === request.params.username)
      .sort((a, b) => a.pairedAt - b.pairedAt);
    const walletIds = [...new Set(pairings.map((p) => p.walletId))];
    return {
      wallets: walletIds.map((walletId) => ({
        walletId,
        pairings: pairings.filter((p) => p.walletId === walletId).map((p) => ({ issuerId: p.issuerId, pairedAt: iso(p.pairedAt) })),
        credentials: store.list('credentials').filter((c) => c.walletId === walletId).map(held),
      })),
    };
  });

  app.get<{ Params: { walletId: string } }>('/test/v1/creds/wallets/:walletId', { schema: { params: schema.walletIdParams } }, async (request) => {
    const { walletId } = request.params;
    const pairings = store.list('walletPairings').filter((p) => p.walletId === walletId);
    const ids = new Set(pairings.map((p) => p.id));
    return {
      walletId,
      pairings: pairings.map((p) => ({ issuerId: p.issuerId, username: p.username, device: p.device, deviceLock: p.deviceLock, pairedAt: iso(p.pairedAt) })),
      credentials: store.list('credentials').filter((c) => c.walletId === walletId).map(held),
      notifications: store
        .list('credsNotifications')
        .filter((n) => ids.has(n.pairingId))
        .map((n) => ({ id: n.id, kind: n.kind, credentialId: n.credentialId, createdAt: iso(n.createdAt), expiresAt: iso(n.expiresAt) })),
    };
  });
}
