/**
 * The device API (`models/device-api.ts`): what an authenticator app calls. Each handler is a
 * short list of named steps; the rules live in `domain/`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  ApproveRequest,
  ClaimKeyRequest,
  CompletePairingRequest,
  ListDevicesResponse,
  ListRequestsResponse,
  RequestOutcome,
  SdkPairingRequest,
} from '../../models/device-api.ts';
import type { ServerContext } from '../context.ts';
import { fail } from '../http/errors.ts';
import { claimPairingKey, completePairing } from '../domain/pairing.ts';
import { completeSdkPairing } from '../authn/sdk-pairing.ts';
import { decidePush, deviceRequest, pendingRequests, pushStatus } from '../domain/pushes.ts';
import { deviceSummary, removeDevice } from '../domain/devices.ts';
import { devicesOf } from '../domain/users.ts';
import { authenticateDevice } from './auth.ts';
import * as schema from './schemas.ts';
import { openApiDocument } from './openapi.ts';
import type { PushRecord } from '../store/records.ts';


export function registerDeviceApi(app: FastifyInstance, context: ServerContext): void {
  app.post<{ Body: ClaimKeyRequest }>(
    '/device/v1/pairing-keys/claim',
    { schema: { body: schema.claimKeyRequest } },
    async (request) => claimPairingKey(context, request.body.key),
  );

  app.post<{ Body: CompletePairingRequest }>(
    '/device/v1/pairings',
    { schema: { body: schema.completePairingRequest } },
    async (request, reply) => reply.status(201).send(completePairing(context, request.body)),
  );

  app.post<{ Body: SdkPairingRequest }>(
    '/device/v1/sdk/pairings',
    { schema: { body: schema.sdkPairingRequest } },
    async (request, reply) => reply.status(201).send(await completeSdkPairing(context, request.body)),
  );

  app.get<{ Querystring: { waitSeconds?: number } }>(
    '/device/v1/requests',
    { schema: { querystring: schema.listRequestsQuery } },
    async (request): Promise<ListRequestsResponse> => {
      const { device } = authenticateDevice(context, request);
      const wait = Math.min(request.query.waitSeconds ?? 0, context.config.maxWaitSeconds);
      if (wait > 0 && pendingRequests(context, device.id).length === 0) await waitForPush(context, request, device.id, wait);
      return { requests: pendingRequests(context, device.id).map((p) => deviceRequest(context, p)) };
    },
  );

  app.get('/device/v1/requests/events', async (request, reply) => streamRequests(context, request, reply));

  app.post<{ Params: { id: string }; Body: ApproveRequest }>(
    '/device/v1/requests/:id/approve',
    { schema: { params: schema.requestIdParams, body: schema.approveRequest } },
    async (request): Promise<RequestOutcome> => {
      const { device } = authenticateDevice(context, request);
      const push = openRequestOf(context, device.id, request.params.id);
      ensureEvidenceMatchesPolicy(context, request.body);
      const decided = decidePush(context, push, 'approved', request.body.method);
      return { id: decided.id, status: 'approved' };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/device/v1/requests/:id/deny',
    { schema: { params: schema.requestIdParams } },
    async (request): Promise<RequestOutcome> => {
      const { device } = authenticateDevice(context, request);
      const push = openRequestOf(context, device.id, request.params.id);
      decidePush(context, push, 'denied', null);
      return { id: push.id, status: 'denied' };
    },
  );

  app.get('/device/v1/devices', async (request): Promise<ListDevicesResponse> => {
    const { user } = authenticateDevice(context, request);
    return { devices: devicesOf(context, user.id).map(deviceSummary) };
  });

  app.post('/device/v1/devices/self/primary', async (request): Promise<ListDevicesResponse> => {
    const { device, user } = authenticateDevice(context, request);
    context.store.transaction(() => {
      for (const other of devicesOf(context, user.id)) context.store.put('devices', other.id, { ...other, primary: other.id === device.id });
    });
    return { devices: devicesOf(context, user.id).map(deviceSummary) };
  });

  app.delete('/device/v1/devices/self', async (request, reply) => {
    const { device } = authenticateDevice(context, request);
    context.store.transaction(() => removeDevice(context, device));
    return reply.status(204).send();
  });

  app.get('/device/v1/openapi.json', async () => openApiDocument(context));
}

/** The device's own undecided, unexpired request, or the code that says why not. */
function openRequestOf(context: ServerContext, deviceId: string, id: string): PushRecord {
  const push = context.store.get('pushes', id);
  if (!push || push.deviceId !== deviceId || !push.delivered) fail('REQUEST_NOT_FOUND', `No request ${id} for this device.`);
  const status = pushStatus(context, push);
  if (status === 'expired') {
    fail('REQUEST_EXPIRED', 'The request timed out.', { userMessage: 'This request has timed out.', requirements: ['MOB-PAIR-APPROVAL-TIME-LIMIT', 'MOB-AUTH-TIMEOUT', 'POL-PUSH-WINDOW'] });
  }
  if (status !== 'pending') fail('REQUEST_ALREADY_DECIDED', `The request was already ${status}.`);
  return push;
}

/** Seed 000 step 8 note: with a PIN set, the app checks it on every authentication. */
function ensureEvidenceMatchesPolicy(context: ServerContext, body: ApproveRequest): void {
  if (context.config.policy.pin.length > 0 && !body.pinVerified) {
    fail('PIN_NOT_VERIFIED', 'The policy sets a PIN and the app did not verify it.', { requirements: ['MOB-PAIR-PIN-EVERY-AUTH', 'MOB-AUTH-PIN-ENTRY'] });
  }
  if (body.method === 'biometrics' && !body.biometricVerified) {
    fail('BIOMETRICS_NOT_VERIFIED', 'Approval by biometrics needs a biometric match.', { requirements: ['MOB-AUTH-BIOMETRICS'] });
  }
}

/** Real-time long poll: resolves on the next push for the device, the timeout, or the client leaving. */
function waitForPush(context: ServerContext, request: FastifyRequest, deviceId: string, seconds: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      context.events.off('push', onPush);
      request.raw.off('close', done);
      resolve();
    };
    const onPush = (id: string): void => {
      if (id === deviceId) done();
    };
    const timer = setTimeout(done, seconds * 1000);
    context.events.on('push', onPush);
    request.raw.on('close', done);
  });
}

/** Server-sent events: `event: request` for each pending request, now and as they come. */
function streamRequests(context: ServerContext, request: FastifyRequest, reply: FastifyReply): void {
  const { device } = authenticateDevice(context, request);
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  raw.write('retry: 1000\n\n');
  const sent = new Set<string>();
  const flush = (): void => {
    for (const push of pendingRequests(context, device.id)) {
      if (sent.has(push.id)) continue;
      sent.add(push.id);
      raw.write(`id: ${push.id}\nevent: request\ndata: ${JSON.stringify(deviceRequest(context, push))}\n\n`);
    }
  };
  const onPush = (id: string): void => {
    if (id === device.id) flush();
  };
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
  context.events.on('push', onPush);
  request.raw.on('close', () => {
    clearInterval(keepAlive);
    context.events.off('push', onPush);
  });
  flush();
}
