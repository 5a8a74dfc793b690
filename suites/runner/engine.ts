/**
 * The engine, one function: `runPlan(options) → ConformanceResult`. Resolves the options,
 * prepares the path jobs, opens the driver, runs every path in order, builds the result with
 * the reports' `buildResult` and writes the reports when `out` is set. The Vitest runner
 * (`conformance.run.ts`) uses the same pieces, so the CLI and the tests run one engine.
 */
import { performance } from 'node:perf_hooks';
import type { Driver } from '../../models/driver.ts';
import { isRequirementId, requirements as registry } from '../../models/requirements.ts';
import { systemClock } from '../../models/runtime.ts';
import { writeReports } from '../../reports/index.ts';
import type { ConformanceResult, PathResult, RunInfo } from '../../reports/schema.ts';
import { buildResult, type RequirementRegistry } from '../../reports/summarize.ts';
import { createDriver } from '../drivers/index.ts';
import { loadMachines } from '../plans/registry.ts';
import type { ModelEntry } from '../paths/types.ts';
import { executePath, type PathHooks } from './execute.ts';
import { type ResolvedRun, resolveRunOptions, type RunOptions } from './options.ts';
import { type PreparedPlan, preparePlan } from './prepare.ts';

export const AUTHCONF_VERSION = '0.1.0';

export interface Prepared {
  run: ResolvedRun;
  plan: PreparedPlan;
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
  const machines = options.machines ?? (await fixture(options))?.machines ?? (await loadMachines());
  // Property mode names a property with --path (<machine>/<variant>): suites/property/plan.ts selects it.
  return { run, plan: preparePlan(run.mode === 'property' ? { ...run, path: undefined } : run, machines) };
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
  };
}

/** The requirements a run answers for: all of them for `all`, else those the plan's machines cite. */
function registryOf(prepared: Prepared): RequirementRegistry {
  if (prepared.run.plan === 'all') return registry;
  return Object.fromEntries(prepared.plan.cited.filter(isRequirementId).map((id) => [id, registry[id]]));
}

export function assemble(prepared: Prepared, driver: Driver, paths: PathResult[], startedAt: number, durationMs: number): ConformanceResult {
  return buildResult(runInfo(prepared, driver, startedAt, durationMs), paths, registryOf(prepared), prepared.plan.machines);
}

/** Run a plan in-process and return its result (writes the reports too unless `out: null`). */
export async function runPlan(options: RunOptions = {}, hooks?: PathHooks): Promise<ConformanceResult> {
  const prepared = await prepare(options);
  if (prepared.run.mode === 'property') return (await import('../property/engine.ts')).runPropertyPlan(options, prepared);
  const startedAt = systemClock().now();
  const t0 = performance.now();
  const driver = await driverFor(options, prepared.run);
  const paths: PathResult[] = [];
  try {
    for (const job of prepared.plan.jobs) {
      const result = await executePath(job, driver, prepared.run, hooks);
      paths.push(result);
      options.onPath?.(result);
    }
  } finally {
    await driver.close();
  }
  const result = assemble(prepared, driver, paths, startedAt, performance.now() - t0);
  if (prepared.run.out !== null) await writeReports(result, prepared.run.out);
  return result;
}

/** Exit code of a run (DESIGN.md "Command line"): 0 every applicable MUST passed, else 1. */
export function exitCodeOf(result: ConformanceResult): 0 | 1 {
  return result.summary.mustPassed ? 0 : 1;
}
