import { describe, expect, it } from 'vitest';
import { UsageError } from '../../models/error-codes.ts';
import type { Policy } from '../../models/policy.ts';
import { toyEntry } from '../paths/fixtures/toy-pairing.ts';
import { exitCodeOf, runPlan } from './engine.ts';
import { toyDriver } from './fixtures/toy-driver.ts';

const base = { plan: 'all', machines: [toyEntry], out: null } as const;

describe('runPlan (toy machine, toy driver)', () => {
  it('runs every path of the matrix and passes against a correct app', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => toyDriver() });
    expect(result.summary.paths.failed).toBe(0);
    expect(result.summary.paths.passed).toBe(result.paths.length);
    expect(result.paths[0]!.id).toMatch(/^toy-pairing\/default\/1$/);
    expect(result.paths[0]!.repro).toBe('npx authconf run --plan all --driver sim --seed 1 --path toy-pairing/default/1');
    expect(result.summary.coverage.transitions.covered).toBeGreaterThan(0);
    expect(exitCodeOf(result)).toBe(0);
  });

  it('fails the requirement the failing check cites, with replay coordinates', async () => {
    const pin4 = <T extends { pin: object }>(p: T): T => ({ ...p, pin: { ...p.pin, length: 4 } });
    const entry = { ...toyEntry, input: (p: Policy) => ({ policy: pin4(p) }), events: (p: Policy) => toyEntry.events(pin4(p)) };
    const withPin = await runPlan({ ...base, seed: 7, driverFactory: async () => toyDriver({ bug: 'accept-sequence' }), machines: [entry] });
    const failed = withPin.paths.filter((p) => p.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    const step = failed[0]!.steps.find((s) => s.status === 'failed')!;
    expect(step.requirements).toEqual(['MOB-PAIR-PIN-NO-SEQUENCE']);
    expect(step.error?.message).toContain('{seed: 7, path: toy-pairing/default/');
    expect(failed[0]!.steps.at(-1)!.status).toMatch(/skipped|failed/);
    expect(withPin.requirements.find((r) => r.id === 'MOB-PAIR-PIN-NO-SEQUENCE')?.status).toBe('failed');
    expect(exitCodeOf(withPin)).toBe(1);
  });

  it('marks paths needing an unsupported event not-applicable with the reason, never passed', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => toyDriver({ unsupported: 'DENY_LOCATION' }) });
    const na = result.paths.filter((p) => p.status === 'not-applicable');
    expect(na.length).toBeGreaterThan(0);
    expect(na[0]!.reason).toBe('DENY_LOCATION: the toy cannot DENY_LOCATION');
    expect(na.every((p) => p.steps.every((s) => s.status === 'not-applicable'))).toBe(true);
    const runtime = await runPlan({ ...base, driverFactory: async () => toyDriver({ naAtRun: 'ALLOW_LOCATION' }) });
    expect(runtime.paths.some((p) => p.status === 'not-applicable' && p.reason === 'no ALLOW_LOCATION at run time')).toBe(true);
  });

  it('goes on after a continuable failure: the path fails, later steps still run and report', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => toyDriver({ softFailAt: 'scan' }) });
    const path = result.paths.find((p) => p.steps.some((s) => s.state === 'scan') && p.steps.length > 3)!;
    expect(path.status).toBe('failed');
    const failedAt = path.steps.findIndex((s) => s.status === 'failed');
    expect(path.steps.slice(failedAt + 1).some((s) => s.status === 'passed')).toBe(true);
    expect(path.steps.some((s) => s.status === 'skipped')).toBe(false);
    expect(result.requirements.find((r) => r.id === 'MOB-PAIR-SCAN')?.status).toBe('failed');
    // The failed step keeps the requirements it met; only the failing check's are marked failed.
    const failedStep = path.steps[failedAt]!;
    expect(failedStep.failedRequirements).toEqual(['MOB-PAIR-SCAN']);
    expect(failedStep.requirements).toEqual(expect.arrayContaining(['MOB-PAIR-SCAN']));
    expect(failedStep.requirements.length).toBeGreaterThan(1);
    const met = failedStep.requirements.filter((id) => id !== 'MOB-PAIR-SCAN');
    for (const id of met) expect(result.requirements.find((r) => r.id === id)?.status).not.toBe('not-covered');
  });

  it('replays one path with --path, and rejects an unknown one with UNKNOWN_PATH', async () => {
    const one = await runPlan({ ...base, path: 'toy-pairing/default/2', driverFactory: async () => toyDriver() });
    expect(one.paths.map((p) => p.id)).toEqual(['toy-pairing/default/2']);
    await expect(runPlan({ ...base, path: 'toy-pairing/default/99', driverFactory: async () => toyDriver() })).rejects.toMatchObject({ code: 'UNKNOWN_PATH' });
    await expect(runPlan({ ...base, plan: 'nope' })).rejects.toBeInstanceOf(UsageError);
    await expect(runPlan({ ...base, deviations: ['nope'] })).rejects.toMatchObject({ code: 'UNKNOWN_DEVIATION' });
  });
});
