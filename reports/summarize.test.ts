import { describe, expect, it } from 'vitest';
import { requirements } from '../models/requirements.ts';
import type { PathResult, StepResult } from './schema.ts';
import { buildResult, summarize, transitionKey, type MachineModel } from './summarize.ts';

const machine: MachineModel = {
  id: 'm',
  title: 'Machine',
  mermaid: 'stateDiagram-v2\n  [*] --> a',
  graph: {
    initial: 'a',
    states: ['a', 'b', 'c', 'd'],
    transitions: [
      { label: 'a --GO--> b', source: 'a', event: 'GO', targets: ['b'] },
      { label: 'b --NEXT--> c', source: 'b', event: 'NEXT', targets: ['c'] },
      { label: 'a --JUMP [allowed]--> d', source: 'a', event: 'JUMP', targets: ['d'] },
    ],
  },
};

const init: StepResult = { event: 'xstate.init', state: 'a', requirements: [], status: 'passed', checks: [], durationMs: 1 };
/** A step; by default a check named `check` citing its requirements ran with the step's outcome (`checked: false`: none ran). */
const step = (event: string, state: string, status: StepResult['status'], ids: StepResult['requirements'] = [], message?: string, checked = true): StepResult => ({
  event, state, requirements: ids, status, durationMs: 1, ...(message ? { error: { message } } : {}),
  checks: checked && ids.length && (status === 'passed' || status === 'failed') ? [{ name: 'check', requirements: ids, status }] : [],
});
const path = (id: string, status: PathResult['status'], steps: StepResult[], reason?: string): PathResult => ({
  id, machine: 'm', variant: {}, description: id, status, steps, repro: `authconf run --path ${id}`, transitions: [], ...(reason ? { reason } : {}),
});

const registry = {
  'MOB-PAIR-KEY-EXPIRY': requirements['MOB-PAIR-KEY-EXPIRY'],
  'MOB-PAIR-KEY-SINGLE-USE': requirements['MOB-PAIR-KEY-SINGLE-USE'],
  'MOB-PAIR-PIN-NO-SEQUENCE': requirements['MOB-PAIR-PIN-NO-SEQUENCE'],
  'MOB-PAIR-LOCATION-REQUIRED': requirements['MOB-PAIR-LOCATION-REQUIRED'],
};

const byIdOf = (paths: PathResult[], reg: typeof registry | Record<string, never> = registry) => Object.fromEntries(summarize(paths, reg, [machine]).requirements.map((r) => [r.id, r]));

describe('summarize', () => {
  it('applies the requirement statuses: passed only by a check, reached alone is not-checked', () => {
    const paths = [
      path('p1', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'])]),
      path('p2', 'failed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY']), step('NEXT', 'c', 'failed', ['MOB-PAIR-PIN-NO-SEQUENCE'], 'accepted 1234')]),
      path('p3', 'not-applicable', [init, step('JUMP', 'd', 'not-applicable', ['MOB-PAIR-LOCATION-REQUIRED'])], 'driver cannot deny location'),
      path('p4', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-SINGLE-USE'], undefined, false)]),
    ];
    const { requirements: results, summary } = summarize(paths, registry, [machine]);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['MOB-PAIR-KEY-EXPIRY']).toMatchObject({ status: 'passed', paths: ['p1', 'p2'], reachedBy: ['p1', 'p2'], checks: [{ name: 'check', paths: ['p1', 'p2'], passed: 2, failed: 0 }] });
    expect(byId['MOB-PAIR-PIN-NO-SEQUENCE']).toMatchObject({ status: 'failed', paths: ['p2'], reason: 'p2: check: accepted 1234', checks: [{ name: 'check', passed: 0, failed: 1 }] });
    expect(byId['MOB-PAIR-LOCATION-REQUIRED']).toMatchObject({ status: 'not-applicable', paths: ['p3'], reachedBy: [], reason: 'driver cannot deny location' });
    expect(byId['MOB-PAIR-KEY-SINGLE-USE']).toMatchObject({ status: 'not-checked', paths: ['p4'], reachedBy: ['p4'], checks: [] });
    expect(summary.requirements).toEqual({ total: 4, passed: 1, failed: 1, notApplicable: 1, notChecked: 1, notCovered: 0, outOfScope: 0 });
    expect(summary.must).toEqual({ total: 4, passed: 1, failed: 1, notApplicable: 1, notChecked: 1, notCovered: 0 });
    expect(summary.paths).toEqual({ total: 4, passed: 2, failed: 1, notApplicable: 1, error: 0 });
    expect(summary.mustPassed).toBe(false);
    expect(summary.verdict).toBe('FAIL');
    expect(summary.reasons.map((r) => r.code)).toEqual(['MUST_FAILED', 'MUST_NOT_CHECKED', 'MUST_NOT_APPLICABLE']);
  });

  it('PASS only when every MUST passed a check, nothing errored and an applicable path ran', () => {
    const one = { 'MOB-PAIR-KEY-EXPIRY': requirements['MOB-PAIR-KEY-EXPIRY'] };
    const ok = [path('p1', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'])])];
    expect(summarize(ok, one, [machine]).summary).toMatchObject({ verdict: 'PASS', reasons: [], mustPassed: true });
    // Reached without a check: INCOMPLETE, with what would complete it.
    const unchecked = [path('p1', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'], undefined, false)])];
    const incomplete = summarize(unchecked, one, [machine]).summary;
    expect(incomplete.verdict).toBe('INCOMPLETE');
    expect(incomplete.reasons).toEqual([expect.objectContaining({ code: 'MUST_NOT_CHECKED', requirements: ['MOB-PAIR-KEY-EXPIRY'], remedy: expect.stringContaining('defineCheck') })]);
    // A path that errored: INCOMPLETE even though the MUST passed elsewhere.
    const errored: PathResult = { ...path('p2', 'error', [init, { ...step('NEXT', 'c', 'error', []), checks: [] }], 'boom'), error: { phase: 'step', step: 1, message: 'boom' } };
    expect(summarize([...ok, errored], one, [machine]).summary).toMatchObject({ verdict: 'INCOMPLETE', reasons: [expect.objectContaining({ code: 'PATH_ERROR', paths: ['p2'] })] });
    // Nothing ran: INCOMPLETE, never PASS, even with no MUST in scope.
    const none = summarize([], {}, [machine]).summary;
    expect(none.verdict).toBe('INCOMPLETE');
    expect(none.reasons[0]).toMatchObject({ code: 'NOTHING_RAN' });
    // Not applicable for lack of test control: the remedy names the routes.
    const na = [path('p3', 'not-applicable', [init, step('GO', 'b', 'not-applicable', ['MOB-PAIR-KEY-EXPIRY'])], "needs the target's test-control hook")];
    const naSummary = summarize(na, one, [machine]).summary;
    expect(naSummary.verdict).toBe('INCOMPLETE');
    expect(naSummary.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'MUST_NOT_APPLICABLE', remedy: expect.stringContaining('models/test-control.ts') })]));
  });

  it('a failure on a step that names no check requirements fails what the engine charged it to', () => {
    const charged: StepResult = { ...step('NEXT', 'c', 'failed', [], 'timeout'), checks: [{ name: 'ensure TIMEOUT', requirements: ['MOB-PAIR-KEY-EXPIRY'], status: 'failed' }] };
    const paths = [path('p', 'failed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY']), charged])];
    expect(byIdOf(paths)['MOB-PAIR-KEY-EXPIRY']).toMatchObject({ status: 'failed', reason: 'p: ensure TIMEOUT: timeout' });
  });

  it('one failure beats any number of passes; steps skipped after a failure do not cover', () => {
    const paths = [
      path('ok', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'])]),
      path('ko', 'failed', [init, step('GO', 'b', 'failed', ['MOB-PAIR-KEY-EXPIRY'], 'no'), step('NEXT', 'c', 'skipped', ['MOB-PAIR-KEY-SINGLE-USE'])]),
    ];
    const byId = byIdOf(paths);
    expect(byId['MOB-PAIR-KEY-EXPIRY']).toMatchObject({ status: 'failed', paths: ['ko', 'ok'] });
    expect(byId['MOB-PAIR-KEY-SINGLE-USE']).toMatchObject({ status: 'not-covered', paths: ['ko'], reason: expect.stringContaining('skipped') });
  });

  it('a failed step fails only the requirements of the failed check; a check that passed on it stands', () => {
    const continued: StepResult = {
      ...step('GO', 'b', 'failed', ['MOB-PAIR-KEY-EXPIRY', 'MOB-PAIR-KEY-SINGLE-USE'], 'links differ'),
      checks: [{ name: 'ensureKeyExpires', requirements: ['MOB-PAIR-KEY-EXPIRY'], status: 'passed' }, { name: 'ensureKeySingleUse', requirements: ['MOB-PAIR-KEY-SINGLE-USE'], status: 'failed' }],
    };
    const paths = [path('p', 'failed', [init, continued, step('NEXT', 'c', 'passed', ['MOB-PAIR-LOCATION-REQUIRED'])])];
    const byId = byIdOf(paths);
    expect(byId['MOB-PAIR-KEY-SINGLE-USE']).toMatchObject({ status: 'failed', reason: 'p: ensureKeySingleUse: links differ' });
    expect(byId['MOB-PAIR-KEY-EXPIRY']).toMatchObject({ status: 'passed', paths: ['p'] });
    expect(byId['MOB-PAIR-LOCATION-REQUIRED']).toMatchObject({ status: 'passed' });
  });

  it('only MUST decides: SHOULD failures and POLICY entries do not fail the run', () => {
    const shouldOnly = { 'MOB-PAIR-KEY-EXPIRY': { ...requirements['MOB-PAIR-KEY-EXPIRY'], level: 'SHOULD' as const } };
    const failing = [path('p1', 'failed', [init, step('GO', 'b', 'failed', ['MOB-PAIR-KEY-EXPIRY'], 'x')])];
    expect(summarize(failing, shouldOnly, [machine]).summary).toMatchObject({ mustPassed: true, verdict: 'PASS' });
  });

  it('lists out-of-scope requirements (registry level or a plan declaration) outside the verdict', () => {
    const one = { 'MOB-PAIR-KEY-EXPIRY': requirements['MOB-PAIR-KEY-EXPIRY'], 'MOB-PAIR-KEY-SINGLE-USE': requirements['MOB-PAIR-KEY-SINGLE-USE'] };
    const ok = [path('p1', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'])])];
    const { summary, requirements: results } = summarize(ok, one, [machine], { 'MOB-PAIR-KEY-SINGLE-USE': 'the key is single-use on the server, which this plan does not drive' });
    expect(results.find((r) => r.id === 'MOB-PAIR-KEY-SINGLE-USE')).toMatchObject({ status: 'out-of-scope', reason: expect.stringContaining('does not drive') });
    expect(summary).toMatchObject({ verdict: 'PASS', requirements: expect.objectContaining({ outOfScope: 1 }), must: expect.objectContaining({ total: 1 }) });
  });

  it('reports a cited requirement outside the given registry from the models registry', () => {
    const paths = [path('p', 'failed', [init, step('GO', 'b', 'failed', ['API-ADD-OTP-INVALID'], 'wrong code')])];
    const { requirements: results, summary } = summarize(paths, {}, [machine]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: 'API-ADD-OTP-INVALID', level: 'MUST', status: 'failed' });
    expect(summary.mustPassed).toBe(false);
  });

  it('computes state and transition coverage from the steps, failed transitions included', () => {
    const paths = [
      path('p1', 'passed', [init, step('GO', 'b', 'passed')]),
      path('p2', 'failed', [init, step('GO', 'b', 'passed'), step('NEXT', 'c', 'failed', [], 'x')]),
      path('p3', 'not-applicable', [init, step('JUMP', 'd', 'not-applicable')], 'n/a'),
    ];
    const { machines, summary } = summarize(paths, registry, [machine]);
    expect(machines[0]!.states).toEqual({ total: 4, covered: ['a', 'b'] });
    expect(machines[0]!.transitions).toEqual({ total: 3, covered: [transitionKey('a', 'GO', 'b'), transitionKey('b', 'NEXT', 'c')], failed: [transitionKey('b', 'NEXT', 'c')] });
    expect(summary.coverage).toEqual({ states: { total: 4, covered: 2 }, transitions: { total: 3, covered: 2 } });
  });

  it('uses the labels a step names and counts ancestors of nested states', () => {
    const nested: MachineModel = { ...machine, graph: { initial: 'a', states: ['a', 'x', 'x.y', 'x.z'], transitions: [
      { label: 'a --GO [ok]--> x.y', source: 'a', event: 'GO', targets: ['x.y'] },
      { label: 'x.y --always--> x.z', source: 'x.y', event: 'always', targets: ['x.z'] },
    ] } };
    const paths = [path('p', 'passed', [init, { ...step('GO', 'x.z', 'passed'), transitions: ['a --GO [ok]--> x.y', 'x.y --always--> x.z'] }])];
    const [coverage] = summarize(paths, registry, [nested]).machines;
    expect(coverage!.states.covered).toEqual(['a', 'x', 'x.y', 'x.z']); // x.y: entered, left at once by 'always'
    expect(coverage!.transitions).toEqual({ total: 2, covered: ['a --GO [ok]--> x.y', 'x.y --always--> x.z'], failed: [] });
  });

  it('counts a transient state entered on the way (eventless transition out) as covered', () => {
    const transient: MachineModel = { ...machine, graph: { initial: 'a', states: ['a', 'paired', 'pin'], transitions: [
      { label: 'a --KEY--> paired', source: 'a', event: 'KEY', targets: ['paired'] },
      { label: 'paired --always--> pin', source: 'paired', event: 'always', targets: ['pin'] },
    ] } };
    const paths = [path('p', 'passed', [init, { ...step('KEY', 'pin', 'passed'), transitions: ['a --KEY--> paired', 'paired --always--> pin'] }])];
    expect(summarize(paths, registry, [transient]).machines[0]!.states.covered).toEqual(['a', 'paired', 'pin']);
  });

  it('buildResult assembles a versioned result', () => {
    const run = { plan: 'mobile', driver: 'sim', target: 'embedded', variants: {}, deviations: [], seed: 1, startedAt: '2025-01-01T00:00:00.000Z', durationMs: 5, coverage: 'transitions' as const, authconfVersion: '0.1.0' };
    const result = buildResult(run, [], registry, [machine]);
    expect(result.schemaVersion).toBe('2.0');
    expect(result.summary.requirements.notCovered).toBe(4);
    expect(result.summary.mustPassed).toBe(false);
    expect(result.summary.verdict).toBe('INCOMPLETE');
  });
});
