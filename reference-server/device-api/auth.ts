import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import type { DeviceRecord, UserRecord } from '../store/records.ts';
import { fail } from '../http/errors.ts';
import { sha256hex } from '../domain/ids.ts';

export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The paired device behind `Authorization: Bearer <device token>`, or 401 UNAUTHORIZED. */
export function authenticateDevice(context: ServerContext, request: FastifyRequest): { device: DeviceRecord; user: UserRecord } {
  const token = bearerToken(request);
  const record = token ? context.store.get('tokens', sha256hex(token)) : undefined;
  const device = record?.kind === 'device' && record.deviceId ? context.store.get('devices', record.deviceId) : undefined;
  const user = device ? context.store.get('users', device.userId) : undefined;
  if (!device || !user) fail('UNAUTHORIZED', 'A valid device token is required: Authorization: Bearer <deviceToken>.');
  return { device, user };
}
