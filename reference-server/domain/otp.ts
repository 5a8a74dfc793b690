/**
 * TOTP (RFC 6238) with otplib 13. `epoch` is Unix SECONDS (toolchain.md §3).
 */
import { generateSync, verifySync } from 'otplib';
import type { Policy } from '../../models/policy.ts';
import type { OtpSeed } from '../../models/device-api.ts';
import type { Rng } from '../../models/runtime.ts';
import { base32 } from './ids.ts';

export function newOtpSecret(rng: Rng): string {
  return base32(rng.bytes(20));
}

export function otpSeed(secret: string, policy: Policy): OtpSeed {
  return { secret, digits: policy.otp.digits, period: policy.otp.periodSeconds, algorithm: policy.otp.algorithm };
}

export function currentOtp(secret: string, policy: Policy, nowMs: number): string {
  return generateSync({
    secret,
    digits: policy.otp.digits,
    period: policy.otp.periodSeconds,
    algorithm: policy.otp.algorithm,
    epoch: Math.floor(nowMs / 1000),
  });
}

export type OtpCheck = { outcome: 'valid'; timeStep: number } | { outcome: 'invalid' } | { outcome: 'replayed' };

/**
 * Accepts the code of the current period or of `driftSteps` periods either side; refuses a
 * code of a time step at or before `lastStep` (each OTP signs on once: DSK-SIGN-OTP-SINGLE-USE).
 */
export function checkOtp(secret: string, token: string, policy: Policy, nowMs: number, lastStep: number | null, allowReplay = false): OtpCheck {
  if (!/^\d+$/.test(token) || token.length !== policy.otp.digits) return { outcome: 'invalid' };
  const options = {
    secret,
    token,
    digits: policy.otp.digits,
    period: policy.otp.periodSeconds,
    algorithm: policy.otp.algorithm,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: policy.otp.driftSteps * policy.otp.periodSeconds,
  };
  const result = verifySync(options);
  if (!result.valid || !('timeStep' in result)) return { outcome: 'invalid' };
  if (lastStep !== null && result.timeStep <= lastStep && !allowReplay) return { outcome: 'replayed' };
  return { outcome: 'valid', timeStep: result.timeStep };
}
