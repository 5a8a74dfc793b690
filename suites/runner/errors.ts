/**
 * How a step says what went wrong. A `CheckError` is a failed check, carrying the requirement
 * IDs the check enforces (cited at its call site) and a stable code; `NotApplicableError` means
 * the system under test cannot do what the step needs (the path becomes not-applicable, with
 * the reason, never passed).
 */
import type { CheckFailure } from '../../models/driver.ts';
import type { RequirementId } from '../../models/requirements.ts';

export class CheckError extends Error implements CheckFailure {
  override name = 'CheckError';
  readonly check?: string;
  readonly code?: string;
  readonly requirements: readonly string[];
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly continuable: boolean;
  constructor(failure: CheckFailure) {
    super(failure.message);
    this.requirements = failure.requirements;
    this.continuable = failure.continuable ?? false;
    if (failure.code !== undefined) this.code = failure.code;
    if (failure.check !== undefined) this.check = failure.check;
    if ('expected' in failure) this.expected = failure.expected;
    if ('actual' in failure) this.actual = failure.actual;
  }
}

export class NotApplicableError extends Error {
  override name = 'NotApplicableError';
  /** What would make the step applicable (e.g. implement the test-control routes); the verdict lists it. */
  readonly remedy?: string;
  constructor(message: string, remedy?: string) {
    super(message);
    if (remedy !== undefined) this.remedy = remedy;
  }
}

/** Throws a `CheckError` citing `requirements` (registry IDs: a typo fails to compile) unless `condition` holds. */
export function ensure(condition: unknown, requirements: readonly RequirementId[], message: string, detail: { code?: string; expected?: unknown; actual?: unknown; continuable?: boolean } = {}): asserts condition {
  if (!condition) throw new CheckError({ message, requirements, ...detail });
}
