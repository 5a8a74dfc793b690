import type { CompletePairingResponse, DeviceInfo, DeviceSummary } from '../../models/device-api.ts';
import type { DeviceObject } from '../../models/authn-api.ts';
import type { ServerContext } from '../context.ts';
import type { DeviceKind, DeviceRecord, UserRecord } from '../store/records.ts';
import { fail } from '../http/errors.ts';
import { iso, randomId, randomToken, sha256hex } from './ids.ts';
import { newOtpSecret, otpSeed } from './otp.ts';
import { devicesOf } from './users.ts';

export interface NewDevice {
  kind: DeviceKind;
  name: string;
  platform?: DeviceInfo['platform'] | null;
  profile?: string | null;
  installationId?: string | null;
  target?: string | null;
}

/** Maximum Allowed Devices (protocol facts §4; policy `devices.max`). */
export function ensureDeviceLimitNotReached(context: ServerContext, user: UserRecord): void {
  if (devicesOf(context, user.id).length >= context.config.policy.devices.max) {
    fail('DEVICE_LIMIT_REACHED', `${user.username} already has the maximum of ${context.config.policy.devices.max} devices.`, {
      requirements: ['POL-MAX-DEVICES'],
    });
  }
}

/** Creates a device (and, for app devices, its bearer token). The first device is primary. */
export function addDevice(context: ServerContext, user: UserRecord, spec: NewDevice): { device: DeviceRecord; token: string | null } {
  const hasApp = spec.kind === 'mobile' || spec.kind === 'desktop';
  const token = hasApp ? randomToken(context.rng) : null;
  const device: DeviceRecord = {
    id: `d${randomId(context.rng, 15)}`,
    userId: user.id,
    kind: spec.kind,
    name: spec.name,
    platform: spec.platform ?? null,
    profile: spec.profile ?? null,
    installationId: spec.installationId ?? null,
    target: spec.target ?? null,
    tokenHash: token ? sha256hex(token) : null,
    otpSecret: newOtpSecret(context.rng),
    pairedAt: context.nowMs(),
    primary: devicesOf(context, user.id).length === 0,
    lastOtpStep: null,
  };
  context.store.put('devices', device.id, device);
  if (token) {
    const hash = sha256hex(token);
    context.store.put('tokens', hash, { hash, kind: 'device', userId: user.id, key: null, deviceId: device.id, expiresAt: null });
  }
  return { device, token };
}

/**
 * What an app learns when its pairing completes, whether by key (device API, seed 000/002) or
 * by the server payload of MOBILE_PAIRING_REQUIRED (SDK, seed 004): its identity and OTP seed.
 */
export function pairedAppResponse(context: ServerContext, user: UserRecord, paired: { device: DeviceRecord; token: string | null }): CompletePairingResponse {
  if (paired.token === null) throw new Error(`device ${paired.device.id} (${paired.device.kind}) has no app token`);
  return {
    deviceId: paired.device.id,
    deviceToken: paired.token,
    organization: context.config.organization,
    username: user.username,
    otp: otpSeed(paired.device.otpSecret, context.config.policy),
  };
}

/** Unpairs a device; the next one in pairing order becomes primary. */
export function removeDevice(context: ServerContext, device: DeviceRecord): void {
  context.store.delete('devices', device.id);
  if (device.tokenHash) context.store.delete('tokens', device.tokenHash);
  for (const push of context.store.find('pushes', 'deviceId', device.id)) context.store.delete('pushes', push.id);
  if (device.primary) {
    const next = devicesOf(context, device.userId)[0];
    if (next) context.store.put('devices', next.id, { ...next, primary: true });
  }
}

export function deviceSummary(device: DeviceRecord): DeviceSummary {
  return { id: device.id, kind: device.kind, name: device.name, primary: device.primary, pairedAt: iso(device.pairedAt) };
}

/** The Authentication API's device object (protocol facts §2 "Device object"). */
export function deviceObject(device: DeviceRecord): DeviceObject {
  const type =
    device.kind === 'mobile'
      ? device.platform === 'android' ? 'Android' : 'iPhone'
      : { desktop: 'Desktop', sms: 'SMS', totp: 'TOTP', email: 'Email' }[device.kind];
  return {
    id: device.id,
    type,
    name: device.kind === 'sms' || device.kind === 'email' ? '' : device.name,
    nickname: device.profile ?? device.name,
    ...(device.target ? { target: device.target } : {}),
    otpEnabled: true,
  };
}

/** Whether this device gets push requests (an app that can approve) or asks for an OTP. */
export function usesPush(device: DeviceRecord): boolean {
  return device.kind === 'mobile';
}
