/**
 * PIN rules, exhaustively (issue 12): every 4-digit PIN (10,000) and every 6-digit PIN
 * (1,000,000), under each reading of the 6-digit distinct-digit disagreement
 * (`POL-PIN-DISTINCT-DIGITS-6`: 3 per seed 002, 4 per seed 000), decided by the sims' PIN rule
 * (`sims/shared/pin-rules.ts`, the pure module both apps enforce) and by the model's
 * (`pin-model-rule.ts`). Any PIN on which they disagree fails the check, named.
 * The server never sees a PIN (the device API carries only `{configured, length}`), so there is
 * no server side to compare.
 */
import type { Policy } from '../../../models/policy.ts';
import type { RequirementId } from '../../../models/requirements.ts';
import { checkPin, type PinCheckOptions } from '../../../sims/shared/pin-rules.ts';
import { defineCheck } from '../../checks/check.ts';
import { variantOf } from '../../plans/variants.ts';
import { ensure } from '../../runner/errors.ts';
import { modelAcceptsPin } from './pin-model-rule.ts';

export interface PinReading {
  length: 4 | 6;
  /** The 6-digit distinct-digit reading (ignored for 4 digits). */
  distinct6: 3 | 4;
}

/** Every reading the documents allow: 4 digits, and 6 digits under 3 and under 4 distinct digits. */
export const pinReadings: readonly PinReading[] = [{ length: 4, distinct6: 4 }, { length: 6, distinct6: 3 }, { length: 6, distinct6: 4 }];

export function readingPolicy(reading: PinReading): Policy {
  return variantOf({ pin: String(reading.length), pin6Distinct: String(reading.distinct6) }).policy;
}

export interface PinDisagreement {
  pin: string;
  sims: boolean;
  model: boolean;
}

/** Every PIN of the reading's length on which the sims' rule and the model's differ. */
export function pinDisagreements(app: 'mobile' | 'desktop', reading: PinReading, options: PinCheckOptions = {}): PinDisagreement[] {
  const policy = readingPolicy(reading);
  const rule = { length: reading.length, distinctDigits: reading.length === 6 ? policy.pin.distinctDigits6 : policy.pin.distinctDigits4 };
  const out: PinDisagreement[] = [];
  const total = 10 ** reading.length;
  for (let n = 0; n < total; n++) {
    const pin = String(n).padStart(reading.length, '0');
    const sims = checkPin(pin, rule, options).ok;
    const model = modelAcceptsPin(app, pin, policy);
    if (sims !== model) out.push({ pin, sims, model });
  }
  return out;
}

const describeReading = (r: PinReading): string => (r.length === 4 ? '4 digits' : `6 digits, ${r.distinct6} distinct`);

function ensureSameRule(app: 'mobile' | 'desktop', reading: PinReading, requirements: readonly RequirementId[], options: PinCheckOptions): void {
  const found = pinDisagreements(app, reading, options);
  const named = found.slice(0, 12).map((d) => `${d.pin} (sims ${d.sims ? 'accept' : 'refuse'}, model ${d.model ? 'accepts' : 'refuses'})`);
  ensure(found.length === 0, requirements, `${app} PIN rule, ${describeReading(reading)}: ${found.length} of ${10 ** reading.length} PINs decided differently: ${named.join(', ')}${found.length > named.length ? ', …' : ''}`, {
    code: 'PIN_RULE_MISMATCH', expected: 'the model\'s decision on every PIN', actual: found.slice(0, 50).map((d) => d.pin),
  });
}

/** The mobile app's PIN rule is the model's on every PIN of every reading. */
export const ensureMobilePinRuleMatchesModelOnEveryPin = defineCheck(
  'ensureMobilePinRuleMatchesModelOnEveryPin',
  ['MOB-PAIR-PIN-LENGTH', 'MOB-PAIR-PIN-DISTINCT-DIGITS', 'MOB-PAIR-PIN-NO-SEQUENCE', 'POL-PIN-DISTINCT-DIGITS-6'],
  (reading: PinReading, options: PinCheckOptions = {}) => ensureSameRule('mobile', reading, [], options),
);

/** The desktop app's PIN rule is the model's on every PIN of every reading (seed 002 step 5.1). */
export const ensureDesktopPinRuleMatchesModelOnEveryPin = defineCheck(
  'ensureDesktopPinRuleMatchesModelOnEveryPin',
  ['DSK-PAIR-PIN-LENGTH', 'DSK-PAIR-PIN-DISTINCT-DIGITS', 'DSK-PAIR-PIN-NO-SEQUENCE', 'DSK-PAIR-PIN-REJECTED-EXAMPLES', 'POL-PIN-DISTINCT-DIGITS-6'],
  (reading: PinReading) => ensureSameRule('desktop', reading, [], {}),
);
