import type { ErrorCode } from '../../models/error-codes.ts';

/**
 * The sentence a person reads next to a PIN error (the stable code is the control value that
 * drivers match; this text is presentation only and may change).
 */
const pinMessages: Partial<Record<ErrorCode, string>> = {
  PIN_TOO_SHORT: 'The PIN must have exactly the required number of digits.',
  PIN_NOT_DIGITS: 'Use digits only.',
  PIN_TOO_FEW_DISTINCT: 'Use more different digits.',
  PIN_SEQUENCE: 'Digits in ascending or descending sequence (such as 1234) are not allowed.',
  PIN_MISMATCH: 'The PINs did not match. Create your PIN again.',
  PIN_WRONG: 'Wrong PIN. Try again.',
  PIN_BLOCKED: 'Too many wrong PINs. Try again in 2 minutes.',
};
export const pinMessage = (code: ErrorCode | undefined): string[] => (code && pinMessages[code] ? [pinMessages[code]] : []);

/** The sentence as a hint under the PIN error control (shown after the rule, not above it). */
export const pinHint = (code: ErrorCode | undefined): { hint?: string } => (code && pinMessages[code] ? { hint: pinMessages[code] } : {});
