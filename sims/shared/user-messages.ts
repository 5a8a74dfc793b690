import type { ErrorCode } from '../../models/error-codes.ts';

/**
 * What a person reads on an error screen, next to the stable code (the control value drivers
 * match; this text is presentation only and may change). The apps never show the server's
 * `message`: it is written for developers ("No pairing key matches"), may change, and a server
 * that is not the reference server may say anything there (issue 10: "a wrong desktop key shows
 * raw server text").
 */
const messages: Partial<Record<ErrorCode, string>> = {
  PAIRING_KEY_INVALID: 'This pairing key is not valid. Check the key and try again.',
  PAIRING_KEY_EXPIRED: 'This pairing key has expired. Ask for a new QR code or key.',
  PAIRING_KEY_USED: 'This pairing key was already used. Ask for a new QR code or key.',
  PAIRING_KEY_LOCKED: 'Too many wrong keys. Wait a few minutes and try again.',
  CLAIM_INVALID: 'Pairing took too long. Start again with a new QR code or key.',
  PIN_REQUIRED: 'Your organization requires a PIN. Pair again and create one.',
  LOCATION_REQUIRED: 'Your organization requires your location to complete pairing.',
  BIOMETRICS_REQUIRED: 'Your organization requires biometrics. Set up fingerprint or face recognition, then pair again.',
  DEVICE_LIMIT_REACHED: 'You already have as many devices as your organization allows. Remove one, then pair again.',
  PAIRING_ERROR: 'Pairing failed on the server. Try again with a new QR code or key.',
  REQUEST_NOT_FOUND: 'This request is no longer waiting for an answer.',
  REQUEST_ALREADY_DECIDED: 'This request was already answered.',
  REQUEST_EXPIRED: 'The request expired before you answered. Sign on again.',
  PIN_NOT_VERIFIED: 'Your organization requires your PIN to approve.',
  BIOMETRICS_NOT_VERIFIED: 'Your organization requires biometrics to approve.',
  UNAUTHORIZED: 'This device is no longer paired with your organization. Pair it again.',
  RATE_LIMITED: 'Too many attempts. Wait a few minutes and try again.',
  NETWORK_ERROR: 'The server cannot be reached. Check your connection and try again.',
};

/** The sentence for `code`; `fallback` when the code has none (an unexpected answer). */
export function userMessage(code: ErrorCode, fallback: string): string {
  return messages[code] ?? fallback;
}

/**
 * The PIN rule as the PIN screen states it, from the organisation's policy (seed 000 step 8,
 * seed 002 step 5: length; the distinct-digit rule; no ascending or descending sequence).
 */
export function pinRuleText(length: number, distinctDigits: number): string {
  return `Enter a ${length}-digit PIN with at least ${distinctDigits} different digits, not in ascending or descending sequence (such as ${'123456'.slice(0, length)}).`;
}
