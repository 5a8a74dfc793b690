/**
 * OTP lockout per user, shared by every channel that checks an OTP (the portal's Authentication
 * field and the Authentication API's `checkOtp`): after policy `otp.maxAttempts` wrong OTPs in a
 * row the user is locked for `otpLockoutSeconds` on the injected clock, whatever flow, session or
 * channel the next try comes from (API-GEN-OTP-LOCKOUT-PER-USER; RFC 6238 §5.2 "the verifier MUST
 * ... throttle"; protocol facts: "OTP 3 per 15 min"). A new flow does not restore tries.
 */
import type { ServerContext } from '../context.ts';
import type { UserRecord } from '../store/records.ts';

/** The stored user, freshly read (another channel may have counted a failure since). */
function current(context: ServerContext, user: UserRecord): UserRecord {
  return context.store.get('users', user.id) ?? user;
}

/** True while the user's lockout period runs. */
export function isOtpLocked(context: ServerContext, user: UserRecord): boolean {
  const { otpLockedUntil } = current(context, user);
  return otpLockedUntil !== null && context.nowMs() < otpLockedUntil;
}

/**
 * Counts one wrong OTP; returns the tries left (0: the user is now locked). A lockout starts with
 * the count at 0 (stored with it), so a wrong OTP after the lockout ended counts from 0 again.
 */
export function recordWrongOtp(context: ServerContext, user: UserRecord): number {
  const fresh = current(context, user);
  const failures = fresh.otpFailures + 1;
  const locked = failures >= context.config.policy.otp.maxAttempts;
  context.store.put('users', fresh.id, {
    ...fresh,
    otpFailures: locked ? 0 : failures,
    otpLockedUntil: locked ? context.nowMs() + context.config.otpLockoutSeconds * 1000 : null,
  });
  return locked ? 0 : context.config.policy.otp.maxAttempts - failures;
}

/** A right OTP clears the count. */
export function recordRightOtp(context: ServerContext, user: UserRecord): void {
  const fresh = current(context, user);
  if (fresh.otpFailures !== 0 || fresh.otpLockedUntil !== null) context.store.put('users', fresh.id, { ...fresh, otpFailures: 0, otpLockedUntil: null });
}
