/**
 * `--mode property --jobs 2` (pool.ts): the properties run in this process and a lane process,
 * each on a driver of its own, and every property's result is the one a single lane gives, in
 * the plan's order. A lane process, driven alone, gives a property the result this process gives.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../models/error-codes.ts';
import { runPlan } from '../runner/engine.ts';
import { resolveRunOptions } from '../runner/options.ts';
import { prepare } from '../runner/engine.ts';
import { propertyJobs, runIsolated } from './plan.ts';
import { forkLane, type LaneMessage } from './pool.ts';

const base = { plan: 'adapter', driver: 'api', out: null, mode: 'property', runs: 3, maxSteps: 8, values: false } as const;
const summary = (r: Awaited<ReturnType<typeof runPlan>>) =>
  r.property!.properties.map((p) => ({ id: p.id, status: p.status, commands: p.commands, steps: r.paths.find((q) => q.id === p.path)!.steps.map((s) => `${s.event}→${s.state}`) }));

describe('property mode on lanes', () => {
  it('a lane process prepares the plan, says it is ready, and gives a property the result this process gives', async () => {
    const prepared = await prepare(base);
    const property = propertyJobs(prepared.plan, prepared.run)[1]!;
    const here = await runIsolated(property, base, prepared.run);
    const lane = forkLane(base);
    try {
      const messages: LaneMessage[] = [];
      const answered = new Promise<void>((resolve) => {
        lane.on('message', (message: LaneMessage) => {
          messages.push(message);
          if ('ready' in message) lane.send(property.id);
          else resolve();
        });
      });
      await answered;
      expect(messages[0]).toEqual({ ready: true });
      const answer = messages[1]!;
      expect('run' in answer).toBe(true);
      const { durationMs: _inLane, ...fromLane } = (answer as { run: typeof here }).run.result;
      const { durationMs: _here, ...fromHere } = here.result;
      expect(fromLane).toEqual(fromHere);
      expect(fromLane.commands).toBeGreaterThan(0);
      const exited = new Promise<number | null>((resolve) => lane.on('exit', (code) => resolve(code)));
      lane.disconnect();
      // The run that started it is gone: so is the lane.
      expect(await exited).toBe(0);
    } finally {
      lane.kill();
    }
  }, 60_000);

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
