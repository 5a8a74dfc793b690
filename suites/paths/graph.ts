/**
 * The reachable graph of one machine under one policy, built with `getAdjacencyMap` from
 * `xstate/graph`. Nodes are serialized snapshots (state value + context); edges are the events
 * that take a transition (events a state ignores, or whose guards all fail, are dropped), each
 * annotated with the transition labels it takes.
 */
import { type AnyMachineSnapshot, type AnyStateNode, type EventObject, __unsafe_getAllOwnEventDescriptors, getInitialMicrosteps } from 'xstate';
import { getAdjacencyMap, serializeSnapshot } from 'xstate/graph';
import type { Policy } from '../../models/policy.ts';
import { MachineCatalogue, type TransitionInfo } from './transitions.ts';
import type { ModelEntry } from './types.ts';

export interface Edge {
  from: string;
  to: string;
  event: EventObject;
  taken: TransitionInfo[];
}

export interface GraphNode {
  key: string;
  snapshot: AnyMachineSnapshot;
  edges: Edge[];
}

export interface ModelGraph {
  catalogue: MachineCatalogue;
  initial: string;
  initialTransitions: TransitionInfo[];
  nodes: Map<string, GraphNode>;
}

/** Safety net for a machine whose context grows without bound. */
const TRAVERSAL_LIMIT = 50_000;

/**
 * Event types the active states (and their ancestors, the root included) have transitions for.
 * Not `getAllOwnEventDescriptors`: it leaves out targetless transitions without actions (a
 * self-transition that only cites a requirement, like OTP.COPY) and the root's own `on`.
 */
function eventTypesOf(snapshot: AnyMachineSnapshot): string[] {
  const nodes = (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes;
  return [...new Set([...__unsafe_getAllOwnEventDescriptors(snapshot), ...nodes.flatMap((n) => [...n.transitions.keys()])])];
}

export function eventsFor(entry: ModelEntry, policy: Policy): (snapshot: AnyMachineSnapshot) => EventObject[] {
  const listed = entry.events(policy);
  return (snapshot) =>
    eventTypesOf(snapshot)
      .filter((type) => type !== '*' && !type.startsWith('xstate.'))
      .flatMap((type) => {
        const matching = listed.filter((e) => e.type === type);
        return matching.length ? matching : [{ type }];
      });
}

/**
 * Built graphs by machine, then by model id and policy: a run asks for the same one several
 * times (coverage rows, path generation, the report's model, property mode's oracle), and the
 * bench runs a plan more than once. A graph is never changed once built. At most
 * GRAPHS_PER_MACHINE per machine are kept (the oldest goes first).
 */
const graphCache = new WeakMap<object, Map<string, ModelGraph>>();
const GRAPHS_PER_MACHINE = 64;

const functionIds = new WeakMap<object, number>();
let nextFunctionId = 1;
/** A number per function object (0 for none), for cache keys. */
function functionId(fn: object | undefined): number {
  if (!fn) return 0;
  let id = functionIds.get(fn);
  if (id === undefined) functionIds.set(fn, (id = nextFunctionId++));
  return id;
}

export function buildGraph(entry: ModelEntry, policy: Policy): ModelGraph {
  let graphs = graphCache.get(entry.machine);
  if (!graphs) graphCache.set(entry.machine, (graphs = new Map()));
  // The graph is the machine's under the entry's input and events for this policy: two entries of one
  // machine (a fixture's variant of a model) with other input or events functions get graphs of their own.
  const key = `${entry.id}\u0000${functionId(entry.input)}\u0000${functionId(entry.events)}\u0000${JSON.stringify(policy)}`;
  let graph = graphs.get(key);
  if (!graph) {
    graph = newGraph(entry, policy);
    if (graphs.size >= GRAPHS_PER_MACHINE) graphs.delete(graphs.keys().next().value!);
    graphs.set(key, graph);
  }
  return graph;
}

function newGraph(entry: ModelEntry, policy: Policy): ModelGraph {
  const catalogue = new MachineCatalogue(entry.machine);
  const input = entry.input ? entry.input(policy) : { policy };
  const adjacency = getAdjacencyMap(entry.machine, { input, events: eventsFor(entry, policy), limit: TRAVERSAL_LIMIT } as never);
  const nodes = new Map<string, GraphNode>();
  for (const [key, value] of Object.entries(adjacency)) {
    const snapshot = value.state as AnyMachineSnapshot;
    const edges: Edge[] = [];
    for (const { event, state } of Object.values(value.transitions) as { event: EventObject; state: AnyMachineSnapshot }[]) {
      const taken = catalogue.taken(snapshot, event);
      if (taken.length === 0) continue;
      edges.push({ from: key, to: serializeSnapshot(state), event, taken });
    }
    nodes.set(key, { key, snapshot, edges });
  }
  const initial = Object.keys(adjacency)[0];
  if (initial === undefined) throw new Error(`machine ${entry.id} has no initial state`);
  const micro = getInitialMicrosteps(entry.machine, input as never).map(([s]) => s as AnyMachineSnapshot);
  return { catalogue, initial, initialTransitions: catalogue.eventless(micro), nodes };
}

/** Breadth-first shortest edge sequences from `from` to every reachable node. */
export function shortestFrom(graph: ModelGraph, from: string): Map<string, Edge[]> {
  const paths = new Map<string, Edge[]>([[from, []]]);
  const queue = [from];
  while (queue.length) {
    const key = queue.shift()!;
    const here = paths.get(key)!;
    for (const edge of graph.nodes.get(key)?.edges ?? []) {
      if (paths.has(edge.to)) continue;
      paths.set(edge.to, [...here, edge]);
      queue.push(edge.to);
    }
  }
  return paths;
}
