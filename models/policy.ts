/**
 * The organisation policy: every knob the documents leave to the administrator, and every
 * point where the documents disagree (a "reading"). One type, all defaults here with their
 * source, resolved once (`resolvePolicy`) into a fully-specified `Policy`.
 *
 * Seeds: 000 (mobile pairing), 001 (mobile authentication), 002 (desktop pairing),
 * 003 (Creds), 004 (adapter pairing flows). Facts: shared/reference/protocol-facts.md.
 */

export type PinLength = 0 | 4 | 6;

export interface Policy {
  pin: {
    /** 0 = no PIN required; else the PIN length the admin sets (seed 000 step 8, seed 002 step 5). */
    length: PinLength;
    /** Minimum distinct digits for a 4-digit PIN: 3 in every source. */
    distinctDigits4: number;
    /** Minimum distinct digits for a 6-digit PIN: 4 per seed 000 ("3 or 4 different digits"), 3 per seed 002 ("more than ... 3 different digits" read as 3). POLICY reading. */
    distinctDigits6: 3 | 4;
    /** Wrong PIN entries before the app blocks entry (protocol facts §4: 3). */
    maxAttempts: number;
    /** How long entry stays blocked after `maxAttempts` wrong PINs (protocol facts §4: 2 min). */
    blockSeconds: number;
  };
  /** The organisation needs the device location (seed 000 step 9). */
  locationRequired: boolean;
  /** The organisation requires biometrics set up on the device (seed 000 "Before you begin" 3). */
  biometricsRequired: boolean;
  devices: {
    /** Maximum Allowed Devices, 1..20 (protocol facts §4: default 1, max 20). */
    max: number;
    /** With two or more devices: "Default to Primary" or "Prompt User to Select" (protocol facts §4). */
    selection: 'primary' | 'prompt';
  };
  pairingKey: {
    /** "long numerical code" (seed 000 step 7) or alphanumeric (SDK 1.7.2). POLICY reading. */
    format: 'numeric' | 'alphanumeric';
    /** Characters in the key, without grouping spaces (undocumented; 12 chosen, shown in groups of 4). */
    length: number;
    /** Lifetime: 10 min per PingOne pairing keys; 48 h per the PingID API. POLICY reading. */
    ttlSeconds: number;
    /** Near misses (wrong keys within two characters of a live key) a registration and a user take before their keys are refused for `lockoutSeconds`. */
    maxGuesses: number;
    lockoutSeconds: number;
  };
  otp: {
    /** OTP digits (protocol facts §4: 6). */
    digits: 6 | 8;
    /** TOTP period (protocol facts §4: usually 30 s). */
    periodSeconds: number;
    /** Accepted clock drift, in periods either side (one step is common practice). */
    driftSteps: number;
    algorithm: 'sha1' | 'sha256' | 'sha512';
    /** Wrong OTPs before the flow fails (protocol facts §2 open question 11; SDK: 3). */
    maxAttempts: number;
  };
  push: {
    /** Device Timeout: time for the push to reach the phone (protocol facts §4: 25 s). */
    deviceTimeoutSeconds: number;
    /** Total Timeout: time to the user's answer (protocol facts §4: 40 s). */
    totalTimeoutSeconds: number;
  };
  /** The contract attribute name: `pingone.mfa.status` (seed 004 initial flow) or `com.pingidentity.pingone.status` (seed 004 last line). POLICY reading. */
  statusAttribute: 'pingone.mfa.status' | 'com.pingidentity.pingone.status';
  /** How an API client learns a push outcome: POST `poll` (seed 004) or re-GET the flow (widget). POLICY reading. */
  pollStyle: 'post' | 'get';
  creds: {
    /** "New" label lifetime, hours (seed 003: 24 h or until opened). */
    newLabelHours: number;
    /** Presentation request lifetime, seconds (protocol facts §5: 5 min). */
    presentationTtlSeconds: number;
  };
  flow: {
    /** Authentication API flow lifetime, seconds (protocol facts §4 sibling product: 30 min). */
    ttlSeconds: number;
  };
}

/** Every field optional; `resolvePolicy` fills the rest from `defaultPolicy`. */
export type PolicyParameters = { [K in keyof Policy]?: Policy[K] extends object ? Partial<Policy[K]> : Policy[K] };

export const defaultPolicy: Policy = {
  pin: { length: 0, distinctDigits4: 3, distinctDigits6: 4, maxAttempts: 3, blockSeconds: 120 },
  locationRequired: false,
  biometricsRequired: false,
  devices: { max: 5, selection: 'prompt' },
  pairingKey: { format: 'numeric', length: 12, ttlSeconds: 600, maxGuesses: 5, lockoutSeconds: 300 },
  otp: { digits: 6, periodSeconds: 30, driftSteps: 1, algorithm: 'sha1', maxAttempts: 3 },
  push: { deviceTimeoutSeconds: 25, totalTimeoutSeconds: 40 },
  statusAttribute: 'pingone.mfa.status',
  pollStyle: 'post',
  creds: { newLabelHours: 24, presentationTtlSeconds: 300 },
  flow: { ttlSeconds: 1800 },
};

export class PolicyError extends Error {
  override name = 'PolicyError';
  readonly code = 'POLICY_INVALID';
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new PolicyError(message);
}

/** Options in, resolved config out: merge over the defaults and validate every field once. */
export function resolvePolicy(parameters: PolicyParameters = {}): Policy {
  const p: Policy = {
    ...defaultPolicy,
    ...parameters,
    pin: { ...defaultPolicy.pin, ...parameters.pin },
    devices: { ...defaultPolicy.devices, ...parameters.devices },
    pairingKey: { ...defaultPolicy.pairingKey, ...parameters.pairingKey },
    otp: { ...defaultPolicy.otp, ...parameters.otp },
    push: { ...defaultPolicy.push, ...parameters.push },
    creds: { ...defaultPolicy.creds, ...parameters.creds },
    flow: { ...defaultPolicy.flow, ...parameters.flow },
  } as Policy;
  check([0, 4, 6].includes(p.pin.length), `pin.length must be 0 (off), 4 or 6, not ${p.pin.length}`);
  check(p.pin.distinctDigits6 === 3 || p.pin.distinctDigits6 === 4, 'pin.distinctDigits6 must be 3 or 4');
  check(Number.isInteger(p.devices.max) && p.devices.max >= 1 && p.devices.max <= 20, 'devices.max must be 1..20');
  check(p.devices.selection === 'primary' || p.devices.selection === 'prompt', "devices.selection must be 'primary' or 'prompt'");
  check(p.pairingKey.format === 'numeric' || p.pairingKey.format === 'alphanumeric', "pairingKey.format must be 'numeric' or 'alphanumeric'");
  check(Number.isInteger(p.pairingKey.length) && p.pairingKey.length >= 8 && p.pairingKey.length <= 32, 'pairingKey.length must be 8..32');
  check(p.pairingKey.ttlSeconds >= 60 && p.pairingKey.ttlSeconds <= 336 * 3600, 'pairingKey.ttlSeconds must be 60 s..336 h');
  check(p.otp.digits === 6 || p.otp.digits === 8, 'otp.digits must be 6 or 8');
  check(p.otp.periodSeconds >= 15 && p.otp.periodSeconds <= 120, 'otp.periodSeconds must be 15..120');
  check(p.push.deviceTimeoutSeconds > 0 && p.push.totalTimeoutSeconds > p.push.deviceTimeoutSeconds, 'push.totalTimeoutSeconds must exceed push.deviceTimeoutSeconds');
  check(p.statusAttribute === 'pingone.mfa.status' || p.statusAttribute === 'com.pingidentity.pingone.status', 'statusAttribute is one of the two documented names');
  check(p.pollStyle === 'post' || p.pollStyle === 'get', "pollStyle must be 'post' or 'get'");
  return p;
}

/** The value prefix of the contract attribute (seed 004). */
export const STATUS_VALUE_PREFIX = 'com.pingidentity.pingone.';
export const mfaStatusValues = ['device_paired', 'device_not_paired', 'pairing_error'] as const;
export type MfaStatusValue = (typeof mfaStatusValues)[number];
