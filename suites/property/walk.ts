/**
 * One property: random walks of one machine under one policy variant against the driver,
 * `fc.asyncProperty(fc.commands(...))` run with `fc.asyncModelRun`, the model as the oracle.
 * A failure is shrunk by fast-check; the outcome keeps the first failing sequence, the shrunk
 * one, and fast-check's seed, path and replay path, which replay exactly that sequence.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { Driver } from '../../models/driver.ts';
import type { StepResult } from '../../reports/schema.ts';
import type { Edge } from '../paths/graph.ts';
import type { ResolvedRun } from '../runner/options.ts';
import { isRequirementId } from '../../models/requirements.ts';
import { CheckError } from '../runner/errors.ts';
import { commandArbitraries } from './commands.ts';
import { eventKey, type PropertyModel } from './model.ts';
import { RESTART, Walk, WalkFailure, type WalkItem, type WalkState } from './world.ts';

export interface PropertySettings {
  runs: number;
  maxSteps: number;
  /** fast-check's seed for this property. */
  seed: number;
  /** Replay one counterexample: fast-check's `path` and the commands' `replayPath`. */
  replay?: { path: string; replayPath?: string };
}

export interface PropertyFailure {
  message: string;
  /** The first failing walk and the shrunk one (edges, and restarts where a new session began). */
  original: WalkItem[];
  shrunk: WalkItem[];
  /** The session of the shrunk walk that failed: edges from the initial state (what the path replays). */
  failingSession: Edge[];
  seed: number;
  path: string;
  replayPath?: string;
  shrinks: number;
  shrinkMs: number;
  /** The shrunk walk's failing step as the walk saw it (reported when the path replay does not fail again). */
  failedStep?: StepResult;
}

export interface PropertyOutcome {
  /** Runs before the first failure (all of them when none failed). */
  runs: number;
  /** Steps executed on the system under test, shrinking included. */
  commands: number;
  /** Steps that passed and took a transition no earlier passed step took: the evidence of a passing property. */
  witness: StepResult[];
  durationMs: number;
  /** Walks that stopped early on a step the driver could not do, with the first reason. */
  stopped: { walks: number; reason?: string };
  failure?: PropertyFailure;
}

/** `/*replayPath="..."*\/` in the printed commands (fast-check's hint for replaying commands). */
function replayPathOf(counterexample: unknown): string | undefined {
  const printed = String((counterexample as unknown[] | null)?.[0] ?? '');
  return /replayPath="([^"]*)"/.exec(printed)?.[1];
}

export const describeEdges = (items: readonly WalkItem[]): string[] => items.map((e) => (e === RESTART ? 'restart (new session)' : eventKey(e.event as never)));

export async function runProperty(model: PropertyModel, driver: Driver, run: ResolvedRun, settings: PropertySettings, pathId: string): Promise<PropertyOutcome> {
  const started = performance.now();
  let commands = 0;
  let executions = 0;
  let firstFailure: { items: WalkItem[]; at: number } | undefined;
  let lastFailing: { items: WalkItem[]; session: Edge[]; error?: unknown } = { items: [], session: [] };
  const covered = new Set<string>();
  const witness: StepResult[] = [];
  const stopped: PropertyOutcome['stopped'] = { walks: 0 };
  // A step is kept when it is the first to take a transition (or enter a state), or the first whose
  // passed checks credited a requirement: a check that needs a longer story (two issuers paired and
  // issued) runs on a step whose transition an earlier walk already took.
  const sink = (step: StepResult): void => {
    if (firstFailure) return;
    const labels = step.transitions ?? [];
    const credited = step.checks.filter((c) => c.status === 'passed').flatMap((c) => c.requirements.map((r) => `check:${c.name}:${r}`));
    const news = [...(labels.length ? labels : [`state:${step.state}`]), ...credited].filter((k) => !covered.has(k));
    if (news.length === 0) return;
    [...labels, `state:${step.state}`, ...credited].forEach((k) => covered.add(k));
    witness.push(step);
  };
  const arbitrary = fc.commands(commandArbitraries(model), {
    // Many generated commands are not enabled where the walk is (check() skips them): generate more than --max-steps allows to run.
    maxCommands: settings.maxSteps * 3,
    size: 'max',
    ...(settings.replay?.replayPath ? { replayPath: settings.replay.replayPath } : {}),
  });
  const property = fc.asyncProperty(arbitrary, async (cmds) => {
    executions++;
    const walk = new Walk(model, driver, run, pathId, sink);
    const state: WalkState = { node: model.initial, steps: 0, maxSteps: settings.maxSteps };
    try {
      await walk.open();
      await fc.asyncModelRun(() => ({ model: state, real: walk }), cmds);
    } catch (error) {
      lastFailing = { items: [...walk.executed], session: walk.lastSession(), error };
      firstFailure ??= { items: [...walk.executed], at: performance.now() };
      throw error;
    } finally {
      commands += walk.stepCount;
      if (state.stopped !== undefined) {
        stopped.walks++;
        stopped.reason ??= state.stopped;
      }
      await walk.close();
    }
  });
  const details = await fc.check(property, {
    seed: settings.seed,
    numRuns: settings.replay ? 1 : settings.runs,
    ...(settings.replay ? { path: settings.replay.path, endOnFailure: true } : {}),
  });
  const durationMs = performance.now() - started;
  const outcome: PropertyOutcome = { runs: details.failed ? details.numRuns : executions, commands, witness, durationMs, stopped };
  if (details.failed && firstFailure) {
    const error = details.errorInstance;
    const replayPath = replayPathOf(details.counterexample);
    outcome.failure = {
      message: error instanceof Error ? error.message : String(error),
      original: firstFailure.items,
      shrunk: lastFailing.items,
      failingSession: lastFailing.session,
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      ...(replayPath ? { replayPath } : {}),
      shrinks: details.numShrinks,
      shrinkMs: performance.now() - firstFailure.at,
    };
    const failedStep = stepOfFailure(lastFailing.error);
    if (failedStep) outcome.failure.failedStep = failedStep;
  } else if (details.failed) {
    const error = details.errorInstance;
    throw error instanceof Error ? error : new Error(String(error));
  }
  return outcome;
}

/**
 * The failing step of a walk as a path step: the check that failed, its requirements and detail.
 * A check that acts once per target (a security probe) does not fail again when the shrunk
 * sequence is replayed on the same target, so the walk's own observation is the evidence.
 */
function stepOfFailure(error: unknown): StepResult | undefined {
  if (!(error instanceof WalkFailure) || !(error.cause instanceof CheckError)) return undefined;
  const check = error.cause;
  const { type, ...payload } = error.step.event as { type: string };
  const requirements = check.requirements.filter(isRequirementId);
  return {
    event: type,
    ...(Object.keys(payload).length ? { payload } : {}),
    state: error.step.state,
    requirements,
    checks: [{ name: check.check ?? 'ensure', requirements, status: 'failed' }],
    status: 'failed',
    transitions: error.step.transitions,
    durationMs: 0,
    error: { ...(check.code ? { code: check.code } : {}), message: check.message, ...('expected' in check ? { expected: check.expected } : {}), ...('actual' in check ? { actual: check.actual } : {}) },
  };
}
