/**
 * `authconf run --mode property` as Vitest runs it (vitest-run.ts picks this file for the
 * mode): one Vitest test, hence one Allure test, per machine property (machine and variant);
 * a failure's shrunk counterexample is replayed through path mode with one Allure step per
 * step and its evidence. The afterAll hook writes the reports with the property section.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Driver } from '../../models/driver.ts';
import { systemClock } from '../../models/runtime.ts';
import { writeReports } from '../../reports/index.ts';
import type { PropertyRunResult, PathResult } from '../../reports/schema.ts';
import { RUN_CONFIG_ENV } from '../runner/conformance-env.ts';
import { assemble, driverFor, prepare } from '../runner/engine.ts';
import type { PathHooks } from '../runner/execute.ts';
import type { RunOptions } from '../runner/options.ts';
import { type PropertyRun, propertyJobs, propertySection, runIsolated } from './plan.ts';
import { startProperties, usesLanes } from './pool.ts';
import { runValueProperties } from './value-plan.ts';

const configFile = process.env[RUN_CONFIG_ENV];
if (!configFile) throw new Error(`${RUN_CONFIG_ENV} is not set: run this file through 'authconf run --mode property'`);
const options = JSON.parse(readFileSync(configFile, 'utf8')) as RunOptions;
const prepared = await prepare(options);
const paths: PathResult[] = [];
const results: PropertyRunResult[] = [];
const startedAt = systemClock().now();
const t0 = performance.now();
/** The walks' own time (commands/s), the value properties left out. */
/** The walks' wall time: from the first property's start to the last one's end (with --jobs N the tests run at once, so their own times overlap). */
let walksFrom: number | undefined;
let walksTo = 0;
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
  // --jobs N: every property starts now on N lanes (this process and lane processes, pool.ts); each test takes its result.
  if (usesLanes(options, prepared.run, properties.length)) {
    walksFrom = performance.now();
    const started = startProperties(options, prepared.run, properties);
    properties.forEach((p, i) => pending.set(p.id, started[i]!));
  }
});

afterAll(async () => {
  if (!driver) return;
  await driver.close();
  const result = { ...assemble(prepared, driver, paths, startedAt, performance.now() - t0), property: propertySection(prepared.run, results, walksFrom === undefined ? 0 : walksTo - walksFrom) };
  if (prepared.run.out !== null) await writeReports(result, prepared.run.out);
});

/** A step already run, as an Allure step: its status and its text evidence. */
async function allureStepOf(step: PathResult['steps'][number]): Promise<void> {
  await Promise.resolve(allure.step(`${step.event} → ${step.state}`, async () => {
    for (const e of step.evidence ?? []) if (e.text !== undefined) await allure.attachment(e.name, e.text, e.contentType);
    if (step.status === 'failed') throw new Error(step.error?.message ?? 'step failed');
  })).catch(() => undefined); // the failed step is marked failed; the test fails on the path's status after
}

const onlyValues = prepared.run.path?.startsWith('property-values/') === true;
const properties = onlyValues ? [] : propertyJobs(prepared.plan, prepared.run);
const pending = new Map<string, Promise<PropertyRun>>();
for (const machine of [...new Set(properties.map((p) => p.job.entry.id))]) {
  describe(machine, () => {
    for (const property of properties.filter((p) => p.job.entry.id === machine)) {
      test(`${property.id}/property`, async (context) => {
        await allure.epic(property.job.entry.title);
        await allure.feature(machine);
        await allure.parameter('variant', JSON.stringify(property.job.variant.values));
        await allure.parameter('seed', String(prepared.run.seed));
        await allure.parameter('runs', String(prepared.run.runs));
        walksFrom ??= performance.now();
        // Each property on a driver of its own (plan.ts runIsolated): the same result here as on a lane process.
        const ran = pending.get(property.id);
        const { path, result } = ran ? await ran : await runIsolated(property, options, prepared.run, allureHooks);
        // A property run on a lane ahead of its test: its replayed path's steps become the test's Allure steps now.
        if (ran) for (const step of path.steps) await allureStepOf(step);
        walksTo = Math.max(walksTo, performance.now());
        paths.push(path);
        results.push(result);
        for (const id of new Set(path.steps.flatMap((s) => s.requirements))) await allure.story(id);
        await allure.description(`${path.description}\n\n${result.runs} walks, ${result.commands} steps\n\nrepro: ${path.repro}`);
        if (result.failure) await allure.attachment('counterexample', `original (${result.failure.original.length}): ${result.failure.original.join(' → ')}\n\nshrunk (${result.failure.shrunk.length}, ${result.failure.shrinks} shrinks, ${result.failure.shrinkMs} ms): ${result.failure.shrunk.join(' → ')}\n\nreplay: ${result.failure.replay}`, 'text/plain');
        if (path.status === 'not-applicable') context.skip(path.reason);
        if (path.status === 'failed') throw new Error(path.reason ?? 'property failed');
      });
    }
  });
}

// The value properties and races of the plan (value-plan.ts): one test, one path per check.
describe('property-values', () => {
  test.skipIf(!prepared.run.values || (prepared.run.path !== undefined && !onlyValues))('value properties and races', async () => {
    await allure.epic('Value properties and races');
    await allure.feature('property-values');
    const values = await runValueProperties(prepared.run);
    paths.push(...values);
    for (const id of new Set(values.flatMap((p) => p.steps.flatMap((s) => s.requirements)))) await allure.story(id);
    await allure.description(values.map((p) => `${p.status}: ${p.id}${p.reason ? ` - ${p.reason}` : ''}`).join('\n\n'));
    const failed = values.filter((p) => p.status === 'failed');
    if (failed.length) throw new Error(failed.map((p) => `${p.id}: ${p.reason ?? 'failed'}`).join('\n'));
  });
});
