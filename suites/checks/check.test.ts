import { describe, expect, it } from 'vitest';
import { CheckError, ensure } from '../runner/errors.ts';
import { checkCatalog, defineCheck } from './check.ts';

describe('defineCheck', () => {
  const cited: { ids: readonly string[]; check?: string }[] = [];
  const ctx = { cite: (ids: readonly string[], check?: string) => cited.push({ ids, ...(check ? { check } : {}) }) };
  const ensureAnswerIsFortyTwo = defineCheck('ensureAnswerIsFortyTwo (test)', ['MOB-PAIR-PIN-LENGTH'], (answer: number) => {
    ensure(answer === 42, [], `expected 42, got ${answer}`, { code: 'VALUE_MISMATCH' });
  });

  it('credits its requirements under its name when it passes', async () => {
    await ensureAnswerIsFortyTwo(ctx, 42);
    expect(cited.at(-1)).toEqual({ ids: ['MOB-PAIR-PIN-LENGTH'], check: 'ensureAnswerIsFortyTwo (test)' });
  });

  it('fails charging its own requirements, and credits nothing', async () => {
    const before = cited.length;
    const error = await ensureAnswerIsFortyTwo(ctx, 41).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckError);
    expect((error as CheckError).requirements).toEqual(['MOB-PAIR-PIN-LENGTH']);
    expect((error as CheckError).code).toBe('VALUE_MISMATCH');
    expect(cited.length).toBe(before);
  });

  it('lets other errors through as errors, not failed checks', async () => {
    const broken = defineCheck('brokenCheck (test)', ['MOB-PAIR-PIN-LENGTH'], () => { throw new TypeError('boom'); });
    await expect(broken(ctx)).rejects.toBeInstanceOf(TypeError);
  });

  it('is listed in the catalog with its requirements', () => {
    expect(checkCatalog()).toContainEqual({ name: 'ensureAnswerIsFortyTwo (test)', requirements: ['MOB-PAIR-PIN-LENGTH'] });
    expect(() => defineCheck('ensureAnswerIsFortyTwo (test)', ['MOB-PAIR-PIN-LENGTH'], () => undefined)).toThrow(/twice/);
  });
});
