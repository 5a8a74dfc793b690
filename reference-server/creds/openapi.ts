/**
 * The Creds routes of the device API in OpenAPI 3.1, from the same schemas the routes validate
 * with (`schemas.ts`). The plugin merges these paths into `GET /device/v1/openapi.json`.
 */
import * as schema from './schemas.ts';

type Json = Record<string, unknown>;

const json = (s: unknown): Json => ({ content: { 'application/json': { schema: s } } });
const errors = (...statuses: number[]): Json =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: 'A stable error code (docs/errors.md).', ...json({ $ref: '#/components/schemas/ApiError' }) }]));
const wallet = [{ walletToken: [] }];
const idParam = [{ name: 'id', in: 'path', required: true, schema: schema.idParams.properties.id }];

export const credsSecurityScheme = { type: 'http', scheme: 'bearer', description: 'The walletToken returned by POST /device/v1/creds/pairings: one per issuer pairing.' };

export const credsOpenApiPaths: Json = {
  '/device/v1/creds/pairings': {
    post: {
      operationId: 'credsPair',
      summary: "Pair this wallet with an issuer from its QR payload or link (seed 003): one pairing per issuer, device lock verified.",
      requestBody: { required: true, ...json(schema.credsPairRequest) },
      responses: { '201': { description: 'Paired; the wallet token speaks for this issuer pairing.', ...json(schema.responses.credsPair) }, ...errors(400, 404, 409) },
    },
  },
  '/device/v1/creds': {
    get: {
      operationId: 'credsList',
      summary: "The Creds this wallet holds from the token's issuer, revoked ones with revoked: true.",
      security: wallet,
      responses: {
        '200': { description: 'Credentials.', ...json({ type: 'object', properties: { credentials: { type: 'array', items: schema.responses.credential } } }) },
        ...errors(401),
      },
    },
  },
  '/device/v1/creds/notifications': {
    get: {
      operationId: 'credsNotifications',
      summary: "Notifications of Creds issued or revoked by the token's issuer (kinds creds-issued, creds-revoked), for policy creds.newLabelHours.",
      security: wallet,
      responses: {
        '200': { description: 'Notifications as DeviceRequest objects.', ...json({ type: 'object', properties: { requests: { type: 'array', items: { $ref: '#/components/schemas/DeviceRequest' } } } }) },
        ...errors(401),
      },
    },
  },
  '/device/v1/creds/presentations/{id}': {
    get: {
      operationId: 'presentationGet',
      summary: 'A verifier request: the credential type, required and optional fields, expiry.',
      security: wallet,
      parameters: idParam,
      responses: { '200': { description: 'The request.', ...json(schema.responses.presentationRequest) }, ...errors(400, 401, 404, 410) },
    },
    post: {
      operationId: 'presentationRespond',
      summary: 'Share: every required field, only requested ones, values as issued, from a valid credential of this wallet.',
      security: wallet,
      parameters: idParam,
      requestBody: { required: true, ...json(schema.presentationResponse) },
      responses: { '200': { description: 'Verified.', ...json(schema.responses.presentationOutcome) }, ...errors(400, 401, 404, 409, 410) },
    },
  },
};

/** The device API document with the Creds paths and the wallet token scheme added. */
export function withCredsPaths(document: unknown): unknown {
  if (!document || typeof document !== 'object') return document;
  const doc = document as { paths?: Json; components?: { securitySchemes?: Json } };
  return {
    ...doc,
    paths: { ...doc.paths, ...credsOpenApiPaths },
    components: { ...doc.components, securitySchemes: { ...doc.components?.securitySchemes, walletToken: credsSecurityScheme } },
  };
}
