/**
 * Runs one path through a driver: check the initial state, then per step perform the event
 * with the role that owns it and assert the state the model expects. The first failure fails
 * the path and skips the rest; a step the driver cannot do makes the whole path
 * not-applicable with the reason (decided before anything runs, or thrown by an executor).
 *
 * A model citation only records that a requirement was reached (`StepResult.requirements`);
 * a requirement is credited only by a check (`ctx.cite(ids, check)`, which `defineCheck` calls
 * after its body passed), recorded in `StepResult.checks`. Any throw that is neither a failed
 * check nor not-applicable (opening the path, an executor, an assertion, the driver, closing)
 * is recorded as an `error` path with its message, stack and step: never lost, never passed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Driver, Evidence, ModelEvent, PathSession, StepContext } from '../../models/driver.ts';
import { isRequirementId, type RequirementId } from '../../models/requirements.ts';
import type { PathError, PathResult, StepCheck, StepResult } from '../../reports/schema.ts';
import { variantId } from '../plans/variants.ts';
import { CheckError, NotApplicableError } from './errors.ts';
import type { ResolvedRun } from './options.ts';
import type { PathJob } from './prepare.ts';

/** Where a runner (Vitest + Allure, or the plain engine) hooks into a path's execution. */
export interface PathHooks {
  /** Wraps one step (Allure: `allure.step`). */
  step<T>(name: string, body: () => Promise<T>): Promise<T>;
  /** Records evidence (Allure: `allure.attachment`). */
  attach(evidence: Evidence): Promise<void> | void;
}

export const plainHooks: PathHooks = {
  step: (_name, body) => body(),
  attach: () => undefined,
};

/** Binary evidence (QR images) goes to `<out>/evidence/`; the step keeps the relative path. */
function saveBinary(out: string, pathId: string, step: number, n: number, e: Evidence): string {
  const ext = e.contentType === 'image/png' ? 'png' : 'bin';
  const relative = join('evidence', pathId.replace(/[^A-Za-z0-9._-]+/g, '_'), `${step}-${n}.${ext}`);
  mkdirSync(dirname(join(out, relative)), { recursive: true });
  writeFileSync(join(out, relative), e.body);
  return relative;
}

const requirementIds = (ids: Iterable<string>): RequirementId[] => [...new Set(ids)].filter(isRequirementId);

function unsupported(job: PathJob, driver: Driver): { reason: string; remedy?: string } | undefined {
  const machine = driver.supportsMachine(job.entry.id);
  if (machine !== true) return machine;
  for (const step of job.path.steps) {
    const support = driver.supports(job.entry.id, step.event as ModelEvent, job.variant);
    if (support !== true) return { ...support, reason: `${step.event.type}: ${support.reason}` };
  }
  return undefined;
}

function baseResult(job: PathJob): Omit<PathResult, 'status' | 'steps'> {
  return {
    id: job.id,
    machine: job.entry.id,
    variant: job.variant.values,
    description: job.path.description,
    repro: job.repro,
    transitions: [...new Set(job.path.steps.flatMap((s) => s.transitions))],
  };
}

function stepSkeleton(step: PathJob['path']['steps'][number], status: StepResult['status']): StepResult {
  const { type, ...payload } = step.event as ModelEvent;
  return {
    event: type,
    ...(Object.keys(payload).length ? { payload } : {}),
    state: step.state,
    requirements: requirementIds(step.requirements),
    status,
    checks: [],
    transitions: step.transitions,
    durationMs: 0,
  };
}

/** `{seed, path, driver, variant, requirement}`: what replays and locates a failure. */
export function failureCoordinates(run: ResolvedRun, job: PathJob, requirements: readonly string[]): string {
  return `{seed: ${run.seed}, path: ${job.id}, driver: ${run.driver}, variant: ${variantId(job.variant.values)}, requirement: ${requirements.join(' ') || '(none cited)'}}`;
}

/** The exception as a path error: message and stack (a throw that is not a failed check). */
function errorOf(error: unknown, phase: PathError['phase'], step?: number): PathError {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return { phase, ...(step !== undefined ? { step } : {}), message, ...(stack ? { stack } : {}) };
}

/**
 * A path whose run threw outside `executePath`'s own handling (its lane's driver never started):
 * recorded as an error, so the run is INCOMPLETE, never a path missing from the report.
 */
export function unrunPath(job: PathJob, error: unknown): PathResult {
  return errored(job, errorOf(error, 'set-up'));
}

/** Adds a check to a step's list, merging a repeat of the same check and outcome. */
export function recordCheck(checks: StepCheck[], name: string, ids: Iterable<string>, status: StepCheck['status']): void {
  const requirements = requirementIds(ids);
  const same = checks.find((c) => c.name === name && c.status === status);
  if (same) same.requirements = requirementIds([...same.requirements, ...requirements]);
  else checks.push({ name, requirements, status });
}

/** The context a step's executor and assertion see: `cite` records a passed check, `notExercised` drops a model citation. */
export type ExecutionContext = StepContext & {
  cite(ids: readonly RequirementId[], check?: string): void;
  notExercised(ids: readonly RequirementId[]): void;
  modelRequirements: readonly RequirementId[];
};

/** The name a passed `ctx.cite` without a check name is recorded under. */
export const UNNAMED_CITE = 'ctx.cite';

export async function executePath(job: PathJob, driver: Driver, run: ResolvedRun, hooks: PathHooks = plainHooks): Promise<PathResult> {
  let reason: { reason: string; remedy?: string } | undefined;
  try {
    reason = unsupported(job, driver);
  } catch (error) {
    return errored(job, errorOf(error, 'set-up'));
  }
  if (reason) {
    return { ...baseResult(job), status: 'not-applicable', reason: reason.reason, ...(reason.remedy ? { remedy: reason.remedy } : {}), steps: job.path.steps.map((s) => stepSkeleton(s, 'not-applicable')) };
  }
  const steps: StepResult[] = [];
  const scratch = new Map<string, unknown>();
  let status: PathResult['status'] = 'passed';
  let pathReason: string | undefined;
  let remedy: string | undefined;
  let pathError: PathError | undefined;
  /** After a failure the rest is skipped, unless the check said the system is still where the model is (continuable). */
  let stopped = false;
  let session: PathSession;
  /** Checks that pass while the path opens (a binding's set-up) are recorded on the first step. */
  const setUpChecks: StepCheck[] = [];
  try {
    const openCtx: ExecutionContext = {
      seed: run.seed, pathId: job.id, machine: job.entry.id, driver: driver.name, variant: job.variant, deviations: run.deviations, scratch,
      attach: () => undefined,
      cite: (ids, check) => recordCheck(setUpChecks, check ?? UNNAMED_CITE, ids, 'passed'),
      notExercised: () => undefined,
      modelRequirements: [],
    };
    session = await driver.openPath(job.entry.id, openCtx);
  } catch (error) {
    if (error instanceof NotApplicableError) {
      return { ...baseResult(job), status: 'not-applicable', reason: error.message, ...(error.remedy ? { remedy: error.remedy } : {}), steps: job.path.steps.map((s) => stepSkeleton(s, 'not-applicable')) };
    }
    return errored(job, errorOf(error, 'set-up'));
  }
  /** Every requirement the path's model cites: a failure that names none is charged to these. */
  const pathRequirements = requirementIds(job.path.steps.flatMap((s) => s.requirements));
  try {
    for (const [index, step] of job.path.steps.entries()) {
      const result = stepSkeleton(step, 'passed');
      if (stopped) {
        steps.push({ ...result, status: status === 'not-applicable' ? 'not-applicable' : 'skipped' });
        continue;
      }
      const evidence: NonNullable<StepResult['evidence']> = [];
      const reached = new Set<string>(result.requirements);
      const checks: StepCheck[] = index === 0 ? setUpChecks : [];
      const ctx: ExecutionContext = {
        modelRequirements: requirementIds(step.requirements),
        seed: run.seed, pathId: job.id, machine: job.entry.id, driver: driver.name, variant: job.variant, deviations: run.deviations, scratch,
        attach: (e) => {
          if (typeof e.body === 'string') evidence.push({ name: e.name, contentType: e.contentType, text: e.body });
          else evidence.push({ name: e.name, contentType: e.contentType, ...(run.out !== null ? { path: saveBinary(run.out, job.id, index, evidence.length, e) } : {}) });
          void hooks.attach(e);
        },
        cite: (ids, check) => recordCheck(checks, check ?? UNNAMED_CITE, ids, 'passed'),
        notExercised: (ids) => ids.forEach((id) => reached.delete(id)),
      };
      const event = step.event as ModelEvent;
      const started = performance.now();
      try {
        const role = driver.roleOf(job.entry.id, event);
        await hooks.step(`${index === 0 ? 'start' : event.type} → ${step.state}`, async () => {
          const binding = session.roles[role];
          if (!binding) throw new NotApplicableError(`driver ${driver.name} has no ${role} role`);
          if (index > 0) await binding.execute(event, ctx);
          await binding.assertState(step.state, ctx);
        });
      } catch (error) {
        if (error instanceof NotApplicableError) {
          if (status === 'passed') {
            status = 'not-applicable';
            pathReason = error.message;
            remedy = error.remedy;
          }
          stopped = true;
          result.status = 'not-applicable';
        } else if (error instanceof CheckError) {
          const first = status !== 'failed';
          status = 'failed';
          result.status = 'failed';
          // A failure that names no requirement is charged to the step's (else the path's): never dropped for want of a citation.
          const charged = error.requirements.length ? error.requirements : reached.size ? [...reached] : pathRequirements;
          recordCheck(checks, error.check ?? (error.code ? `ensure ${error.code}` : 'ensure'), charged, 'failed');
          const message = `${error.message} ${failureCoordinates(run, job, charged)}`;
          if (first) pathReason = message;
          stopped = !error.continuable;
          result.error = {
            ...(error.code ? { code: error.code } : {}),
            message,
            ...('expected' in error ? { expected: error.expected } : {}),
            ...('actual' in error ? { actual: error.actual } : {}),
          };
        } else {
          // Not a failed check: the harness, the driver or the set-up broke. The path is an error, never a pass or a fail.
          pathError = errorOf(error, 'step', index);
          if (status !== 'failed') status = 'error';
          pathReason = `${pathError.message} (step ${index + 1}, ${event.type} → ${step.state}) ${failureCoordinates(run, job, [...reached])}`;
          stopped = true;
          result.status = 'error';
          result.error = { message: pathError.message, ...(pathError.stack ? { stack: pathError.stack } : {}) };
        }
      }
      result.requirements = requirementIds(reached);
      result.checks = checks;
      result.durationMs = Math.round((performance.now() - started) * 100) / 100;
      if (evidence.length) result.evidence = evidence;
      steps.push(result);
    }
  } finally {
    try {
      await session.close();
    } catch (error) {
      pathError ??= errorOf(error, 'close');
      if (status === 'passed' || status === 'not-applicable') {
        status = 'error';
        pathReason = `closing the path: ${pathError.message}`;
      }
    }
  }
  return {
    ...baseResult(job), status,
    ...(pathReason ? { reason: pathReason } : {}),
    ...(status === 'not-applicable' && remedy ? { remedy } : {}),
    ...(pathError ? { error: pathError } : {}),
    steps,
  };
}

/** A path that threw before its first step: recorded with every step skipped. */
function errored(job: PathJob, error: PathError): PathResult {
  return {
    ...baseResult(job), status: 'error', reason: `opening the path: ${error.message}`, error,
    steps: job.path.steps.map((s) => stepSkeleton(s, 'skipped')),
  };
}
