/**
 * A flow machine as plain data: its states (with the requirement IDs, testID, API status and
 * `_links` in their meta) and its transitions (source, event, target, guard, requirement IDs).
 * Pure: the same machine always gives the same JSON, in document order. `authconf models
 * --format json`, the Mermaid export and the reports read this form, never the machine.
 */
import type { AnyStateMachine } from 'xstate';
import type { FlowMachineEntry } from '../machines/index.ts';
import type { RequirementId } from '../requirements.ts';

/** Minimal view of xstate's StateNode / TransitionDefinition that this module reads. */
interface NodeLike {
  id: string;
  key: string;
  path: string[];
  type: string;
  meta?: unknown;
  states: Record<string, NodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  initial?: { target: NodeLike[] };
}
interface TransitionLike {
  eventType: string;
  target?: readonly NodeLike[] | undefined;
  guard?: unknown;
  meta?: unknown;
}

export interface FlowMeta {
  requirements?: readonly RequirementId[];
  testId?: string;
  status?: string;
  links?: readonly string[];
  linksWithSeveralDevices?: readonly string[];
}

export interface FlowStateJson {
  /** The state's path below the machine, dot-joined (`pushWaiting.approved`). */
  id: string;
  requirements: RequirementId[];
  testId?: string;
  /** Authentication API machines: the flow `status` the state shows. */
  status?: string;
  /** Authentication API machines: the exact actions in `_links` (besides `self`). */
  links?: string[];
  /** Actions added to `_links` only when the user has several devices (change device). */
  linksWithSeveralDevices?: string[];
  final: boolean;
  /** Left at once by an eventless (`always`) transition: never a resting state. */
  transient: boolean;
  /** The enclosing state's id, for nested states. */
  parent?: string;
  /** The state entered first inside its parent (or in the machine). */
  initial: boolean;
}

export interface FlowTransitionJson {
  /** The source state's id, or `*` for a transition every state of the machine has. */
  source: string;
  /** The event type; `always` for an eventless transition. */
  event: string;
  /** The target state's id; the source itself for a transition that stays (targetless). */
  target: string;
  guard?: string;
  requirements: RequirementId[];
  testId?: string;
}

export interface FlowJson {
  id: string;
  title: string;
  seed: string[];
  description: string;
  states: FlowStateJson[];
  transitions: FlowTransitionJson[];
}

/** The id this module gives a state node: its path under the root, or `*` for the root. */
export function stateIdOf(node: { path: readonly string[] }): string {
  return node.path.length === 0 ? '*' : node.path.join('.');
}

function metaOf(value: unknown): FlowMeta {
  return (value ?? {}) as FlowMeta;
}

/** A guard's name: the string or `{ type }` it was given, or `inline` for an anonymous function. */
export function guardName(guard: unknown): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String((guard as { type: unknown }).type);
  if (typeof guard === 'function') return guard.name || 'inline';
  return 'inline';
}

/** Every state node under the root, depth first, in declaration order (the seed's step order). */
export function stateNodes(machine: AnyStateMachine): NodeLike[] {
  const out: NodeLike[] = [];
  const visit = (node: NodeLike): void => {
    for (const child of Object.values(node.states)) {
      out.push(child);
      visit(child);
    }
  };
  visit(machine.root as unknown as NodeLike);
  return out;
}

function transitionsOf(node: NodeLike): FlowTransitionJson[] {
  const source = stateIdOf(node);
  const out: FlowTransitionJson[] = [];
  const add = (event: string, t: TransitionLike): void => {
    const meta = metaOf(t.meta);
    const targets = t.target && t.target.length > 0 ? t.target.map(stateIdOf) : [source];
    for (const target of targets) {
      const entry: FlowTransitionJson = { source, event, target, requirements: [...(meta.requirements ?? [])] };
      const guard = guardName(t.guard);
      if (guard !== undefined) entry.guard = guard;
      if (meta.testId !== undefined) entry.testId = meta.testId;
      out.push(entry);
    }
  };
  for (const [event, list] of node.transitions) for (const t of list) add(event, t);
  for (const t of node.always ?? []) add('always', t);
  return out;
}

/** The machine as `FlowJson`. */
export function describeFlow(entry: Pick<FlowMachineEntry, 'id' | 'title' | 'seed' | 'description' | 'machine'>): FlowJson {
  const root = entry.machine.root as unknown as NodeLike;
  const nodes = stateNodes(entry.machine);
  const states = nodes.map((node): FlowStateJson => {
    const meta = metaOf(node.meta);
    const parentPath = node.path.slice(0, -1);
    const parent = parentPath.length === 0 ? root : nodes.find((n) => n.path.join('.') === parentPath.join('.'));
    const state: FlowStateJson = {
      id: stateIdOf(node),
      requirements: [...(meta.requirements ?? [])],
      final: node.type === 'final',
      transient: (node.always?.length ?? 0) > 0,
      initial: parent?.initial?.target.some((t) => t.id === node.id) ?? false,
    };
    if (meta.testId !== undefined) state.testId = meta.testId;
    if (meta.status !== undefined) state.status = meta.status;
    if (meta.links !== undefined) state.links = [...meta.links];
    if (meta.linksWithSeveralDevices !== undefined) state.linksWithSeveralDevices = [...meta.linksWithSeveralDevices];
    if (parentPath.length > 0) state.parent = parentPath.join('.');
    return state;
  });
  const transitions = [...transitionsOf(root), ...nodes.flatMap(transitionsOf)];
  return { id: entry.id, title: entry.title, seed: [...entry.seed], description: entry.description, states, transitions };
}

/** `machine#state`: how a state is named in `citedBy` and in reports. */
export function stateRef(machineId: string, state: string): string {
  return `${machineId}#${state}`;
}

/** `machine#source --EVENT [guard]--> target`: how a transition is named in `citedBy` and in reports. */
export function transitionRef(machineId: string, t: Pick<FlowTransitionJson, 'source' | 'event' | 'target' | 'guard'>): string {
  const label = t.guard === undefined ? t.event : `${t.event} [${t.guard}]`;
  return `${machineId}#${t.source} --${label}--> ${t.target}`;
}

/** For each requirement ID cited in these flows, the states and transitions citing it, in flow order. */
export function citationsOf(flows: readonly FlowJson[]): Map<RequirementId, string[]> {
  const cited = new Map<RequirementId, string[]>();
  const cite = (id: RequirementId, ref: string): void => {
    const refs = cited.get(id) ?? [];
    if (!refs.includes(ref)) refs.push(ref);
    cited.set(id, refs);
  };
  for (const flow of flows) {
    for (const s of flow.states) for (const id of s.requirements) cite(id, stateRef(flow.id, s.id));
    for (const t of flow.transitions) for (const id of t.requirements) cite(id, transitionRef(flow.id, t));
  }
  return cited;
}
