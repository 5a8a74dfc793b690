/**
 * `--mode property --jobs 2` (pool.ts): the properties run on this thread and a worker thread,
 * each on a driver of its own, and every property's result is the one a single lane gives, in
 * the plan's order.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../models/error-codes.ts';
import { runPlan } from '../runner/engine.ts';
import { resolveRunOptions } from '../runner/options.ts';

const base = { plan: 'adapter', driver: 'api', out: null, mode: 'property', runs: 3, maxSteps: 8, values: false } as const;
const summary = (r: Awaited<ReturnType<typeof runPlan>>) =>
  r.property!.properties.map((p) => ({ id: p.id, status: p.status, commands: p.commands, steps: r.paths.find((q) => q.id === p.path)!.steps.map((s) => `${s.event}→${s.state}`) }));

describe('property mode on worker threads', () => {
  it('gives each property the result one lane gives, in the plan order', async () => {
    const one = await runPlan({ ...base, jobs: 1 });
    const two = await runPlan({ ...base, jobs: 2 });
    expect(one.property!.properties.length).toBeGreaterThan(1);
    expect(summary(two)).toEqual(summary(one));
    expect(two.summary.verdict).toBe(one.summary.verdict);
  }, 60_000);

  it('refuses --jobs with --replay (one property) and under the browser driver', () => {
    expect(() => resolveRunOptions({ ...base, jobs: 2, path: 'a/b', replay: '1:0' })).toThrow(UsageError);
    expect(() => resolveRunOptions({ ...base, driver: 'puppeteer', jobs: 2 })).toThrow(/sim and api drivers/);
  });
});
