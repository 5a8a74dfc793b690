/**
 * What the reference server keeps, one record type per collection. Times are milliseconds
 * from the injected clock. A plugin (Creds) adds its own collections by augmenting
 * `StoreRecords` (TypeScript declaration merging):
 *
 *   declare module '../store/records.ts' { interface StoreRecords { credentials: MyCredential } }
 */
import type { DeviceRequestKind, DeviceInfo } from '../../models/device-api.ts';
import type { FlowStatus } from '../../models/authn-api.ts';

export type DeviceKind = 'mobile' | 'desktop' | 'sms' | 'totp' | 'email';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  /** scrypt(password, salt), hex (`n<N>$<hex>` at a cost other than the default: domain/users.ts). */
  passwordHash: string;
  passwordSalt: string;
  createdAt: number;
  /** Wrong OTPs at the portal since the last good one. */
  otpFailures: number;
  otpLockedUntil: number | null;
}

export interface DeviceRecord {
  id: string;
  userId: string;
  kind: DeviceKind;
  name: string;
  platform: DeviceInfo['platform'] | null;
  profile: string | null;
  /** The SDK installation this device was paired from (Authentication API flows). */
  installationId: string | null;
  /** Masked phone or e-mail for sms/email devices. */
  target: string | null;
  /** sha256 of the device token, hex; null for devices without an app (sms, email, totp). */
  tokenHash: string | null;
  /** Base32 TOTP secret. */
  otpSecret: string;
  pairedAt: number;
  primary: boolean;
  /** OTP replay record: the last TOTP time step accepted for this device. */
  lastOtpStep: number | null;
}

export interface PairingKeyRecord {
  /** The normalised key (no spaces), also the record id. */
  key: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  /** `revoked`: a newer key was issued for the same user (Start pressed again; issue 9). */
  status: 'unclaimed' | 'claimed' | 'revoked';
  claimedAt: number | null;
  /** The device paired with this key, once pairing completed (the portal's waiting page follows it). */
  deviceId: string | null;
  /** The authentication request generated at once after a mobile pairing (seed 000 step 9 result). */
  pushId: string | null;
  /** Issue 10 (additive; absent in keys issued before): the browser and address that pressed Start, shown on the request that completes pairing. */
  client?: { browser: string | null; ipAddress: string | null };
}

export interface TokenRecord {
  /** sha256 of the bearer token, hex (the record id). */
  hash: string;
  kind: 'claim' | 'device';
  userId: string;
  /** Claim tokens: the key claimed. */
  key: string | null;
  deviceId: string | null;
  expiresAt: number | null;
}

export interface PushRecord {
  id: string;
  userId: string;
  deviceId: string;
  kind: DeviceRequestKind;
  createdAt: number;
  expiresAt: number;
  /** False when the push never reached the device (fault `push-not-delivered`). */
  delivered: boolean;
  status: 'pending' | 'approved' | 'denied';
  decidedAt: number | null;
  method: 'tap' | 'notification' | 'biometrics' | null;
  application: string | null;
  location: string | null;
  /** Issue 10 (additive; absent in records stored before): the sign-on's browser and address, shown on the phone. */
  browser?: string | null;
  ipAddress?: string | null;
}

export interface GuessRecord {
  /** What the wrong keys count against: `key:<key>` (a registration) or `user:<userId>` (issue 9; no longer an address). */
  client: string;
  failures: number;
  lockedUntil: number | null;
}

export type PairingOutcome = 'device_paired' | 'device_not_paired' | 'pairing_error';

export interface FlowRecord {
  id: string;
  clientId: string;
  status: FlowStatus;
  createdAt: number;
  expiresAt: number;
  redirectUri: string | null;
  state: string | null;
  nonce: string | null;
  scope: string;
  codeChallenge: string | null;
  userId: string | null;
  /** From `authenticate {mobilePayload}`. */
  installationId: string | null;
  installationName: string | null;
  installationPlatform: string | null;
  selectedDeviceId: string | null;
  pushId: string | null;
  otpFailures: number;
  /** MFA_FAILED code, or the reason of FAILED. */
  failureCode: string | null;
  userMessage: string | null;
  serverPayload: string | null;
  pairing: PairingOutcome | null;
  /** What the first factor and MFA proved: sent as the status attribute when no pairing happened. */
  mfaMethod: 'mobile' | 'otp' | null;
  code: string | null;
  /** When the user last authenticated in this flow (first factor, then MFA): the ID token's auth_time (issue 9). */
  authenticatedAt?: number | null;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  /** Portal step data. */
  pairingKey: string | null;
  deviceId: string | null;
  pushId: string | null;
  /** Set once MFA succeeded. */
  authenticated: boolean;
  /** The OAuth request that sent the browser to the portal, if any. */
  authorization: { clientId: string; redirectUri: string; state: string | null; nonce: string | null; scope: string; codeChallenge: string | null } | null;
  failureCode: string | null;
  /** Issue 10 (additive; absent in records stored before): where the sign-on came from, for the pushes it sends. */
  client?: { browser: string | null; ipAddress: string | null };
  /** Issue 9: when MFA succeeded (auth_time), how (the status claim), and the one code minted for it. */
  authenticatedAt?: number | null;
  mfaMethod?: 'mobile' | 'otp' | null;
  code?: string | null;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string | null;
  nonce: string | null;
  scope: string;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
  /** Extra ID token claims (the status attribute). */
  claims: Record<string, string>;
  authTime: number;
}

/** An OIDC signing key (ES256, P-256). Kept in the store so that a restart, or a second server on the same file, signs and verifies with the same keys. */
export interface SigningKeyRecord {
  kid: string;
  /** The private JWK (kty, crv, x, y, d): the reference server keeps its key with the rest of its state. */
  privateJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };
  createdAt: number;
  /** When a newer key took over signing; null while this key signs. */
  retiredAt: number | null;
  /** A retired key stays in the JWKS until every token it signed has expired; null while it signs. */
  expiresAt: number | null;
}

export interface StoreRecords {
  users: UserRecord;
  devices: DeviceRecord;
  pairingKeys: PairingKeyRecord;
  tokens: TokenRecord;
  pushes: PushRecord;
  keyGuesses: GuessRecord;
  flows: FlowRecord;
  sessions: SessionRecord;
  authCodes: AuthCodeRecord;
  signingKeys: SigningKeyRecord;
}

export type Collection = keyof StoreRecords;

/**
 * The fields `Store.find` looks records up by. Every store keeps an index on each (SQLite: an
 * expression index on the JSON field; memory: a map from value to ids), so a lookup by user,
 * device or username costs the same with ten users or ten thousand.
 */
export const indexedFields = ['username', 'userId', 'deviceId', 'pairingId', 'walletId'] as const;
export type IndexedField = (typeof indexedFields)[number];

/** The indexed fields a record of collection `C` has. */
export type IndexedFieldOf<C extends Collection> = Extract<keyof StoreRecords[C], IndexedField>;

/** A value an indexed field can be looked up by. */
export type IndexValue = string | number;
