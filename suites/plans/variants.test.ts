import { describe, expect, it } from 'vitest';
import { UsageError } from '../../models/error-codes.ts';
import { defaultPolicy } from '../../models/policy.ts';
import { MATRIX_ROWS, parseVariantArgs, pinForTarget, policyOf, variantId, variantMatrix } from './variants.ts';

describe('variants', () => {
  it('maps values to the policy, both readings of each disagreement', () => {
    expect(policyOf({ pin: '6', pin6Distinct: '3' }).pin).toMatchObject({ length: 6, distinctDigits6: 3 });
    expect(policyOf({ keyLifetime: '48h' }).pairingKey.ttlSeconds).toBe(172800);
    expect(policyOf({ statusAttribute: 'com.pingidentity.pingone.status' }).statusAttribute).toBe('com.pingidentity.pingone.status');
    expect(policyOf({ poll: 'get', devices: 'several', selection: 'primary' })).toMatchObject({ pollStyle: 'get', devices: { max: 5, selection: 'primary' } });
  });

  it('covers every value at least once in a small matrix', () => {
    const rows = variantMatrix(['pin', 'pin6Distinct', 'location', 'keyFormat', 'keyLifetime']);
    expect(rows.length).toBeLessThanOrEqual(MATRIX_ROWS);
    for (const v of ['off', '4', '6']) expect(rows.some((r) => r.pin === v)).toBe(true);
    // both readings of the 6-digit distinct-digit rule, each with a 6-digit PIN
    for (const d of ['3', '4']) expect(rows.some((r) => r.pin === '6' && r.pin6Distinct === d)).toBe(true);
    for (const v of ['numeric', 'alphanumeric']) expect(rows.some((r) => r.keyFormat === v)).toBe(true);
  });

  it('narrows with --variant and rejects unknown keys and values with UNKNOWN_VARIANT', () => {
    const domain = parseVariantArgs(['pin=6', 'location=required']);
    const rows = variantMatrix(['pin', 'location', 'keyFormat'], domain);
    expect(rows.every((r) => r.pin === '6' && r.location === 'required')).toBe(true);
    expect(() => parseVariantArgs(['color=red'])).toThrow(UsageError);
    try {
      parseVariantArgs(['pin=5']);
    } catch (error) {
      expect((error as UsageError).code).toBe('UNKNOWN_VARIANT');
      expect((error as Error).message).toContain('pin=4|6|off');
    }
    expect.assertions(4);
  });

  it('names variants stably', () => {
    expect(variantId({ location: 'required', pin: '6' })).toBe('pin=6,location=required');
    expect(variantId({})).toBe('default');
    expect(variantMatrix([])).toEqual([{}]);
  });
});

describe('pinForTarget (a real target runs one policy)', () => {
  it('pins every policy key to the reading of the reference defaults, leaving client-only keys free', () => {
    const pinned = pinForTarget({});
    expect(pinned.poll).toEqual(['post']);
    expect(pinned.statusAttribute).toEqual(['pingone.mfa.status']);
    expect(pinned.devices).toEqual(['several']);
    expect(pinned.pin).toEqual(['off']);
    expect(pinned.actionVia).toBeUndefined();
    const values = Object.fromEntries(Object.entries(pinned).map(([k, v]) => [k, v[0]!]));
    expect(policyOf(values)).toEqual(defaultPolicy);
  });

  it("keeps the one value the user names for their server's configuration", () => {
    const pinned = pinForTarget(parseVariantArgs(['poll=get', 'statusAttribute=com.pingidentity.pingone.status']));
    expect(pinned.poll).toEqual(['get']);
    expect(pinned.statusAttribute).toEqual(['com.pingidentity.pingone.status']);
    expect(pinned.selection).toEqual(['prompt']);
  });

  it('refuses two readings of one policy key against a real target', () => {
    expect(() => pinForTarget(parseVariantArgs(['poll=post', 'poll=get']))).toThrow(UsageError);
    expect(pinForTarget(parseVariantArgs(['actionVia=query', 'actionVia=content-type'])).actionVia).toEqual(['query', 'content-type']);
  });
});
