/**
 * The conformance plan as Stryker's Vitest runner sees it (`npm run mutants`): one Vitest test per
 * model path, failing when the path does not pass, so a mutant of the reference server or the
 * sims is *killed* exactly when the conformance plan notices it. Not a `*.test.ts` (npm test does
 * not run it). The path plan (pure models, never mutated) is prepared once per Vitest worker and
 * kept on globalThis across Stryker's re-runs; the drivers, servers and sims (the mutated code)
 * are built afresh on every run, so a mutant in their start-up code is exercised too.
 * AUTHCONF_MUTANTS_PLAN picks the plan (default all).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Driver } from '../../models/driver.ts';
import { driverFor, prepare, type Prepared } from '../runner/engine.ts';
import { executePath } from '../runner/execute.ts';
import type { RunOptions } from '../runner/options.ts';

const options: RunOptions = { plan: process.env['AUTHCONF_MUTANTS_PLAN'] ?? 'all', out: null };
const memo = globalThis as { authconfMutantsPlan?: Promise<Prepared> };
const prepared = await (memo.authconfMutantsPlan ??= prepare(options));
let driver: Driver | undefined;

beforeAll(async () => {
  driver = await driverFor(options, prepared.run);
});
afterAll(async () => {
  await driver?.close();
});

const byMachine = new Map<string, typeof prepared.plan.jobs>();
for (const job of prepared.plan.jobs) byMachine.set(job.entry.id, [...(byMachine.get(job.entry.id) ?? []), job]);
for (const [machine, jobs] of byMachine) {
  describe(machine, () => {
    for (const job of jobs) {
      test(job.id, async (context) => {
        const result = await executePath(job, driver!, prepared.run);
        if (result.status === 'not-applicable') context.skip(result.reason);
        if (result.status !== 'passed') throw new Error(result.reason ?? `path ${result.status}`);
      });
    }
  });
}
