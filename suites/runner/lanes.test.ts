import { describe, expect, it } from 'vitest';
import type { Driver } from '../../models/driver.ts';
import { toyEntry } from '../paths/fixtures/toy-pairing.ts';
import { runPlan } from './engine.ts';
import { toyDriver } from './fixtures/toy-driver.ts';
import { inPlanOrder, Lanes } from './lanes.ts';

describe('--jobs N: lanes, a driver each', () => {
  it('never puts two paths on one driver at once, starts at most N drivers, and waits for a free lane', async () => {
    let started = 0;
    const lanes = new Lanes(2, async () => ({ name: `lane ${++started}` }) as unknown as Driver);
    const busy = new Set<Driver>();
    let most = 0;
    const task = (i: number) =>
      lanes.use(async (driver) => {
        expect(busy.has(driver)).toBe(false);
        busy.add(driver);
        most = Math.max(most, busy.size);
        await new Promise((resolve) => setTimeout(resolve, 5 + (i % 3)));
        busy.delete(driver);
        return i;
      });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map(task))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toBe(2);
    expect(most).toBe(2);
    expect((await lanes.started()).length).toBe(2);
  });

  it('gives a lane back when its path throws', async () => {
    const lanes = new Lanes(1, async () => ({}) as Driver);
    await expect(lanes.use(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lanes.use(async () => 'next')).toBe('next');
  });

  it('keeps the plan order of results that finished in another order', () => {
    expect(inPlanOrder([{ id: 'b' }, { id: 'c' }, { id: 'a' }], [{ id: 'a' }, { id: 'b' }, { id: 'c' }]).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('a run with --jobs 3 gives the verdicts, paths and order of a run with one lane, on three drivers', async () => {
    let drivers = 0;
    const base = { plan: 'all', machines: [toyEntry], out: null, driverFactory: async () => (drivers++, toyDriver()) } as const;
    const one = await runPlan(base);
    drivers = 0;
    const three = await runPlan({ ...base, jobs: 3 });
    expect(drivers).toBe(3);
    expect(three.paths.map((p) => [p.id, p.status])).toEqual(one.paths.map((p) => [p.id, p.status]));
    expect(three.requirements.map((r) => [r.id, r.status])).toEqual(one.requirements.map((r) => [r.id, r.status]));
    expect(three.summary.verdict).toBe(one.summary.verdict);
  });

  it('a lane whose driver never starts: its paths are reported as errors and the run is INCOMPLETE, none goes missing', async () => {
    let drivers = 0;
    const base = { plan: 'all', machines: [toyEntry], out: null } as const;
    const planned = (await runPlan({ ...base, driverFactory: async () => toyDriver() })).paths.map((p) => p.id);
    const run = await runPlan({ ...base, jobs: 2, driverFactory: async () => (++drivers > 1 ? Promise.reject(new Error('the second lane would not start')) : toyDriver()) });
    expect(run.paths.map((p) => p.id)).toEqual(planned);
    const errored = run.paths.filter((p) => p.status === 'error');
    expect(errored.length).toBeGreaterThan(0);
    expect(errored.every((p) => p.error?.phase === 'set-up' && p.error.message.includes('the second lane would not start'))).toBe(true);
    expect(run.summary.verdict).toBe('INCOMPLETE');
  });
});
