/**
 * The PIN rules the apps enforce when a PIN is created (seed 000 step 8 note; seed 002 step 5.1
 * note), as one pure function shared by the mobile and desktop sims.
 *
 * What the documents say:
 * - seed 000: "at least 3 or 4 different digits for PIN lengths of 4 and 6 digits,
 *   respectively, and you can't choose digits that are in ascending or descending sequence,
 *   such as 1234."
 * - seed 002: "more than 2 different digits if the PIN length is 4 digits, or 3 different
 *   digits if the PIN length is 6 digits. Digits must not be in ascending or descending
 *   sequence. For example, 1111, 123321, 8787, and 765432 are not allowed."
 * The 6-digit distinct-digit minimum is 4 (seed 000) or 3 (seed 002): a policy reading
 * (`distinctDigits`), never hard-coded here.
 *
 * Our reading of "ascending or descending sequence" (decided here, tested in pin-rules.test.ts):
 * 1. The WHOLE PIN is a run of consecutive digits, each one more (1234, 012345) or each one
 *    less (4321, 765432) than the one before. No wrapping: 9 is not followed by 0, so 8901 and
 *    1098 are runs of nothing and pass this rule. A PIN that merely *contains* a short run
 *    (1235, 901234 has 0123 inside) is not a sequence: the documents' examples are all
 *    whole-PIN patterns, and refusing any inner run of 3 would refuse most PINs.
 * 2. A run followed by its mirror (123321, 321123, 987789) is a sequence too. Seed 002 lists
 *    123321 as not allowed. Under the 4-distinct reading it already fails on distinct digits
 *    (it has 3); under the 3-distinct reading nothing but the sequence rule can refuse it, so the
 *    document's own example forces this reading: the digits go up in sequence and come back
 *    down in sequence. We extend no further (no zig-zags such as 123432), to refuse only what
 *    the documents show.
 * Checks run in the order a person reads the message: length, digits, distinct, sequence.
 */
import type { ErrorCode } from '../../models/error-codes.ts';
import { cite } from './requirement.ts';

export interface PinRule {
  /** The PIN length the organisation sets (seed 000 step 8: 4 or 6). */
  length: 4 | 6;
  /** Minimum distinct digits for that length (the policy's reading). */
  distinctDigits: number;
}

export type PinRuleError = Extract<ErrorCode, 'PIN_TOO_SHORT' | 'PIN_NOT_DIGITS' | 'PIN_TOO_FEW_DISTINCT' | 'PIN_SEQUENCE'>;
export type PinCheck = { ok: true } | { ok: false; code: PinRuleError };

export interface PinCheckOptions {
  /** Deviation `accept-sequential-pin`: a 6-digit sequence is let through (mobile sim only). */
  acceptSequential6?: boolean;
}

/** Each digit one more than the previous (ascending) or one less (descending), whole PIN, no wrap. */
export function isMonotoneRun(digits: string): boolean {
  if (digits.length < 2) return false;
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add(digits.charCodeAt(i) - digits.charCodeAt(i - 1));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** A run followed by its mirror image: 123321, 321123 (seed 002's example 123321). */
export function isMirroredRun(digits: string): boolean {
  if (digits.length % 2 !== 0 || digits.length < 4) return false;
  const half = digits.slice(0, digits.length / 2);
  const rest = digits.slice(digits.length / 2);
  return isMonotoneRun(half) && rest === [...half].reverse().join('');
}

export function isSequence(digits: string): boolean {
  return isMonotoneRun(digits) || isMirroredRun(digits);
}

export function distinctDigitCount(digits: string): number {
  return new Set(digits).size;
}

export function checkPin(pin: string, rule: PinRule, options: PinCheckOptions = {}): PinCheck {
  if (pin.length !== rule.length) return { ok: false, code: 'PIN_TOO_SHORT' };
  if (!/^[0-9]+$/.test(pin)) return { ok: false, code: 'PIN_NOT_DIGITS' };
  if (distinctDigitCount(pin) < rule.distinctDigits) return { ok: false, code: 'PIN_TOO_FEW_DISTINCT' };
  const letSequenceThrough = options.acceptSequential6 === true && rule.length === 6; // deviation, see deviations.ts
  if (!letSequenceThrough && isSequence(pin) && cite('MOB-PAIR-PIN-NO-SEQUENCE')) return { ok: false, code: 'PIN_SEQUENCE' };
  return { ok: true };
}
