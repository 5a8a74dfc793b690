/**
 * The passcode the apps show: RFC 6238 TOTP from the seed the server delivered at pairing,
 * computed with otplib 13 at the injected clock's time, and the seconds left in its period
 * (the countdown, protocol facts §4).
 */
import { generateSync } from 'otplib';
import type { OtpSeed } from '../../models/device-api.ts';
import type { Clock } from '../../models/runtime.ts';

export interface Passcode {
  code: string;
  /** Whole seconds until this code is replaced. */
  secondsLeft: number;
}

export function passcodeAt(seed: OtpSeed, clock: Clock): Passcode {
  const epoch = Math.floor(clock.now() / 1000);
  const code = generateSync({ secret: seed.secret, algorithm: seed.algorithm, digits: seed.digits, period: seed.period, epoch });
  return { code, secondsLeft: seed.period - (epoch % seed.period) };
}
