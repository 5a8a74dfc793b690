/**
 * Static view of a machine: its states and transitions, each with a stable label that paths,
 * coverage and reports share (`source --EVENT--> target`, `[guard]` when guarded, `#n` when two
 * definitions would otherwise read the same). Also maps a step actually taken back to the
 * transition definitions that produced it, eventless (`always`) ones included.
 */
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  type EventObject,
  getMicrosteps,
} from 'xstate';

export const ALWAYS = 'always';

export interface TransitionInfo {
  label: string;
  source: string;
  event: string;
  targets: string[];
  requirements: string[];
}

/** A state node's dotted path below the root (`registration.scan`); the root is `(machine)`. */
export function statePath(node: AnyStateNode): string {
  return node.path.length ? node.path.join('.') : '(machine)';
}

function allNodes(root: AnyStateNode): AnyStateNode[] {
  return [root, ...Object.values(root.states).flatMap((child) => allNodes(child))];
}

function guardName(guard: unknown): string | undefined {
  if (!guard) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'guard';
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  return 'guard';
}

/** Requirement IDs a `meta` object cites: `meta.requirements` (array) or `meta.requirement` (string). */
export function metaRequirements(meta: unknown): string[] {
  if (!meta || typeof meta !== 'object') return [];
  const m = meta as { requirements?: unknown; requirement?: unknown };
  const list = Array.isArray(m.requirements) ? m.requirements : [];
  const one = typeof m.requirement === 'string' ? [m.requirement] : [];
  return [...list, ...one].filter((x): x is string => typeof x === 'string');
}

function definitionsOf(node: AnyStateNode): [string, AnyTransitionDefinition[]][] {
  const byEvent = [...node.transitions.entries()].filter(([type]) => !type.startsWith('xstate.') || type.startsWith('xstate.done'));
  const always = node.always ?? [];
  return always.length ? [...byEvent, [ALWAYS, always]] : byEvent;
}

/** The catalogue of a machine: every state path, every transition definition with its label. */
export class MachineCatalogue {
  readonly states: string[];
  readonly transitions: TransitionInfo[];
  readonly stateRequirements = new Map<string, string[]>();
  readonly #byDefinition = new Map<AnyTransitionDefinition, TransitionInfo>();

  constructor(readonly machine: AnyStateMachine) {
    const nodes = allNodes(machine.root);
    this.states = nodes.filter((n) => n !== machine.root).map(statePath);
    for (const node of nodes) this.stateRequirements.set(statePath(node), metaRequirements(node.meta));
    const seen = new Map<string, number>();
    this.transitions = [];
    for (const node of nodes) {
      for (const [eventType, defs] of definitionsOf(node)) {
        for (const def of defs) {
          const targets = (def.target ?? []).map((t: AnyStateNode) => statePath(t));
          const guard = guardName(def.guard);
          let label = `${statePath(node)} --${eventType}${guard ? ` [${guard}]` : ''}--> ${targets.length ? targets.join(',') : statePath(node)}`;
          const count = (seen.get(label) ?? 0) + 1;
          seen.set(label, count);
          if (count > 1) label = `${label} #${count}`;
          const info: TransitionInfo = { label, source: statePath(node), event: eventType, targets, requirements: metaRequirements(def.meta) };
          this.transitions.push(info);
          this.#byDefinition.set(def, info);
        }
      }
    }
  }

  /** The leaf state paths of a snapshot, joined by `,`. */
  stateOf(snapshot: AnyMachineSnapshot): string {
    return this.activeLeaves(snapshot).join(',');
  }

  activeLeaves(snapshot: AnyMachineSnapshot): string[] {
    const nodes = (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes;
    return nodes.filter((n) => n.type === 'atomic' || n.type === 'final').map(statePath);
  }

  /** Every non-root state path active in a snapshot (ancestors included). */
  activeStates(snapshot: AnyMachineSnapshot): string[] {
    const nodes = (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes;
    return nodes.filter((n) => n !== this.machine.root).map(statePath);
  }

  /** Requirement IDs cited by the states active in a snapshot. */
  requirementsOfState(snapshot: AnyMachineSnapshot): string[] {
    return this.activeStates(snapshot).flatMap((s) => this.stateRequirements.get(s) ?? []);
  }

  info(def: AnyTransitionDefinition): TransitionInfo | undefined {
    return this.#byDefinition.get(def);
  }

  /**
   * The transitions taken when `event` is sent in `snapshot`: the event's own (from
   * `getTransitionData`) and the eventless ones of the following microsteps (matched by the
   * `always` definition whose targets the next microstep entered).
   */
  taken(snapshot: AnyMachineSnapshot, event: EventObject): TransitionInfo[] {
    const own = this.machine.getTransitionData(snapshot as never, event)
      .map((def) => this.info(def))
      .filter((x): x is TransitionInfo => x !== undefined);
    if (own.length === 0) return [];
    const micro = getMicrosteps(this.machine, snapshot as never, event as never).map(([s]) => s as AnyMachineSnapshot);
    return [...own, ...this.eventless(micro)];
  }

  /** Eventless transitions between consecutive microsteps. */
  eventless(micro: AnyMachineSnapshot[]): TransitionInfo[] {
    const out: TransitionInfo[] = [];
    for (let i = 0; i + 1 < micro.length; i++) {
      const before = micro[i]!;
      const after = new Set(this.activeStates(micro[i + 1]!));
      const nodes = (before as unknown as { _nodes: AnyStateNode[] })._nodes;
      for (const node of nodes) {
        const def = (node.always ?? []).find((d: AnyTransitionDefinition) =>
          (d.target ?? []).every((t: AnyStateNode) => after.has(statePath(t))) && (d.target ?? []).length > 0);
        const info = def && this.info(def);
        if (info) {
          out.push(info);
          break;
        }
      }
    }
    return out;
  }
}
