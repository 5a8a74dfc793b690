/**
 * Every MUST and SHOULD of the registry is enforced by at least one check (issue 8 item 4): the
 * catalog of `defineCheck` (suites/checks/check.ts), loaded with every machine binding, names a
 * check citing it. A model citation only says a path reaches a requirement; without a check the
 * requirement can never pass a run (it stays not-checked, and the run INCOMPLETE).
 *
 * `requirementsAwaitingChecks` is the explicit list of known gaps, each with why it is still open;
 * it is empty: every MUST and SHOULD has a named check. The test fails both ways: a MUST or SHOULD
 * with no check that is not listed, and a listed ID that now has a check (so the list cannot rot).
 */
import { describe, expect, it } from 'vitest';
import { requirementIds, requirements, type Requirement, type RequirementId } from '../../models/requirements.ts';
import '../executors/index.ts';
import { checkCatalog } from './check.ts';

/** Known gaps: requirement -> why no check enforces it yet (where the model reaches it). */
export const requirementsAwaitingChecks: Readonly<Partial<Record<RequirementId, string>>> = {};

const checked = new Set(checkCatalog().flatMap((check) => check.requirements));
const enforceable = requirementIds.filter((id) => ['MUST', 'SHOULD'].includes((requirements[id] as Requirement).level));

describe('every MUST and SHOULD has a check', () => {
  it('lists a check in the catalog for every MUST and SHOULD not awaiting one', () => {
    const missing = enforceable.filter((id) => !checked.has(id) && !(id in requirementsAwaitingChecks));
    expect(missing, 'MUST/SHOULD requirements no check cites (add a defineCheck citing each)').toEqual([]);
  });

  it('keeps the allow-list honest: no listed ID already has a check, every listed ID is a MUST or SHOULD', () => {
    const listed = Object.keys(requirementsAwaitingChecks) as RequirementId[];
    expect(listed.filter((id) => checked.has(id)), 'these now have a check: remove them from requirementsAwaitingChecks').toEqual([]);
    expect(listed.filter((id) => !enforceable.includes(id))).toEqual([]);
    for (const id of listed) expect(requirementsAwaitingChecks[id], id).toMatch(/\S/);
  });

  it('has checks with sentence names citing registry IDs, each defined once', () => {
    const catalog = checkCatalog();
    expect(catalog.length).toBeGreaterThan(0);
    expect(new Set(catalog.map((c) => c.name)).size).toBe(catalog.length);
    for (const check of catalog) expect(check.requirements.length, check.name).toBeGreaterThan(0);
  });
});
