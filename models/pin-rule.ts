/**
 * The PIN rule of the documents, ONE pure module for every machine that checks a PIN
 * (mobile-pairing: seed 000 step 8; desktop-pairing: seed 002 step 5.1). STYLE.md review notes:
 * rule fragments copied between two machines drifted, so both import this file.
 *
 * Dependency-free (no import at all), so a machine that uses it still pastes into the Stately
 * visualizer: paste this file's three functions above the machine.
 *
 * What the documents say:
 * - seed 000: "at least 3 or 4 different digits for PIN lengths of 4 and 6 digits, respectively,
 *   and you can't choose digits that are in ascending or descending sequence, such as 1234."
 * - seed 002: "more than 2 different digits if the PIN length is 4 digits, or 3 different digits
 *   if the PIN length is 6 digits. Digits must not be in ascending or descending sequence. For
 *   example, 1111, 123321, 8787, and 765432 are not allowed."
 * The 6-digit distinct-digit minimum is 4 (seed 000) or 3 (seed 002): the policy's reading
 * (`POL-PIN-DISTINCT-DIGITS-6`). Seed 002 lists 123321 as not allowed in EVERY reading: under the
 * 3-distinct reading only the sequence rule can refuse it, so "sequence" covers a run that comes
 * back down (123321, 321123) as well as a whole-PIN run (1234, 765432). 1111 and 8787 fail on
 * distinct digits. A PIN that merely contains a short run (1235) is not a sequence: the
 * documents' examples are whole-PIN patterns. No wrap (8901 is not a run).
 */

/** The part of the organisation's policy the PIN rule reads. */
export interface PinRulePolicy {
  pin: { length: number; distinctDigits4: number; distinctDigits6: number };
}

/** Digits only, and the length the policy sets. */
export function pinHasPolicyLength(pin: string, policy: PinRulePolicy): boolean {
  return /^\d+$/.test(pin) && pin.length === policy.pin.length;
}

/** At least the policy's minimum of distinct digits for the PIN's length. */
export function pinHasEnoughDistinctDigits(pin: string, policy: PinRulePolicy): boolean {
  return new Set(pin).size >= (pin.length === 6 ? policy.pin.distinctDigits6 : policy.pin.distinctDigits4);
}

/** Ascending or descending sequence: each digit one more (or one less) than the last, or such a run followed by its mirror (123321). */
export function pinIsSequence(pin: string): boolean {
  const run = (digits: string): boolean => {
    if (digits.length < 2) return false;
    const steps = [...digits].slice(1).map((digit, i) => Number(digit) - Number(digits[i]));
    return steps.every((s) => s === 1) || steps.every((s) => s === -1);
  };
  const half = pin.length / 2;
  const mirrored = pin.length >= 4 && pin.length % 2 === 0 && run(pin.slice(0, half)) && pin.slice(half) === [...pin.slice(0, half)].reverse().join('');
  return run(pin) || mirrored;
}
