/**
 * The conformance suite as Vitest runs it (`authconf run` starts Vitest on this file). Not a
 * `*.test.ts`: `npm test` does not pick it up; it reads its run from the JSON file named by
 * AUTHCONF_RUN_CONFIG. One Vitest test per model path, nested plan > machine > variant (Allure's
 * parentSuite / suite / subSuite); Behaviors: epic = flow, feature = machine, story = each
 * requirement a check on the path answered for. A failed check throws an assertion (Allure:
 * failed), a throw that is not a check a HarnessError (broken), a not-applicable path skips with
 * its reason. One Allure step per path step with its evidence attached. The afterAll hook
 * assembles the ConformanceResult and writes the reports.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { systemClock } from '../../models/runtime.ts';
import { writeReports } from '../../reports/index.ts';
import type { PathResult } from '../../reports/schema.ts';
import { assemble, driverFor, prepare } from './engine.ts';
import { allureStatusOf, checkedRequirements, ConformanceAssertionError, HarnessError, NOT_APPLICABLE_STEP, planOf } from './allure-results.ts';
import { CheckError, NotApplicableError } from './errors.ts';
import { executePath, type PathHooks, unrunPath } from './execute.ts';
import { inPlanOrder, Lanes } from './lanes.ts';
import type { RunOptions } from './options.ts';
import { variantId } from '../plans/variants.ts';

import { RUN_CONFIG_ENV } from './conformance-env.ts';

const configFile = process.env[RUN_CONFIG_ENV];
if (!configFile) throw new Error(`${RUN_CONFIG_ENV} is not set: run this file through 'authconf run'`);
const options = JSON.parse(readFileSync(configFile, 'utf8')) as RunOptions;
const prepared = await prepare(options);
const results: PathResult[] = [];
const startedAt = systemClock().now();
const t0 = performance.now();

/** `--jobs N` lanes, a driver each (lanes.ts). */
const lanes = new Lanes(prepared.run.jobs, () => driverFor(options, prepared.run));

/** The Allure hooks of one path; its first throw that was not a check is kept in `errors.harness`. */
function allureHooksOf(errors: { harness?: string }): PathHooks {
  return {
    step: async (name, body) => {
      let value: Awaited<ReturnType<typeof body>> | undefined;
      await allure.step(name, async () => {
        try {
          value = await body();
        } catch (error) {
          if (!(error instanceof CheckError) && !(error instanceof NotApplicableError)) errors.harness ??= error instanceof Error ? error.message : String(error);
          throw error;
        }
      });
      return value as Awaited<ReturnType<typeof body>>;
    },
    attach: async (e) => {
      await allure.attachment(e.name, typeof e.body === 'string' ? e.body : Buffer.from(e.body), e.contentType);
    },
  };
}

beforeAll(async () => {
  // The first lane starts before any path (a driver that cannot start fails the run here, once).
  await lanes.use(async () => undefined);
});

afterAll(async () => {
  const drivers = await lanes.started();
  if (drivers.length === 0) return;
  await lanes.close();
  const result = assemble(prepared, drivers[0]!, inPlanOrder(results, prepared.plan.jobs), startedAt, performance.now() - t0);
  if (prepared.run.out !== null) await writeReports(result, prepared.run.out);
});

/** plan -> machine -> variant -> jobs, in the plan's order (the Allure tree: parentSuite / suite / subSuite). */
const tree = new Map<string, Map<string, Map<string, typeof prepared.plan.jobs>>>();
for (const job of prepared.plan.jobs) {
  const machines = tree.get(planOf(job.entry, prepared.run.plan)) ?? new Map<string, Map<string, typeof prepared.plan.jobs>>();
  tree.set(planOf(job.entry, prepared.run.plan), machines);
  const variants = machines.get(job.entry.id) ?? new Map<string, typeof prepared.plan.jobs>();
  machines.set(job.entry.id, variants);
  const vid = variantId(job.variant.values);
  variants.set(vid, [...(variants.get(vid) ?? []), job]);
}

async function runJob(job: (typeof prepared.plan.jobs)[number], skip: (note?: string) => never): Promise<void> {
  await allure.epic(job.entry.title);
  await allure.feature(job.entry.id);
  await allure.parameter('variant', JSON.stringify(job.variant.values));
  await allure.parameter('seed', String(prepared.run.seed));
  await allure.description(`${job.path.description}\n\nrepro: ${job.repro}`);
  const errors: { harness?: string } = {};
  let result: PathResult;
  try {
    result = await lanes.use((driver) => executePath(job, driver, prepared.run, allureHooksOf(errors)));
  } catch (error) {
    // A throw outside the steps (opening the path, closing it, a lane whose driver never started) is
    // the harness's or the target's: the path is still reported, as an error (the run is INCOMPLETE).
    results.push(unrunPath(job, error));
    throw new HarnessError(`${error instanceof Error ? error.message : String(error)}\nrepro: ${job.repro}`, { cause: error });
  }
  results.push(result);
  for (const id of checkedRequirements(result)) await allure.story(id);
  const status = allureStatusOf(result.status, errors.harness !== undefined);
  if (status === 'skipped') {
    await allure.logStep(`${NOT_APPLICABLE_STEP}${result.reason ?? 'not applicable'}`, allure.Status.SKIPPED);
    skip(result.reason);
  }
  if (status === 'failed') throw new ConformanceAssertionError(result.reason ?? 'a check failed');
  if (status === 'broken') throw new HarnessError(result.reason ?? errors.harness ?? 'the path errored');
}

for (const [plan, machines] of tree) {
  describe(plan, () => {
    for (const [machine, variants] of machines) {
      describe(machine, () => {
        for (const [variant, jobs] of variants) {
          describe(variant, () => {
            for (const job of jobs) test(job.id, (context) => runJob(job, (note) => context.skip(note)));
          });
        }
      });
    }
  });
}
