/**
 * The checks' own reading of the PIN rules (seed 000 step 8; seed 002 step 5.1), written from the
 * documents, not taken from the sims: which rules a PIN breaks, in the order the apps report them
 * (length, distinct digits, sequence), and the app error code each one shows.
 * Sequence: the whole PIN ascending or descending one by one (1234, 0123, 765432), or such a run
 * followed by its mirror (seed 002's example 123321).
 */
import type { ErrorCode } from '../../../models/error-codes.ts';
import type { Policy } from '../../../models/policy.ts';

export type PinRule = 'length' | 'distinct' | 'sequence';

const run = (pin: string): boolean => {
  if (pin.length < 2) return false;
  const steps = new Set([...pin].slice(1).map((d, i) => Number(d) - Number(pin[i])));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
};
const mirrored = (pin: string): boolean => pin.length >= 4 && pin.length % 2 === 0 && run(pin.slice(0, pin.length / 2)) && pin.slice(pin.length / 2) === [...pin.slice(0, pin.length / 2)].reverse().join('');

export function brokenPinRules(pin: string, policy: Policy): PinRule[] {
  const broken: PinRule[] = [];
  if (!/^\d+$/.test(pin) || pin.length !== policy.pin.length) broken.push('length');
  const minimum = pin.length === 6 ? policy.pin.distinctDigits6 : policy.pin.distinctDigits4;
  if (/^\d+$/.test(pin) && new Set(pin).size < minimum) broken.push('distinct');
  if (/^\d+$/.test(pin) && (run(pin) || mirrored(pin))) broken.push('sequence');
  return broken;
}

export const pinRuleCodes: Record<PinRule, readonly ErrorCode[]> = {
  length: ['PIN_TOO_SHORT', 'PIN_NOT_DIGITS'],
  distinct: ['PIN_TOO_FEW_DISTINCT'],
  sequence: ['PIN_SEQUENCE'],
};

/**
 * PINs at the edges of each rule for the policy's length (item 5 of issue 8): one digit too many
 * and one too few, one distinct digit short of the minimum, and sequences that include 0, each
 * with the rule it breaks first; and a run followed by its mirror, each way.
 */
export function edgePins(policy: Policy): { pin: string; rule: PinRule }[] {
  const length = policy.pin.length;
  if (length === 0) return [];
  const minimum = length === 6 ? policy.pin.distinctDigits6 : policy.pin.distinctDigits4;
  // minimum - 1 distinct digits, no run: 1 3 5 ... repeated (e.g. 1313 for 4 digits and a minimum of 3).
  const few = Array.from({ length }, (_, i) => String(1 + 2 * (i % (minimum - 1)))).join('');
  const up = '0123456789'.slice(0, length / 2);
  return [
    { pin: '1357924680'.slice(0, length + 1), rule: 'length' },
    { pin: '1357924680'.slice(0, length - 1), rule: 'length' },
    { pin: few, rule: 'distinct' },
    { pin: '0123456789'.slice(0, length), rule: 'sequence' },
    { pin: '9876543210'.slice(10 - length), rule: 'sequence' },
    // A run and its mirror (seed 002's 123321), through 0 both ways: a sequence, unless it has too few distinct digits first.
    ...[up + [...up].reverse().join(''), [...up].reverse().join('') + up].map((pin) => ({ pin, rule: brokenPinRules(pin, policy)[0]! })),
  ];
}
