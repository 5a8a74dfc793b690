/**
 * Vocabulary of the PingFederate Authentication API as used by the PingOne MFA adapter
 * (seed 004; protocol facts §1-2). Statuses, actions and media types, shared by the
 * reference server (which emits them), the adapter machines (which model them) and the API
 * driver (which checks a target against them).
 */

export const AUTHN_API_BASE = '/pf-ws/authn/flows';
/** Redirectless start (protocol facts §1): `GET|POST /as/authorization.oauth2?response_mode=pi.flow`. */
export const AUTHORIZATION_PATH = '/as/authorization.oauth2';

export const flowStatuses = [
  'USERNAME_PASSWORD_REQUIRED',
  'AUTHENTICATION_REQUIRED',
  'MOBILE_PAIRING_REQUIRED',
  'PUSH_CONFIRMATION_WAITING',
  'PUSH_CONFIRMATION_REJECTED',
  'PUSH_CONFIRMATION_TIMED_OUT',
  'OTP_REQUIRED',
  'DEVICE_SELECTION_REQUIRED',
  'MFA_COMPLETED',
  'MFA_FAILED',
  'COMPLETED',
  'FAILED',
] as const;
export type FlowStatus = (typeof flowStatuses)[number];

export const flowActions = [
  'checkUsernamePassword',
  'authenticate',
  'continueAuthentication',
  'poll',
  'checkOtp',
  'selectDevice',
  'cancelAuthentication',
] as const;
export type FlowAction = (typeof flowActions)[number];

/** `Content-Type: application/vnd.pingidentity.<action>+json` names the action (or `?action=`). */
export function actionMediaType(action: string): string {
  return `application/vnd.pingidentity.${action}+json`;
}
export function actionFromMediaType(contentType: string | undefined): string | undefined {
  // Media types are case-insensitive (RFC 9110 §8.3.1): any letter case names the same action.
  const match = /^application\/vnd\.pingidentity\.([A-Za-z]+)\+json\b/i.exec(contentType ?? '');
  if (!match) return undefined;
  const name = match[1]!;
  return flowActions.find((action) => action.toLowerCase() === name.toLowerCase()) ?? name;
}

export interface FlowLink {
  href: string;
}
export interface DeviceObject {
  id: string;
  type: string;
  name: string;
  nickname?: string;
  target?: string;
  otpEnabled?: boolean;
}
/** A flow's state body: `id`, `status`, `_links` with exactly the allowed actions, plus state data. */
export interface FlowState {
  id: string;
  status: FlowStatus;
  _links: Record<string, FlowLink>;
  resumeUrl?: string;
  user?: { id?: string; username: string };
  devices?: DeviceObject[];
  selectedDeviceRef?: { id: string };
  serverPayload?: string;
  authorizeResponse?: { code: string; state?: string };
  code?: string;
  userMessage?: string;
  [extra: string]: unknown;
}
export interface AuthnErrorBody {
  code: string;
  message: string;
  userMessage?: string;
  details?: { code: string; message: string; target?: string; userMessage?: string; attemptsRemaining?: number }[];
}
