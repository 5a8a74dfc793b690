/**
 * `--driver puppeteer` judges like `--driver sim` (issue 10 item 3): the same plan on the same
 * variant gives the same requirement verdicts in Chromium on the sims' web builds as in-process,
 * and every sim-side deviation (models/deviations.ts) fails the requirement it breaks in the
 * browser too. Per deviation, the sim driver finds the path that catches it (fast, in-process) and
 * that one path is replayed in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { deviations, type DeviationName } from '../../../models/deviations.ts';
import { flowMachines } from '../../../models/machines/index.ts';
import type { ConformanceResult } from '../../../reports/schema.ts';
import { deviationReach } from '../../deviation-reach.ts';
import { runPlan } from '../../runner/engine.ts';

const verdicts = (result: ConformanceResult): Record<string, string> => Object.fromEntries(result.requirements.map((r) => [r.id, r.status]));
const entry = (id: string) => ({ ...flowMachines.find((m) => m.id === id)! });

describe('--driver puppeteer', () => {
  it('gives the same requirement verdicts as --driver sim on desktop sign-on, with a PNG screenshot on every app and portal step', async () => {
    const options = { plan: 'desktop', machines: [entry('desktop-signon')], variants: [], out: null } as const;
    const sim = await runPlan({ ...options, driver: 'sim' });
    const browser = await runPlan({ ...options, driver: 'puppeteer' });
    expect(browser.summary.verdict).toBe('PASS');
    expect(verdicts(browser)).toEqual(verdicts(sim));
    expect(browser.summary.coverage.transitions.covered).toBe(browser.summary.coverage.transitions.total);
    const steps = browser.paths.flatMap((p) => p.steps).filter((s) => s.status === 'passed' && s.event !== 'xstate.init' && s.event !== 'CLOCK.ADVANCE');
    const withoutShot = steps.filter((s) => !(s.evidence ?? []).some((e) => e.contentType === 'image/png' && /screenshot/.test(e.name)));
    expect(withoutShot.map((s) => s.event)).toEqual([]);
  }, 240_000);

  const simSide = (Object.keys(deviations) as DeviationName[]).filter((n) => deviations[n].side !== 'server');
  for (const name of simSide) {
    it(`catches the sim-side deviation ${name} (${deviations[name].breaks}) in the browser`, async () => {
      const where = deviationReach[name];
      const options = { plan: where.plan, machines: [entry(where.machine)], variants: where.variants, deviations: [name], out: null };
      const sim = await runPlan({ ...options, driver: 'sim' });
      const catching = sim.paths.find((p) => p.steps.some((s) => s.checks.some((c) => c.status === 'failed' && c.requirements.includes(deviations[name].breaks))));
      expect(catching, `the sim driver catches ${name}`).toBeDefined();
      const browser = await runPlan({ ...options, driver: 'puppeteer', path: catching!.id });
      expect(browser.requirements.find((r) => r.id === deviations[name].breaks)?.status).toBe('failed');
    }, 120_000);
  }
});
