/**
 * The device API: how an authenticator app (the sims, a web build, a vendor's build) talks to
 * the organisation's server. The reference server implements it; the sims call it over HTTP
 * only. The OpenAPI document the server serves (`GET /device/v1/openapi.json`) is generated
 * from the same shapes. Errors use the body `ApiError` with a code from `error-codes.ts`.
 *
 * Authentication: a claim token (after a key is claimed) or a device token (after pairing),
 * sent as `Authorization: Bearer <token>`. Wallet tokens, one per Creds issuer pairing, the same.
 */

export const deviceRoutes = {
  /** Claim a pairing key typed by the user or read from a QR code (seed 000 steps 5-7, 002 step 3). */
  claimKey: 'POST /device/v1/pairing-keys/claim',
  /** Finish pairing after PIN and location (seed 000 steps 8-9; 002 step 5). */
  completePairing: 'POST /device/v1/pairings',
  /** Automatic pairing with the server payload of MOBILE_PAIRING_REQUIRED (seed 004 step 6). */
  sdkPairing: 'POST /device/v1/sdk/pairings',
  /** Pending authentication requests and notifications for this device. `?waitSeconds=N` long-polls in real time. */
  listRequests: 'GET /device/v1/requests',
  /** The same as server-sent events (`event: request`). */
  streamRequests: 'GET /device/v1/requests/events',
  approveRequest: 'POST /device/v1/requests/:id/approve',
  denyRequest: 'POST /device/v1/requests/:id/deny',
  listDevices: 'GET /device/v1/devices',
  /** Make the calling device the user's primary device. Answers like listDevices. */
  makePrimary: 'POST /device/v1/devices/self/primary',
  unpair: 'DELETE /device/v1/devices/self',
  /** Creds (seed 003). */
  credsPair: 'POST /device/v1/creds/pairings',
  credsList: 'GET /device/v1/creds',
  /** Notifications (kinds `creds-issued`, `creds-revoked`) for the wallet token's issuer pairing, listed for policy creds.newLabelHours. */
  credsNotifications: 'GET /device/v1/creds/notifications',
  presentationGet: 'GET /device/v1/creds/presentations/:id',
  presentationRespond: 'POST /device/v1/creds/presentations/:id',
  openapi: 'GET /device/v1/openapi.json',
} as const;

export interface ApiError {
  /** Stable code from `models/error-codes.ts`; callers match codes, never message text. */
  code: string;
  message: string;
  userMessage?: string;
  details?: { code: string; message: string; target?: string; userMessage?: string; attemptsRemaining?: number }[];
}

export interface PairingRequirements {
  pinLength: 0 | 4 | 6;
  pinDistinctDigits4: number;
  pinDistinctDigits6: 3 | 4;
  locationRequired: boolean;
  biometricsRequired: boolean;
  otpDigits: 6 | 8;
  otpPeriodSeconds: number;
}

export interface ClaimKeyRequest {
  /** The key as typed (spaces and dashes ignored) or the whole QR payload (`qr.ts`). */
  key: string;
}
export interface ClaimKeyResponse {
  claimToken: string;
  organization: { id: string; name: string };
  username: string;
  requirements: PairingRequirements;
  /** ISO 8601; the claim must be completed before then. */
  expiresAt: string;
}

export interface DeviceInfo {
  kind: 'mobile' | 'desktop';
  /** Model or host name ("iPhone 15", "Alice's MacBook"). */
  name: string;
  platform: 'ios' | 'android' | 'web' | 'macos' | 'windows' | 'linux';
  notificationsEnabled?: boolean;
  /** Desktop profile name (seed 002 step 4). */
  profile?: string;
}

export interface CompletePairingRequest {
  claimToken: string;
  device: DeviceInfo;
  /** The PIN itself never leaves the device; the server learns only that one was set. */
  pin: { configured: boolean; length: 0 | 4 | 6 };
  location: { permission: 'granted' | 'denied' | 'not-asked'; latitude?: number; longitude?: number };
  biometrics: { enrolled: boolean };
}
export interface OtpSeed {
  /** Base32 TOTP secret (RFC 6238). */
  secret: string;
  digits: 6 | 8;
  period: number;
  algorithm: 'sha1' | 'sha256' | 'sha512';
}
export interface CompletePairingResponse {
  deviceId: string;
  deviceToken: string;
  organization: { id: string; name: string };
  username: string;
  otp: OtpSeed;
  /** Mobile: the authentication request generated at once after pairing (seed 000 step 9 result). */
  authenticationRequestId?: string;
}

/** Opaque to the server's callers; produced by the app's SDK (seed 004 step 3). */
export interface MobilePayload {
  v: 1;
  installationId: string;
  platform: DeviceInfo['platform'];
  name: string;
  /** Present when this installation is already paired. */
  deviceId?: string;
}
export function encodeMobilePayload(payload: MobilePayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}
export function decodeMobilePayload(text: string): MobilePayload | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<MobilePayload>;
    if (value.v !== 1 || typeof value.installationId !== 'string' || typeof value.name !== 'string') return undefined;
    return value as MobilePayload;
  } catch {
    return undefined;
  }
}

export interface SdkPairingRequest {
  /** The `serverPayload` of MOBILE_PAIRING_REQUIRED (a signed ID token). */
  serverPayload: string;
  device: DeviceInfo;
  installationId: string;
}
export type SdkPairingResponse = CompletePairingResponse;

export type DeviceRequestKind = 'authentication' | 'creds-issued' | 'creds-revoked' | 'creds-pairing';
export interface DeviceRequest {
  id: string;
  kind: DeviceRequestKind;
  organization: { id: string; name: string };
  /** The application the user is signing on to. */
  application?: string;
  /** Where the sign-on comes from, shown on the approve screen. */
  location?: string;
  /** Issue 10 (additive): the browser the sign-on comes from ("Chrome on Linux"), from its User-Agent; absent when unknown. */
  browser?: string;
  /** Issue 10 (additive): the address the sign-on comes from, when the server knows no place name for it. */
  ipAddress?: string;
  /** When the sign-on asked (ISO 8601): with `browser` and `location`, what tells one request from another. */
  createdAt: string;
  expiresAt: string;
  /** For creds notifications. */
  credentialId?: string;
}
export interface ListRequestsResponse {
  requests: DeviceRequest[];
}

export interface ApproveRequest {
  /** How the user approved: tapped Approve in the app or notification, or used biometrics (seed 001). */
  method: 'tap' | 'notification' | 'biometrics';
  /** The app checked the PIN before approving (required when the policy sets a PIN). */
  pinVerified: boolean;
  /** Biometrics matched (required when the policy requires biometrics and method is biometrics). */
  biometricVerified: boolean;
}
export interface RequestOutcome {
  id: string;
  status: 'approved' | 'denied';
}

export interface DeviceSummary {
  id: string;
  /** sms, totp and email devices have no app; they exist when set up through test control. */
  kind: 'mobile' | 'desktop' | 'sms' | 'totp' | 'email';
  name: string;
  primary: boolean;
  pairedAt: string;
}

export interface ListDevicesResponse {
  /** In pairing order. */
  devices: DeviceSummary[];
}

export interface CredsPairRequest {
  /** The issuer's QR payload or link (`qr.ts` kind `creds-pair`). */
  offer: string;
  /**
   * Issue 9: omit it on a wallet's first pairing and the server chooses it (returned in the
   * response); a later pairing of the same wallet sends `Authorization: Bearer <walletToken>` of one
   * of its pairings (then the id may be omitted too). An id that is taken needs that wallet's token.
   */
  walletId?: string;
  /** Seed 003: pairing needs the device PIN or biometrics. */
  deviceLock: { kind: 'pin' | 'biometrics'; verified: boolean };
  device: DeviceInfo;
}
export interface CredsPairResponse {
  walletToken: string;
  /** The wallet this pairing belongs to (chosen by the server when the request named none). */
  walletId: string;
  issuer: { id: string; name: string };
}
export interface Credential {
  id: string;
  type: string;
  issuer: { id: string; name: string };
  issuedAt: string;
  expiresAt: string | null;
  fields: Record<string, string>;
  revoked: boolean;
}
/** `GET /device/v1/creds` (bearer: a wallet token): the Creds this wallet holds from that issuer. */
export interface ListCredentialsResponse {
  credentials: Credential[];
}
export interface PresentationRequest {
  id: string;
  /** `id`: the name in lower case, each run of characters other than a-z and 0-9 one hyphen, none at either end, cut to 60 characters; `verifier` when nothing is left. */
  verifier: { id: string; name: string };
  credentialType: string;
  requiredFields: string[];
  optionalFields: string[];
  expiresAt: string;
  status: 'waiting' | 'verified' | 'failed' | 'expired';
}
export interface PresentationResponse {
  credentialId: string;
  /** Exactly the fields the user shares: every required one, and the optional ones selected. */
  fields: Record<string, string>;
}
