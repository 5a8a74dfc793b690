/**
 * `authconf run --mode property`: per machine and policy variant of the plan, one property
 * (`walk.ts`). A property that fails is reported as a path like any other, the shrunk
 * counterexample run again through path mode's `executePath` (same checks, evidence, repro
 * line); one that passes reports the distinct steps its walks observed passing. The run's
 * `conformance.json` gets a `property` section (reports/schema.ts `PropertySection`).
 */
import { performance } from 'node:perf_hooks';
import type { Driver } from '../../models/driver.ts';
import type { PathResult, PropertyRunResult, PropertySection } from '../../reports/schema.ts';
import { variantId } from '../plans/variants.ts';
import { executePath, type PathHooks } from '../runner/execute.ts';
import { reproLine, type ResolvedRun } from '../runner/options.ts';
import type { PathJob, PreparedPlan } from '../runner/prepare.ts';
import { PropertyModel } from './model.ts';
import { runValueProperties } from './value-plan.ts';
import { describeEdges, type PropertyOutcome, runProperty } from './walk.ts';
import { UsageError } from '../../models/error-codes.ts';
import { driverFor } from '../runner/engine.ts';
import type { RunOptions } from '../runner/options.ts';
import { startProperties } from './pool.ts';

/** One property to run: a machine under one variant (the first path job of that pair). */
export interface PropertyJob {
  /** `<machine>/<variant>` */
  id: string;
  job: PathJob;
}

export function propertyJobs(plan: PreparedPlan, run: ResolvedRun): PropertyJob[] {
  const byId = new Map<string, PropertyJob>();
  for (const job of plan.jobs) {
    const id = `${job.entry.id}/${variantId(job.variant.values)}`;
    if (!byId.has(id)) byId.set(id, { id, job });
  }
  const all = [...byId.values()];
  if (run.path === undefined) return all;
  const wanted = run.path.replace(/\/property$/, '');
  const selected = all.filter((p) => p.id === wanted);
  if (selected.length === 0) {
    throw new UsageError(`no property '${run.path}' in plan ${run.plan} with these variants (e.g. ${all.slice(0, 3).map((p) => p.id).join(', ')}); copy the repro line from a report`, 'UNKNOWN_PATH');
  }
  return selected;
}

/** fast-check's seed of a property: the run's seed mixed with the property id (FNV-1a), so each property walks its own way and replays alone. */
export function propertySeed(runSeed: number, id: string): number {
  let h = 0x811c9dc5;
  for (const c of `${runSeed}:${id}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h | 0;
}

const quote = (s: string): string => (/^[\w./:=,@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command line that reruns a property, or replays one counterexample of it. */
export function propertyRepro(run: ResolvedRun, property: PropertyJob, replay?: string): string {
  const base = reproLine(run, property.id, property.job.variant.values);
  return `${base} --mode property --runs ${run.runs} --max-steps ${run.maxSteps}${replay ? ` --replay=${quote(replay)}` : ''}`;
}

function parseReplay(replay: string): { seed: number; path: string; replayPath?: string } {
  const [head, replayPath] = replay.split('@') as [string, string | undefined];
  const colon = head.indexOf(':');
  return { seed: Number(head.slice(0, colon)), path: head.slice(colon + 1), ...(replayPath ? { replayPath } : {}) };
}

export interface PropertyRun {
  path: PathResult;
  result: PropertyRunResult;
}

/** Runs one property against the driver and turns it into a path result and a property entry. */
export async function runPropertyJob(property: PropertyJob, driver: Driver, run: ResolvedRun, hooks?: PathHooks): Promise<PropertyRun> {
  const { job } = property;
  const pathId = `${property.id}/property`;
  const base = { id: pathId, machine: job.entry.id, variant: job.variant.values, transitions: [] as string[] };
  const machineSupport = driver.supportsMachine(job.entry.id);
  if (machineSupport !== true) {
    const path: PathResult = { ...base, description: 'property: random walks', status: 'not-applicable', reason: machineSupport.reason, steps: [], repro: propertyRepro(run, property) };
    return { path, result: { id: property.id, machine: job.entry.id, variant: job.variant.values, path: pathId, status: 'not-applicable', reason: machineSupport.reason, runs: 0, commands: 0, durationMs: 0 } };
  }
  const model = new PropertyModel(job.entry, job.variant, driver);
  const replay = run.replay ? parseReplay(run.replay) : undefined;
  const outcome = await runProperty(model, driver, run, {
    runs: run.runs,
    maxSteps: run.maxSteps,
    seed: replay?.seed ?? propertySeed(run.seed, property.id),
    ...(replay ? { replay: { path: replay.path, ...(replay.replayPath ? { replayPath: replay.replayPath } : {}) } } : {}),
  }, pathId);
  return outcome.failure ? failedRun(property, outcome, driver, run, hooks) : passedRun(property, outcome, run);
}

function summary(property: PropertyJob, outcome: PropertyOutcome, pathId: string): Omit<PropertyRunResult, 'status'> {
  const { job } = property;
  return { id: property.id, machine: job.entry.id, variant: job.variant.values, path: pathId, runs: outcome.runs, commands: outcome.commands, durationMs: Math.round(outcome.durationMs) };
}

function passedRun(property: PropertyJob, outcome: PropertyOutcome, run: ResolvedRun): PropertyRun {
  const pathId = `${property.id}/property`;
  const stoppedNote = outcome.stopped.walks ? `; ${outcome.stopped.walks} walk(s) stopped early: ${outcome.stopped.reason}` : '';
  const applicable = outcome.witness.length > 1;
  const path: PathResult = {
    id: pathId,
    machine: property.job.entry.id,
    variant: property.job.variant.values,
    description: `property: ${outcome.runs} random walks, ${outcome.commands} steps, all as the model says. Listed: each step that first took a transition (steps of several walks, not one sequence)${stoppedNote}`,
    status: applicable ? 'passed' : 'not-applicable',
    ...(applicable ? {} : { reason: outcome.stopped.reason ?? 'no step the driver can perform' }),
    steps: outcome.witness,
    repro: propertyRepro(run, property),
    transitions: [...new Set(outcome.witness.flatMap((s) => s.transitions ?? []))],
  };
  return { path, result: { ...summary(property, outcome, pathId), status: path.status } };
}

async function failedRun(property: PropertyJob, outcome: PropertyOutcome, driver: Driver, run: ResolvedRun, hooks?: PathHooks): Promise<PropertyRun> {
  const failure = outcome.failure!;
  const pathId = `${property.id}/property`;
  const model = new PropertyModel(property.job.entry, property.job.variant, driver);
  const replay = `${failure.seed}:${failure.path}${failure.replayPath ? `@${failure.replayPath}` : ''}`;
  const repro = propertyRepro(run, property, replay);
  const shrunk = describeEdges(failure.shrunk);
  const earlier = failure.shrunk.length - failure.failingSession.length;
  const description = `property counterexample, shrunk from ${failure.original.length} to ${failure.shrunk.length} commands in ${failure.shrinks} shrinks: ${shrunk.join(' → ') || '(initial state)'}${earlier ? ` (the path below is the last session; ${earlier} command(s) of earlier sessions came first)` : ''}`;
  const job: PathJob = { id: pathId, entry: property.job.entry, variant: property.job.variant, path: model.pathOf(failure.failingSession, pathId, description), repro };
  // The shrunk sequence again, through path mode: the same checks and evidence as any path.
  const replayed = await executePath(job, driver, run, hooks);
  // The replay did not fail again (a check that acts once per target, or state left by earlier
  // sessions): the walk's own failing step is the evidence, in place of the replay's last step.
  const walkStep = failure.failedStep;
  const steps = replayed.status !== 'failed' && walkStep ? [...replayed.steps.slice(0, failure.failingSession.length), walkStep] : replayed.steps;
  const path: PathResult = replayed.status === 'failed'
    ? replayed
    : { ...replayed, steps, status: 'failed', reason: `${failure.message} (the walk's failure; the path replay on the same target gave ${replayed.status}: a check that runs once per target, or state earlier walks left, so the walk's failing step is reported)` };
  return {
    path,
    result: {
      ...summary(property, outcome, pathId),
      status: 'failed',
      failure: {
        message: failure.message,
        seed: failure.seed,
        path: failure.path,
        ...(failure.replayPath ? { replayPath: failure.replayPath } : {}),
        replay: repro,
        original: describeEdges(failure.original),
        shrunk,
        shrinks: failure.shrinks,
        shrinkMs: Math.round(failure.shrinkMs),
      },
    },
  };
}

/**
 * One property on a driver of its own (fresh embedded servers, users numbered from 1): its
 * result depends on the run's options and the property only, not on what ran before it or on
 * which lane process ran it (pool.ts), and a `--path` rerun starts where the run started.
 */
export async function runIsolated(property: PropertyJob, options: RunOptions, run: ResolvedRun, hooks?: PathHooks): Promise<PropertyRun> {
  const driver = await driverFor(options, run);
  try {
    return await runPropertyJob(property, driver, run, hooks);
  } finally {
    await driver.close();
  }
}

/** Every property of the plan (on `run.jobs` lanes: this process and lane processes), in order; the section for conformance.json. */
export async function runProperties(plan: PreparedPlan, options: RunOptions, run: ResolvedRun, onRun?: (r: PropertyRun) => void): Promise<{ paths: PathResult[]; section: PropertySection }> {
  const started = performance.now();
  const runs: PropertyRun[] = [];
  const onlyValues = run.path?.startsWith('property-values/') === true;
  for (const pending of startProperties(options, run, onlyValues ? [] : propertyJobs(plan, run))) {
    const r = await pending;
    runs.push(r);
    onRun?.(r);
  }
  // The section times the walks only (commands/s); the value properties run after.
  const section = propertySection(run, runs.map((r) => r.result), performance.now() - started);
  const values = run.values ? await runValueProperties(run) : [];
  return { paths: [...runs.map((r) => r.path), ...values], section };
}

export function propertySection(run: ResolvedRun, results: PropertyRunResult[], durationMs: number): PropertySection {
  const commands = results.reduce((n, r) => n + r.commands, 0);
  return {
    runs: run.runs,
    maxSteps: run.maxSteps,
    seed: run.seed,
    commands,
    durationMs: Math.round(durationMs),
    commandsPerSecond: durationMs > 0 ? Math.round((commands / durationMs) * 1000) : 0,
    properties: results,
  };
}
