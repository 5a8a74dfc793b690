/**
 * The check catalog reads as the STYLE asks: every check is named as a sentence and cites registry
 * IDs only. (That every MUST and SHOULD has a check is every-requirement-checked.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { requirements } from '../../models/requirements.ts';
import '../executors/index.ts';
import { checkCatalog } from './check.ts';

describe('the check catalog', () => {
  it('names every check as a sentence and cites registry IDs only', () => {
    for (const check of checkCatalog()) {
      expect(check.name).toMatch(/^ensure[A-Z]\w+$/);
      for (const id of check.requirements) expect(Object.hasOwn(requirements, id), `${check.name} cites ${id}`).toBe(true);
    }
  });
});
