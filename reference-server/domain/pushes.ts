/**
 * Authentication requests ("pushes") sent to a mobile device (seed 001; seed 000 step 9
 * result). Expiry is read from the injected clock: Device Timeout when the push never reached
 * the device, Total Timeout otherwise (protocol facts §4).
 */
import type { DeviceRequest } from '../../models/device-api.ts';
import type { ServerContext } from '../context.ts';
import type { DeviceRecord, PushRecord, UserRecord } from '../store/records.ts';
import { iso, randomId } from './ids.ts';

export type PushStatus = 'pending' | 'approved' | 'denied' | 'expired';

export function createPush(
  context: ServerContext,
  user: UserRecord,
  device: DeviceRecord,
  meta: { application?: string; location?: string; flowId?: string; browser?: string | null; ipAddress?: string | null } = {},
): PushRecord {
  const now = context.nowMs();
  const { push: timeouts } = context.config.policy;
  const delivered = !context.faults.take('push-not-delivered', [user.username, device.id, meta.flowId]);
  const push: PushRecord = {
    id: `r${randomId(context.rng, 15)}`,
    userId: user.id,
    deviceId: device.id,
    kind: 'authentication',
    createdAt: now,
    expiresAt: now + 1000 * (delivered ? timeouts.totalTimeoutSeconds : timeouts.deviceTimeoutSeconds),
    delivered,
    status: 'pending',
    decidedAt: null,
    method: null,
    application: meta.application ?? null,
    location: meta.location ?? null,
    browser: meta.browser ?? null,
    ipAddress: meta.ipAddress ?? null,
  };
  context.store.put('pushes', push.id, push);
  if (delivered) context.events.emit('push', device.id);
  return push;
}

export function pushStatus(context: ServerContext, push: PushRecord): PushStatus {
  if (push.status !== 'pending') return push.status;
  return context.nowMs() >= push.expiresAt ? 'expired' : 'pending';
}

export function pendingRequests(context: ServerContext, deviceId: string): PushRecord[] {
  return context.store.find('pushes', 'deviceId', deviceId).filter((p) => p.delivered && pushStatus(context, p) === 'pending');
}

export function deviceRequest(context: ServerContext, push: PushRecord): DeviceRequest {
  return {
    id: push.id,
    kind: push.kind,
    organization: context.config.organization,
    ...(push.application ? { application: push.application } : {}),
    ...(push.location ? { location: push.location } : {}),
    ...(push.browser ? { browser: push.browser } : {}),
    ...(push.ipAddress ? { ipAddress: push.ipAddress } : {}),
    createdAt: iso(push.createdAt),
    expiresAt: iso(push.expiresAt),
  };
}

export function decidePush(context: ServerContext, push: PushRecord, decision: 'approved' | 'denied', method: PushRecord['method']): PushRecord {
  const decided: PushRecord = { ...push, status: decision, decidedAt: context.nowMs(), method };
  context.store.put('pushes', push.id, decided);
  context.events.emit('push', push.deviceId);
  return decided;
}
