/**
 * `runPlan` for `--mode property` (the engine's hook calls this): the same preparation, driver
 * and reports as path mode, with the properties of `plan.ts` instead of the model's paths.
 */
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../models/runtime.ts';
import { writeReports } from '../../reports/index.ts';
import type { ConformanceResult } from '../../reports/schema.ts';
import { assemble, driverFor, type Prepared } from '../runner/engine.ts';
import type { RunOptions } from '../runner/options.ts';
import { runProperties } from './plan.ts';

export async function runPropertyPlan(options: RunOptions, prepared: Prepared): Promise<ConformanceResult> {
  const startedAt = systemClock().now();
  const t0 = performance.now();
  const driver = await driverFor(options, prepared.run);
  let outcome: Awaited<ReturnType<typeof runProperties>>;
  try {
    outcome = await runProperties(prepared.plan, options, prepared.run, (r) => options.onPath?.(r.path));
  } finally {
    await driver.close();
  }
  const result: ConformanceResult = { ...assemble(prepared, driver, outcome.paths, startedAt, performance.now() - t0), property: outcome.section };
  if (prepared.run.out !== null) await writeReports(result, prepared.run.out);
  return result;
}
