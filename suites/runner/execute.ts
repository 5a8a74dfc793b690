/**
 * Runs one path through a driver: check the initial state, then per step perform the event
 * with the role that owns it and assert the state the model expects. The first failure fails
 * the path and skips the rest; a step the driver cannot do makes the whole path
 * not-applicable with the reason (decided before anything runs, or thrown by an executor).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Driver, Evidence, ModelEvent, StepContext } from '../../models/driver.ts';
import { isRequirementId, type RequirementId } from '../../models/requirements.ts';
import type { PathResult, StepResult } from '../../reports/schema.ts';
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

function unsupported(job: PathJob, driver: Driver): string | undefined {
  const machine = driver.supportsMachine(job.entry.id);
  if (machine !== true) return machine.reason;
  for (const step of job.path.steps) {
    const support = driver.supports(job.entry.id, step.event as ModelEvent, job.variant);
    if (support !== true) return `${step.event.type}: ${support.reason}`;
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
    transitions: step.transitions,
    durationMs: 0,
  };
}

/** `{seed, path, driver, variant, requirement}`: what replays and locates a failure. */
export function failureCoordinates(run: ResolvedRun, job: PathJob, requirements: readonly string[]): string {
  return `{seed: ${run.seed}, path: ${job.id}, driver: ${run.driver}, variant: ${variantId(job.variant.values)}, requirement: ${requirements.join(' ') || '(none cited)'}}`;
}

export async function executePath(job: PathJob, driver: Driver, run: ResolvedRun, hooks: PathHooks = plainHooks): Promise<PathResult> {
  const reason = unsupported(job, driver);
  if (reason) {
    return { ...baseResult(job), status: 'not-applicable', reason, steps: job.path.steps.map((s) => stepSkeleton(s, 'not-applicable')) };
  }
  const steps: StepResult[] = [];
  const scratch = new Map<string, unknown>();
  let status: PathResult['status'] = 'passed';
  let pathReason: string | undefined;
  /** After a failure the rest is skipped, unless the check said the system is still where the model is (continuable). */
  let stopped = false;
  const session = await driver.openPath(job.entry.id, {
    seed: run.seed, pathId: job.id, machine: job.entry.id, driver: driver.name, variant: job.variant, deviations: run.deviations, scratch, attach: () => undefined,
  });
  try {
    for (const [index, step] of job.path.steps.entries()) {
      const result = stepSkeleton(step, 'passed');
      if (stopped) {
        steps.push({ ...result, status: status === 'failed' ? 'skipped' : 'not-applicable' });
        continue;
      }
      const evidence: NonNullable<StepResult['evidence']> = [];
      const cited = new Set<string>(step.requirements);
      const ctx: StepContext & { cite(ids: readonly RequirementId[]): void; notExercised(ids: readonly RequirementId[]): void; modelRequirements: readonly RequirementId[] } = {
        modelRequirements: requirementIds(step.requirements),
        seed: run.seed, pathId: job.id, machine: job.entry.id, driver: driver.name, variant: job.variant, deviations: run.deviations, scratch,
        attach: (e) => {
          if (typeof e.body === 'string') evidence.push({ name: e.name, contentType: e.contentType, text: e.body });
          else evidence.push({ name: e.name, contentType: e.contentType, ...(run.out !== null ? { path: saveBinary(run.out, job.id, index, evidence.length, e) } : {}) });
          void hooks.attach(e);
        },
        cite: (ids) => ids.forEach((id) => cited.add(id)),
        notExercised: (ids) => ids.forEach((id) => cited.delete(id)),
      };
      const event = step.event as ModelEvent;
      const role = driver.roleOf(job.entry.id, event);
      const started = performance.now();
      try {
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
          }
          stopped = true;
          result.status = 'not-applicable';
        } else {
          const first = status !== 'failed';
          status = 'failed';
          result.status = 'failed';
          const check = error instanceof CheckError ? error : undefined;
          for (const id of check?.requirements ?? []) cited.add(id);
          const message = error instanceof Error ? error.message : String(error);
          const reason = `${message} ${failureCoordinates(run, job, check?.requirements ?? [...cited])}`;
          if (first) pathReason = reason;
          stopped = !check?.continuable;
          result.error = {
            ...(check?.code ? { code: check.code } : {}),
            message: reason,
            ...(check && 'expected' in check ? { expected: check.expected } : {}),
            ...(check && 'actual' in check ? { actual: check.actual } : {}),
          };
          if (check?.continuable && check.requirements.length > 0) {
            // The step's requirements stand; only the failing check's fail (reports/schema.ts failedRequirements).
            result.requirements = requirementIds(cited);
            result.failedRequirements = requirementIds(check.requirements);
          } else if (check) result.requirements = requirementIds(check.requirements);
        }
      }
      if (result.status !== 'failed') result.requirements = requirementIds(cited);
      result.durationMs = Math.round((performance.now() - started) * 100) / 100;
      if (evidence.length) result.evidence = evidence;
      steps.push(result);
    }
  } finally {
    await session.close();
  }
  return { ...baseResult(job), status, ...(pathReason ? { reason: pathReason } : {}), steps };
}
