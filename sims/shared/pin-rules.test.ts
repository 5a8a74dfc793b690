import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPin, distinctDigitCount, isMonotoneRun, isSequence, type PinRule } from './pin-rules.ts';

/** Both documented readings of the distinct-digit rule (seed 000: 3/4; seed 002: 3/3). */
const readings: { name: string; rule4: PinRule; rule6: PinRule }[] = [
  { name: 'seed 000 (6 digits need 4 distinct)', rule4: { length: 4, distinctDigits: 3 }, rule6: { length: 6, distinctDigits: 4 } },
  { name: 'seed 002 (6 digits need 3 distinct)', rule4: { length: 4, distinctDigits: 3 }, rule6: { length: 6, distinctDigits: 3 } },
];

const digitString = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
/** A whole-PIN run: start digit and direction chosen so no wrap is needed. */
const run = (length: number) =>
  fc.tuple(fc.integer({ min: 0, max: 10 - length }), fc.boolean()).map(([start, up]) => {
    const digits = Array.from({ length }, (_, i) => start + i);
    return (up ? digits : digits.reverse()).join('');
  });
const mirroredRun = fc.tuple(run(3)).map(([half]) => half + [...half].reverse().join(''));

describe.each(readings)('checkPin under $name', ({ rule4, rule6 }) => {
  it('refuses the documented examples 1111, 123321, 8787, 765432 and 1234', () => {
    expect(checkPin('1111', rule4)).toEqual({ ok: false, code: 'PIN_TOO_FEW_DISTINCT' });
    expect(checkPin('8787', rule4)).toEqual({ ok: false, code: 'PIN_TOO_FEW_DISTINCT' });
    expect(checkPin('1234', rule4)).toEqual({ ok: false, code: 'PIN_SEQUENCE' });
    expect(checkPin('765432', rule6)).toEqual({ ok: false, code: 'PIN_SEQUENCE' });
    expect(checkPin('123321', rule6).ok).toBe(false);
  });

  it('every accepted PIN has the length, only digits, enough distinct digits and is no sequence', () => {
    for (const rule of [rule4, rule6]) {
      fc.assert(
        fc.property(fc.oneof(digitString(rule.length), fc.string({ maxLength: 8 }), run(rule.length)), (pin) => {
          if (!checkPin(pin, rule).ok) return;
          expect(pin).toHaveLength(rule.length);
          expect(pin).toMatch(/^[0-9]+$/);
          expect(distinctDigitCount(pin)).toBeGreaterThanOrEqual(rule.distinctDigits);
          expect(isMonotoneRun(pin)).toBe(false);
        }),
        { numRuns: 400 },
      );
    }
  });

  it('every whole-PIN ascending or descending run is refused, 4 and 6 digits', () => {
    fc.assert(fc.property(run(4), (pin) => {
      expect(checkPin(pin, rule4)).toEqual({ ok: false, code: 'PIN_SEQUENCE' });
    }));
    fc.assert(fc.property(run(6), (pin) => {
      expect(checkPin(pin, rule6)).toEqual({ ok: false, code: 'PIN_SEQUENCE' });
    }));
  });

  it('every run followed by its mirror (the 123321 pattern) is refused', () => {
    fc.assert(fc.property(mirroredRun, (pin) => {
      expect(checkPin(pin, rule6).ok).toBe(false);
    }));
  });

  it('a wrong length or a non-digit is refused with its own code', () => {
    fc.assert(
      fc.property(digitString(5), (pin) => {
        expect(checkPin(pin, rule4)).toEqual({ ok: false, code: 'PIN_TOO_SHORT' });
      }),
    );
    expect(checkPin('12a4', rule4)).toEqual({ ok: false, code: 'PIN_NOT_DIGITS' });
  });

  it('accepts ordinary PINs that meet the rule', () => {
    expect(checkPin('1357', rule4)).toEqual({ ok: true });
    expect(checkPin('1235', rule4)).toEqual({ ok: true }); // contains a run, is not one
    expect(checkPin('8901', rule4)).toEqual({ ok: true }); // 9 -> 0 does not wrap
    expect(checkPin('135792', rule6)).toEqual({ ok: true });
  });
});

describe('the readings differ only on 6-digit PINs with exactly 3 distinct digits', () => {
  it('a 6-digit PIN with 3 distinct digits and no sequence passes the seed 002 reading and fails the seed 000 one', () => {
    expect(checkPin('112233', { length: 6, distinctDigits: 3 })).toEqual({ ok: true });
    expect(checkPin('112233', { length: 6, distinctDigits: 4 })).toEqual({ ok: false, code: 'PIN_TOO_FEW_DISTINCT' });
  });

  it('the two readings agree on every 6-digit PIN except those with exactly 3 distinct digits', () => {
    fc.assert(
      fc.property(digitString(6), (pin) => {
        const a = checkPin(pin, { length: 6, distinctDigits: 3 }).ok;
        const b = checkPin(pin, { length: 6, distinctDigits: 4 }).ok;
        if (distinctDigitCount(pin) !== 3) expect(a).toBe(b);
        else expect(b).toBe(false);
      }),
    );
  });
});

describe('deviation accept-sequential-pin', () => {
  it('lets a 6-digit sequence through and nothing else changes', () => {
    expect(checkPin('765432', { length: 6, distinctDigits: 4 }, { acceptSequential6: true })).toEqual({ ok: true });
    expect(checkPin('1234', { length: 4, distinctDigits: 3 }, { acceptSequential6: true })).toEqual({ ok: false, code: 'PIN_SEQUENCE' });
    expect(isSequence('765432')).toBe(true);
  });
});
