/**
 * Self-checks for flow machines, used by the tests beside the machines and by anyone who adds a
 * flow: the machine is walkable by the graph utilities (no invoked services, no delayed
 * transitions or actions: the rule of xstate's `graph/validateMachine.ts`), every state and
 * transition cites known requirement IDs, no non-final state is a dead end, and which states and
 * transitions a walk under a given policy reaches.
 */
import { getInitialMicrosteps, getMicrosteps } from 'xstate';
import type { AnyMachineSnapshot, AnyStateMachine, EventObject, StateValue } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { FlowMachineEntry } from '../machines/index.ts';
import type { Policy } from '../policy.ts';
import { isRequirementId } from '../requirements.ts';
import { guardName, stateIdOf, transitionRef } from './describe.ts';
import type { FlowJson } from './describe.ts';

interface CheckedNode {
  id: string;
  path: string[];
  invoke: unknown[];
  after: unknown[];
  entry: unknown[];
  exit: unknown[];
  parent?: CheckedNode;
  states: Record<string, CheckedNode>;
  transitions: Map<string, CheckedTransition[]>;
  always?: CheckedTransition[];
}
interface CheckedTransition {
  eventType: string;
  guard?: unknown;
  actions: unknown[];
  target?: readonly CheckedNode[];
  source: CheckedNode;
}

/**
 * Problems that stop the graph utilities from walking the machine (xstate's validateMachine:
 * invocations, `after` transitions, delayed actions), as messages; empty when it is walkable.
 */
export function validateFlowMachine(machine: AnyStateMachine): string[] {
  const problems: string[] = [];
  const visit = (node: CheckedNode): void => {
    const where = node.path.join('.') || '(root)';
    if (node.invoke.length > 0) problems.push(`${where}: invokes a service (time and I/O must be events)`);
    if (node.after.length > 0) problems.push(`${where}: has an 'after' (delayed) transition; use an event such as CLOCK.ADVANCE`);
    const actions = [...node.entry, ...node.exit, ...[...node.transitions.values()].flat().flatMap((t) => t.actions), ...(node.always ?? []).flatMap((t) => t.actions)];
    for (const action of actions) {
      if (typeof action === 'function' && 'resolve' in action && typeof (action as { delay?: unknown }).delay === 'number') problems.push(`${where}: has a delayed action`);
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as CheckedNode);
  return problems;
}

/** States and transitions without a requirement, or citing an ID that is not in the registry. */
export function citationProblems(flow: FlowJson): string[] {
  const problems: string[] = [];
  for (const s of flow.states) {
    if (s.requirements.length === 0) problems.push(`${flow.id}#${s.id}: cites no requirement`);
    for (const id of s.requirements) if (!isRequirementId(id)) problems.push(`${flow.id}#${s.id}: unknown requirement ${id}`);
  }
  for (const t of flow.transitions) {
    const ref = transitionRef(flow.id, t);
    if (t.requirements.length === 0) problems.push(`${ref}: cites no requirement`);
    for (const id of t.requirements) if (!isRequirementId(id)) problems.push(`${ref}: unknown requirement ${id}`);
  }
  return problems;
}

/**
 * Non-final leaf states from which no transition (their own or an enclosing state's) leads to
 * another state: a user there would be stuck.
 */
export function deadEnds(flow: FlowJson): string[] {
  const leaves = flow.states.filter((s) => !s.final && !flow.states.some((c) => c.parent === s.id));
  return leaves
    .filter((s) => {
      const scopes = new Set(['*']);
      for (let p: string | undefined = s.id; p !== undefined; p = flow.states.find((x) => x.id === p)?.parent) scopes.add(p);
      return !flow.transitions.some((t) => scopes.has(t.source) && t.target !== t.source && !scopes.has(t.target));
    })
    .map((s) => s.id);
}

/** The state ids (`a`, `a.b`) that a state value makes active. */
export function activeStateIds(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...(child === undefined ? [] : activeStateIds(child, `${prefix}${key}.`))]);
}

export interface Exploration {
  /** Resting states reached (as `getShortestPaths` reports them). */
  resting: Set<string>;
  /** All states entered, transient (`always`) states included. */
  entered: Set<string>;
  /** Transitions taken, named as in `citedBy` (`transitionRef`). */
  taken: Set<string>;
  /** How many distinct resting snapshots (state and context) the walk met. */
  snapshots: number;
}

type GuardFn = (args: { context: unknown; event: EventObject }, params: unknown) => boolean;

function enabled(machine: AnyStateMachine, t: CheckedTransition, snapshot: AnyMachineSnapshot, event: EventObject): boolean {
  if (t.guard === undefined) return true;
  const name = guardName(t.guard) ?? '';
  const guards = (machine.implementations as { guards: Record<string, GuardFn | undefined> }).guards;
  const fn = typeof t.guard === 'function' ? (t.guard as GuardFn) : guards[name];
  if (!fn) throw new Error(`${machine.id}: guard '${name}' is not implemented`);
  return fn({ context: snapshot.context, event }, undefined);
}

/** The transition xstate selects for `event` (deepest active state first, first enabled in order). */
function selected(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject, eventless: boolean): CheckedTransition[] {
  const ids = activeStateIds(snapshot.value);
  const leaves = ids.filter((id) => !ids.some((other) => other.startsWith(`${id}.`)));
  const out: CheckedTransition[] = [];
  for (const leaf of leaves) {
    for (let node: CheckedNode | undefined = machine.getStateNodeById(`${machine.id}.${leaf}`) as unknown as CheckedNode; node; node = node.parent) {
      const list = eventless ? (node.always ?? []) : (node.transitions.get(event.type) ?? []);
      const hit = list.find((t) => enabled(machine, t, snapshot, event));
      if (hit) {
        out.push(hit);
        break;
      }
    }
  }
  return out;
}

function refOf(machineId: string, t: CheckedTransition): string[] {
  const source = stateIdOf(t.source);
  const targets = t.target && t.target.length > 0 ? t.target.map(stateIdOf) : [source];
  const guard = guardName(t.guard);
  return targets.map((target) => transitionRef(machineId, { source, event: t.eventType === '' ? 'always' : t.eventType, target, ...(guard === undefined ? {} : { guard }) }));
}

/**
 * Walk the machine under `policy` with its event list: the resting states `getShortestPaths`
 * reaches, plus the transient states and the transitions taken on the way (replaying each event
 * from each reached snapshot with `getMicrosteps`).
 */
export function exploreFlow(entry: Pick<FlowMachineEntry, 'id' | 'machine' | 'events'>, policy: Policy): Exploration {
  const { machine } = entry;
  const events = entry.events(policy);
  const input = { policy };
  const paths = getShortestPaths(machine, { events, input });
  const resting = new Set<string>();
  const entered = new Set<string>();
  const taken = new Set<string>();
  const initial = getInitialMicrosteps(machine, input as never).map(([s]) => s as AnyMachineSnapshot);
  for (const [i, s] of initial.entries()) {
    for (const id of activeStateIds(s.value)) entered.add(id);
    if (i < initial.length - 1) for (const t of selected(machine, s, { type: 'xstate.init' }, true)) for (const ref of refOf(entry.id, t)) taken.add(ref);
  }
  for (const path of paths) {
    const snapshot = path.state as AnyMachineSnapshot;
    for (const id of activeStateIds(snapshot.value)) resting.add(id);
    if (snapshot.status !== 'active') continue;
    for (const event of events) {
      const chosen = selected(machine, snapshot, event, false);
      if (chosen.length === 0) continue;
      for (const t of chosen) for (const ref of refOf(entry.id, t)) taken.add(ref);
      const steps = getMicrosteps(machine, snapshot as never, event as never).map(([s]) => s as AnyMachineSnapshot);
      for (const [i, s] of steps.entries()) {
        for (const id of activeStateIds(s.value)) entered.add(id);
        if (i < steps.length - 1) for (const t of selected(machine, s, event, true)) for (const ref of refOf(entry.id, t)) taken.add(ref);
      }
    }
  }
  return { resting, entered, taken, snapshots: paths.length };
}
