/**
 * Test control (`models/test-control.ts`): advance the clock, inject one-shot faults, read
 * what the server holds, set up users and keys. Registered only when enabled; otherwise every
 * `/test/v1/*` route answers 404 TEST_CONTROL_DISABLED.
 */
import type { FastifyInstance } from 'fastify';
import type { Fault } from '../../models/test-control.ts';
import { faults } from '../../models/test-control.ts';
import type { ServerContext } from '../context.ts';
import { fail, invalidField } from '../http/errors.ts';
import { iso } from '../domain/ids.ts';
import { createUser, devicesOf, findUser } from '../domain/users.ts';
import { addDevice, deviceSummary, removeDevice } from '../domain/devices.ts';
import { currentOtp, otpSeed } from '../domain/otp.ts';
import { decidePush, deviceRequest, pushStatus } from '../domain/pushes.ts';
import { issuePairingKey } from '../domain/pairing.ts';
import { flowView } from '../authn/flow-view.ts';
import type { DeviceKind, UserRecord } from '../store/records.ts';

const seedDeviceKinds = ['mobile', 'desktop', 'sms', 'totp', 'email'] as const;

const schemas = {
  advance: { type: 'object', required: ['ms'], properties: { ms: { type: 'integer', minimum: 0, maximum: 366 * 24 * 3600 * 1000 } } },
  fault: { type: 'object', required: ['fault'], properties: { fault: { type: 'string', maxLength: 100 }, target: { type: 'string', maxLength: 200 } } },
  decide: {
    type: 'object',
    required: ['username', 'decision'],
    properties: { username: { type: 'string', maxLength: 200 }, decision: { type: 'string', enum: ['approve', 'deny'] }, requestId: { type: 'string', maxLength: 100 } },
  },
  seedUser: {
    type: 'object',
    required: ['username', 'password'],
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._@-]+$' },
      password: { type: 'string', minLength: 1, maxLength: 200 },
      displayName: { type: 'string', maxLength: 200 },
      devices: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          required: ['kind'],
          properties: {
            kind: { type: 'string', enum: seedDeviceKinds },
            name: { type: 'string', maxLength: 100 },
            platform: { type: 'string', enum: ['ios', 'android', 'web', 'macos', 'windows', 'linux'] },
            installationId: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
  },
  username: { type: 'object', required: ['username'], properties: { username: { type: 'string', maxLength: 200 } } },
} as const;

interface SeedUserBody {
  username: string;
  password: string;
  displayName?: string;
  devices?: { kind: DeviceKind; name?: string; platform?: 'ios' | 'android' | 'web' | 'macos' | 'windows' | 'linux'; installationId?: string }[];
}

export function registerTestControl(app: FastifyInstance, context: ServerContext): void {
  if (!context.config.testControl) {
    app.all('/test/v1/*', async () => fail('TEST_CONTROL_DISABLED', 'Test control is off on this server (start it with --test-control).'));
    return;
  }

  app.get('/test/v1/clock', async () => ({ now: iso(context.nowMs()) }));

  app.post<{ Body: { ms: number } }>('/test/v1/clock/advance', { schema: { body: schemas.advance } }, async (request) => {
    if (!context.clock.advance) invalidField('ms', 'This server clock cannot be advanced.');
    context.clock.advance(request.body.ms);
    return { now: iso(context.nowMs()) };
  });

  app.get('/test/v1/faults', async () => ({ faults: [...faults], armed: context.faults.list() }));

  app.post<{ Body: { fault: string; target?: string } }>('/test/v1/faults', { schema: { body: schemas.fault } }, async (request, reply) => {
    const { fault, target } = request.body;
    if (!(faults as readonly string[]).includes(fault)) fail('FAULT_UNKNOWN', `This server cannot inject '${fault}'; it can inject ${faults.join(', ')}.`);
    context.faults.inject(fault as Fault, target);
    return reply.status(204).send();
  });

  app.post<{ Body: { username: string; decision: 'approve' | 'deny'; requestId?: string } }>(
    '/test/v1/push/decide',
    { schema: { body: schemas.decide } },
    async (request) => {
      const user = userNamed(context, request.body.username);
      const pending = context.store
        .find('pushes', 'userId', user.id)
        .filter((p) => pushStatus(context, p) === 'pending' && (!request.body.requestId || p.id === request.body.requestId));
      const push = pending.at(-1);
      if (!push) fail('REQUEST_NOT_FOUND', `${user.username} has no pending request.`);
      const decided = decidePush(context, push, request.body.decision === 'approve' ? 'approved' : 'denied', 'tap');
      return { id: decided.id, status: decided.status };
    },
  );

  app.get<{ Params: { username: string } }>('/test/v1/users/:username', async (request) => userView(context, userNamed(context, request.params.username)));

  app.post<{ Body: SeedUserBody }>('/test/v1/users', { schema: { body: schemas.seedUser } }, async (request, reply) => {
    const body = request.body;
    const created = context.store.transaction(() => {
      const existing = findUser(context, body.username);
      if (existing) deleteUser(context, existing);
      const user = createUser(context, body.username, body.password, body.displayName ?? body.username);
      const devices = (body.devices ?? []).map((spec, i) => {
        const { device, token } = addDevice(context, user, {
          kind: spec.kind,
          name: spec.name ?? defaultDeviceName(spec.kind, i),
          platform: spec.platform ?? (spec.kind === 'mobile' ? 'ios' : spec.kind === 'desktop' ? 'macos' : null),
          installationId: spec.installationId ?? null,
          target: spec.kind === 'sms' ? '+1 ***-***-0100' : spec.kind === 'email' ? `${user.username[0]}***@example.com` : null,
        });
        return { ...deviceSummary(device), deviceToken: token, otp: otpSeed(device.otpSecret, context.config.policy) };
      });
      return { user: { id: user.id, username: user.username, displayName: user.displayName }, devices };
    });
    return reply.status(201).send(created);
  });

  app.post<{ Body: { username: string } }>('/test/v1/pairing-keys', { schema: { body: schemas.username } }, async (request, reply) => {
    const issued = issuePairingKey(context, userNamed(context, request.body.username));
    return reply.status(201).send({ key: issued.key, qr: issued.qr, expiresAt: iso(issued.expiresAt) });
  });

  app.get<{ Params: { id: string } }>('/test/v1/flows/:id', async (request) => {
    const flow = context.store.get('flows', request.params.id);
    if (!flow) fail('RESOURCE_NOT_FOUND', `No flow ${request.params.id}.`);
    return { flow, expired: context.nowMs() >= flow.expiresAt, view: flowView(context, flow) };
  });
}

function defaultDeviceName(kind: DeviceKind, index: number): string {
  return { mobile: 'iPhone 15', desktop: 'Desktop', sms: 'SMS', totp: 'Authenticator', email: 'Email' }[kind] + (index > 0 ? ` ${index + 1}` : '');
}

function userNamed(context: ServerContext, username: string): UserRecord {
  const user = findUser(context, username);
  if (!user) fail('RESOURCE_NOT_FOUND', `No user ${username}.`);
  return user;
}

function deleteUser(context: ServerContext, user: UserRecord): void {
  for (const device of devicesOf(context, user.id)) removeDevice(context, device);
  for (const key of context.store.find('pairingKeys', 'userId', user.id)) context.store.delete('pairingKeys', key.key);
  for (const token of context.store.find('tokens', 'userId', user.id)) context.store.delete('tokens', token.hash);
  context.store.delete('users', user.id);
}

/** What the server holds about a user: devices (with OTP secrets and the current code), requests, keys. */
function userView(context: ServerContext, user: UserRecord): unknown {
  const now = context.nowMs();
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, otpFailures: user.otpFailures, otpLockedUntil: user.otpLockedUntil && iso(user.otpLockedUntil) },
    devices: devicesOf(context, user.id).map((d) => ({
      ...deviceSummary(d),
      platform: d.platform,
      profile: d.profile,
      installationId: d.installationId,
      otp: otpSeed(d.otpSecret, context.config.policy),
      currentOtp: currentOtp(d.otpSecret, context.config.policy, now),
      lastOtpStep: d.lastOtpStep,
    })),
    requests: context.store
      .find('pushes', 'userId', user.id)
      .map((p) => ({ ...deviceRequest(context, p), deviceId: p.deviceId, delivered: p.delivered, status: pushStatus(context, p), method: p.method })),
    pairingKeys: context.store
      .find('pairingKeys', 'userId', user.id)
      .map((k) => ({ key: k.key, status: k.status, expiresAt: iso(k.expiresAt), deviceId: k.deviceId })),
  };
}
