/**
 * OTP devices (seed 004 additional device step 5.2): OTP_REQUIRED for a user whose device is an
 * OTP device; the right OTP ends MFA; too many wrong ones end in MFA_FAILED / ACCOUNT_LOCKED_OUT.
 *
 * Edges, on flows of their own (probes, so the path's own flow and attempts stay untouched): the
 * code of the time step just outside the accepted drift is INVALID_OTP on either side, with
 * attemptsRemaining counting down; the code just inside is accepted, and the same code again is
 * refused. SMS and email devices get OTP_REQUIRED too and complete with web_login_otp.
 * The OTP seed comes from the device the test itself set up through test control (the test is the
 * enrolling party; for SMS and email it plays the carrier that delivers the code): RFC 6238 with
 * that seed is what the user's authenticator would show.
 */
import { generate } from 'otplib';
import { STATUS_VALUE_PREFIX } from '../../../models/policy.ts';
import type { FlowState } from '../../../models/authn-api.ts';
import type { PathWorld } from '../../port/world.ts';
import { AuthnClient, type ApiResponse } from '../../drivers/shared/authn-client.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { currentFlow, devicesSetUp, deviceTypes, ensureDeviceObjectFields, ensureOffersExactly, ensureRefusedWith, ensureStatus, listedDevices } from './answers.ts';

export const ensureOtpRequiredForTheOtpDevice = defineCheck('ensureOtpRequiredForTheOtpDevice', ['API-ADD-OTP-REQUIRED'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'OTP_REQUIRED', 'an OTP device selected');
  const device = devicesSetUp(world).find((d) => d.id === flow.selectedDeviceRef?.id);
  ensure(device !== undefined && ['totp', 'sms', 'email'].includes(device.kind), [], `OTP_REQUIRED selected ${String(flow.selectedDeviceRef?.id)}, not one of the user's OTP devices`, { code: 'DEVICE_MISMATCH', actual: flow.selectedDeviceRef });
});

/** MFA succeeded: MOBILE_PAIRING_REQUIRED when authenticate carried a new installation's payload, else MFA_COMPLETED. */
function mfaSucceeded(world: PathWorld): void {
  const flow = currentFlow(world);
  const expected = world.memo.get('mobilePayloadSent') === 'valid' ? 'MOBILE_PAIRING_REQUIRED' : 'MFA_COMPLETED';
  ensureStatus(flow, expected, `MFA succeeded after an authenticate with ${String(world.memo.get('mobilePayloadSent'))} mobile payload`);
}
export const ensureRightOtpEndsMfa = defineCheck('ensureRightOtpEndsMfa', ['API-ADD-CHECK-OTP', 'API-ADD-MFA-SUCCEEDED'], mfaSucceeded);
export const ensureApprovedPushEndsMfa = defineCheck('ensureApprovedPushEndsMfa', ['API-ADD-PUSH-APPROVED', 'API-ADD-MFA-SUCCEEDED'], mfaSucceeded);

export const ensureTooManyWrongOtpsLockTheFlow = defineCheck('ensureTooManyWrongOtpsLockTheFlow', ['API-ADD-OTP-LOCKED'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'MFA_FAILED', `after ${world.policy.otp.maxAttempts} wrong OTPs`);
  ensure(flow.code === 'ACCOUNT_LOCKED_OUT', [], `MFA_FAILED says ${String(flow.code)}, expected ACCOUNT_LOCKED_OUT`, { code: 'ERROR_CODE', expected: 'ACCOUNT_LOCKED_OUT', actual: flow.code });
});

type Seed = { secret: string; digits: 6 | 8; period: number; algorithm: 'sha1' | 'sha256' | 'sha512' };

/** The target's clock (test control's clock route), in Unix seconds. */
async function serverSeconds(world: PathWorld): Promise<number> {
  const now = await world.control.now();
  ensure(now !== undefined, [], 'the target\'s clock did not answer (GET /test/v1/clock)', { code: 'NO_TEST_CONTROL' });
  return Math.floor(now / 1000);
}

/** A fresh flow for `username`, through the first factor and authenticate without payload (a browser's `{}`). */
async function otpFlow(api: AuthnClient, username: string, password: string): Promise<FlowState> {
  const started = await api.start();
  const signedOn = await api.action(started.body as FlowState, 'checkUsernamePassword', { username, password });
  const authenticated = await api.action(signedOn.body as FlowState, 'authenticate', {});
  const flow = authenticated.body as FlowState;
  ensureStatus(flow, 'OTP_REQUIRED', `${username}: authenticate with one OTP device`);
  return flow;
}

function attemptsRemaining(response: ApiResponse): unknown {
  return ((response.body.details ?? []) as { code?: string; attemptsRemaining?: unknown }[]).find((d) => d.code === 'INVALID_OTP')?.attemptsRemaining;
}

export const ensureOtpWindowEdges = defineCheck('ensureOtpWindowEdges', ['API-ADD-CHECK-OTP', 'API-ADD-OTP-INVALID'], async (world: PathWorld, step: Step) => {
  const username = `${world.username}-otp-edges`;
  const seeded = await world.control.seedUser(username, world.password, [{ kind: 'totp' }]);
  const seed: Seed = seeded.devices[0]!.otp;
  const api = new AuthnClient(world.base);
  try {
    const flow = await otpFlow(api, username, world.password);
    const now = await serverSeconds(world);
    const { driftSteps, maxAttempts } = world.policy.otp;
    const at = (steps: number): Promise<string> => generate({ ...seed, epoch: now + steps * seed.period });
    const before = await api.action(flow, 'checkOtp', { otp: await at(-(driftSteps + 1)) });
    ensureRefusedWith(before, 'VALIDATION_ERROR', `the code ${driftSteps + 1} step(s) old (outside the drift)`, 'INVALID_OTP');
    ensure(attemptsRemaining(before) === maxAttempts - 1, [], `after one wrong OTP attemptsRemaining is ${String(attemptsRemaining(before))}, expected ${maxAttempts - 1}`, { code: 'ERROR_DETAIL', actual: before.body });
    if (maxAttempts > 2) {
      const after = await api.action(flow, 'checkOtp', { otp: await at(driftSteps + 1) });
      ensureRefusedWith(after, 'VALIDATION_ERROR', `the code ${driftSteps + 1} step(s) ahead (outside the drift)`, 'INVALID_OTP');
      ensure(attemptsRemaining(after) === maxAttempts - 2, [], `after two wrong OTPs attemptsRemaining is ${String(attemptsRemaining(after))}, expected ${maxAttempts - 2}`, { code: 'ERROR_DETAIL', actual: after.body });
    }
    const insideCode = await at(-driftSteps);
    const inside = await api.action(flow, 'checkOtp', { otp: insideCode });
    ensure(inside.status === 200, [], `the code ${driftSteps} step(s) old (inside the drift) was refused: ${inside.status} ${JSON.stringify(inside.body).slice(0, 200)}`, { code: 'OTP_REFUSED', actual: inside.body });
    ensureStatus(inside.body as FlowState, 'MFA_COMPLETED', 'the OTP inside the drift');
    const replayFlow = await otpFlow(api, username, world.password);
    const replay = await api.action(replayFlow, 'checkOtp', { otp: insideCode });
    ensureRefusedWith(replay, 'VALIDATION_ERROR', 'the same OTP used a second time', 'INVALID_OTP');
  } finally {
    step.attach({ name: 'OTP window edges (own flows; test control: user with a TOTP device, clock read)', contentType: 'text/plain', body: api.exchanges.join('\n') });
  }
});

/** SMS and email devices: OTP_REQUIRED listing the device with its type, the right code completes as web_login_otp. */
export const ensureSmsAndEmailDevicesAskForOtp = defineCheck('ensureSmsAndEmailDevicesAskForOtp', ['API-ADD-OTP-REQUIRED', 'API-ADD-CHECK-OTP', 'API-ADD-STATUS-WEB-LOGIN'], async (world: PathWorld, step: Step) => {
  const api = new AuthnClient(world.base);
  try {
    for (const kind of ['sms', 'email'] as const) {
      const username = `${world.username}-${kind}`;
      const seeded = await world.control.seedUser(username, world.password, [{ kind }]);
      const device = seeded.devices[0]!;
      const flow = await otpFlow(api, username, world.password);
      ensure(flow.selectedDeviceRef?.id === device.id, [], `the ${kind} user's OTP_REQUIRED selected ${String(flow.selectedDeviceRef?.id)}, not its ${kind} device`, { code: 'DEVICE_MISMATCH', actual: flow });
      const listed = listedDevices(flow).find((d) => d.id === device.id);
      ensure(listed !== undefined && (deviceTypes[kind] ?? []).includes(listed.type), [], `OTP_REQUIRED lists the ${kind} device as ${JSON.stringify(listed)}`, { code: 'DEVICE_MISMATCH', actual: flow.devices });
      ensureDeviceObjectFields(flow, device.id, kind, `OTP_REQUIRED for the ${kind} user`);
      ensureOffersExactly(flow, ['checkOtp', 'cancelAuthentication'], `OTP_REQUIRED for one ${kind} device`);
      const otp = await generate({ ...device.otp, epoch: await serverSeconds(world) });
      const checked = await api.action(flow, 'checkOtp', { otp });
      ensureStatus(checked.body as FlowState, 'MFA_COMPLETED', `the right ${kind} OTP`);
      const completed = await api.action(checked.body as FlowState, 'continueAuthentication', {});
      const value = ((completed.body.attributes ?? {}) as Record<string, unknown>)[world.policy.statusAttribute];
      ensure(value === `${STATUS_VALUE_PREFIX}web_login_otp`, [], `after a ${kind} OTP ${world.policy.statusAttribute} is ${JSON.stringify(value)}`, { code: 'STATUS_ATTRIBUTE', expected: `${STATUS_VALUE_PREFIX}web_login_otp`, actual: completed.body.attributes });
    }
  } finally {
    step.attach({ name: 'SMS and email devices (own flows; test control: users with one SMS / email device)', contentType: 'text/plain', body: api.exchanges.join('\n') });
  }
});
