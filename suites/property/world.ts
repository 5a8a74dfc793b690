/**
 * One random walk against the system under test: a driver path session (a fresh user, fresh
 * app installs), the edges executed so far, and `perform(edge)`, which does what a path-mode
 * step does: the role that owns the event executes it, then the same role asserts the state
 * the model expects (models/driver.ts RoleDriver.execute / assertState).
 */
import { performance } from 'node:perf_hooks';
import type { Driver, ModelEvent, PathSession, StepContext } from '../../models/driver.ts';
import { isRequirementId, type RequirementId } from '../../models/requirements.ts';
import type { StepCheck, StepResult } from '../../reports/schema.ts';
import type { Edge } from '../paths/graph.ts';
import type { ModelStep } from '../paths/types.ts';
import { NotApplicableError } from '../runner/errors.ts';
import { recordCheck, UNNAMED_CITE } from '../runner/execute.ts';
import type { ResolvedRun } from '../runner/options.ts';
import type { PropertyModel } from './model.ts';

/** The fast-check model of a walk: where the machine is, how many steps ran, and whether the walk stopped (a step the driver could not do). */
export interface WalkState {
  node: string;
  steps: number;
  maxSteps: number;
  stopped?: string;
}

/** A step of the walk failed: the system is not where the model is, or a check failed. */
export class WalkFailure extends Error {
  override name = 'WalkFailure';
  constructor(readonly step: ModelStep, override readonly cause: unknown, readonly index: number) {
    super(`step ${index} ${step.event.type} → ${step.state}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const requirementIds = (ids: Iterable<string>): RequirementId[] => [...new Set(ids)].filter(isRequirementId);

/** Called with every step that passed (the property keeps the ones that add a transition). */
export type StepSink = (step: StepResult) => void;

/** A walk's history: edges, and `RESTART` where a new session (a fresh user and apps on the same target) began. */
export const RESTART = 'RESTART' as const;
export type WalkItem = Edge | typeof RESTART;

export class Walk {
  readonly executed: WalkItem[] = [];
  #session: PathSession | undefined;
  readonly #scratch = new Map<string, unknown>();

  constructor(readonly model: PropertyModel, readonly driver: Driver, readonly run: ResolvedRun, readonly pathId: string, readonly sink?: StepSink) {}

  #context(): StepContext {
    return {
      seed: this.run.seed, pathId: this.pathId, machine: this.model.entry.id, driver: this.driver.name, variant: this.model.variant,
      deviations: this.run.deviations, scratch: this.#scratch, attach: () => undefined, cite: () => undefined,
    };
  }

  /** Opens the driver's session and checks the initial state. */
  async open(): Promise<void> {
    this.#session = await this.driver.openPath(this.model.entry.id, this.#context());
    await this.#step(this.model.initialStep, 0, false);
  }

  async close(): Promise<void> {
    await this.#session?.close();
  }

  /** A new session on the same target after the flow ended: the model starts again at its initial state. */
  async restart(state: WalkState): Promise<void> {
    await this.close();
    this.#scratch.clear();
    this.executed.push(RESTART);
    state.node = this.model.initial;
    state.steps++;
    await this.open();
  }

  /** The edges executed since the last restart (the session that failed). */
  lastSession(): Edge[] {
    const at = this.executed.lastIndexOf(RESTART);
    return this.executed.slice(at + 1) as Edge[];
  }

  /** Steps executed on the system under test (restarts not counted). */
  get stepCount(): number {
    return this.executed.filter((e) => e !== RESTART).length;
  }

  /** Performs one edge on the system under test and asserts the state after it; NotApplicable stops the walk. */
  async perform(edge: Edge, state: WalkState): Promise<void> {
    this.executed.push(edge);
    const stepped = await this.#step(this.model.stepOf(edge), this.lastSession().length, true);
    state.node = edge.to;
    state.steps++;
    if (stepped !== true) state.stopped = stepped.reason;
  }

  /** Performs a step the graph does not hold (an event with a generated payload); throws WalkFailure, or returns why it could not run. */
  async performStep(step: ModelStep): Promise<true | { reason: string }> {
    return this.#step(step, this.lastSession().length + 1, true);
  }

  async #step(step: ModelStep, index: number, execute: boolean): Promise<true | { reason: string }> {
    const event = step.event as ModelEvent;
    const role = this.driver.roleOf(this.model.entry.id, event);
    const binding = this.#session?.roles[role];
    if (!binding) return { reason: `driver ${this.driver.name} has no ${role} role` };
    // Model citations only say the step reached a requirement; checks that passed credit it (as in path mode).
    const reached = new Set<string>(step.requirements);
    const checks: StepCheck[] = [];
    const evidence: NonNullable<StepResult['evidence']> = [];
    const ctx = Object.assign(this.#context(), {
      modelRequirements: requirementIds(step.requirements),
      attach: (e: { name: string; contentType: string; body: string | Uint8Array }) => {
        if (typeof e.body === 'string') evidence.push({ name: e.name, contentType: e.contentType, text: e.body });
      },
      cite: (ids: readonly string[], check?: string) => recordCheck(checks, check ?? UNNAMED_CITE, ids, 'passed'),
      notExercised: (ids: readonly string[]) => ids.forEach((id) => reached.delete(id)),
    });
    const started = performance.now();
    try {
      if (execute) await binding.execute(event, ctx);
      await binding.assertState(step.state, ctx);
    } catch (error) {
      if (error instanceof NotApplicableError) return { reason: error.message };
      throw new WalkFailure(step, error, index);
    }
    const { type, ...payload } = event;
    this.sink?.({
      event: type,
      ...(Object.keys(payload).length ? { payload } : {}),
      state: step.state,
      requirements: requirementIds(reached),
      checks,
      status: 'passed',
      transitions: step.transitions,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ...(evidence.length ? { evidence } : {}),
    });
    return true;
  }
}

