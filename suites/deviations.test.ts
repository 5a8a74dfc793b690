/**
 * Detection: a conformance harness is only as good as the faults it catches. For each named
 * deviation (models/deviations.ts), run the engine in-process on the narrowest plan, machine
 * and variant that reaches it, and assert the run fails (exit code 1) with the requirement the
 * deviation breaks reported failed.
 */
import { describe, expect, it } from 'vitest';
import { deviations, type DeviationName } from '../models/deviations.ts';
import { flowMachines } from '../models/machines/index.ts';
import { deviationReach as reach, type Reach } from './deviation-reach.ts';
import { exitCodeOf, runPlan } from './runner/engine.ts';

describe('every deviation is caught on the requirement it breaks', () => {
  for (const [name, where] of Object.entries(reach) as [DeviationName, Reach][]) {
    const breaks = deviations[name].breaks;
    it(`${name} fails ${breaks}`, async () => {
      const machines = flowMachines.filter((m) => m.id === where.machine).map((m) => ({ ...m }));
      const result = await runPlan({ plan: where.plan, machines, variants: where.variants, deviations: [name], out: null, ...(where.driver ? { driver: where.driver } : {}) });
      expect(exitCodeOf(result)).toBe(1);
      const verdict = result.requirements.find((r) => r.id === breaks);
      expect(verdict?.status, `${breaks}: ${verdict?.reason ?? 'not in the result'}`).toBe('failed');
    });
  }
});
