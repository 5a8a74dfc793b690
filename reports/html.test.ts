import { describe, expect, it } from 'vitest';
import { labelLines, layoutGraph } from './diagram-layout.ts';
import { layoutSync } from './elk-sync.ts';
import { sampleResult } from './fixtures/sample-result.ts';
import { escapeHtml } from './html-escape.ts';
import { renderHtml } from './html.ts';
import { graphFromMermaid } from './machine-graph.ts';
import { requirements } from '../models/requirements.ts';
import type { ConformanceResult } from './schema.ts';
import { buildResult } from './summarize.ts';

/** Every attribute or CSS construct that would make a browser fetch something. */
function resourceLoads(html: string): string[] {
  const loads = [
    ...html.matchAll(/<(?:script|img|iframe|audio|video|source|embed|object|link)\b[^>]*\b(?:src|href|data)\s*=\s*"([^"]*)"/gi),
    ...html.matchAll(/url\(\s*['"]?([^'")]+)/gi),
    ...html.matchAll(/@import\s+['"]?([^'";]+)/gi),
    ...html.matchAll(/<(?:use|image)\b[^>]*\bhref\s*=\s*"([^"#][^"]*)"/gi),
  ];
  // `url(#marker)` points inside the document: not a load.
  return loads.map((m) => m[1]!.trim()).filter((target) => !target.startsWith('#'));
}

describe('conformance.html', () => {
  const result = sampleResult();
  const html = renderHtml(result);

  it('lists every requirement with its status and every path with an anchor', () => {
    for (const requirement of result.requirements) {
      expect(html).toContain(`id="req-${requirement.id}"`);
      expect(html).toMatch(new RegExp(`id="req-${requirement.id}" class="req-${requirement.status}" data-status="${requirement.status}"`));
    }
    for (const path of result.paths) expect(html).toContain(escapeHtml(path.id));
    const anchors = [...html.matchAll(/<details class="path[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(anchors).size).toBe(result.paths.length);
    // Evidence links point at anchors that exist.
    for (const [, target] of html.matchAll(/<a href="#(path-[^"]+)"/g)) expect(anchors).toContain(target);
  });

  it('shows the verdict and the failing paths with their messages and copyable repro lines', () => {
    expect(result.summary.mustPassed).toBe(false);
    expect(html).toContain('<span class="badge fail">FAIL</span>');
    const failures = html.slice(html.indexOf('id="failures"'), html.indexOf('id="requirements"'));
    const failed = result.paths.filter((p) => p.status === 'failed');
    expect(failed).toHaveLength(2);
    // Errored paths are listed with the failing ones, with their message and stack.
    const errored = result.paths.find((p) => p.status === 'error')!;
    expect(failures).toContain(escapeHtml(errored.error!.message));
    expect(failures).toContain(escapeHtml(errored.error!.stack!));
    for (const path of failed) {
      expect(failures).toContain(`>${escapeHtml(path.repro)}</pre><button type="button" data-copy=`);
      expect(failures).toContain(escapeHtml(path.steps.find((s) => s.status === 'failed')!.error!.message));
    }
    // The verdict's reasons, each with what would complete the run.
    for (const reason of result.summary.reasons) expect(html).toContain(`<b>[${reason.code}]</b> ${escapeHtml(reason.message)}`);
    expect(html).toContain('To complete: implement the test-control routes in models/test-control.ts');
    // Each requirement row names the checks that ran for it.
    const passedReq = result.requirements.find((q) => q.status === 'passed')!;
    const row = html.slice(html.indexOf(`id="req-${passedReq.id}"`), html.indexOf('</tr>', html.indexOf(`id="req-${passedReq.id}"`)));
    expect(row).toContain(`<code>${escapeHtml(passedReq.checks[0]!.name)}</code>`);
    expect(html).toContain('class="req-not-checked"');
    // Out-of-scope requirements are listed in the summary, outside the verdict.
    const withScope = buildResult(result.run, result.paths, { ...Object.fromEntries(result.requirements.map((q) => [q.id, requirements[q.id]])), 'OOS-DSK-VPN-RDP': requirements['OOS-DSK-VPN-RDP'] }, []);
    expect(renderHtml(withScope)).toContain('1 requirement out of scope on purpose');
    expect(withScope.summary.verdict).toBe(result.summary.verdict);
  });

  it('draws one inline SVG per machine, with failed, covered and uncovered transitions', () => {
    expect(html.match(/<svg class="diagram"/g)).toHaveLength(result.machines.length);
    expect(html).toContain('class="edge edge-failed"');
    expect(html).toContain('class="edge edge-covered"');
    expect(html).toContain('class="edge edge-uncovered"');
    for (const machine of result.machines) expect(html).toContain(escapeHtml(machine.mermaid));
    // One arrow per pair of states, one label per transition (coloured by its own status).
    const transitionCount = result.machines.reduce((n, m) => n + (m.graph?.transitions.length ?? 0), 0);
    const pairs = result.machines.reduce((n, m) => n + new Set(m.graph!.transitions.flatMap((t) => (t.targets.length ? t.targets : [t.source]).map((x) => `${t.source}>${x}`))).size, 0);
    expect(html.match(/class="edge edge-/g)).toHaveLength(pairs);
    expect(html.match(/class="edge-label label-/g)).toHaveLength(transitionCount);
    expect(html).toContain('class="edge-label label-failed"');
    expect(html).toContain('class="edge-label label-uncovered"');
    // Zoom and pan controls, wired by the inline script.
    expect(html.match(/<div class="diagram-tools">/g)).toHaveLength(result.machines.length);
    expect(html).toContain('data-zoom="fit"');
  });

  it('searches requirements by id and text only, and keeps the table inside its card', () => {
    const rows = [...html.matchAll(/<tr id="req-([^"]+)"[^>]*data-search="([^"]*)"/g)];
    expect(rows).toHaveLength(result.requirements.length);
    for (const [, id, search] of rows) {
      const requirement = result.requirements.find((q) => q.id === id)!;
      expect(search).toBe(escapeHtml(`${requirement.id} ${requirement.text}`));
    }
    expect(html).toContain('<div class="table-wrap"><table class="reqs">');
  });

  it('loads nothing from the network and carries its CSS and script inline', () => {
    expect(resourceLoads(html)).toEqual([]);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toMatch(/<script>[\s\S]+<\/script>/);
    expect(html).toContain('@media print');
    expect(resourceLoads('<script src="https://cdn.example/x.js"></script><style>a{background:url(http://x/y.png)}</style>')).toHaveLength(2);
  });

  it('escapes text from the run', () => {
    const evil = sampleResult();
    evil.paths[0] = { ...evil.paths[0]!, description: '<script>alert(1)</script>' };
    expect(renderHtml(evil)).not.toContain('<script>alert(1)</script>');
    expect(renderHtml(evil)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders a passing run, and an empty one as INCOMPLETE (nothing ran)', () => {
    const passing = buildResult(result.run, [result.paths[0]!], { 'MOB-PAIR-SIGN-ON': requirements['MOB-PAIR-SIGN-ON'] }, []);
    expect(passing.summary.verdict).toBe('PASS');
    expect(renderHtml(passing)).toContain('<span class="badge pass">PASS</span>');
    const empty: ConformanceResult = buildResult(result.run, [], {}, []);
    const text = renderHtml(empty);
    expect(text).toContain('<span class="badge incomplete">INCOMPLETE</span>');
    expect(text).toContain('[NOTHING_RAN]');
    expect(text).toContain('No failing or erroring path.');
  });

  it('falls back to the Mermaid source when a machine has no graph', () => {
    const { graph: _graph, ...bare } = result.machines[2]!;
    void _graph;
    const withoutGraph = { ...result, machines: [bare] };
    const text = renderHtml(withoutGraph);
    expect(text.match(/<svg class="diagram"/g)).toHaveLength(1);
    expect(text.match(/class="edge-label label-/g)).toHaveLength(result.machines[2]!.graph!.transitions.length);
  });
});

describe('diagram layout (ELK)', () => {
  const inside = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean =>
    a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
  const apart = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean =>
    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

  it('draws nested states inside their parents, boxes and labels without overlap, inside the drawing', () => {
    const layout = layoutGraph({
      initial: 'idle',
      states: ['idle', 'pairing', 'pairing.scan', 'pairing.pin', 'pairing.pin.create', 'pairing.pin.confirm', 'done'],
      edges: [
        { id: 0, source: 'idle', target: 'pairing.scan', label: 'START' },
        { id: 1, source: 'pairing.scan', target: 'pairing.pin.create', label: 'SCAN [valid]' },
        { id: 2, source: 'pairing.pin.create', target: 'pairing.pin.confirm', label: 'PIN' },
        { id: 3, source: 'pairing.pin.confirm', target: 'pairing.pin.create', label: 'PIN.CONFIRM [mismatch]' },
        { id: 4, source: 'pairing.pin.confirm', target: 'done', label: 'PIN.CONFIRM' },
        { id: 5, source: 'pairing', target: 'idle', label: 'CANCEL' },
        { id: 6, source: 'pairing.scan', target: 'pairing.scan', label: 'SCAN' },
      ],
    });
    const placed = new Map(layout.states.map((s) => [s.state, s]));
    expect([...placed.keys()].sort()).toEqual(['done', 'idle', 'pairing', 'pairing.pin', 'pairing.pin.confirm', 'pairing.pin.create', 'pairing.scan']);
    for (const child of ['pairing.scan', 'pairing.pin']) expect(inside(placed.get(child)!, placed.get('pairing')!)).toBe(true);
    for (const child of ['pairing.pin.create', 'pairing.pin.confirm']) expect(inside(placed.get(child)!, placed.get('pairing.pin')!)).toBe(true);
    expect(placed.get('pairing')!.compound).toBe(true);
    const leaves = layout.states.filter((s) => !s.compound);
    const labels = layout.edges.map((e) => e.label!);
    expect(labels.every(Boolean)).toBe(true);
    const boxes = [...leaves, ...labels];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(apart(a, b)).toBe(true);
      expect(inside(a, { x: 0, y: 0, width: layout.width, height: layout.height })).toBe(true);
    }
    expect(layout.edges).toHaveLength(7);
    for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.initial?.points.length).toBeGreaterThanOrEqual(2);
  });

  it('lays out every machine of the sample run top-down without overlapping boxes', () => {
    for (const machine of sampleResult().machines) {
      const graph = machine.graph!;
      const layout = layoutGraph({
        initial: graph.initial,
        states: graph.states,
        edges: graph.transitions.map((t, id) => ({ id, source: t.source, target: t.targets[0] ?? t.source, label: t.event })),
      });
      const leaves = layout.states.filter((s) => !s.compound);
      for (const [i, a] of leaves.entries()) for (const b of leaves.slice(i + 1)) expect(apart(a, b)).toBe(true);
      expect(layout.states.find((s) => s.state === graph.initial)).toBeDefined();
      expect(layout.edges).toHaveLength(graph.transitions.length);
    }
  });

  it('runs ELK synchronously and reports its errors', () => {
    const laid = layoutSync({ id: 'r', layoutOptions: { 'elk.algorithm': 'layered' }, children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['b'] }] });
    expect(laid.children!.map((c) => typeof c.x)).toEqual(['number', 'number']);
    expect(() => layoutSync({ id: 'r', layoutOptions: { 'elk.algorithm': 'no-such-algorithm' }, children: [{ id: 'a', width: 10, height: 10 }] })).toThrow(/elkjs layout failed/);
  });

  it('puts a guard on a line of its own', () => {
    expect(labelLines('PIN.SUBMIT [pinSequence]\nPIN.SUBMIT')).toEqual(['PIN.SUBMIT', '[pinSequence]', 'PIN.SUBMIT']);
  });

  it('reads a flat Mermaid state diagram', () => {
    const graph = graphFromMermaid('stateDiagram-v2\n  [*] --> idle\n  idle --> busy: START\n  busy --> idle: STOP [ok]\n  busy --> [*]');
    expect(graph).toEqual({
      initial: 'idle',
      states: ['idle', 'busy'],
      transitions: [
        { label: 'idle --START--> busy', source: 'idle', event: 'START', targets: ['busy'] },
        { label: 'busy --STOP [ok]--> idle', source: 'busy', event: 'STOP [ok]', targets: ['idle'] },
      ],
    });
  });
});
