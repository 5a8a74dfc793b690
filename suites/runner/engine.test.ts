import { describe, expect, it } from 'vitest';
import { UsageError } from '../../models/error-codes.ts';
import type { Policy } from '../../models/policy.ts';
import { toyEntry } from '../paths/fixtures/toy-pairing.ts';
import { exitCodeOf, runPlan } from './engine.ts';
import { toyDriver } from './fixtures/toy-driver.ts';

const base = { plan: 'all', machines: [toyEntry], out: null } as const;
/** The toy under a policy that requires location, so its paths reach every requirement the toy cites. */
const locating = <T extends { locationRequired: boolean }>(p: T): T => ({ ...p, locationRequired: true });
const toyLocating = { ...toyEntry, input: (p: Policy) => ({ policy: locating(p) }), events: (p: Policy) => toyEntry.events(locating(p)) };

describe('runPlan (toy machine, toy driver)', () => {
  it('runs every path of the matrix and passes against a correct app', async () => {
    const result = await runPlan({ ...base, machines: [toyLocating], driverFactory: async () => toyDriver({ locationRequired: true }) });
    expect(result.summary.verdict).toBe('PASS');
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
    expect(step.checks).toEqual([{ name: 'ensure SCREEN_MISMATCH', requirements: ['MOB-PAIR-PIN-NO-SEQUENCE'], status: 'failed' }]);
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
    // The failed step records the failing check with its requirements; the model's citations are only reached.
    const failedStep = path.steps[failedAt]!;
    expect(failedStep.checks).toEqual([{ name: 'ensure SOFT', requirements: ['MOB-PAIR-SCAN'], status: 'failed' }]);
    expect(failedStep.requirements).not.toContain('MOB-PAIR-SCAN');
    expect(exitCodeOf(result)).toBe(1);
  });

  it('credits a requirement only through a check: reached without one is not-checked, and the run INCOMPLETE', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => toyDriver({ uncheckedStates: ['scan', 'error'] }) });
    expect(result.requirements.find((r) => r.id === 'MOB-PAIR-KEY-EXPIRY')).toMatchObject({ status: 'not-checked', checks: [] });
    expect(result.requirements.find((r) => r.id === 'MOB-PAIR-KEY-EXPIRY')?.reachedBy.length).toBeGreaterThan(0);
    expect(result.summary.verdict).toBe('INCOMPLETE');
    expect(result.summary.reasons.find((r) => r.code === 'MUST_NOT_CHECKED')?.requirements).toEqual(['MOB-PAIR-KEY-EXPIRY']);
    expect(exitCodeOf(result)).toBe(1);
    const checked = await runPlan({ ...base, driverFactory: async () => toyDriver() });
    expect(checked.requirements.find((r) => r.id === 'MOB-PAIR-KEY-EXPIRY')?.checks).toEqual([expect.objectContaining({ name: 'toyAppShowsTheStateScreen', failed: 0 })]);
  });

  it('records a path whose openPath throws as an error with its message and stack: INCOMPLETE, exit 1', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => toyDriver({ throwInOpen: 'the world would not start' }) });
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.paths.every((p) => p.status === 'error')).toBe(true);
    const [first] = result.paths;
    expect(first!.error).toMatchObject({ phase: 'set-up', message: 'the world would not start', stack: expect.stringContaining('toy-driver') });
    expect(first!.steps.every((s) => s.status === 'skipped')).toBe(true);
    expect(result.summary.paths.error).toBe(result.paths.length);
    expect(result.summary.verdict).toBe('INCOMPLETE');
    expect(result.summary.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['PATH_ERROR', 'NOTHING_RAN']));
    expect(exitCodeOf(result)).toBe(1);
  });

  it('records a throw inside a step (not a failed check) as an error at that step, never failed or passed', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => toyDriver({ throwAt: 'SCAN' }) });
    const errored = result.paths.filter((p) => p.status === 'error');
    expect(errored.length).toBeGreaterThan(0);
    const path = errored[0]!;
    const at = path.steps.findIndex((s) => s.status === 'error');
    expect(path.steps[at]!.event).toBe('SCAN');
    expect(path.error).toMatchObject({ phase: 'step', step: at, message: 'TypeError: the toy broke on SCAN' });
    expect(path.steps[at]!.error?.stack).toContain('TypeError');
    expect(path.steps.slice(at + 1).every((s) => s.status === 'skipped')).toBe(true);
    expect(result.summary.paths.failed).toBe(0);
    expect(result.summary.verdict).toBe('INCOMPLETE');
  });

  it('nothing applicable ran: INCOMPLETE, not PASS', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => ({ ...toyDriver(), supportsMachine: () => ({ reason: 'this driver runs other flows' }) }) });
    expect(result.summary.paths.notApplicable).toBe(result.paths.length);
    expect(result.summary.verdict).toBe('INCOMPLETE');
    expect(result.summary.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['NOTHING_RAN', 'MUST_NOT_APPLICABLE']));
    expect(exitCodeOf(result)).toBe(1);
  });

  it('replays one path with --path, and rejects an unknown one with UNKNOWN_PATH', async () => {
    const one = await runPlan({ ...base, path: 'toy-pairing/default/2', driverFactory: async () => toyDriver() });
    expect(one.paths.map((p) => p.id)).toEqual(['toy-pairing/default/2']);
    // A replay answers for what its path reaches: a passing replay with its checks is a PASS.
    expect(one.requirements.filter((r) => r.status !== 'out-of-scope').every((r) => one.paths[0]!.steps.some((s) => [...s.requirements, ...s.checks.flatMap((c) => c.requirements)].includes(r.id)))).toBe(true);
    expect(one.summary.verdict).toBe('PASS');
    await expect(runPlan({ ...base, path: 'toy-pairing/default/99', driverFactory: async () => toyDriver() })).rejects.toMatchObject({ code: 'UNKNOWN_PATH' });
    await expect(runPlan({ ...base, plan: 'nope' })).rejects.toBeInstanceOf(UsageError);
    await expect(runPlan({ ...base, deviations: ['nope'] })).rejects.toMatchObject({ code: 'UNKNOWN_DEVIATION' });
  });
});
