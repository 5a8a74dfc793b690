/**
 * The PingOne MFA adapter's steps behind the Authentication API, in the order seed 004
 * numbers them. Each action handler takes the flow and the body and returns the next flow;
 * nothing is stored unless the handler returns (a refused action leaves the flow as it was).
 */
import type { FlowAction } from '../../models/authn-api.ts';
import { decodeMobilePayload } from '../../models/device-api.ts';
import type { ServerContext } from '../context.ts';
import type { DeviceRecord, FlowRecord, UserRecord } from '../store/records.ts';
import { ApiFailure, fail } from '../http/errors.ts';
import { checkCredentialsAsync, devicesOf, primaryDevice } from '../domain/users.ts';
import { usesPush } from '../domain/devices.ts';
import { createPush, pushStatus } from '../domain/pushes.ts';
import { checkOtp } from '../domain/otp.ts';
import { isOtpLocked, recordRightOtp, recordWrongOtp } from '../domain/otp-lockout.ts';
import { issueCode, statusClaims } from '../oidc/codes.ts';
import { serverPayloadFor } from './sdk-pairing.ts';
import { completedStatusValue } from './flow-view.ts';

export type Body = Record<string, unknown>;
type Step = (context: ServerContext, flow: FlowRecord, body: Body) => Promise<FlowRecord> | FlowRecord;

function userOf(context: ServerContext, flow: FlowRecord): UserRecord {
  const user = flow.userId ? context.store.get('users', flow.userId) : undefined;
  if (!user) fail('RESOURCE_NOT_FOUND', 'The user of this flow no longer exists.');
  return user;
}

function validation(code: 'INVALID_CREDENTIALS' | 'INVALID_MOBILE_PAYLOAD' | 'INVALID_DEVICE' | 'INVALID_VALUE', target: string, message: string, userMessage?: string): never {
  throw new ApiFailure('VALIDATION_ERROR', 'One or more validation errors occurred.', {
    details: [{ code, target, message, ...(userMessage ? { userMessage } : {}) }],
  });
}

/** Seed 004 step 1: first-factor authentication (API-INIT-FIRST-FACTOR, API-ADD-FIRST-FACTOR → API-INIT-AUTHENTICATION-REQUIRED). */
const checkUsernamePassword: Step = async (context, flow, body) => {
  const user = await checkCredentialsAsync(context, body.username, body.password);
  if (!user) validation('INVALID_CREDENTIALS', 'username', 'Wrong username or password.', 'We didn\'t recognize the username or password you entered.');
  // Step 2: AUTHENTICATION_REQUIRED.
  return { ...flow, userId: user.id, status: 'AUTHENTICATION_REQUIRED', authenticatedAt: context.nowMs() };
};

/** Start MFA on one device: a push to a mobile app, else an OTP (seed 004 additional device 5.1 / 5.2). */
function startOnDevice(context: ServerContext, flow: FlowRecord, user: UserRecord, device: DeviceRecord): FlowRecord {
  if (usesPush(device)) {
    const push = createPush(context, user, device, { application: clientName(context, flow), flowId: flow.id });
    return { ...flow, status: 'PUSH_CONFIRMATION_WAITING', selectedDeviceId: device.id, pushId: push.id, otpFailures: 0 };
  }
  return { ...flow, status: 'OTP_REQUIRED', selectedDeviceId: device.id, pushId: null, otpFailures: 0 };
}

function clientName(context: ServerContext, flow: FlowRecord): string {
  return context.config.clients.find((c) => c.clientId === flow.clientId)?.name ?? flow.clientId;
}

/**
 * Seed 004 step 4: `authenticate {mobilePayload}` (API-INIT-AUTHENTICATE, API-ADD-AUTHENTICATE): no device →
 * API-INIT-MOBILE-PAIRING-REQUIRED; one → API-ADD-PUSH-WAITING or API-ADD-OTP-REQUIRED; several →
 * API-ADD-DEVICE-SELECTION, or API-ADD-DEFAULT-PRIMARY when the policy says so (POL-DEVICE-SELECTION).
 */
const authenticate: Step = async (context, flow, body) => {
  const user = userOf(context, flow);
  let installation: { id: string; name: string; platform: string } | null = null;
  if (body.mobilePayload !== undefined) {
    const payload = typeof body.mobilePayload === 'string' ? decodeMobilePayload(body.mobilePayload) : undefined;
    if (!payload) validation('INVALID_MOBILE_PAYLOAD', 'mobilePayload', 'The mobile payload cannot be read.');
    installation = { id: payload.installationId, name: payload.name, platform: payload.platform };
  }
  const withInstallation: FlowRecord = {
    ...flow,
    installationId: installation?.id ?? null,
    installationName: installation?.name ?? null,
    installationPlatform: installation?.platform ?? null,
  };
  const devices = devicesOf(context, user.id);
  if (devices.length === 0) {
    // Initial device, step 5: MOBILE_PAIRING_REQUIRED with the serverPayload.
    if (!installation) validation('INVALID_MOBILE_PAYLOAD', 'mobilePayload', 'The user has no device: a mobile payload is required to pair one.');
    return mobilePairingRequired(context, withInstallation, user);
  }
  // Additional device, step 5.3: several devices and "Prompt User to Select".
  if (devices.length > 1 && context.config.policy.devices.selection === 'prompt') {
    return { ...withInstallation, status: 'DEVICE_SELECTION_REQUIRED' };
  }
  return startOnDevice(context, withInstallation, user, primaryDevice(context, user.id)!);
};

async function mobilePairingRequired(context: ServerContext, flow: FlowRecord, user: UserRecord): Promise<FlowRecord> {
  const next: FlowRecord = { ...flow, status: 'MOBILE_PAIRING_REQUIRED', pairing: null };
  return { ...next, serverPayload: await serverPayloadFor(context, next, user.id, flow.installationId!) };
}

/** MFA succeeded: a new installation still to pair gets MOBILE_PAIRING_REQUIRED, else MFA_COMPLETED. */
async function mfaSucceeded(context: ServerContext, flow: FlowRecord, method: 'mobile' | 'otp', at = context.nowMs()): Promise<FlowRecord> {
  const user = userOf(context, flow);
  // OpenID Connect Core §2 auth_time: when the user authenticated (here: MFA), not when the code is fetched.
  const done: FlowRecord = { ...flow, mfaMethod: method, pushId: null, authenticatedAt: at };
  const installationPaired = devicesOf(context, user.id).some((d) => d.installationId === flow.installationId);
  if (flow.installationId && !installationPaired) return mobilePairingRequired(context, done, user);
  return { ...done, status: 'MFA_COMPLETED' };
}

/**
 * Moves a PUSH_CONFIRMATION_WAITING flow on when its push was answered or timed out
 * (seed 004 additional device 5.1). Other states are returned as they are.
 */
export async function settlePush(context: ServerContext, flow: FlowRecord): Promise<FlowRecord> {
  if (flow.status !== 'PUSH_CONFIRMATION_WAITING') return flow;
  const push = flow.pushId ? context.store.get('pushes', flow.pushId) : undefined;
  const status = push ? pushStatus(context, push) : 'expired';
  switch (status) {
    case 'pending':
      return flow;
    case 'approved':
      return mfaSucceeded(context, flow, 'mobile', push?.decidedAt ?? context.nowMs());
    case 'denied':
      // API-ADD-PUSH-REJECTED: a denied push does not complete MFA.
      if (context.deviates('complete-after-rejected-push', 'API-ADD-PUSH-REJECTED')) return mfaSucceeded(context, flow, 'mobile');
      return { ...flow, status: 'PUSH_CONFIRMATION_REJECTED' };
    case 'expired':
      return { ...flow, status: 'PUSH_CONFIRMATION_TIMED_OUT' };
  }
}

/** API-ADD-POLL: approved → API-ADD-PUSH-APPROVED, timed out → API-ADD-PUSH-TIMED-OUT (POL-POLL-STYLE). */
const poll: Step = (context, flow) => settlePush(context, flow);

/** `selectDevice {deviceRef:{id}}`: restarts authentication on that device (protocol facts §2; API-ADD-SELECT-DEVICE). */
const selectDevice: Step = (context, flow, body) => {
  const user = userOf(context, flow);
  const ref = body.deviceRef as { id?: unknown } | undefined;
  const device = typeof ref?.id === 'string' ? devicesOf(context, user.id).find((d) => d.id === ref.id) : undefined;
  if (!device) validation('INVALID_DEVICE', 'deviceRef.id', 'deviceRef.id names no device of this user.');
  return startOnDevice(context, flow, user, device);
};

/** The flow ends MFA_FAILED / ACCOUNT_LOCKED_OUT (API-ADD-OTP-LOCKED; API-GEN-MFA-FAILED-DEAD-END). */
const lockedOut = (flow: FlowRecord, otpFailures: number): FlowRecord => ({
  ...flow,
  otpFailures,
  status: 'MFA_FAILED',
  failureCode: 'ACCOUNT_LOCKED_OUT',
  userMessage: 'Too many failed attempts. Your account is locked.',
});

/**
 * `checkOtp {otp}` (seed 004 additional device 5.2; API-ADD-CHECK-OTP, API-ADD-OTP-LOCKED, POL-OTP-ATTEMPTS).
 * Wrong OTPs count per flow (the model's attempts) and per user across flows and channels
 * (API-GEN-OTP-LOCKOUT-PER-USER): a user locked out anywhere gets MFA_FAILED here, even with the right OTP.
 */
const checkOtpStep: Step = (context, flow, body) => {
  const user = userOf(context, flow);
  if (typeof body.otp !== 'string') validation('INVALID_VALUE', 'otp', 'otp must be a string.');
  const device = flow.selectedDeviceId ? context.store.get('devices', flow.selectedDeviceId) : undefined;
  if (!device || device.userId !== user.id) validation('INVALID_DEVICE', 'selectedDeviceRef', 'The selected device is gone.');
  // API-GEN-OTP-LOCKOUT-PER-USER: the deviation counts per flow only, as if each flow were a fresh start.
  const perUser = !context.deviates('otp-lockout-per-flow', 'API-GEN-OTP-LOCKOUT-PER-USER');
  if (perUser && isOtpLocked(context, user)) return lockedOut(flow, flow.otpFailures);
  const result = checkOtp(device.otpSecret, body.otp.trim(), context.config.policy, context.nowMs(), device.lastOtpStep);
  if (result.outcome === 'valid') {
    context.store.transaction(() => {
      context.store.put('devices', device.id, { ...device, lastOtpStep: result.timeStep });
      if (perUser) recordRightOtp(context, user);
    });
    return mfaSucceeded(context, { ...flow, otpFailures: 0 }, 'otp');
  }
  const failures = flow.otpFailures + 1;
  const userTriesLeft = perUser ? recordWrongOtp(context, user) : Number.POSITIVE_INFINITY;
  const remaining = Math.min(context.config.policy.otp.maxAttempts - failures, userTriesLeft);
  if (remaining <= 0) return lockedOut(flow, failures);
  // The failed attempt counts even though the state stays OTP_REQUIRED.
  context.store.put('flows', flow.id, { ...flow, otpFailures: failures });
  throw new ApiFailure('VALIDATION_ERROR', 'One or more validation errors occurred.', {
    requirements: ['API-ADD-OTP-INVALID', 'API-GEN-ERROR-KEEPS-STATE'],
    details: [
      {
        code: 'INVALID_OTP',
        target: 'otp',
        message: 'Invalid or expired OTP.',
        userMessage: 'This code is invalid or has expired.',
        // API-ADD-OTP-INVALID: attemptsRemaining on INVALID_OTP.
        ...(context.deviates('no-attempts-remaining', 'API-ADD-OTP-INVALID') ? {} : { attemptsRemaining: remaining }),
      },
    ],
  });
};

/**
 * Seed 004 step 7-8: continueAuthentication completes the flow (API-INIT-CONTINUE, API-ADD-CONTINUE); the
 * outcome is in the status attribute (API-INIT-STATUS-PAIRED, API-INIT-STATUS-NOT-PAIRED, POL-STATUS-ATTRIBUTE).
 */
const continueAuthentication: Step = (context, flow) => {
  let pairing = flow.pairing;
  if (flow.status === 'MOBILE_PAIRING_REQUIRED') {
    const user = userOf(context, flow);
    if (pairing === null) {
      pairing = context.faults.take('pairing-error', [user.username, flow.id]) ? 'pairing_error' : 'device_not_paired';
    }
    // API-INIT-STATUS-PAIRING-ERROR: a pairing error is reported as pairing_error.
    if (pairing === 'pairing_error' && context.deviates('paired-after-pairing-error', 'API-INIT-STATUS-PAIRING-ERROR')) pairing = 'device_paired';
  }
  const completed: FlowRecord = { ...flow, pairing, status: 'COMPLETED', pushId: null, serverPayload: null };
  const code = issueCode(context, {
    clientId: flow.clientId,
    userId: flow.userId!,
    redirectUri: flow.redirectUri,
    nonce: flow.nonce,
    scope: flow.scope,
    codeChallenge: flow.codeChallenge,
    claims: statusClaims(context, completedStatusValue(completed)),
    authTime: flow.authenticatedAt ?? context.nowMs(),
  });
  return { ...completed, code };
};

/** API-GEN-CANCEL. */
const cancelAuthentication: Step = (_context, flow) => ({
  ...flow,
  status: 'FAILED',
  pushId: null,
  failureCode: 'AUTHENTICATION_CANCELED',
  userMessage: 'Authentication was cancelled.',
});

export const steps: Record<FlowAction, Step> = {
  checkUsernamePassword,
  authenticate,
  selectDevice,
  poll,
  checkOtp: checkOtpStep,
  continueAuthentication,
  cancelAuthentication,
};
