/**
 * Issue 8 item 4: every MUST and SHOULD of the registry is enforced by at least one named check
 * (`defineCheck`), once the modules that define them are loaded (the executors load every check).
 */
import { describe, expect, it } from 'vitest';
import { requirements, type RequirementId } from '../../models/requirements.ts';
import '../executors/index.ts';
import { checkCatalog } from './check.ts';

describe('the check catalog', () => {
  it('has a check for every MUST and SHOULD', () => {
    const checked = new Set<string>(checkCatalog().flatMap((c) => c.requirements));
    const unchecked = (Object.keys(requirements) as RequirementId[]).filter((id) => requirements[id].level !== 'POLICY' && !checked.has(id));
    expect(unchecked).toEqual([]);
  });

  it('names every check as a sentence and cites registry IDs only', () => {
    for (const check of checkCatalog()) {
      expect(check.name).toMatch(/^ensure[A-Z]\w+$/);
      for (const id of check.requirements) expect(Object.hasOwn(requirements, id), `${check.name} cites ${id}`).toBe(true);
    }
  });
});
