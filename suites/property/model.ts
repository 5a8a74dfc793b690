/**
 * The oracle of property mode: one machine under one policy as its reachable graph
 * (`suites/paths/graph.ts`, built from XState's own transition function). A node is a model
 * state (value + context); an edge is an event the model takes there, with the transitions it
 * takes and the requirements they and the entered state cite. Commands read this, never the
 * system under test.
 */
import type { Driver, ModelEvent, Variant } from '../../models/driver.ts';
import { buildGraph, type Edge, type ModelGraph, shortestFrom } from '../paths/graph.ts';
import type { ModelEntry, ModelPath, ModelStep } from '../paths/types.ts';

/** Stable key of an event with its payload (`KEY.ENTER {"key":"used"}`). */
export function eventKey(event: ModelEvent | { type: string }): string {
  const { type, ...payload } = event as ModelEvent;
  return Object.keys(payload).length ? `${type} ${JSON.stringify(payload)}` : type;
}

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

export class PropertyModel {
  readonly graph: ModelGraph;
  /** Every distinct event (type + payload) some state takes, in a stable order: the event commands. */
  readonly events: ModelEvent[];
  /** Every edge of the graph, in a stable order: the targets of the reach commands. */
  readonly edges: Edge[];
  /** Every transition label some supported edge takes, in a stable order: the targets of the reach commands. */
  readonly labels: string[];
  readonly initialStep: ModelStep;
  readonly #edgesByLabel = new Map<string, Edge[]>();
  readonly #routes = new Map<string, Edge[] | null>();
  readonly #shortest = new Map<string, Map<string, Edge[]>>();
  readonly #supported = new Map<string, boolean>();
  /** The same answer by event object (the graph's and the commands' events are the same objects every time). */
  readonly #supportedEvents = new WeakMap<object, boolean>();
  readonly #ended = new Map<string, boolean>();
  /** Per node, its edges by event key (a command asks at every step of every walk). */
  readonly #edgesByEvent = new Map<string, Map<string, Edge>>();
  readonly #steps = new Map<Edge, ModelStep>();

  constructor(readonly entry: ModelEntry, readonly variant: Variant, readonly driver: Driver) {
    this.graph = buildGraph(entry, variant.policy);
    const { catalogue } = this.graph;
    this.edges = [...this.graph.nodes.values()].flatMap((n) => n.edges);
    const byKey = new Map<string, ModelEvent>();
    for (const edge of this.edges) byKey.set(eventKey(edge.event as ModelEvent), edge.event as ModelEvent);
    this.events = [...byKey.values()];
    for (const edge of this.edges) {
      if (!this.supported(edge.event as ModelEvent)) continue;
      for (const t of edge.taken) this.#edgesByLabel.set(t.label, [...(this.#edgesByLabel.get(t.label) ?? []), edge]);
    }
    this.labels = [...this.#edgesByLabel.keys()];
    const initial = this.graph.nodes.get(this.graph.initial)!.snapshot;
    this.initialStep = {
      event: { type: 'xstate.init' },
      state: catalogue.stateOf(initial),
      transitions: this.graph.initialTransitions.map((t) => t.label),
      requirements: unique([...catalogue.requirementsOfState(initial), ...this.graph.initialTransitions.flatMap((t) => t.requirements)]),
    };
  }

  get initial(): string {
    return this.graph.initial;
  }

  /** Whether the driver can perform this event of this machine under this variant. */
  supported(event: ModelEvent): boolean {
    const known = this.#supportedEvents.get(event);
    if (known !== undefined) return known;
    const key = eventKey(event);
    let ok = this.#supported.get(key);
    if (ok === undefined) this.#supported.set(key, (ok = this.driver.supports(this.entry.id, event, this.variant) === true));
    this.#supportedEvents.set(event, ok);
    return ok;
  }

  /** The edge `event` takes from `node` (the model says it is enabled there), if any; `key`: the event's `eventKey`, when the caller has it. */
  edgeFrom(node: string, event: ModelEvent, key = eventKey(event)): Edge | undefined {
    let byEvent = this.#edgesByEvent.get(node);
    if (!byEvent) {
      byEvent = new Map();
      // The first edge of an event wins, as a search in edge order would find it.
      for (const e of this.graph.nodes.get(node)?.edges ?? []) {
        const k = eventKey(e.event as ModelEvent);
        if (!byEvent.has(k)) byEvent.set(k, e);
      }
      this.#edgesByEvent.set(node, byEvent);
    }
    return byEvent.get(key);
  }

  /** Shortest supported edge sequence from `from` to `to` (undefined when unreachable). */
  shortest(from: string, to: string): Edge[] | undefined {
    let map = this.#shortest.get(from);
    if (!map) this.#shortest.set(from, (map = this.#shortestSupported(from)));
    return map.get(to);
  }

  #shortestSupported(from: string): Map<string, Edge[]> {
    const supportedGraph: ModelGraph = {
      ...this.graph,
      nodes: new Map([...this.graph.nodes].map(([k, n]) => [k, { ...n, edges: n.edges.filter((e) => this.supported(e.event as ModelEvent)) }])),
    };
    return shortestFrom(supportedGraph, from);
  }

  /** The shortest supported route from `node` that ends with an edge taking transition `label` (undefined: none from here). */
  routeTo(node: string, label: string): Edge[] | undefined {
    const key = `${node}\u0000${label}`;
    let route = this.#routes.get(key);
    if (route === undefined) {
      route = null;
      for (const edge of this.#edgesByLabel.get(label) ?? []) {
        const prefix = this.shortest(node, edge.from);
        if (prefix && (!route || prefix.length + 1 < route.length)) route = [...prefix, edge];
      }
      this.#routes.set(key, route);
    }
    return route ?? undefined;
  }

  /** The flow ended here: a final state, or no edge the driver can take. */
  ended(node: string): boolean {
    let ended = this.#ended.get(node);
    if (ended === undefined) {
      const n = this.graph.nodes.get(node);
      this.#ended.set(node, (ended = !n || n.snapshot.status === 'done' || !n.edges.some((e) => this.supported(e.event as ModelEvent))));
    }
    return ended;
  }

  /** The path step an edge makes: its event, the state after it, transitions and requirements (worked out once per edge; a fresh copy each call). */
  stepOf(edge: Edge): ModelStep {
    let step = this.#steps.get(edge);
    if (!step) {
      const { catalogue } = this.graph;
      const after = this.graph.nodes.get(edge.to)!.snapshot;
      step = {
        event: edge.event,
        state: catalogue.stateOf(after),
        transitions: edge.taken.map((t) => t.label),
        requirements: unique([...edge.taken.flatMap((t) => t.requirements), ...catalogue.requirementsOfState(after)]),
      };
      this.#steps.set(edge, step);
    }
    return { ...step, transitions: [...step.transitions], requirements: [...step.requirements] };
  }

  /** A path (as path mode runs it) from an edge sequence starting at the initial state. */
  pathOf(edges: readonly Edge[], id: string, description: string): ModelPath {
    return { id, machine: this.entry.id, steps: [this.initialStep, ...edges.map((e) => this.stepOf(e))], description };
  }

  /** The edges an explicit event list takes from the initial state; throws on an event the model does not take. */
  edgesOfEvents(events: readonly ModelEvent[]): Edge[] {
    let node = this.initial;
    return events.map((event, i) => {
      const edge = this.edgeFrom(node, event);
      if (!edge) throw new Error(`event ${i + 1} (${eventKey(event)}) is not enabled in the model state ${this.graph.catalogue.stateOf(this.graph.nodes.get(node)!.snapshot)}`);
      node = edge.to;
      return edge;
    });
  }
}
