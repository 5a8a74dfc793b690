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

const init: StepResult = { event: 'xstate.init', state: 'a', requirements: [], status: 'passed', durationMs: 1 };
const step = (event: string, state: string, status: StepResult['status'], ids: StepResult['requirements'] = [], message?: string): StepResult => ({
  event, state, requirements: ids, status, durationMs: 1, ...(message ? { error: { message } } : {}),
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

describe('summarize', () => {
  it('applies the four requirement statuses', () => {
    const paths = [
      path('p1', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'])]),
      path('p2', 'failed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY']), step('NEXT', 'c', 'failed', ['MOB-PAIR-PIN-NO-SEQUENCE'], 'accepted 1234')]),
      path('p3', 'not-applicable', [init, step('JUMP', 'd', 'not-applicable', ['MOB-PAIR-LOCATION-REQUIRED'])], 'driver cannot deny location'),
    ];
    const { requirements: results, summary } = summarize(paths, registry, [machine]);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['MOB-PAIR-KEY-EXPIRY']).toMatchObject({ status: 'passed', paths: ['p1', 'p2'] });
    expect(byId['MOB-PAIR-PIN-NO-SEQUENCE']).toMatchObject({ status: 'failed', paths: ['p2'], reason: 'p2: accepted 1234' });
    expect(byId['MOB-PAIR-LOCATION-REQUIRED']).toMatchObject({ status: 'not-applicable', paths: ['p3'], reason: 'driver cannot deny location' });
    expect(byId['MOB-PAIR-KEY-SINGLE-USE']).toMatchObject({ status: 'not-covered', paths: [] });
    expect(summary.requirements).toEqual({ total: 4, passed: 1, failed: 1, notApplicable: 1, notCovered: 1 });
    expect(summary.paths).toEqual({ total: 3, passed: 1, failed: 1, notApplicable: 1 });
    expect(summary.mustPassed).toBe(false);
  });

  it('a failure on a step citing nothing fails every requirement its path cites', () => {
    const paths = [path('p', 'failed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY']), step('NEXT', 'c', 'failed', [], 'timeout')])];
    const { requirements: results, summary } = summarize(paths, registry, [machine]);
    expect(results.find((r) => r.id === 'MOB-PAIR-KEY-EXPIRY')).toMatchObject({ status: 'failed', reason: 'p: timeout' });
    expect(summary.mustPassed).toBe(false);
  });

  it('one failure beats any number of passes; steps skipped after a failure do not cover', () => {
    const paths = [
      path('ok', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'])]),
      path('ko', 'failed', [init, step('GO', 'b', 'failed', ['MOB-PAIR-KEY-EXPIRY'], 'no'), step('NEXT', 'c', 'skipped', ['MOB-PAIR-KEY-SINGLE-USE'])]),
    ];
    const byId = Object.fromEntries(summarize(paths, registry, [machine]).requirements.map((r) => [r.id, r]));
    expect(byId['MOB-PAIR-KEY-EXPIRY']).toMatchObject({ status: 'failed', paths: ['ko', 'ok'] });
    expect(byId['MOB-PAIR-KEY-SINGLE-USE']).toMatchObject({ status: 'not-covered', paths: ['ko'] });
  });

  it('a failed step with failedRequirements fails only those; its other requirements passed there', () => {
    const continued: StepResult = { ...step('GO', 'b', 'failed', ['MOB-PAIR-KEY-EXPIRY', 'MOB-PAIR-KEY-SINGLE-USE'], 'links differ'), failedRequirements: ['MOB-PAIR-KEY-SINGLE-USE'] };
    const paths = [path('p', 'failed', [init, continued, step('NEXT', 'c', 'passed', ['MOB-PAIR-LOCATION-REQUIRED'])])];
    const byId = Object.fromEntries(summarize(paths, registry, [machine]).requirements.map((r) => [r.id, r]));
    expect(byId['MOB-PAIR-KEY-SINGLE-USE']).toMatchObject({ status: 'failed', reason: 'p: links differ' });
    expect(byId['MOB-PAIR-KEY-EXPIRY']).toMatchObject({ status: 'passed', paths: ['p'] });
    expect(byId['MOB-PAIR-LOCATION-REQUIRED']).toMatchObject({ status: 'passed' });
    // Without failedRequirements every requirement of the failed step fails (the old reading).
    const plain = [path('p', 'failed', [init, step('GO', 'b', 'failed', ['MOB-PAIR-KEY-EXPIRY', 'MOB-PAIR-KEY-SINGLE-USE'], 'x')])];
    const plainById = Object.fromEntries(summarize(plain, registry, [machine]).requirements.map((r) => [r.id, r]));
    expect(plainById['MOB-PAIR-KEY-EXPIRY']?.status).toBe('failed');
  });

  it('mustPassed ignores SHOULD/POLICY failures and not-covered MUSTs', () => {
    const paths = [path('p1', 'passed', [init, step('GO', 'b', 'passed', ['MOB-PAIR-KEY-EXPIRY'])])];
    expect(summarize(paths, registry, [machine]).summary.mustPassed).toBe(true);
    const shouldOnly = { 'MOB-PAIR-KEY-EXPIRY': { ...requirements['MOB-PAIR-KEY-EXPIRY'], level: 'SHOULD' as const } };
    const failing = [path('p1', 'failed', [init, step('GO', 'b', 'failed', ['MOB-PAIR-KEY-EXPIRY'], 'x')])];
    expect(summarize(failing, shouldOnly, [machine]).summary.mustPassed).toBe(true);
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
    expect(result.schemaVersion).toBe('1.0');
    expect(result.summary.requirements.notCovered).toBe(4);
    expect(result.summary.mustPassed).toBe(true);
  });
});
