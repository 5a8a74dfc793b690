/**
 * Runs a fast-check property inside a check: a counterexample becomes the check's failure
 * (its message, with fast-check's shrunk counterexample, seed and path to replay it); any other
 * error stays an error of the run.
 */
import fc from 'fast-check';
import { CheckError } from '../../runner/errors.ts';

export async function assertProperty<T>(property: fc.IAsyncProperty<T> | fc.IProperty<T>, options: { seed: number; runs: number }): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<T>, { seed: options.seed, numRuns: options.runs });
  if (!details.failed) return;
  const cause = details.errorInstance;
  if (!(cause instanceof CheckError)) throw cause instanceof Error ? cause : new Error(String(cause));
  throw new CheckError({
    message: `${cause.message} (fast-check counterexample ${fc.stringify(details.counterexample)}, seed ${details.seed}, path ${details.counterexamplePath ?? ''})`,
    requirements: cause.requirements,
    ...(cause.code !== undefined ? { code: cause.code } : {}),
    ...('expected' in cause ? { expected: cause.expected } : {}),
    ...('actual' in cause ? { actual: cause.actual } : {}),
  });
}
