/**
 * The wallet side of the device API (`models/device-api.ts` Creds routes). Bearer: the wallet
 * token from `POST /device/v1/creds/pairings`, one per issuer pairing.
 */
import type { FastifyInstance } from 'fastify';
import type { CredsPairRequest, ListCredentialsResponse, ListRequestsResponse, PresentationRequest, PresentationResponse } from '../../models/device-api.ts';
import { authenticateWallet, pairWallet } from './pairing.ts';
import { credentialsOf, credentialView, notificationsOf } from './issuance.ts';
import { openPresentation, presentationView, respondToPresentation } from './presentations.ts';
import type { CredsScope } from './scope.ts';
import * as schema from './schemas.ts';

export function registerCredsDeviceRoutes(app: FastifyInstance, scope: CredsScope): void {
  app.post<{ Body: CredsPairRequest }>('/device/v1/creds/pairings', { schema: { body: schema.credsPairRequest } }, async (request, reply) =>
    reply.status(201).send(pairWallet(scope, request.body, request)),
  );

  app.get('/device/v1/creds', async (request): Promise<ListCredentialsResponse> => {
    const { pairing } = authenticateWallet(scope, request);
    return { credentials: credentialsOf(scope, pairing).map((c) => credentialView(scope, c)) };
  });

  app.get('/device/v1/creds/notifications', async (request): Promise<ListRequestsResponse> => {
    const { pairing } = authenticateWallet(scope, request);
    return { requests: notificationsOf(scope, pairing) };
  });

  app.get<{ Params: { id: string } }>('/device/v1/creds/presentations/:id', { schema: { params: schema.idParams } }, async (request): Promise<PresentationRequest> => {
    authenticateWallet(scope, request);
    return presentationView(scope, openPresentation(scope, request.params.id));
  });

  app.post<{ Params: { id: string }; Body: PresentationResponse }>(
    '/device/v1/creds/presentations/:id',
    { schema: { params: schema.idParams, body: schema.presentationResponse } },
    async (request) => {
      const { pairing } = authenticateWallet(scope, request);
      const answered = respondToPresentation(scope, pairing, request.params.id, request.body);
      return { id: answered.id, status: presentationView(scope, answered).status };
    },
  );
}
