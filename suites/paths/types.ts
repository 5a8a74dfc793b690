/**
 * Types of the path generator: a model entry (one flow machine), a coverage criterion, and the
 * paths it yields. A path is a list of steps; each step is an event the system under test must
 * perform and the state the model expects after it, with the transitions it took and the
 * requirement IDs those transitions and states cite.
 */
import type { AnyStateMachine, EventObject } from 'xstate';
import type { Policy } from '../../models/policy.ts';

/** One flow machine as `models/machines/index.ts` exports it. */
export interface ModelEntry {
  id: string;
  title: string;
  /** Seed file(s) the flow documents. */
  seed: string | readonly string[];
  machine: AnyStateMachine;
  /** Events with payloads (and any event whose payload matters) for the traversal under this policy. */
  events(policy: Policy): EventObject[];
  /** The machine's input for this policy; default `{ policy }`. */
  input?(policy: Policy): unknown;
  /**
   * Event sequences every plan of this machine runs besides the criterion's paths: a rule that
   * needs a transition taken twice in one visit (pair a second issuer after the first), which
   * "every transition once" never chooses. Each must be a walk the model takes from its initial state.
   */
  scenarios?(policy: Policy): EventObject[][];
}

/**
 * - `states`: every reachable state at least once.
 * - `transitions` (default): every reachable transition at least once.
 * - `tour`: every reachable transition, chaining them into as few steps as a greedy walk finds.
 */
export type Criterion = 'states' | 'transitions' | 'tour';
export const criteria: readonly Criterion[] = ['states', 'transitions', 'tour'];

export interface ModelStep {
  event: EventObject;
  /** The state the model is in after the event: leaf state paths joined by `,` (parallel regions). */
  state: string;
  /** Transitions taken (labels from `transitions.ts`), eventless ones included. */
  transitions: string[];
  /** Requirement IDs cited in `meta` of the transitions taken and the states entered. */
  requirements: string[];
}

export interface ModelPath {
  /** `<machine>/<index>` (the runner prefixes the variant). */
  id: string;
  machine: string;
  /** Steps; the first is `xstate.init` (the initial state check). */
  steps: ModelStep[];
  description: string;
}

export interface PathSet {
  machine: string;
  criterion: Criterion;
  paths: ModelPath[];
  coverage: {
    states: { total: number; covered: string[]; unreachable: string[] };
    transitions: { total: number; covered: string[]; unreachable: string[] };
  };
  steps: number;
}
