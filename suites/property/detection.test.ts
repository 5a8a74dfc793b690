/**
 * Property mode finds faults on its own (issue 12): every server-side deviation
 * (models/deviations.ts) fails `--mode property` within the default runs, on the requirement it
 * breaks, and the shrunk counterexample is at most a few steps longer than the model's shortest
 * way to the transition that failed. Per deviation only the machine and variant that reach it run.
 * The security holes (suites/checks/security/) are caught by the probes the walks' states run, once
 * per target; the failing walk step is the evidence even when the replay on the same target passes.
 */
import { describe, expect, it } from 'vitest';
import { deviations, type DeviationName } from '../../models/deviations.ts';
import { flowMachines } from '../../models/machines/index.ts';
import { variantOf } from '../plans/variants.ts';
import { exitCodeOf, runPlan } from '../runner/engine.ts';
import { createSimDriver } from '../drivers/sim/driver.ts';
import { resolveRunOptions } from '../runner/options.ts';
import { PropertyModel } from './model.ts';
import { deviationReach as reach } from '../deviation-reach.ts';

/** How much longer than the shortest way to the failing transition a shrunk counterexample may be. */
const SLACK_STEPS = 3;

const serverSide = (Object.keys(deviations) as DeviationName[]).filter((n) => deviations[n].side === 'server');

describe('--mode property catches every server-side deviation with a short counterexample', () => {
  for (const name of serverSide) {
    const where = reach[name];
    it(`${name}: fails ${deviations[name].breaks}`, async () => {
      const entry = flowMachines.find((m) => m.id === where.machine)!;
      const result = await runPlan({ plan: where.plan, machines: [{ ...entry }], variants: where.variants, deviations: [name], mode: 'property', values: false, out: null });
      expect(exitCodeOf(result)).toBe(1);
      const verdict = result.requirements.find((r) => r.id === deviations[name].breaks);
      expect(verdict?.status, `${deviations[name].breaks}: ${verdict?.reason ?? 'not in the result'}`).toBe('failed');
      const failed = result.property!.properties.find((p) => p.status === 'failed')!;
      const path = result.paths.find((p) => p.id === failed.path)!;
      // The random walk itself failed on the requirement the deviation breaks.
      expect(path.steps.flatMap((s) => s.checks.filter((c) => c.status === 'failed').flatMap((c) => c.requirements))).toContain(deviations[name].breaks);
      expect(path.repro).toContain(`--replay=${failed.failure!.seed}:`);
      // The shortest way, in the model, to the transition the failing step took.
      const failingStep = path.steps.find((s) => s.status === 'failed')!;
      const run = resolveRunOptions({ plan: where.plan, variants: where.variants, out: null });
      const model = new PropertyModel({ ...entry }, variantOf(path.variant), createSimDriver(run));
      const shortest = Math.min(...(failingStep.transitions ?? []).map((l) => model.routeTo(model.initial, l)?.length ?? Infinity));
      expect(failed.failure!.shrunk.length, `shrunk: ${failed.failure!.shrunk.join(' → ')}`).toBeLessThanOrEqual(shortest + SLACK_STEPS);
    }, 120_000);
  }
});
