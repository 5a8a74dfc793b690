/**
 * Property mode on the toy machine and toy driver (fast, no server): a correct app passes with
 * its runs and steps reported; a buggy one fails with a shrunk counterexample that is the
 * shortest story to the bug, reported as a path, and its replay line replays exactly that.
 */
import { describe, expect, it } from 'vitest';
import type { Driver } from '../../models/driver.ts';
import { UsageError } from '../../models/error-codes.ts';
import type { Policy } from '../../models/policy.ts';
import { toyEntry } from '../paths/fixtures/toy-pairing.ts';
import { exitCodeOf, runPlan } from '../runner/engine.ts';
import { toyDriver } from '../runner/fixtures/toy-driver.ts';

const pin4 = <T extends { pin: object }>(p: T): T => ({ ...p, pin: { ...p.pin, length: 4 } });
const entry = { ...toyEntry, input: (p: Policy) => ({ policy: pin4(p) }), events: (p: Policy) => toyEntry.events(pin4(p)) };
/** The toy app under the same 4-digit PIN policy as the model above. */
function pinDriver(options: Parameters<typeof toyDriver>[0] = {}): Driver {
  const driver = toyDriver(options);
  return { ...driver, openPath: (machine, ctx) => driver.openPath(machine, { ...ctx, variant: { ...ctx.variant, policy: pin4(ctx.variant.policy) } }) };
}
const base = { plan: 'all', machines: [entry], out: null, mode: 'property', runs: 30, values: false } as const;

describe('runPlan --mode property (toy machine, toy driver)', () => {
  it('passes a correct app, reporting runs, steps and the steps observed as one passed path', async () => {
    const result = await runPlan({ ...base, driverFactory: async () => pinDriver() });
    // Every requirement the walks reached passed a check; the toy cannot DENY_LOCATION, so the rule
    // behind it is never reached: INCOMPLETE for that reason alone, never PASS.
    expect(result.summary.verdict).toBe('INCOMPLETE');
    expect(result.summary.reasons).toEqual([expect.objectContaining({ code: 'MUST_NOT_COVERED', requirements: ['MOB-PAIR-LOCATION-REQUIRED'] })]);
    expect(result.requirements.filter((q) => q.status === 'passed').map((q) => q.id).sort()).toEqual(['MOB-PAIR-KEY-EXPIRY', 'MOB-PAIR-PIN-NO-SEQUENCE']);
    const [property] = result.property!.properties;
    expect(property).toMatchObject({ id: 'toy-pairing/default', status: 'passed', runs: 30 });
    expect(property!.commands).toBeGreaterThan(30);
    const path = result.paths.find((p) => p.id === 'toy-pairing/default/property')!;
    expect(path.status).toBe('passed');
    expect(path.steps.every((s) => s.status === 'passed')).toBe(true);
    expect(result.summary.coverage.transitions.covered).toBeGreaterThan(3);
  });

  it('fails a buggy app with a shrunk counterexample that replays', async () => {
    const result = await runPlan({ ...base, seed: 3, driverFactory: async () => pinDriver({ bug: 'accept-sequence' }) });
    expect(exitCodeOf(result)).toBe(1);
    const property = result.property!.properties[0]!;
    expect(property.status).toBe('failed');
    const failure = property.failure!;
    // START, SCAN valid, PIN 1234: the shortest way to the bug.
    expect(failure.shrunk).toEqual(['START', 'SCAN {"key":"valid"}', 'PIN {"pin":"1234"}']);
    expect(failure.original.length).toBeGreaterThanOrEqual(failure.shrunk.length);
    const path = result.paths.find((p) => p.id === property.path)!;
    expect(path.status).toBe('failed');
    expect(path.steps.map((s) => s.event)).toEqual(['xstate.init', 'START', 'SCAN', 'PIN']);
    expect(path.steps.at(-1)!.requirements).toEqual(['MOB-PAIR-PIN-NO-SEQUENCE']);
    expect(result.requirements.find((r) => r.id === 'MOB-PAIR-PIN-NO-SEQUENCE')?.status).toBe('failed');
    expect(path.repro).toContain('--mode property');
    expect(path.repro).toContain(`--replay=${failure.seed}:${failure.path}`);

    const replay = failure.replay.match(/--replay=(\S+)/)![1]!.replace(/^'|'$/g, '');
    const again = await runPlan({ ...base, seed: 3, path: property.id, replay, driverFactory: async () => pinDriver({ bug: 'accept-sequence' }) });
    expect(again.property!.properties[0]!.runs).toBe(1);
    expect(again.property!.properties[0]!.failure!.shrunk).toEqual(failure.shrunk);
  });

  it('refuses property flags in path mode and a malformed replay', async () => {
    await expect(runPlan({ plan: 'all', machines: [entry], out: null, runs: 3 })).rejects.toThrow(UsageError);
    await expect(runPlan({ ...base, path: 'toy-pairing/default', replay: 'nonsense' })).rejects.toThrow(/--replay takes/);
    await expect(runPlan({ ...base, replay: '1:0' })).rejects.toThrow(/--replay needs --path/);
    await expect(runPlan({ ...base, path: 'toy-pairing/nope', driverFactory: async () => pinDriver() })).rejects.toThrow(/no property/);
  });
});
