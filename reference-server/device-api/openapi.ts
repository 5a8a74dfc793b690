/** OpenAPI 3.1 description of the device API, generated from the same schemas the routes validate with. */
import type { ServerContext } from '../context.ts';
import * as schema from './schemas.ts';

type Json = Record<string, unknown>;

const json = (s: unknown): Json => ({ content: { 'application/json': { schema: s } } });
const errorRef = { $ref: '#/components/schemas/ApiError' };
const errors = (...statuses: number[]): Json =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: 'A stable error code (docs/errors.md).', ...json(errorRef) }]));
const bearer = [{ deviceToken: [] }];

export function openApiDocument(context: ServerContext): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'authconf device API',
      version: '1.0.0',
      description:
        'What an authenticator app (mobile or desktop) calls on the organisation server: claim a pairing key, complete pairing, receive and answer authentication requests, manage its devices. Shapes: models/device-api.ts.',
    },
    servers: [{ url: context.config.baseUrl }],
    components: {
      securitySchemes: { deviceToken: { type: 'http', scheme: 'bearer', description: 'The deviceToken returned by pairing.' } },
      schemas: {
        ApiError: schema.responses.apiError,
        DeviceRequest: schema.responses.deviceRequest,
        DeviceSummary: schema.responses.deviceSummary,
      },
    },
    paths: {
      '/device/v1/pairing-keys/claim': {
        post: {
          operationId: 'claimKey',
          summary: 'Claim a pairing key typed by the user or read from a QR code (single use).',
          requestBody: { required: true, ...json(schema.claimKeyRequest) },
          responses: { '200': { description: 'Claimed.', ...json(schema.responses.claimKey) }, ...errors(400, 404, 409, 410, 429) },
        },
      },
      '/device/v1/pairings': {
        post: {
          operationId: 'completePairing',
          summary: 'Finish pairing with the PIN, location and biometrics evidence the policy asks for.',
          requestBody: { required: true, ...json(schema.completePairingRequest) },
          responses: { '201': { description: 'Paired.', ...json(schema.responses.completePairing) }, ...errors(400, 401, 409, 502) },
        },
      },
      '/device/v1/sdk/pairings': {
        post: {
          operationId: 'sdkPairing',
          summary: 'Automatic pairing with the serverPayload of MOBILE_PAIRING_REQUIRED.',
          requestBody: { required: true, ...json(schema.sdkPairingRequest) },
          responses: { '201': { description: 'Paired.', ...json(schema.responses.completePairing) }, ...errors(400, 409, 502) },
        },
      },
      '/device/v1/requests': {
        get: {
          operationId: 'listRequests',
          summary: 'Pending authentication requests; waitSeconds long-polls in real time.',
          security: bearer,
          parameters: [{ name: 'waitSeconds', in: 'query', schema: schema.listRequestsQuery.properties.waitSeconds }],
          responses: {
            '200': { description: 'Pending requests.', ...json({ type: 'object', properties: { requests: { type: 'array', items: { $ref: '#/components/schemas/DeviceRequest' } } } }) },
            ...errors(401),
          },
        },
      },
      '/device/v1/requests/events': {
        get: {
          operationId: 'streamRequests',
          summary: 'Server-sent events: `event: request` with a DeviceRequest as data.',
          security: bearer,
          responses: { '200': { description: 'An event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401) },
        },
      },
      '/device/v1/requests/{id}/approve': {
        post: {
          operationId: 'approveRequest',
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json(schema.approveRequest) },
          responses: { '200': { description: 'Approved.', ...json(schema.responses.requestOutcome) }, ...errors(400, 401, 404, 409, 410) },
        },
      },
      '/device/v1/requests/{id}/deny': {
        post: {
          operationId: 'denyRequest',
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'Denied.', ...json(schema.responses.requestOutcome) }, ...errors(401, 404, 409, 410) },
        },
      },
      '/device/v1/devices': {
        get: {
          operationId: 'listDevices',
          summary: "The user's devices in pairing order; `primary` marks the primary one.",
          security: bearer,
          responses: {
            '200': { description: 'Devices.', ...json({ type: 'object', properties: { devices: { type: 'array', items: { $ref: '#/components/schemas/DeviceSummary' } } } }) },
            ...errors(401),
          },
        },
      },
      '/device/v1/devices/self/primary': {
        post: { operationId: 'makePrimary', summary: 'Make this device the primary one.', security: bearer, responses: { '200': { description: 'Devices.' }, ...errors(401) } },
      },
      '/device/v1/devices/self': {
        delete: { operationId: 'unpair', summary: 'Unpair this device.', security: bearer, responses: { '204': { description: 'Unpaired.' }, ...errors(401) } },
      },
    },
  };
}
