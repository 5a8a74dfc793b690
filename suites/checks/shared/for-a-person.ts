/**
 * What a person reads, beyond the values a driver matches (issue 10 item 4, "web builds a person
 * can use"): an error screen says what to do next in the app's own words (never the server's
 * developer text), and a PIN screen states the rule it enforces before the user types. Both read
 * the screen's values by testID only.
 */
import type { Policy } from '../../../models/policy.ts';
import { ensure } from '../../runner/errors.ts';
import { textOf } from './shown.ts';

type Values = Partial<Record<string, string | string[]>>;

/**
 * Words that tell a person what to do next. A server's `message` ("No pairing key matches.",
 * "This pairing key expired.") states what went wrong for a developer and names no next step.
 */
const nextStep = /\b(try|check|ask|enter|type|wait|start|scan|pair|contact|sign on)\b/i;

/** The error screen's sentence: present, not the code again, and naming what to do next. */
export function ensureErrorSaysWhatToDo(values: Values, codeControl: string, messageControl: string, what: string): void {
  const message = textOf(values, messageControl).trim();
  const code = textOf(values, codeControl).trim();
  ensure(message !== '' && message !== code, [], `${what}: the error screen has no sentence for a person beside the code '${code}'`, { code: 'VALUE_MISMATCH', expected: `a sentence in '${messageControl}'`, actual: message });
  ensure(nextStep.test(message), [], `${what}: the error screen says '${message}', which tells the person nothing to do (server text, not the app's words?)`, {
    code: 'VALUE_MISMATCH', expected: `a next step (${String(nextStep)})`, actual: message,
  });
}

/** The different digits a PIN of the policy's length needs (seed 000 step 8, seed 002 step 5.1). */
export function distinctDigitsFor(policy: Policy): number {
  return policy.pin.length === 4 ? policy.pin.distinctDigits4 : policy.pin.distinctDigits6;
}

/**
 * The PIN screen's rule, as the person reads it before typing: the policy's length ("a 6-digit
 * PIN") and its number of different digits ("at least 4 different digits").
 */
export function ensurePinRuleStated(values: Values, ruleControl: string, policy: Policy, what: string): void {
  const rule = textOf(values, ruleControl);
  const length = policy.pin.length;
  const distinct = distinctDigitsFor(policy);
  ensure(rule.trim() !== '', [], `${what}: the screen states no PIN rule ('${ruleControl}' not shown)`, { code: 'VALUE_MISMATCH', expected: `the rule in '${ruleControl}'`, actual: values });
  ensure(new RegExp(`\\b${length}[- ]digits?\\b`, 'i').test(rule), [], `${what}: the rule '${rule}' does not state the ${length}-digit length the policy sets`, { code: 'VALUE_MISMATCH', expected: `${length}-digit`, actual: rule });
  const sameSentence = new RegExp(`\\b${distinct}\\b[^.]*\\b(different|distinct)\\b|\\b(different|distinct)\\b[^.]*\\b${distinct}\\b`, 'i');
  ensure(sameSentence.test(rule), [], `${what}: the rule '${rule}' does not state the ${distinct} different digits the policy needs`, { code: 'VALUE_MISMATCH', expected: `${distinct} different digits`, actual: rule });
}
