/** ApiFailure: a refusal (4xx) is made without a stack, however it is made; a 5xx keeps its stack for the log. */
import { describe, expect, it } from 'vitest';
import { ApiFailure, fail } from './errors.ts';

const frames = (error: Error): string[] => (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));

describe('ApiFailure stacks', () => {
  it('a refusal has none, made with new or with fail(); a 5xx has its frames; the stack limit is left as it was', () => {
    const limit = Error.stackTraceLimit;
    expect(frames(new ApiFailure('VALIDATION_ERROR', 'bad'))).toEqual([]);
    expect(frames(new ApiFailure('INTERNAL_ERROR', 'boom', { status: 400 }))).toEqual([]);
    let thrown: unknown;
    try {
      fail('NOT_FOUND', 'no such thing');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiFailure);
    expect(frames(thrown as Error)).toEqual([]);
    expect(frames(new ApiFailure('INTERNAL_ERROR', 'boom')).length).toBeGreaterThan(0);
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
