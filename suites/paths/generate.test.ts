import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../models/policy.ts';
import { toyEntry } from './fixtures/toy-pairing.ts';
import { generatePaths } from './generate.ts';

const withPin = resolvePolicy({ pin: { length: 4 }, locationRequired: true });
const noPin = resolvePolicy({ pin: { length: 0 } });

describe('generatePaths', () => {
  it('covers every reachable transition by default, each path starting with the initial check', () => {
    const set = generatePaths(toyEntry, withPin);
    expect(set.criterion).toBe('transitions');
    const reachable = set.coverage.transitions.total - set.coverage.transitions.unreachable.length;
    expect(set.coverage.transitions.covered).toHaveLength(reachable);
    for (const path of set.paths) expect(path.steps[0]!.event.type).toBe('xstate.init');
    // the guarded wrong-PIN branch needs two wrong PINs: reached through context, not just state value
    expect(set.coverage.transitions.covered).toContain('pin --PIN [tooManyWrongPins]--> error');
    expect(set.coverage.transitions.covered).toContain('afterScan --always [pinRequired]--> pin');
  });

  it('reports transitions a policy makes unreachable instead of covering them', () => {
    const set = generatePaths(toyEntry, noPin);
    expect(set.coverage.transitions.unreachable).toContain('afterScan --always [pinRequired]--> pin');
    expect(set.coverage.states.unreachable).toContain('pin');
    expect(set.coverage.transitions.covered).toContain('afterScan --always--> location');
  });

  it('carries payloads and requirement IDs from meta on the steps', () => {
    const set = generatePaths(toyEntry, withPin);
    const steps = set.paths.flatMap((p) => p.steps);
    const expired = steps.find((s) => s.event.type === 'SCAN' && (s.event as { key?: string }).key === 'expired');
    expect(expired?.state).toBe('error');
    expect(expired?.requirements).toContain('MOB-PAIR-KEY-EXPIRY');
    const pinStep = steps.find((s) => s.state === 'pin');
    expect(pinStep?.requirements).toContain('MOB-PAIR-PIN-NO-SEQUENCE');
    const denied = steps.find((s) => s.event.type === 'DENY_LOCATION');
    expect(denied?.requirements).toContain('MOB-PAIR-LOCATION-REQUIRED');
  });

  it('states: covers every reachable state with fewer or equal paths than transitions', () => {
    const states = generatePaths(toyEntry, withPin, 'states');
    const transitions = generatePaths(toyEntry, withPin, 'transitions');
    expect(states.coverage.states.covered).toHaveLength(states.coverage.states.total);
    expect(states.paths.length).toBeLessThanOrEqual(transitions.paths.length);
  });

  it('tour: covers every reachable transition in no more steps than the per-transition cover', () => {
    const tour = generatePaths(toyEntry, withPin, 'tour');
    const transitions = generatePaths(toyEntry, withPin, 'transitions');
    expect(tour.coverage.transitions.covered.sort()).toEqual(transitions.coverage.transitions.covered.sort());
    expect(tour.paths.length).toBeLessThanOrEqual(transitions.paths.length);
  });

  it('is deterministic: the same machine and policy give the same paths', () => {
    expect(generatePaths(toyEntry, withPin).paths).toEqual(generatePaths(toyEntry, withPin).paths);
  });
});

describe('scenarios (a rule that needs a transition taken twice in one visit)', () => {
  it('adds each scenario as one more path, after the criterion\'s paths', () => {
    const base = generatePaths(toyEntry, withPin);
    const scenario = [{ type: 'START' }, { type: 'SCAN', key: 'valid' }, { type: 'PIN', pin: '1234' }, { type: 'PIN', pin: '1357' }];
    const set = generatePaths({ ...toyEntry, scenarios: () => [scenario] }, withPin);
    expect(set.paths).toHaveLength(base.paths.length + 1);
    expect(set.paths.at(-1)!.steps.map((s) => s.event)).toEqual([{ type: 'xstate.init' }, ...scenario]);
  });

  it('refuses a scenario the model does not take, naming the event and where', () => {
    expect(() => generatePaths({ ...toyEntry, scenarios: () => [[{ type: 'START' }, { type: 'PIN', pin: '1357' }]] }, withPin)).toThrow(/takes no \{"type":"PIN","pin":"1357"\} after START/);
  });
});
