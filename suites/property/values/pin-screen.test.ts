/**
 * The PIN rule through the mobile sim's screen (sim driver, embedded server), for a fast-check
 * sample: 4-digit PINs follow the model's rule; under the 3-distinct reading of 6-digit PINs
 * the screen refuses a mirrored run the model still accepts (pin-rules.test.ts, issue 8).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Driver } from '../../../models/driver.ts';
import { createSimDriver } from '../../drivers/sim/driver.ts';
import { variantOf } from '../../plans/variants.ts';
import { CheckError } from '../../runner/errors.ts';
import { resolveRunOptions } from '../../runner/options.ts';
import { isMirroredRun } from '../../../sims/shared/pin-rules.ts';
import { ensureMobilePinScreenFollowsTheModelRule } from './pin-screen.ts';

const run = resolveRunOptions({ plan: 'mobile', out: null });
const drivers: Driver[] = [];
const driver = (): Driver => {
  const d = createSimDriver(run);
  drivers.push(d);
  return d;
};
afterAll(async () => {
  await Promise.all(drivers.map((d) => d.close()));
});

describe('PIN rule through the mobile app screen (sample)', () => {
  it('4 digits: after each typed PIN the phone is where the model says', async () => {
    const cited: string[] = [];
    await ensureMobilePinScreenFollowsTheModelRule({ cite: (ids) => cited.push(...ids) }, driver(), run, variantOf({ pin: '4', location: 'optional', biometrics: 'optional' }), { seed: 4, runs: 4 });
    expect(cited).toContain('MOB-PAIR-PIN-NO-SEQUENCE');
  }, 60_000);

  it('6 digits, 3 distinct: the screen refuses a mirrored run such as 123321 that the model accepts today', async () => {
    const failure = await ensureMobilePinScreenFollowsTheModelRule({ cite: () => undefined }, driver(), run, variantOf({ pin: '6', pin6Distinct: '3', location: 'optional', biometrics: 'optional' }), { seed: 6, runs: 10 }).catch((e: unknown) => e);
    // Once the model refuses mirrored runs (issue 8) this property holds: then expect no failure.
    if (failure === undefined) return;
    expect(failure).toBeInstanceOf(CheckError);
    const pin = /"(\d{6})"/.exec((failure as CheckError).message)?.[1] ?? '';
    expect((failure as CheckError).message).toContain('the model expects mobile-pin-confirm');
    expect(isMirroredRun(pin), `first typed PIN ${pin}`).toBe(true);
  }, 60_000);
});
