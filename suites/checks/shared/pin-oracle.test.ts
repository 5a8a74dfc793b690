import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../../models/policy.ts';
import { brokenPinRules, edgePins } from './pin-oracle.ts';

const policies = [
  resolvePolicy({ pin: { length: 4 } }),
  resolvePolicy({ pin: { length: 6, distinctDigits6: 4 } }),
  resolvePolicy({ pin: { length: 6, distinctDigits6: 3 } }),
];

describe('the checks\' PIN oracle', () => {
  it('breaks, first, the rule each edge PIN is meant to probe, and no other edge is a valid PIN', () => {
    for (const policy of policies) {
      const edges = edgePins(policy);
      const mirrored = policy.pin.length === 6 && policy.pin.distinctDigits6 === 3 ? 'sequence' : 'distinct';
      expect(edges.map((e) => e.rule)).toEqual(['length', 'length', 'distinct', 'sequence', 'sequence', mirrored, mirrored]);
      for (const { pin, rule } of edges) expect(brokenPinRules(pin, policy)[0], `${pin} under pin=${policy.pin.length}`).toBe(rule);
    }
  });

  it('has the edges next to their rule: one distinct digit short, sequences that include 0, one digit too many', () => {
    const [four, sixOf4] = policies;
    expect(edgePins(four!).map((e) => e.pin)).toEqual(['13579', '135', '1313', '0123', '3210', '0110', '1001']);
    expect(edgePins(sixOf4!).map((e) => e.pin)).toEqual(['1357924', '13579', '135135', '012345', '543210', '012210', '210012']);
    expect(brokenPinRules('1323', four!)).toEqual([]); // exactly the minimum of 3 distinct digits, no run
  });

  it("refuses seed 002's examples 1111, 8787, 765432 and 123321 under every reading", () => {
    for (const policy of policies) for (const pin of ['1111', '8787', '765432', '123321']) expect(brokenPinRules(pin, policy), `${pin} pin=${policy.pin.length} distinct6=${policy.pin.distinctDigits6}`).not.toEqual([]);
    expect(brokenPinRules('123321', policies[2]!)).toEqual(['sequence']);
  });

  it('accepts valid PINs (no wrap-around: 8901 is not a sequence)', () => {
    expect(brokenPinRules('1357', policies[0]!)).toEqual([]);
    expect(brokenPinRules('8901', policies[0]!)).toEqual([]);
    expect(brokenPinRules('135792', policies[1]!)).toEqual([]);
  });
});
