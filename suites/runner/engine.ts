/**
 * The engine, one function: `runPlan(options) → ConformanceResult`. Resolves the options,
 * prepares the path jobs, opens the driver, runs every path in order, builds the result with
 * the reports' `buildResult` and writes the reports when `out` is set. The Vitest runner
 * (`conformance.run.ts`) uses the same pieces, so the CLI and the tests run one engine.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Driver } from '../../models/driver.ts';
import { isRequirementId, type Requirement, requirementIds, requirements as registry } from '../../models/requirements.ts';
import { systemClock } from '../../models/runtime.ts';
import { writeReports } from '../../reports/index.ts';
import type { ConformanceResult, PathResult, RunInfo } from '../../reports/schema.ts';
import { buildResult, type RequirementRegistry } from '../../reports/summarize.ts';
import { createDriver } from '../drivers/index.ts';
import { outOfScopeOf } from '../plans/plans.ts';
import { loadMachines } from '../plans/registry.ts';
import type { ModelEntry } from '../paths/types.ts';
import { Lanes } from './lanes.ts';
import { executePath, type PathHooks, unrunPath } from './execute.ts';
import { type ResolvedRun, resolveRunOptions, type RunOptions } from './options.ts';
import { type PreparedPlan, preparePlan } from './prepare.ts';

/** The harness version: package.json's (`authconf --version` prints the same). */
export const AUTHCONF_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Prepared {
  run: ResolvedRun;
  plan: PreparedPlan;
  /** The machines came from the options or a fixture module, not the models' registry (harness self-tests). */
  fixtureMachines?: boolean;
}

interface FixtureModule {
  machines: ModelEntry[];
  createDriver(run: ResolvedRun): Promise<Driver>;
}

async function fixture(options: RunOptions): Promise<FixtureModule | undefined> {
  return options.fixtureModule ? ((await import(options.fixtureModule)) as FixtureModule) : undefined;
}

export async function prepare(options: RunOptions): Promise<Prepared> {
  const run = resolveRunOptions(options);
  if (run.target) await (await import('../drivers/api/driver.ts')).checkTargetReachable(run.target);
  const custom = options.machines ?? (await fixture(options))?.machines;
  const machines = custom ?? (await loadMachines());
  // Property mode names a property with --path (<machine>/<variant>): suites/property/plan.ts selects it.
  return { run, plan: preparePlan(run.mode === 'property' ? { ...run, path: undefined } : run, machines), ...(custom ? { fixtureMachines: true } : {}) };
}

/** The driver for a run: the options' factory, a fixture module's, or the real one. */
export async function driverFor(options: RunOptions, run: ResolvedRun): Promise<Driver> {
  if (options.driverFactory) return options.driverFactory(run);
  const module = await fixture(options);
  return module ? module.createDriver(run) : createDriver(run);
}

export function runInfo(prepared: Prepared, driver: Driver, startedAt: number, durationMs: number): RunInfo {
  const { run, plan } = prepared;
  return {
    plan: run.plan,
    driver: run.driver,
    target: driver.target,
    variants: plan.variants,
    deviations: run.deviations,
    seed: run.seed,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.round(durationMs),
    coverage: run.coverage,
    authconfVersion: AUTHCONF_VERSION,
    ...(run.shard ? { shard: { ...run.shard } } : {}),
  };
}

/**
 * The requirements a run answers for: all of them for `all`, else those the plan's machines cite
 * (fixture machines: theirs), and for a replay (`--path`) those its path reaches; the registry's
 * OUT-OF-SCOPE entries are listed in every report (never in a verdict).
 */
function registryOf(prepared: Prepared): RequirementRegistry {
  const outOfScope = requirementIds.filter((id) => (registry[id] as Requirement).level === 'OUT-OF-SCOPE');
  // Replaying one path (--path): its scope is what that path reaches, so a replay that passes can PASS.
  if (prepared.run.path !== undefined) {
    const reached = prepared.plan.jobs.flatMap((job) => job.path.steps.flatMap((step) => step.requirements));
    return Object.fromEntries([...reached.filter(isRequirementId), ...outOfScope].map((id) => [id, registry[id]]));
  }
  if (prepared.run.plan === 'all' && !prepared.fixtureMachines) return registry;
  return Object.fromEntries([...prepared.plan.cited.filter(isRequirementId), ...outOfScope].map((id) => [id, registry[id]]));
}

export function assemble(prepared: Prepared, driver: Driver, paths: PathResult[], startedAt: number, durationMs: number): ConformanceResult {
  return buildResult(runInfo(prepared, driver, startedAt, durationMs), paths, registryOf(prepared), prepared.plan.machines, outOfScopeOf(prepared.run.plan));
}

/** Run a plan in-process and return its result (writes the reports too unless `out: null`). */
export async function runPlan(options: RunOptions = {}, hooks?: PathHooks): Promise<ConformanceResult> {
  const prepared = await prepare(options);
  if (prepared.run.mode === 'property') return (await import('../property/engine.ts')).runPropertyPlan(options, prepared);
  const startedAt = systemClock().now();
  const t0 = performance.now();
  // --jobs N: N paths at once, each on a lane of its own (lanes.ts, which queues the rest in plan order).
  const lanes = new Lanes(prepared.run.jobs, () => driverFor(options, prepared.run));
  let paths: PathResult[];
  let driver: Driver;
  try {
    // The first lane starts before any path: a driver that cannot start fails the run, once.
    driver = await lanes.use(async (first) => first);
    paths = await Promise.all(
      prepared.plan.jobs.map(async (job) => {
        // A throw outside executePath's own handling (a later lane's driver never started) is reported, as an error.
        const result = await lanes.use((lane) => executePath(job, lane, prepared.run, hooks)).catch((error: unknown) => unrunPath(job, error));
        options.onPath?.(result);
        return result;
      }),
    );
  } finally {
    await lanes.close();
  }
  const result = assemble(prepared, driver, paths, startedAt, performance.now() - t0);
  if (prepared.run.out !== null) await writeReports(result, prepared.run.out);
  return result;
}

/** Exit code of a run (DESIGN.md "Command line"): 0 on PASS, 1 on FAIL or INCOMPLETE (2, usage errors, is the CLI's). */
export function exitCodeOf(result: ConformanceResult): 0 | 1 {
  return result.summary.verdict === 'PASS' ? 0 : 1;
}
