/**
 * The layout of a machine's state diagram, by ELK's layered algorithm (elkjs, run in process
 * through `elk-sync.ts`; no network): nested states are laid out INSIDE their parents
 * (`hierarchyHandling: INCLUDE_CHILDREN`), edges are routed orthogonally around the boxes, and
 * ELK places every edge label so that none overlaps a box or another label. Pure geometry in
 * absolute coordinates: `diagram-svg.ts` draws it.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { layoutSync } from './elk-sync.ts';

export interface LayoutEdge {
  id: number;
  source: string;
  target: string;
  label: string;
}

export interface LayoutInput {
  initial: string;
  /** State paths, dotted below the root (`registration.scan`); missing ancestors are added. */
  states: string[];
  edges: LayoutEdge[];
}

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedState extends Rect {
  state: string;
  /** A compound state: its children are drawn inside it. */
  compound: boolean;
  /** 0 for top-level states. */
  depth: number;
}

export interface RoutedEdge {
  edge: LayoutEdge;
  /** Start, bend points, end (absolute). */
  points: Point[];
  /** Where ELK put the label (absolute), when it placed one. */
  label?: Rect;
}

export interface Layout {
  width: number;
  height: number;
  /** Parents before their children (draw in this order). */
  states: PlacedState[];
  edges: RoutedEdge[];
  /** The black dot and its arrow into the initial state. */
  initial?: { dot: Point; points: Point[] };
}

const BOX_HEIGHT = 34;
/** Font sizes the stylesheet gives state names (bold) and edge labels (reports/html-style.ts). */
const STATE_FONT = 13;
const LABEL_FONT = 11;
export const LABEL_HEIGHT = 14;
/** Room above a compound state's children for its name. */
const COMPOUND_TITLE = 26;
const INITIAL = '#initial';
const DOT = 12;

const leafName = (state: string): string => state.slice(state.lastIndexOf('.') + 1);
const parentOf = (state: string): string => (state.includes('.') ? state.slice(0, state.lastIndexOf('.')) : '');

/**
 * Text width without a browser: advance widths (in em) of a wide sans-serif (DejaVu Sans, the
 * widest of the usual system-ui fonts), so boxes and label slots are never narrower than the text.
 */
function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if ('il.,:;|!\'I'.includes(c)) em += 0.3;
    else if ('jft[]() '.includes(c)) em += 0.38;
    else if ('mw'.includes(c)) em += 0.92;
    else if ('MW'.includes(c)) em += 0.97;
    else if (c >= 'A' && c <= 'Z') em += 0.72;
    else if (c >= '0' && c <= '9') em += 0.64;
    else em += 0.61;
  }
  return em * size * (bold ? 1.1 : 1);
}

/** The width a state's box needs for its name. */
function stateWidth(state: string): number {
  return Math.round(Math.max(72, textWidth(leafName(state), STATE_FONT, true) + 22));
}

/** A label's lines: one per `\n`, and each guard on a line of its own (`EVENT [guard]`). */
export function labelLines(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const guard = line.indexOf(' [');
    return guard > 0 ? [line.slice(0, guard), line.slice(guard + 1)] : [line];
  });
}

function labelSize(text: string): { width: number; height: number } {
  const lines = labelLines(text);
  return { width: Math.round(Math.max(...lines.map((l) => textWidth(l, LABEL_FONT))) + 6), height: lines.length * LABEL_HEIGHT };
}

/** The node an edge belongs in: the deepest state containing both ends (the root is ''). */
function containerOf(source: string, target: string): string {
  if (source === target) return parentOf(source);
  if (target.startsWith(`${source}.`)) return source;
  if (source.startsWith(`${target}.`)) return target;
  const a = source.split('.');
  const b = target.split('.');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return a.slice(0, i).join('.');
}

/** Top-down: a machine's flow reads downwards and the page scrolls that way; a wide one would not fit the page. */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.spacing.nodeNodeBetweenLayers': '34',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '8',
  'elk.spacing.nodeNode': '16',
  'elk.spacing.edgeNode': '9',
  'elk.spacing.edgeEdge': '6',
  'elk.spacing.edgeLabel': '3',
  'elk.spacing.labelLabel': '2',
  'elk.padding': '[top=14,left=14,bottom=14,right=14]',
};

export function layoutGraph(input: LayoutInput): Layout {
  const all = new Set<string>();
  for (const state of [...input.states, ...input.edges.flatMap((e) => [e.source, e.target])]) {
    const parts = state.split('.');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('.'));
  }
  const order = [...input.states, ...[...all].filter((s) => !input.states.includes(s))].filter((s) => all.has(s));
  const compound = (state: string): boolean => order.some((other) => other.startsWith(`${state}.`));

  const root: ElkNode = { id: '#root', layoutOptions: { ...LAYOUT_OPTIONS }, children: [], edges: [] };
  const nodes = new Map<string, ElkNode>([['', root]]);
  const nodeOf = (state: string): ElkNode => {
    let node = nodes.get(state);
    if (node) return node;
    node = compound(state)
      ? { id: state, layoutOptions: { 'elk.padding': `[top=${COMPOUND_TITLE + 8},left=12,bottom=12,right=12]`, 'elk.nodeSize.constraints': 'MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${stateWidth(state) + 20},${BOX_HEIGHT + COMPOUND_TITLE})` }, children: [], edges: [] }
      : { id: state, width: stateWidth(state), height: BOX_HEIGHT };
    nodes.set(state, node);
    nodeOf(parentOf(state)).children!.push(node);
    return node;
  };
  for (const state of order) nodeOf(state);

  const elkEdges = new Map<string, LayoutEdge>();
  for (const edge of input.edges) {
    if (!all.has(edge.source) || !all.has(edge.target)) continue;
    const id = `#e${edge.id}`;
    elkEdges.set(id, edge);
    const elkEdge: ElkExtendedEdge = { id, sources: [edge.source], targets: [edge.target], labels: [{ id: `${id}-label`, text: edge.label, ...labelSize(edge.label) }] };
    nodeOf(containerOf(edge.source, edge.target)).edges!.push(elkEdge);
  }
  const initial = all.has(input.initial) ? input.initial : undefined;
  if (initial) {
    root.children!.unshift({ id: INITIAL, width: DOT, height: DOT });
    root.edges!.push({ id: '#e-initial', sources: [INITIAL], targets: [initial] });
  }

  const laid = layoutSync(root);

  const states: PlacedState[] = [];
  const edges: RoutedEdge[] = [];
  let dot: Point | undefined;
  let initialPoints: Point[] = [];
  const visit = (node: ElkNode, depth: number): void => {
    for (const child of node.children ?? []) {
      if (child.id === INITIAL) {
        dot = { x: (child.x ?? 0) + DOT / 2, y: (child.y ?? 0) + DOT / 2 };
        continue;
      }
      states.push({ state: child.id, x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0, compound: compound(child.id), depth });
      visit(child, depth + 1);
    }
    for (const edge of (node.edges ?? []) as ElkExtendedEdge[]) {
      const points = (edge.sections ?? []).flatMap((section, i) => [...(i === 0 ? [section.startPoint] : []), ...(section.bendPoints ?? []), section.endPoint]).map((p) => ({ x: p.x, y: p.y }));
      if (edge.id === '#e-initial') {
        initialPoints = points;
        continue;
      }
      const label = edge.labels?.[0];
      const source = elkEdges.get(edge.id);
      if (!source) continue;
      edges.push({ edge: source, points, ...(label?.x !== undefined ? { label: { x: label.x, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } } : {}) });
    }
  };
  visit(laid, 0);
  edges.sort((a, b) => a.edge.id - b.edge.id);
  return {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    states,
    edges,
    ...(dot ? { initial: { dot, points: initialPoints } } : {}),
  };
}
