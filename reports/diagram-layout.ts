/**
 * A small layered layout for a machine's state graph (no dependency, no network): layers by BFS
 * from the initial state, one dummy node per layer an edge skips (so long edges route around
 * boxes instead of through them), barycentre ordering sweeps to cut crossings, then x positions
 * pulled towards neighbours without overlap. Pure geometry: `diagram-svg.ts` draws it.
 */

export interface LayoutEdge {
  id: number;
  source: string;
  target: string;
  label: string;
}

export interface LayoutInput {
  initial: string;
  states: string[];
  edges: LayoutEdge[];
  /** Box width for a state (from its label length). */
  width(state: string): number;
  /** Room to keep free right of the box (self-loops and their labels). */
  reserve?(state: string): number;
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedState {
  state: string;
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
}

export interface RoutedEdge {
  edge: LayoutEdge;
  /** Source anchor, intermediate points (dummies), target anchor. Empty for self-loops. */
  points: Point[];
  kind: 'down' | 'up' | 'same' | 'self';
  /** Index among edges joining the same two states (to fan them out). */
  parallel: { index: number; count: number };
}

export interface Layout {
  width: number;
  height: number;
  states: PlacedState[];
  edges: RoutedEdge[];
}

export const BOX_HEIGHT = 40;
export const LAYER_GAP = 74;
const NODE_GAP = 44;
const DUMMY_WIDTH = 16;
const MARGIN = 40;

interface Node {
  key: string;
  /** Spacing width: the box plus its reserve. */
  width: number;
  box: number;
  layer: number;
  order: number;
  x: number;
  dummy: boolean;
}

/** BFS layers from the initial state; unreachable states go below the reachable ones, in a row. */
function assignLayers(input: LayoutInput): Map<string, number> {
  const layers = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const e of input.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const start = input.states.includes(input.initial) ? input.initial : input.states[0];
  if (start === undefined) return layers;
  layers.set(start, 0);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of out.get(current) ?? []) {
      if (layers.has(next) || !input.states.includes(next)) continue;
      layers.set(next, layers.get(current)! + 1);
      queue.push(next);
    }
  }
  const deepest = Math.max(0, ...layers.values());
  for (const state of input.states) if (!layers.has(state)) layers.set(state, deepest + 1);
  return layers;
}

export function layoutGraph(input: LayoutInput): Layout {
  const layerOf = assignLayers(input);
  const nodes = new Map<string, Node>();
  const rows: Node[][] = [];
  const addNode = (key: string, layer: number, box: number, dummy: boolean, reserve = 0): Node => {
    const node: Node = { key, width: box + reserve, box, layer, order: 0, x: 0, dummy };
    nodes.set(key, node);
    (rows[layer] ??= []).push(node);
    node.order = rows[layer].length - 1;
    return node;
  };
  for (const state of input.states) addNode(state, layerOf.get(state)!, input.width(state), false, input.reserve?.(state) ?? 0);

  // Chains: each edge becomes source -> dummies -> target between consecutive layers.
  const chains = new Map<number, string[]>();
  const links: [string, string][] = [];
  for (const edge of input.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    const from = layerOf.get(edge.source)!;
    const to = layerOf.get(edge.target)!;
    const chain = [edge.source];
    const step = to > from ? 1 : -1;
    if (to !== from) {
      for (let layer = from + step; layer !== to; layer += step) chain.push(addNode(`#dummy-${edge.id}-${layer}`, layer, DUMMY_WIDTH, true).key);
    }
    chain.push(edge.target);
    chains.set(edge.id, chain);
    for (let i = 0; i + 1 < chain.length; i++) links.push([chain[i]!, chain[i + 1]!]);
  }

  const neighbours = (node: Node, layer: number): Node[] =>
    links.flatMap(([a, b]) => (a === node.key ? [b] : b === node.key ? [a] : []))
      .map((key) => nodes.get(key)!)
      .filter((other) => other.layer === layer);

  // Barycentre sweeps (down then up) to reduce crossings.
  const reorder = (layer: number, reference: number): void => {
    const row = rows[layer];
    if (!row) return;
    const centre = (node: Node): number => {
      const ns = neighbours(node, reference);
      return ns.length === 0 ? node.order : ns.reduce((sum, n) => sum + n.order, 0) / ns.length;
    };
    const keyed = row.map((node) => ({ node, key: centre(node) }));
    keyed.sort((a, b) => a.key - b.key || a.node.order - b.node.order);
    keyed.forEach(({ node }, index) => (node.order = index));
    row.sort((a, b) => a.order - b.order);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let layer = 1; layer < rows.length; layer++) reorder(layer, layer - 1);
    for (let layer = rows.length - 2; layer >= 0; layer--) reorder(layer, layer + 1);
  }

  // x: pack each row, then pull nodes towards their neighbours' centres without overlap.
  const pack = (row: Node[]): void => {
    let x = 0;
    for (const node of row) {
      node.x = Math.max(node.x, x);
      x = node.x + node.width + NODE_GAP;
    }
  };
  const rowWidth = (row: Node[]): number => row.reduce((sum, n) => sum + n.width, 0) + NODE_GAP * Math.max(0, row.length - 1);
  const widest = Math.max(0, ...rows.map((row) => rowWidth(row ?? [])));
  for (const row of rows) {
    if (!row) continue;
    let x = (widest - rowWidth(row)) / 2;
    for (const node of row) {
      node.x = x;
      x += node.width + NODE_GAP;
    }
  }
  const mid = (node: Node): number => node.x + node.box / 2;
  const settle = (layer: number, reference: number): void => {
    const row = rows[layer];
    if (!row) return;
    for (const node of row) {
      const ns = neighbours(node, reference);
      if (ns.length > 0) node.x = ns.reduce((sum, n) => sum + mid(n), 0) / ns.length - node.box / 2;
    }
    // Resolve overlaps left to right, then shift back if the row drifted right.
    const before = row.reduce((sum, n) => sum + n.x, 0);
    for (let i = 1; i < row.length; i++) row[i]!.x = Math.max(row[i]!.x, row[i - 1]!.x + row[i - 1]!.width + NODE_GAP);
    const drift = (row.reduce((sum, n) => sum + n.x, 0) - before) / row.length;
    for (const node of row) node.x -= drift / 2;
    for (let i = 1; i < row.length; i++) row[i]!.x = Math.max(row[i]!.x, row[i - 1]!.x + row[i - 1]!.width + NODE_GAP);
  };
  for (let pass = 0; pass < 3; pass++) {
    for (let layer = 1; layer < rows.length; layer++) settle(layer, layer - 1);
    for (let layer = rows.length - 2; layer >= 0; layer--) settle(layer, layer + 1);
  }
  for (const row of rows) if (row) pack(row);

  const all = [...nodes.values()];
  const minX = all.length ? Math.min(...all.map((n) => n.x)) : 0;
  const maxX = all.length ? Math.max(...all.map((n) => n.x + n.width)) : 0;
  const y = (layer: number): number => MARGIN + layer * (BOX_HEIGHT + LAYER_GAP);
  const point = (node: Node): PlacedState => ({ state: node.key, x: node.x - minX + MARGIN, y: y(node.layer), width: node.box, height: BOX_HEIGHT, layer: node.layer });
  const placed = new Map(all.map((node) => [node.key, point(node)]));

  const pairCount = new Map<string, number>();
  const pairKey = (e: LayoutEdge): string => [e.source, e.target].sort().join('\u0000');
  for (const e of input.edges) pairCount.set(pairKey(e), (pairCount.get(pairKey(e)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();

  const edges: RoutedEdge[] = [];
  for (const edge of input.edges) {
    const chain = chains.get(edge.id);
    if (!chain) continue;
    const index = pairSeen.get(pairKey(edge)) ?? 0;
    pairSeen.set(pairKey(edge), index + 1);
    const parallel = { index, count: pairCount.get(pairKey(edge)) ?? 1 };
    const source = placed.get(edge.source)!;
    const target = placed.get(edge.target)!;
    if (edge.source === edge.target) {
      edges.push({ edge, points: [], kind: 'self', parallel });
      continue;
    }
    const kind = target.layer > source.layer ? 'down' : target.layer < source.layer ? 'up' : 'same';
    const centreX = (p: PlacedState): number => p.x + p.width / 2;
    const points: Point[] = [];
    if (kind === 'same') {
      points.push({ x: centreX(source), y: source.y + source.height }, { x: centreX(target), y: target.y + target.height });
    } else {
      const down = kind === 'down';
      points.push({ x: centreX(source), y: down ? source.y + source.height : source.y });
      for (const key of chain.slice(1, -1)) {
        const dummy = placed.get(key)!;
        points.push({ x: dummy.x + dummy.width / 2, y: dummy.y + BOX_HEIGHT / 2 });
      }
      points.push({ x: centreX(target), y: down ? target.y : target.y + target.height });
    }
    edges.push({ edge, points, kind, parallel });
  }

  const states = input.states.map((state) => placed.get(state)!);
  const height = y(Math.max(0, rows.length - 1)) + BOX_HEIGHT + MARGIN;
  return { width: maxX - minX + 2 * MARGIN, height, states, edges };
}
