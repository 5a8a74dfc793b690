/**
 * A machine's binding to the simulated world: who performs each event (role), how (executor),
 * and how each state is checked (assertions/<machine>.ts). One binding per flow machine.
 */
import type { ModelEvent, Role, StepContext, Support, Variant } from '../../models/driver.ts';
import type { RequirementId } from '../../models/requirements.ts';
import type { PathWorld } from '../port/world.ts';

export type Step = StepContext & {
  /** Record requirement IDs a check on this step enforced and passed (`check`: its name, see suites/checks/check.ts). */
  cite(ids: readonly RequirementId[], check?: string): void;
  /**
   * The model cites these for this step, but this run did not exercise them (e.g. an action
   * named by `?action=` does not test the vendor media type): they are left out of the step's
   * requirements, so they cannot pass on it.
   */
  notExercised(ids: readonly RequirementId[]): void;
  /** The IDs the model cites for this step (the transitions taken and the state entered). */
  modelRequirements: readonly RequirementId[];
};
export type Executor = (world: PathWorld, event: ModelEvent, ctx: Step) => Promise<void>;
export type Assertion = (world: PathWorld, state: string, ctx: Step) => Promise<void>;

export interface MachineBinding {
  machine: string;
  /** Event type -> role and executor. */
  executors: Record<string, { role: Role; run: Executor }>;
  /** Checks the world is in `state` (after the event last executed). */
  assert: Assertion;
  /** Preconditions of every path of this machine (users, devices), run when the path opens. */
  setUp?(world: PathWorld, ctx: Step): Promise<void>;
  /** The binding seeds the path's user itself (the adapter's first factor, with the devices its event asks for): the driver does not seed it first (issue 12). */
  seedsUser?: true;
  /** Events the sim world cannot perform under a variant, with the reason. */
  supports?(event: ModelEvent, variant: Variant): Support;
}
