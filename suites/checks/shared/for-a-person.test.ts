import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../../models/policy.ts';
import { CheckError } from '../../runner/errors.ts';
import { ensureErrorSaysWhatToDo, ensurePinRuleStated } from './for-a-person.ts';

const rule = (text: string | undefined) => (text === undefined ? {} : { 'pin-rule': text });

describe('what a person reads: the PIN rule stated', () => {
  it("accepts the rule in the policy's numbers, whatever the wording", () => {
    const four = resolvePolicy({ pin: { length: 4 } });
    const six = resolvePolicy({ pin: { length: 6, distinctDigits6: 4 } });
    expect(() => ensurePinRuleStated(rule('Enter a 4-digit PIN with at least 3 different digits.'), 'pin-rule', four, 'x')).not.toThrow();
    expect(() => ensurePinRuleStated(rule('Your PIN: 6 digits, 4 of them distinct, no sequences.'), 'pin-rule', six, 'x')).not.toThrow();
  });

  it('fails a screen without the rule, with another length, or without the different-digit count', () => {
    const six = resolvePolicy({ pin: { length: 6, distinctDigits6: 3 } });
    for (const text of [undefined, '', 'Enter a 4-digit PIN with at least 3 different digits.', 'Enter a 6-digit PIN.', 'Enter a 6-digit PIN with at least 4 different digits.']) {
      expect(() => ensurePinRuleStated(rule(text), 'pin-rule', six, 'x'), String(text)).toThrow(CheckError);
    }
  });
});

describe("what a person reads: an error that says what to do", () => {
  const values = (message: string) => ({ 'error-code': 'PAIRING_KEY_INVALID', 'error-message': message });

  it("accepts the app's sentence with a next step", () => {
    for (const message of ['This pairing key is not valid. Check the key and try again.', 'This pairing key has expired. Ask for a new QR code or key.']) {
      expect(() => ensureErrorSaysWhatToDo(values(message), 'error-code', 'error-message', 'x'), message).not.toThrow();
    }
  });

  it("fails the server's developer text, the code again, or nothing", () => {
    for (const message of ['No pairing key matches.', 'This pairing key expired.', 'PAIRING_KEY_INVALID', '']) {
      expect(() => ensureErrorSaysWhatToDo(values(message), 'error-code', 'error-message', 'x'), message).toThrow(CheckError);
    }
  });
});
