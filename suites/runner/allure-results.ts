/**
 * How a conformance run reads in Allure: which error makes a test *failed* (a check failed) and
 * which *broken* (the harness or the system under test threw), the tree labels (plan / machine /
 * variant / path), the requirement (story) labels a path earned, the environment and executor
 * widgets and the categories. `conformance.run.ts` and `vitest-run.ts` use these.
 *
 * allure-js-commons decides failed vs broken from the error Vitest hands over
 * (`getStatusFromError`): a name or constructor matching /assert/i (or `actual`/`expected`/
 * `matcherResult` on it) is failed, anything else broken.
 */
import type { PathResult, RunInfo } from '../../reports/schema.ts';
import type { ModelEntry } from '../paths/types.ts';
import { machinesOf, planNames } from '../plans/plans.ts';

/** A failed conformance check: allure-vitest reports the test *failed* (the name says assertion). */
export class ConformanceAssertionError extends Error {
  override name = 'AssertionError';
}

/**
 * A harness, driver or system error (a throw that is not a check): allure-vitest reports the test
 * *broken* (and `allureListener` keeps it broken should its message mention "assert").
 */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

/** Marks the step that says why a path is not applicable; `allureListener` lifts it into the status details. */
export const NOT_APPLICABLE_STEP = 'not applicable: ';

/** The part of allure-js-commons' TestResult and StepResult the listener touches. */
interface ListenedStep {
  name?: string;
  status?: string;
  statusDetails?: { message?: string; trace?: string };
}
interface ListenedResult extends ListenedStep {
  steps: ListenedStep[];
}

/** A step's status from the error that ended it (its trace starts with the error's name). */
function stepStatusOf(step: ListenedStep): string | undefined {
  const trace = step.statusDetails?.trace ?? '';
  if (trace.startsWith('CheckError') || trace.startsWith('AssertionError')) return 'failed';
  if (trace.startsWith('NotApplicableError')) return 'skipped';
  if (trace.startsWith('HarnessError')) return 'broken';
  return step.status;
}

/**
 * An allure-js-commons lifecycle listener (main process, before each result is written): a
 * skipped test gets its not-applicable reason as the status message (allure-vitest writes none),
 * and a HarnessError stays broken whatever its message says; a step that a failed check ended is
 * failed (allure would call a CheckError without expected/actual broken), one that found the path
 * not applicable skipped.
 */
export const allureListener = {
  beforeStepStop(step: ListenedStep): void {
    step.status = stepStatusOf(step);
  },
  beforeTestResultWrite(result: ListenedResult): void {
    if (result.status === 'skipped' && !result.statusDetails?.message) {
      const step = result.steps.find((s) => s.name?.startsWith(NOT_APPLICABLE_STEP));
      if (step?.name) result.statusDetails = { ...result.statusDetails, message: step.name.slice(NOT_APPLICABLE_STEP.length) };
    }
    if (result.status === 'failed' || result.status === 'broken') result.status = stepStatusOf(result);
  },
};

/** The named plan (not `all`) whose machines include this one; `fallback` (the run's plan) for machines no plan names. */
export function planOf(entry: ModelEntry, fallback: string): string {
  return planNames.find((p) => p !== 'all' && machinesOf(p, [entry]).length > 0) ?? fallback;
}

/**
 * The requirements a check on this path answered for (the step results' `checks`, passed or
 * failed): model citations alone earn no label, so one failed check marks only what it checked.
 */
export function checkedRequirements(path: Pick<PathResult, 'steps'>): string[] {
  const ids = new Set<string>();
  for (const step of path.steps) for (const check of step.checks) check.requirements.forEach((id) => ids.add(id));
  return [...ids].sort();
}

/** Allure's status for a path: a failed check is failed, an error (a throw that is not a check) broken. */
export function allureStatusOf(status: string, harnessError: boolean): 'passed' | 'failed' | 'broken' | 'skipped' {
  if (status === 'error' || (status === 'failed' && harnessError)) return 'broken';
  if (status === 'failed') return 'failed';
  if (status === 'not-applicable') return 'skipped';
  return 'passed';
}

/** The Environment widget (`environment.properties`): what a reader needs to reproduce the run. */
export function environmentInfo(run: Omit<RunInfo, 'startedAt' | 'durationMs'>, node: string): Record<string, string> {
  const variants = Object.entries(run.variants).map(([k, v]) => `${k}=${v.join('|')}`).join(', ');
  return {
    plan: run.plan,
    driver: run.driver,
    target: run.target,
    seed: String(run.seed),
    coverage: run.coverage,
    variants: variants || '(none)',
    deviations: run.deviations.join(', ') || '(none)',
    authconf: run.authconfVersion,
    node,
  };
}

/** Allure's `executor.json` from GitHub Actions' variables; undefined outside CI. */
export function executorInfo(env: Record<string, string | undefined>): Record<string, string | number> | undefined {
  if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_RUN_ID || !env.GITHUB_REPOSITORY) return undefined;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runNumber = Number(env.GITHUB_RUN_NUMBER ?? '0');
  return {
    name: 'GitHub Actions',
    type: 'github',
    url: `${server}/${env.GITHUB_REPOSITORY}`,
    buildOrder: runNumber,
    buildName: `${env.GITHUB_WORKFLOW ?? 'workflow'} #${env.GITHUB_RUN_NUMBER ?? env.GITHUB_RUN_ID}`,
    buildUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
  };
}

/**
 * Categories in `categories.json` (Allure 2's format, for `allure generate` with the classic or
 * allure2 plugin). `allurerc.mjs` declares the same three for Allure 3.
 */
export const allure2Categories = [
  { name: 'FAIL: a conformance check failed', matchedStatuses: ['failed'] },
  { name: 'Errors: harness, driver or target error (run INCOMPLETE)', matchedStatuses: ['broken'] },
  { name: 'INCOMPLETE: not applicable on this target', matchedStatuses: ['skipped'] },
];
