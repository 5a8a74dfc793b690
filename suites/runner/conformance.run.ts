/**
 * The conformance suite as Vitest runs it (`authconf run` starts Vitest on this file). Not a
 * `*.test.ts`: `npm test` does not pick it up; it reads its run from the JSON file named by
 * AUTHCONF_RUN_CONFIG. One Vitest test per model path; Allure labels epic = flow, feature =
 * machine, story = requirement; one Allure step per path step with its evidence attached. The
 * afterAll hook assembles the ConformanceResult and writes the reports.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Driver } from '../../models/driver.ts';
import { systemClock } from '../../models/runtime.ts';
import { writeReports } from '../../reports/index.ts';
import type { PathResult } from '../../reports/schema.ts';
import { assemble, driverFor, prepare } from './engine.ts';
import { executePath, type PathHooks } from './execute.ts';
import type { RunOptions } from './options.ts';

import { RUN_CONFIG_ENV } from './conformance-env.ts';

const configFile = process.env[RUN_CONFIG_ENV];
if (!configFile) throw new Error(`${RUN_CONFIG_ENV} is not set: run this file through 'authconf run'`);
const options = JSON.parse(readFileSync(configFile, 'utf8')) as RunOptions;
const prepared = await prepare(options);
const results: PathResult[] = [];
const startedAt = systemClock().now();
const t0 = performance.now();
let driver: Driver | undefined;

const allureHooks: PathHooks = {
  step: async (name, body) => {
    let value: Awaited<ReturnType<typeof body>> | undefined;
    await allure.step(name, async () => {
      value = await body();
    });
    return value as Awaited<ReturnType<typeof body>>;
  },
  attach: async (e) => {
    await allure.attachment(e.name, typeof e.body === 'string' ? e.body : Buffer.from(e.body), e.contentType);
  },
};

beforeAll(async () => {
  driver = await driverFor(options, prepared.run);
});

afterAll(async () => {
  if (!driver) return;
  await driver.close();
  const result = assemble(prepared, driver, results, startedAt, performance.now() - t0);
  if (prepared.run.out !== null) await writeReports(result, prepared.run.out);
});

const byMachine = new Map<string, typeof prepared.plan.jobs>();
for (const job of prepared.plan.jobs) byMachine.set(job.entry.id, [...(byMachine.get(job.entry.id) ?? []), job]);
for (const [machine, jobs] of byMachine) {
  describe(machine, () => {
    for (const job of jobs) {
      test(job.id, async (context) => {
        await allure.epic(job.entry.title);
        await allure.feature(machine);
        for (const id of new Set(job.path.steps.flatMap((s) => s.requirements))) await allure.story(id);
        await allure.parameter('variant', JSON.stringify(job.variant.values));
        await allure.parameter('seed', String(prepared.run.seed));
        await allure.description(`${job.path.description}\n\nrepro: ${job.repro}`);
        const result = await executePath(job, driver!, prepared.run, allureHooks);
        results.push(result);
        if (result.status === 'not-applicable') context.skip(result.reason);
        if (result.status === 'failed') throw new Error(result.reason ?? 'path failed');
        // An error is not a failed check (status 'error' in conformance.json; Allure may show it as broken).
        if (result.status === 'error') throw Object.assign(new Error(`error: ${result.reason ?? 'path errored'}`), result.error?.stack ? { stack: result.error.stack } : {});
      });
    }
  });
}
