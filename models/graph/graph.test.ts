import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { flowMachines } from '../machines/index.ts';
import type { RequirementId } from '../requirements.ts';
import { citationProblems, deadEnds, exploreFlow, validateFlowMachine } from './check.ts';
import { citationsOf, describeFlow, stateRef, transitionRef } from './describe.ts';
import { currentFlowsSection, renderFlowsSection, replaceFlowsSection } from './flows-doc.ts';
import { placeTransition, toMermaid } from './mermaid.ts';
import { resolvePolicy } from '../policy.ts';

type Meta = { requirements: readonly RequirementId[]; testId?: string };

/** A small machine with every shape the exporters handle: nesting, guards, always, targetless, root-level. */
const sample = setup({
  types: { meta: {} as Meta, events: {} as { type: 'GO' } | { type: 'STAY' } | { type: 'GET' } },
  guards: { ok: () => true },
}).createMachine({
  id: 'sample',
  initial: 'a',
  on: { GET: { meta: { requirements: ['API-GEN-GET-IDEMPOTENT'] } } },
  states: {
    a: { meta: { requirements: ['MOB-PAIR-SCAN'], testId: 'mobile-scan' }, on: { GO: { target: 'b', guard: 'ok', meta: { requirements: ['MOB-PAIR-CAMERA-PROMPT'] } }, STAY: { meta: { requirements: ['MOB-PAIR-SCAN'] } } } },
    b: {
      meta: { requirements: ['MOB-PAIR-QR-SCAN'] },
      initial: 'inner',
      states: { inner: { meta: { requirements: ['MOB-PAIR-QR-SCAN'] }, on: { GO: { target: '#sample.c', meta: { requirements: ['MOB-PAIR-SUCCESS'] } } } } },
    },
    c: { meta: { requirements: ['MOB-PAIR-SUCCESS'] }, always: { target: 'd', meta: { requirements: ['MOB-PAIR-SUCCESS'] } } },
    d: { type: 'final', meta: { requirements: ['MOB-PAIR-SUCCESS'] } },
  },
});
const sampleEntry = { id: 'sample', title: 'Sample', seed: ['000'], description: 'A sample.', machine: sample, events: () => [{ type: 'GO' }, { type: 'STAY' }, { type: 'GET' }] };

describe('describeFlow', () => {
  const json = describeFlow(sampleEntry);

  it('lists states depth first with meta, final, transient, parent and initial', () => {
    expect(json.states).toEqual([
      { id: 'a', requirements: ['MOB-PAIR-SCAN'], testId: 'mobile-scan', final: false, transient: false, initial: true },
      { id: 'b', requirements: ['MOB-PAIR-QR-SCAN'], final: false, transient: false, initial: false },
      { id: 'b.inner', requirements: ['MOB-PAIR-QR-SCAN'], final: false, transient: false, initial: true, parent: 'b' },
      { id: 'c', requirements: ['MOB-PAIR-SUCCESS'], final: false, transient: true, initial: false },
      { id: 'd', requirements: ['MOB-PAIR-SUCCESS'], final: true, transient: false, initial: false },
    ]);
  });

  it('lists transitions: root-level as *, targetless as staying, eventless as always', () => {
    expect(json.transitions).toEqual([
      { source: '*', event: 'GET', target: '*', requirements: ['API-GEN-GET-IDEMPOTENT'] },
      { source: 'a', event: 'GO', target: 'b', guard: 'ok', requirements: ['MOB-PAIR-CAMERA-PROMPT'] },
      { source: 'a', event: 'STAY', target: 'a', requirements: ['MOB-PAIR-SCAN'] },
      { source: 'b.inner', event: 'GO', target: 'c', requirements: ['MOB-PAIR-SUCCESS'] },
      { source: 'c', event: 'always', target: 'd', requirements: ['MOB-PAIR-SUCCESS'] },
    ]);
  });

  it('names citations as machine#state and machine#source --EVENT [guard]--> target', () => {
    expect(stateRef('sample', 'b.inner')).toBe('sample#b.inner');
    expect(transitionRef('sample', { source: 'a', event: 'GO', target: 'b', guard: 'ok' })).toBe('sample#a --GO [ok]--> b');
    expect(citationsOf([json]).get('MOB-PAIR-SUCCESS')).toEqual(['sample#c', 'sample#d', 'sample#b.inner --GO--> c', 'sample#c --always--> d']);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(describeFlow(sampleEntry))).toBe(JSON.stringify(json));
  });
});

describe('checks', () => {
  it('accepts the sample and finds its states, transient ones included', () => {
    const json = describeFlow(sampleEntry);
    expect(validateFlowMachine(sample)).toEqual([]);
    expect(citationProblems(json)).toEqual([]);
    expect(deadEnds(json)).toEqual([]);
    const walk = exploreFlow(sampleEntry, resolvePolicy());
    expect([...walk.entered].sort()).toEqual(['a', 'b', 'b.inner', 'c', 'd']);
    expect([...walk.resting].sort()).toEqual(['a', 'b', 'b.inner', 'd']);
    expect(walk.taken).toContain('sample#c --always--> d');
  });

  it('rejects timers and invoked services, as xstate graph validateMachine does', () => {
    const timed = setup({ actors: {} }).createMachine({ initial: 'a', states: { a: { after: { 1000: 'b' } }, b: { invoke: { src: 'x' } as never } } });
    const problems = validateFlowMachine(timed);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("a: has an 'after'"), expect.stringContaining('b: invokes a service')]));
    expect(problems.every((p) => /^(a|b): /.test(p))).toBe(true);
  });

  it('finds a dead end and a state without requirements', () => {
    const stuck = setup({}).createMachine({ initial: 'a', states: { a: { on: { GO: 'b' } }, b: { on: { STAY: {} } } } });
    const json = describeFlow({ id: 'stuck', title: '', seed: [], description: '', machine: stuck });
    expect(deadEnds(json)).toEqual(['b']);
    expect(citationProblems(json)).toContain('stuck#a: cites no requirement');
  });
});

describe('toMermaid', () => {
  it('draws composite states, finals, guards, crossing edges and the root-level note', () => {
    expect(toMermaid(describeFlow(sampleEntry))).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> a',
        '  state "b" as b {',
        '    [*] --> b_inner',
        '    state "inner" as b_inner',
        '  }',
        '  d --> [*]',
        '  a --> b: GO [ok]',
        '  a --> a: STAY',
        '  b --> c: GO from inner',
        '  c --> d: always',
        '  note right of a',
        '    In every state: GET (the flow stays)',
        '  end note',
        '',
      ].join('\n'),
    );
  });

  it('adds class definitions and state classes for the reports', () => {
    const text = toMermaid(describeFlow(sampleEntry), { classDefs: { failed: 'fill:#fcc' }, stateClass: (s) => (s.id === 'a' ? 'failed' : undefined), direction: 'LR' });
    expect(text).toContain('  direction LR\n');
    expect(text).toContain('  classDef failed fill:#fcc\n');
    expect(text).toContain('  class a failed\n');
  });

  it('places an edge in the composite state that encloses both ends', () => {
    expect(placeTransition('p.a', 'p.b')).toEqual({ scope: 'p', from: 'p.a', to: 'p.b' });
    expect(placeTransition('p.a', 'q')).toEqual({ scope: undefined, from: 'p', to: 'q' });
    expect(placeTransition('a', 'a')).toEqual({ scope: undefined, from: 'a', to: 'a' });
  });
});

describe('README flows section', () => {
  it('matches the machines (regenerate with: npm run docs:flows)', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const expected = renderFlowsSection(flowMachines.map(describeFlow));
    const current = currentFlowsSection(readme);
    expect(current, 'README.md has no <!-- flows:start --> ... <!-- flows:end --> block').toBeDefined();
    expect(current === expected, 'README.md flows section is stale: run `npm run docs:flows` and commit README.md').toBe(true);
  });

  it('replaces only the text between the markers', () => {
    expect(replaceFlowsSection('x\n<!-- flows:start -->old<!-- flows:end -->\ny', 'new')).toBe('x\n<!-- flows:start -->new<!-- flows:end -->\ny');
    expect(() => replaceFlowsSection('no markers', 'new')).toThrow(/flows:start/);
  });
});
