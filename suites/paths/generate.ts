/**
 * Paths from a machine under a policy, for a coverage criterion (`types.ts`). Built on the
 * reachable graph (`graph.ts`), then a greedy cover: longer candidates first, each kept only if
 * it covers something new, so prefixes of kept paths disappear.
 */
import type { EventObject } from 'xstate';
import type { Policy } from '../../models/policy.ts';
import { buildGraph, type Edge, type ModelGraph, shortestFrom } from './graph.ts';
import type { Criterion, ModelEntry, ModelPath, ModelStep, PathSet } from './types.ts';

/** A tour path is cut here and a new one started: long paths make one failure hide the rest. */
const TOUR_MAX_STEPS = 40;

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

function toPath(graph: ModelGraph, machine: string, edges: Edge[], index: number): ModelPath {
  const { catalogue } = graph;
  const initialSnapshot = graph.nodes.get(graph.initial)!.snapshot;
  const init: ModelStep = {
    event: { type: 'xstate.init' },
    state: catalogue.stateOf(initialSnapshot),
    transitions: graph.initialTransitions.map((t) => t.label),
    requirements: unique([...catalogue.requirementsOfState(initialSnapshot), ...graph.initialTransitions.flatMap((t) => t.requirements)]),
  };
  const steps = edges.map((edge): ModelStep => {
    const after = graph.nodes.get(edge.to)!.snapshot;
    return {
      event: edge.event,
      state: catalogue.stateOf(after),
      transitions: edge.taken.map((t) => t.label),
      requirements: unique([...edge.taken.flatMap((t) => t.requirements), ...catalogue.requirementsOfState(after)]),
    };
  });
  return {
    id: `${machine}/${index}`,
    machine,
    steps: [init, ...steps],
    description: [init, ...steps].map((s) => `${s.event.type} → ${s.state}`).join('; '),
  };
}

function labelsOf(edges: Edge[]): string[] {
  return edges.flatMap((e) => e.taken.map((t) => t.label));
}

function statesOf(graph: ModelGraph, edges: Edge[]): string[] {
  // Transient states (left at once by an eventless transition) count through the transitions' sources.
  const keys = [graph.initial, ...edges.map((e) => e.to)];
  const resting = keys.flatMap((k) => graph.catalogue.activeStates(graph.nodes.get(k)!.snapshot));
  const passed = [...graph.initialTransitions, ...edges.flatMap((e) => e.taken)].map((t) => t.source);
  return [...resting, ...passed];
}

/** Greedy cover: longest candidates first, keep one only when it adds an item. */
function cover(candidates: Edge[][], itemsOf: (edges: Edge[]) => string[], initiallyCovered: string[]): Edge[][] {
  const covered = new Set(initiallyCovered);
  const kept: Edge[][] = [];
  for (const candidate of [...candidates].sort((a, b) => b.length - a.length)) {
    const items = itemsOf(candidate);
    if (items.some((i) => !covered.has(i))) {
      kept.push(candidate);
      for (const i of items) covered.add(i);
    }
  }
  return kept;
}

function transitionCandidates(graph: ModelGraph, toNode: Map<string, Edge[]>): Edge[][] {
  const best = new Map<string, Edge[]>();
  for (const [key, prefix] of toNode) {
    for (const edge of graph.nodes.get(key)!.edges) {
      const candidate = [...prefix, edge];
      for (const t of edge.taken) {
        const current = best.get(t.label);
        if (!current || current.length > candidate.length) best.set(t.label, candidate);
      }
    }
  }
  return [...best.values()];
}

function stateCandidates(graph: ModelGraph, toNode: Map<string, Edge[]>): Edge[][] {
  const best = new Map<string, Edge[]>();
  for (const [key, edges] of toNode) {
    for (const state of graph.catalogue.activeStates(graph.nodes.get(key)!.snapshot)) {
      const current = best.get(state);
      if (!current || current.length > edges.length) best.set(state, edges);
    }
  }
  return [...best.values()];
}

/** Greedy transition tour: walk to the nearest uncovered transition; restart from the initial state when stuck. */
function tour(graph: ModelGraph, reachable: Set<string>): Edge[][] {
  const uncovered = new Set(reachable);
  for (const t of graph.initialTransitions) uncovered.delete(t.label);
  const paths: Edge[][] = [];
  let current: Edge[] = [];
  let at = graph.initial;
  while (uncovered.size) {
    const next = nearestUncovered(graph, at, uncovered);
    if (!next || current.length + next.length > TOUR_MAX_STEPS) {
      if (current.length === 0) break; // nothing reachable from the initial state is left
      paths.push(current);
      current = [];
      at = graph.initial;
      continue;
    }
    current.push(...next);
    for (const label of labelsOf(next)) uncovered.delete(label);
    at = next[next.length - 1]!.to;
  }
  if (current.length) paths.push(current);
  return paths;
}

function nearestUncovered(graph: ModelGraph, from: string, uncovered: Set<string>): Edge[] | undefined {
  const seen = new Map<string, Edge[]>([[from, []]]);
  const queue = [from];
  while (queue.length) {
    const key = queue.shift()!;
    const here = seen.get(key)!;
    for (const edge of graph.nodes.get(key)?.edges ?? []) {
      if (edge.taken.some((t) => uncovered.has(t.label))) return [...here, edge];
      if (seen.has(edge.to)) continue;
      seen.set(edge.to, [...here, edge]);
      queue.push(edge.to);
    }
  }
  return undefined;
}

/** The edges the model takes for `events` from its initial state (a scenario); throws when it does not take one. */
function walk(graph: ModelGraph, machine: string, events: readonly EventObject[]): Edge[] {
  const edges: Edge[] = [];
  let at = graph.initial;
  for (const event of events) {
    const edge = graph.nodes.get(at)?.edges.find((e) => JSON.stringify(e.event) === JSON.stringify(event));
    if (!edge) throw new Error(`scenario of ${machine}: the model takes no ${JSON.stringify(event)} after ${edges.map((e) => e.event.type).join(' > ') || 'the start'}`);
    edges.push(edge);
    at = edge.to;
  }
  return edges;
}

export function generatePaths(entry: ModelEntry, policy: Policy, criterion: Criterion = 'transitions'): PathSet {
  const graph = buildGraph(entry, policy);
  const toNode = shortestFrom(graph, graph.initial);
  const reachableTransitions = new Set([
    ...graph.initialTransitions.map((t) => t.label),
    ...[...graph.nodes.values()].flatMap((n) => labelsOf(n.edges)),
  ]);
  const reachableStates = new Set([
    ...statesOf(graph, []),
    ...[...graph.nodes.values()].flatMap((n) => [...graph.catalogue.activeStates(n.snapshot), ...statesOf(graph, n.edges)]),
  ]);
  const initialLabels = graph.initialTransitions.map((t) => t.label);
  const chosen =
    criterion === 'states'
      ? cover(stateCandidates(graph, toNode), (edges) => statesOf(graph, edges), [])
      : criterion === 'tour'
        ? tour(graph, reachableTransitions)
        : cover(transitionCandidates(graph, toNode), labelsOf, initialLabels);
  // A machine whose every transition is eventless (or that has none) still gets its initial check.
  const edgeLists = [...(chosen.length ? chosen : [[]]), ...(entry.scenarios?.(policy) ?? []).map((events) => walk(graph, entry.id, events))];
  const paths = edgeLists.map((edges, i) => toPath(graph, entry.id, edges, i + 1));
  const coveredTransitions = new Set(paths.flatMap((p) => p.steps.flatMap((s) => s.transitions)));
  const coveredStates = new Set(edgeLists.flatMap((edges) => statesOf(graph, edges)));
  const { catalogue } = graph;
  return {
    machine: entry.id,
    criterion,
    paths,
    steps: paths.reduce((n, p) => n + p.steps.length - 1, 0),
    coverage: {
      states: {
        total: catalogue.states.length,
        covered: catalogue.states.filter((s) => coveredStates.has(s)),
        unreachable: catalogue.states.filter((s) => !reachableStates.has(s)),
      },
      transitions: {
        total: catalogue.transitions.length,
        covered: catalogue.transitions.map((t) => t.label).filter((l) => coveredTransitions.has(l)),
        unreachable: catalogue.transitions.map((t) => t.label).filter((l) => !reachableTransitions.has(l)),
      },
    },
  };
}
