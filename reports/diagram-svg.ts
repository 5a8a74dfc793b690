/**
 * Inline SVG for one machine: a box per state, an arrow per transition, coloured by coverage
 * (green covered, red failed, grey dashed uncovered). No script, no external resource.
 */
import { BOX_HEIGHT, layoutGraph, type Point, type RoutedEdge } from './diagram-layout.ts';
import { escapeHtml } from './html-escape.ts';
import { machineGraph, transitionStatus, transitionText, type TransitionStatus } from './machine-graph.ts';
import type { MachineCoverage } from './schema.ts';

const COLOURS: Record<TransitionStatus, string> = { covered: '#2e7d32', failed: '#c62828', uncovered: '#9e9e9e' };
const CHAR = 7.2;
const LABEL_CHAR = 6.3;
const LABEL_HEIGHT = 15;
const LOOP = 46;
const LOOP_STEP = 22;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function splitState(state: string): { parent: string; leaf: string } {
  const dot = state.lastIndexOf('.');
  return dot < 0 ? { parent: '', leaf: state } : { parent: state.slice(0, dot), leaf: state.slice(dot + 1) };
}

function boxWidth(state: string): number {
  const { parent, leaf } = splitState(state);
  return Math.round(Math.max(96, leaf.length * CHAR + 28, parent.length * 6 + 28));
}

/** Cubic segments with vertical tangents through the points (source, dummies, target). */
function verticalCurve(points: Point[], offset: number): { d: string; mid: Point } {
  let d = `M${points[0]!.x},${points[0]!.y}`;
  let mid: Point = points[0]!;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const dy = (b.y - a.y) / 2;
    const c1 = { x: a.x + offset, y: a.y + dy };
    const c2 = { x: b.x + offset, y: b.y - dy };
    d += ` C${c1.x},${c1.y} ${c2.x},${c2.y} ${b.x},${b.y}`;
    if (i === 0) mid = { x: (a.x + 3 * c1.x + 3 * c2.x + b.x) / 8, y: (a.y + 3 * c1.y + 3 * c2.y + b.y) / 8 };
  }
  return { d, mid };
}

interface DrawnEdge {
  d: string;
  label: Point;
  anchor: 'middle' | 'start';
}

function drawEdge(routed: RoutedEdge, box: (state: string) => Rect): DrawnEdge {
  const { index, count } = routed.parallel;
  const spread = (index - (count - 1) / 2) * 40;
  if (routed.kind === 'self') {
    const b = box(routed.edge.source);
    const reach = LOOP + index * LOOP_STEP;
    const right = b.x + b.w;
    const d = `M${right - 14},${b.y} C${right - 6},${b.y - 26} ${right + reach},${b.y - 14} ${right + reach * 0.55},${b.y + b.h / 2} S${right - 6},${b.y + b.h + 26} ${right - 14},${b.y + b.h}`;
    const labelY = b.y + b.h / 2 + (index - (count - 1) / 2) * LABEL_HEIGHT + 4;
    return { d, label: { x: right + reach * 0.55 + (count - 1 - index) * LOOP_STEP * 0.55 + 8, y: labelY }, anchor: 'start' };
  }
  if (routed.kind === 'same') {
    // Same row: leave and enter the bottoms on the sides facing each other, bowed below the row.
    const from = box(routed.edge.source);
    const to = box(routed.edge.target);
    const towards = to.x > from.x ? 1 : -1;
    const a = { x: from.x + from.w / 2 + (towards * from.w) / 4, y: from.y + from.h };
    const b = { x: to.x + to.w / 2 - (towards * to.w) / 4, y: to.y + to.h };
    const depth = 30 + index * 16;
    return { d: `M${a.x},${a.y} C${a.x},${a.y + depth} ${b.x},${b.y + depth} ${b.x},${b.y}`, label: { x: (a.x + b.x) / 2, y: a.y + depth * 0.75 + 4 }, anchor: 'middle' };
  }
  // Parallel edges: spread the anchors along the box edges and bow the curves apart.
  const points = routed.points.map((p, i) => (i === 0 || i === routed.points.length - 1 ? { x: p.x + spread / 2, y: p.y } : p));
  const { d, mid } = verticalCurve(points, points.length === 2 ? spread / 2 : 0);
  return { d, label: { x: mid.x, y: mid.y + 4 }, anchor: 'middle' };
}

/** Move a label up or down until it clears the boxes and the labels already placed. */
function placeLabel(at: Point, text: string, anchor: 'middle' | 'start', taken: Rect[]): Point {
  const w = text.length * LABEL_CHAR + 6;
  for (const dy of [0, -LABEL_HEIGHT, LABEL_HEIGHT, -2 * LABEL_HEIGHT, 2 * LABEL_HEIGHT, -3 * LABEL_HEIGHT, 3 * LABEL_HEIGHT]) {
    const rect = { x: anchor === 'middle' ? at.x - w / 2 : at.x - 3, y: at.y + dy - LABEL_HEIGHT + 3, w, h: LABEL_HEIGHT };
    if (!taken.some((other) => overlaps(rect, other))) {
      taken.push(rect);
      return { x: at.x, y: at.y + dy };
    }
  }
  return at;
}

/** The SVG of one machine's diagram. `prefix` keeps marker ids unique in the page. */
export function renderDiagramSvg(machine: MachineCoverage, prefix: string): string {
  const graph = machineGraph(machine);
  const edges = graph.transitions.flatMap((t) => (t.targets.length ? t.targets : [t.source]).map((target) => ({ target, t })));
  const referenced = new Set(graph.transitions.flatMap((t) => [t.source, ...t.targets]));
  const isParent = (state: string): boolean => graph.states.some((other) => other.startsWith(`${state}.`));
  // Compound states are drawn only when a transition starts or ends on them.
  const states = graph.states.filter((state) => !isParent(state) || referenced.has(state));
  for (const state of referenced) if (!states.includes(state)) states.push(state);
  const selfLoops = (state: string): typeof edges => edges.filter((e) => e.t.source === state && e.target === state);
  const layout = layoutGraph({
    initial: graph.initial,
    states,
    edges: edges.map((e, id) => ({ id, source: e.t.source, target: e.target, label: e.t.label })),
    width: boxWidth,
    reserve: (state) => {
      const loops = selfLoops(state);
      if (loops.length === 0) return 0;
      const longest = Math.max(...loops.map((e) => transitionText(e.t.label, e.t.event).length));
      return (LOOP + (loops.length - 1) * LOOP_STEP) * 0.55 + 12 + longest * LABEL_CHAR;
    },
  });
  const boxes = new Map(layout.states.map((s) => [s.state, { x: s.x, y: s.y, w: s.width, h: s.height }]));
  const box = (state: string): Rect => boxes.get(state)!;
  const covered = new Set(machine.states.covered);
  const taken: Rect[] = [...boxes.values()].map((b) => ({ ...b }));

  const paths: string[] = [];
  const labels: string[] = [];
  for (const routed of layout.edges) {
    const { t } = edges[routed.edge.id]!;
    const status = transitionStatus(machine, t.label);
    const drawn = drawEdge(routed, box);
    const text = transitionText(t.label, t.event);
    const dash = status === 'uncovered' ? ' stroke-dasharray="5 4"' : '';
    const width = status === 'failed' ? 2.6 : 1.6;
    paths.push(`<path class="edge edge-${status}" d="${drawn.d}" fill="none" stroke="${COLOURS[status]}" stroke-width="${width}"${dash} marker-end="url(#${prefix}-arrow-${status})"><title>${escapeHtml(`${t.label} (${status})`)}</title></path>`);
    const at = placeLabel(drawn.label, text, drawn.anchor, taken);
    labels.push(`<text class="edge-label" x="${at.x.toFixed(1)}" y="${at.y.toFixed(1)}" text-anchor="${drawn.anchor}" fill="${status === 'uncovered' ? '#616161' : COLOURS[status]}"${status === 'failed' ? ' font-weight="700"' : ''}>${escapeHtml(text)}</text>`);
  }

  const stateSvg = layout.states.map((placed) => {
    const { parent, leaf } = splitState(placed.state);
    const isCovered = covered.has(placed.state);
    const compound = isParent(placed.state);
    const fill = isCovered ? '#e8f5e9' : '#f5f5f5';
    const stroke = isCovered ? '#2e7d32' : '#9e9e9e';
    const dash = !isCovered || compound ? ' stroke-dasharray="4 3"' : '';
    const cx = placed.x + placed.width / 2;
    const textSvg = parent
      ? `<text x="${cx}" y="${placed.y + 14}" text-anchor="middle" class="state-parent">${escapeHtml(parent)}</text><text x="${cx}" y="${placed.y + 31}" text-anchor="middle" class="state-name">${escapeHtml(leaf)}</text>`
      : `<text x="${cx}" y="${placed.y + BOX_HEIGHT / 2 + 5}" text-anchor="middle" class="state-name">${escapeHtml(leaf)}</text>`;
    return `<g class="state"><title>${escapeHtml(`${placed.state} (${isCovered ? 'covered' : 'not covered'})`)}</title><rect x="${placed.x}" y="${placed.y}" width="${placed.width}" height="${placed.height}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="1.4"${dash}/>${textSvg}</g>`;
  });

  const start = boxes.get(graph.initial);
  const initialSvg = start
    ? `<circle cx="${start.x + start.w / 2}" cy="${start.y - 26}" r="6" fill="#212121"/><path d="M${start.x + start.w / 2},${start.y - 20} L${start.x + start.w / 2},${start.y - 2}" stroke="#212121" stroke-width="1.6" marker-end="url(#${prefix}-arrow-start)"/>`
    : '';
  const marker = (name: string, colour: string): string =>
    `<marker id="${prefix}-arrow-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  const defs = `<defs>${Object.entries(COLOURS).map(([name, colour]) => marker(name, colour)).join('')}${marker('start', '#212121')}</defs>`;
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  return `<svg class="diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`State diagram of ${machine.title}`)}">${defs}<g class="edges">${paths.join('')}</g>${initialSvg}<g class="states">${stateSvg.join('')}</g><g class="labels">${labels.join('')}</g></svg>`;
}
