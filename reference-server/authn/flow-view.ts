/**
 * How a flow looks on the wire (protocol facts §1 "State body"): `id`, `status`, the model
 * fields of the state, and `_links` with `self` plus exactly the actions the state allows
 * (API-GEN-LINKS-EXACT).
 */
import type { FlowAction, FlowState } from '../../models/authn-api.ts';
import { AUTHN_API_BASE } from '../../models/authn-api.ts';
import type { ServerContext } from '../context.ts';
import type { FlowRecord } from '../store/records.ts';
import { deviceObject } from '../domain/devices.ts';
import { devicesOf, primaryDevice } from '../domain/users.ts';
import { statusClaims } from '../oidc/codes.ts';

export const PLUGIN_TYPE_ID = 'authconf-mfa-adapter';

/** The actions each state allows (protocol facts §2 "Per state"); selectDevice only with several devices. */
export function allowedActions(context: ServerContext, flow: FlowRecord): FlowAction[] {
  const several = flow.userId !== null && devicesOf(context, flow.userId).length > 1;
  const change: FlowAction[] = several ? ['selectDevice'] : [];
  switch (flow.status) {
    case 'USERNAME_PASSWORD_REQUIRED':
      return ['checkUsernamePassword', 'cancelAuthentication'];
    case 'AUTHENTICATION_REQUIRED':
      return ['authenticate', 'cancelAuthentication'];
    case 'DEVICE_SELECTION_REQUIRED':
      return ['selectDevice', 'cancelAuthentication'];
    case 'PUSH_CONFIRMATION_WAITING':
      return ['poll', ...change, 'cancelAuthentication'];
    case 'PUSH_CONFIRMATION_REJECTED':
      return ['cancelAuthentication'];
    case 'PUSH_CONFIRMATION_TIMED_OUT':
    case 'OTP_REQUIRED':
      return ['checkOtp', ...change, 'cancelAuthentication'];
    case 'MOBILE_PAIRING_REQUIRED':
    case 'MFA_COMPLETED':
      return ['continueAuthentication'];
    case 'MFA_FAILED':
      return ['cancelAuthentication'];
    case 'COMPLETED':
    case 'FAILED':
      return [];
  }
}

export function flowUrl(context: ServerContext, flowId: string): string {
  return `${context.config.baseUrl}${AUTHN_API_BASE}/${flowId}`;
}

export function flowView(context: ServerContext, flow: FlowRecord): FlowState {
  const href = flowUrl(context, flow.id);
  const links: FlowState['_links'] = { self: { href } };
  for (const action of allowedActions(context, flow)) links[action] = { href };
  const user = flow.userId ? context.store.get('users', flow.userId) : undefined;
  const body: FlowState = { id: flow.id, pluginTypeId: PLUGIN_TYPE_ID, status: flow.status, _links: links };
  const selectedDeviceRef = flow.selectedDeviceId ? { id: flow.selectedDeviceId } : undefined;
  const allDevices = user ? devicesOf(context, user.id).map(deviceObject) : [];
  if (user && flow.status !== 'COMPLETED' && flow.status !== 'FAILED') body.user = { id: user.id, username: user.username };
  switch (flow.status) {
    case 'AUTHENTICATION_REQUIRED': {
      // Seed 004 additional device step 2: "The returned device is the user's primary device."
      const primary = user ? primaryDevice(context, user.id) : undefined;
      if (primary) body.devices = [deviceObject(primary)];
      break;
    }
    case 'DEVICE_SELECTION_REQUIRED':
      body.devices = allDevices;
      break;
    case 'PUSH_CONFIRMATION_WAITING':
    case 'PUSH_CONFIRMATION_REJECTED':
    case 'PUSH_CONFIRMATION_TIMED_OUT':
    case 'MFA_COMPLETED':
      body.devices = allDevices;
      if (selectedDeviceRef) body.selectedDeviceRef = selectedDeviceRef;
      break;
    case 'OTP_REQUIRED':
      body.devices = allDevices;
      if (selectedDeviceRef) body.selectedDeviceRef = selectedDeviceRef;
      body.otpLength = context.config.policy.otp.digits;
      break;
    case 'MOBILE_PAIRING_REQUIRED':
      if (flow.serverPayload) body.serverPayload = flow.serverPayload;
      break;
    case 'MFA_FAILED':
    case 'FAILED':
      if (flow.failureCode) body.code = flow.failureCode;
      if (flow.userMessage) body.userMessage = flow.userMessage;
      break;
    case 'COMPLETED':
      if (flow.code) body.authorizeResponse = { code: flow.code, ...(flow.state ? { state: flow.state } : {}) };
      body.attributes = statusClaims(context, completedStatusValue(flow));
      break;
  }
  return body;
}

/** The value of the status attribute once a flow completed (seed 004 step 8; protocol facts §2). */
export function completedStatusValue(flow: FlowRecord): string {
  if (flow.pairing) return flow.pairing;
  return flow.mfaMethod === 'otp' ? 'web_login_otp' : 'web_login_mobile';
}
