/**
 * The commands of property mode (fast-check model-based testing, `fc.commands`):
 * - an event command per distinct event of the machine (type + payload, the same list the path
 *   generator uses), run only where the model takes it and the driver can perform it;
 * - a reach command per transition of the machine: walk the model's shortest supported path to
 *   the nearest edge that takes it, then take it. Random events alone rarely get ten steps deep into a flow;
 *   reach commands let every run get anywhere, and shrinking turns a long story into
 *   "the shortest way there, then the step that fails".
 * - restart: after a final state, a new session (a new user, fresh apps) on the same target, so
 *   one walk runs several flows and what one flow leaves on the server meets the next.
 * `check` reads only the model, so a run is a pure function of the generated commands: fast-check
 * can shrink it and replay it from its seed and path.
 */
import fc from 'fast-check';
import type { ModelEvent } from '../../models/driver.ts';
import type { Edge } from '../paths/graph.ts';
import { eventKey, type PropertyModel } from './model.ts';
import type { Walk, WalkState } from './world.ts';

export type WalkCommand = fc.AsyncCommand<WalkState, Walk, boolean>;

export class EventCommand implements WalkCommand {
  readonly #key: string;
  constructor(readonly model: PropertyModel, readonly event: ModelEvent) {
    this.#key = eventKey(event);
  }

  check(state: Readonly<WalkState>): boolean {
    return state.stopped === undefined && state.steps < state.maxSteps && this.model.supported(this.event) && this.model.edgeFrom(state.node, this.event, this.#key) !== undefined;
  }

  async run(state: WalkState, walk: Walk): Promise<void> {
    await walk.perform(this.model.edgeFrom(state.node, this.event, this.#key)!, state);
  }

  toString(): string {
    return this.#key;
  }
}

export class ReachCommand implements WalkCommand {
  /** `label`: a transition of the machine; the command takes the nearest edge that takes it. */
  constructor(readonly model: PropertyModel, readonly label: string) {}

  #route(state: Readonly<WalkState>): Edge[] | undefined {
    if (state.stopped !== undefined) return undefined;
    const route = this.model.routeTo(state.node, this.label);
    return route && state.steps + route.length <= state.maxSteps ? route : undefined;
  }

  check(state: Readonly<WalkState>): boolean {
    return this.#route(state) !== undefined;
  }

  async run(state: WalkState, walk: Walk): Promise<void> {
    for (const edge of this.#route(state)!) {
      if (state.stopped !== undefined) return;
      await walk.perform(edge, state);
    }
  }

  toString(): string {
    return `reach(${this.label})`;
  }
}

/** The flow ended (a final state, or nothing the driver can do): start again with a new user on the same target. */
export class RestartCommand implements WalkCommand {
  constructor(readonly model: PropertyModel) {}

  check(state: Readonly<WalkState>): boolean {
    return state.stopped === undefined && state.steps < state.maxSteps && this.model.ended(state.node);
  }

  async run(state: WalkState, walk: Walk): Promise<void> {
    await walk.restart(state);
  }

  toString(): string {
    return 'restart';
  }
}

/** The command arbitraries of one machine/variant: event commands and reach commands. */
export function commandArbitraries(model: PropertyModel): fc.Arbitrary<WalkCommand>[] {
  const events = model.events.filter((e) => model.supported(e));
  const labels = model.labels;
  const arbitraries: fc.Arbitrary<WalkCommand>[] = [];
  if (events.length) arbitraries.push(fc.constantFrom(...events).map((e) => new EventCommand(model, e)));
  // Three times as likely as an event: a walk ends at a final state after a few steps, and a reach gets deep.
  if (labels.length) arbitraries.push(...[1, 2, 3].map(() => fc.constantFrom(...labels).map((l) => new ReachCommand(model, l))));
  arbitraries.push(fc.constant(null).map(() => new RestartCommand(model)));
  return arbitraries;
}
