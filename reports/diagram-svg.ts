/**
 * Inline SVG for one machine, from the ELK layout (`diagram-layout.ts`): compound states as
 * panels with their children inside, a box per state, an orthogonal arrow per transition with
 * its label where ELK placed it, coloured by the last run (green covered, red failed, grey
 * dashed uncovered). No script, no external resource; the page's script adds zoom and pan.
 */
import { LABEL_HEIGHT, labelLines, type Layout, layoutGraph, type Point } from './diagram-layout.ts';
import { escapeHtml } from './html-escape.ts';
import { machineGraph, transitionStatus, transitionText, type TransitionStatus } from './machine-graph.ts';
import type { MachineCoverage, MachineGraph } from './schema.ts';

const COLOURS: Record<TransitionStatus, string> = { covered: '#2e7d32', failed: '#c62828', uncovered: '#9e9e9e' };
const CORNER = 6;

const leafName = (state: string): string => state.slice(state.lastIndexOf('.') + 1);
const f = (n: number): string => String(Math.round(n * 10) / 10);

/** A polyline with rounded corners. */
function roundedPath(points: Point[]): string {
  if (points.length === 0) return '';
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next) {
      d += ` L${f(p.x)},${f(p.y)}`;
      break;
    }
    const prev = points[i - 1]!;
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(CORNER, inLen / 2, outLen / 2);
    if (r < 0.5) {
      d += ` L${f(p.x)},${f(p.y)}`;
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / inLen) * r, y: p.y - ((p.y - prev.y) / inLen) * r };
    const b = { x: p.x + ((next.x - p.x) / outLen) * r, y: p.y + ((next.y - p.y) / outLen) * r };
    d += ` L${f(a.x)},${f(a.y)} Q${f(p.x)},${f(p.y)} ${f(b.x)},${f(b.y)}`;
  }
  return d;
}

/** The SVG of one machine's diagram. `prefix` keeps marker ids unique in the page. */
export function renderDiagramSvg(machine: MachineCoverage, prefix: string): string {
  const graph = machineGraph(machine);
  // One arrow per pair of states, its label listing every transition between them (a line each).
  const groups = new Map<string, { source: string; target: string; transitions: MachineGraph['transitions'] }>();
  for (const t of graph.transitions) {
    for (const target of t.targets.length ? t.targets : [t.source]) {
      const key = `${t.source}\u0000${target}`;
      const group = groups.get(key) ?? { source: t.source, target, transitions: [] };
      group.transitions.push(t);
      groups.set(key, group);
    }
  }
  const pairs = [...groups.values()];
  let layout: Layout;
  try {
    layout = layoutGraph({
      initial: graph.initial,
      states: graph.states,
      edges: pairs.map((p, id) => ({ id, source: p.source, target: p.target, label: p.transitions.map((t) => transitionText(t.label, t.event)).join('\n') })),
    });
  } catch (error) {
    // A report is still written: the Mermaid source below the diagram shows the machine.
    return `<p class="empty">The diagram could not be laid out (${escapeHtml(error instanceof Error ? error.message : String(error))}); see the Mermaid source.</p>`;
  }
  const covered = new Set(machine.states.covered);

  const paths: string[] = [];
  const labels: string[] = [];
  for (const routed of layout.edges) {
    const { transitions } = pairs[routed.edge.id]!;
    const statuses = transitions.map((t) => transitionStatus(machine, t.label));
    // The arrow shows the worst of its transitions; each label line its own.
    const status: TransitionStatus = statuses.includes('failed') ? 'failed' : statuses.includes('covered') ? 'covered' : 'uncovered';
    const dash = status === 'uncovered' ? ' stroke-dasharray="5 4"' : '';
    const width = status === 'failed' ? 2.4 : 1.4;
    const title = `<title>${escapeHtml(transitions.map((t, i) => `${t.label} (${statuses[i]})`).join('\n'))}</title>`;
    paths.push(`<path class="edge edge-${status}" data-transitions="${transitions.length}" d="${roundedPath(routed.points)}" fill="none" stroke="${COLOURS[status]}" stroke-width="${width}"${dash} marker-end="url(#${prefix}-arrow-${status})">${title}</path>`);
    if (!routed.label) continue;
    const { x, y, width: w } = routed.label;
    let line = 0;
    const cx = f(x + w / 2);
    for (const [i, t] of transitions.entries()) {
      const own = statuses[i]!;
      const fill = own === 'uncovered' ? '#616161' : COLOURS[own];
      const tspans = labelLines(transitionText(t.label, t.event)).map((text) => `<tspan x="${cx}" y="${f(y + (++line) * LABEL_HEIGHT - 3.5)}">${escapeHtml(text)}</tspan>`).join('');
      labels.push(`<text class="edge-label label-${own}" text-anchor="middle" fill="${fill}"${own === 'failed' ? ' font-weight="700"' : ''}><title>${escapeHtml(`${t.label} (${own})`)}</title>${tspans}</text>`);
    }
  }

  const stateSvg = layout.states.map((placed) => {
    const isCovered = covered.has(placed.state);
    const title = `<title>${escapeHtml(`${placed.state} (${isCovered ? 'covered' : 'not covered'})`)}</title>`;
    if (placed.compound) {
      const fill = placed.depth % 2 === 0 ? '#f4f8fc' : '#ffffff';
      const stroke = isCovered ? '#5b8c5f' : '#9e9e9e';
      return `<g class="state compound" data-state="${escapeHtml(placed.state)}">${title}<rect x="${f(placed.x)}" y="${f(placed.y)}" width="${f(placed.width)}" height="${f(placed.height)}" rx="10" fill="${fill}" stroke="${stroke}" stroke-width="1.2"${isCovered ? '' : ' stroke-dasharray="4 3"'}/><text x="${f(placed.x + 10)}" y="${f(placed.y + 18)}" class="state-parent">${escapeHtml(leafName(placed.state))}</text></g>`;
    }
    const fill = isCovered ? '#e8f5e9' : '#f5f5f5';
    const stroke = isCovered ? '#2e7d32' : '#9e9e9e';
    const dash = isCovered ? '' : ' stroke-dasharray="4 3"';
    return `<g class="state" data-state="${escapeHtml(placed.state)}">${title}<rect x="${f(placed.x)}" y="${f(placed.y)}" width="${f(placed.width)}" height="${f(placed.height)}" rx="7" fill="${fill}" stroke="${stroke}" stroke-width="1.4"${dash}/><text x="${f(placed.x + placed.width / 2)}" y="${f(placed.y + placed.height / 2 + 4.5)}" text-anchor="middle" class="state-name">${escapeHtml(leafName(placed.state))}</text></g>`;
  });

  const initialSvg = layout.initial
    ? `<circle cx="${f(layout.initial.dot.x)}" cy="${f(layout.initial.dot.y)}" r="6" fill="#212121"/><path d="${roundedPath(layout.initial.points)}" fill="none" stroke="#212121" stroke-width="1.4" marker-end="url(#${prefix}-arrow-start)"/>`
    : '';
  const marker = (name: string, colour: string): string =>
    `<marker id="${prefix}-arrow-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  const defs = `<defs>${Object.entries(COLOURS).map(([name, colour]) => marker(name, colour)).join('')}${marker('start', '#212121')}</defs>`;
  const { width, height } = layout;
  return `<svg class="diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" data-width="${width}" data-height="${height}" role="img" aria-label="${escapeHtml(`State diagram of ${machine.title}`)}">${defs}<g class="states">${stateSvg.join('')}</g><g class="edges">${paths.join('')}</g>${initialSvg}<g class="labels">${labels.join('')}</g></svg>`;
}
