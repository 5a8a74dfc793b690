/**
 * What the adapter checks read: the Authentication API's own answers, kept by the executors
 * (`suites/executors/adapter.ts`) as the last response and the current flow, and the registry's
 * HTTP status for an error code (a refusal is checked as its exact status and code, never "some 4xx").
 */
import type { DeviceObject, FlowState } from '../../../models/authn-api.ts';
import { errorCodes, type ErrorCode } from '../../../models/error-codes.ts';
import type { PathWorld } from '../../port/world.ts';
import type { ApiResponse } from '../../drivers/shared/authn-client.ts';
import { ensure } from '../../runner/errors.ts';

export function currentFlow(world: PathWorld): FlowState {
  const flow = world.memo.get('flow') as FlowState | undefined;
  ensure(flow !== undefined, [], 'no flow state answered yet', { code: 'NO_RESPONSE' });
  return flow;
}

export function lastAnswer(world: PathWorld): ApiResponse {
  const response = world.memo.get('response') as ApiResponse | undefined;
  ensure(response !== undefined, [], 'no Authentication API answer recorded', { code: 'NO_RESPONSE' });
  return response;
}

/** The actions `_links` lists, `self` left out. */
export function offered(flow: FlowState): string[] {
  return Object.keys(flow._links ?? {}).filter((k) => k !== 'self').sort();
}

export function ensureStatus(flow: FlowState, expected: string, what: string): void {
  ensure(flow.status === expected, [], `${what}: the flow is ${flow.status}, expected ${expected}`, { code: 'STATUS_MISMATCH', expected, actual: flow.status });
}

export function ensureOffersExactly(flow: FlowState, actions: readonly string[], what: string): void {
  const listed = offered(flow);
  const want = [...actions].sort();
  ensure(JSON.stringify(listed) === JSON.stringify(want), [], `${what}: ${flow.status} lists ${listed.join(', ') || 'nothing'} in _links, expected exactly ${want.join(', ') || 'nothing'}`, {
    code: 'LINKS_MISMATCH', expected: want, actual: listed,
  });
}

/** An error answer with the registry's HTTP status for `code` and, when given, a `details[]` entry with `detail`. */
export function ensureRefusedWith(response: ApiResponse, code: ErrorCode, what: string, detail?: ErrorCode): void {
  const status = errorCodes[code].status;
  ensure(response.status === status && response.body.code === code, [], `${what}: got ${response.status} ${String(response.body.code)}, expected ${status} ${code}`, {
    code: 'ERROR_CODE', expected: { status, code }, actual: { status: response.status, code: response.body.code },
  });
  // API-GEN-ERROR-BODY: the body and each detail carry a message (an empty one says nothing).
  const hasMessage = (x: { message?: unknown }): boolean => typeof x.message === 'string' && x.message.trim() !== '';
  ensure(hasMessage(response.body), [], `${what}: ${code} without a message`, { code: 'ERROR_BODY', actual: response.body });
  if (detail) {
    const details = (response.body.details ?? []) as { code?: string; message?: unknown }[];
    const found = details.find((d) => d.code === detail);
    ensure(found !== undefined, [], `${what}: ${code} without a ${detail} detail`, { code: 'ERROR_DETAIL', expected: detail, actual: details });
    ensure(hasMessage(found), [], `${what}: the ${detail} detail has no message`, { code: 'ERROR_BODY', actual: found });
  }
}

/** The devices a flow body lists, as `{id, type}`. */
export function listedDevices(flow: FlowState): { id: string; type: string }[] {
  return ((flow.devices ?? []) as DeviceObject[]).map((d) => ({ id: d.id, type: d.type }));
}

/**
 * The fields of a listed device object as protocol facts §2 "Device object" gives them: `name`
 * (the model; empty for SMS, voice and email), `nickname`, `target` (the masked phone or email of
 * an SMS or email device), `otpEnabled`.
 */
export function ensureDeviceObjectFields(flow: FlowState, id: string, kind: string, what: string): void {
  const device = ((flow.devices ?? []) as DeviceObject[]).find((d) => d.id === id);
  if (device === undefined) return; // the caller's id check reports a missing device
  const messaging = kind === 'sms' || kind === 'email';
  const problems = [
    typeof device.name !== 'string' || (messaging ? device.name !== '' : device.name.trim() === '') ? `name ${JSON.stringify(device.name)} (${messaging ? 'empty' : 'the model'} expected)` : '',
    typeof device.nickname !== 'string' || device.nickname.trim() === '' ? `nickname ${JSON.stringify(device.nickname)}` : '',
    messaging && (typeof device.target !== 'string' || device.target.trim() === '') ? `target ${JSON.stringify(device.target)} (the masked ${kind === 'sms' ? 'phone' : 'email'} expected)` : '',
    typeof device.otpEnabled !== 'boolean' ? `otpEnabled ${JSON.stringify(device.otpEnabled)}` : '',
  ].filter(Boolean);
  ensure(problems.length === 0, [], `${what}: the ${kind} device ${id} has ${problems.join(', ')}`, { code: 'DEVICE_MISMATCH', actual: device });
}

/** The device types the documents name for each kind the test set up (protocol facts §2 device object). */
export const deviceTypes: Record<string, readonly string[]> = {
  mobile: ['iPhone', 'Android'],
  desktop: ['Desktop'],
  totp: ['TOTP'],
  sms: ['SMS'],
  email: ['Email'],
};

/** The devices the test set up for this user (its preconditions, in the order asked: the first is primary). */
export function devicesSetUp(world: PathWorld): { id: string; kind: string; deviceToken?: string; otp: { secret: string; digits: 6 | 8; period: number; algorithm: 'sha1' | 'sha256' | 'sha512' } }[] {
  return (world.memo.get('devices') as ReturnType<typeof devicesSetUp> | undefined) ?? [];
}
