/**
 * The driver contract (DESIGN.md "suites/"): the model only generates paths; the system under
 * test is plugged in as state assertions and event executors, one pair per role. A driver binds
 * roles to implementations (HTTP to the portal, the sims, an API client, test control) and
 * declares what it supports: a path that needs an event it cannot perform is `not-applicable`
 * with the reason, never passed. Pure types: no implementation lives in models/.
 */
import type { Policy } from './policy.ts';

/** Who performs a step (DESIGN.md role table). */
export type Role = 'portal' | 'mobile' | 'desktop' | 'api' | 'control';
export const roles: readonly Role[] = ['portal', 'mobile', 'desktop', 'api', 'control'];

export type DriverName = 'sim' | 'api' | 'puppeteer' | 'detox';

/** A model event as a path carries it: its type and any payload. */
export interface ModelEvent {
  type: string;
  [payload: string]: unknown;
}

/** A policy variant: the variant keys a plan runs (`pin=6`, `location=required`) and the resolved policy. */
export interface Variant {
  /** Variant key -> value, as on the command line (`--variant pin=6`). */
  values: Record<string, string>;
  policy: Policy;
}

/**
 * `true`, or why not: becomes the `not-applicable` reason of every path that needs it; `remedy`
 * says what would make it applicable (the run's verdict lists it).
 */
export type Support = true | { reason: string; remedy?: string };

/** Evidence attached to a step: an HTTP exchange, a screen snapshot, a QR image. */
export interface Evidence {
  name: string;
  contentType: string;
  body: string | Uint8Array;
}

/** What a step's assertion and executor see: the run's coordinates and the path's scratch space. */
export interface StepContext {
  seed: number;
  pathId: string;
  machine: string;
  driver: DriverName;
  variant: Variant;
  /** Named deviations the embedded target runs with (empty against a real target). */
  deviations: readonly string[];
  /** Values a path carries between steps (flow id, pairing key, claim token, last OTP). */
  scratch: Map<string, unknown>;
  /** Record evidence on the current step. */
  attach(evidence: Evidence): void;
  /**
   * Credit requirement IDs to the named check that just observed the system and passed
   * (`defineCheck` calls it). The only way a requirement passes: a model citation only says it was reached.
   */
  cite(ids: readonly string[], check?: string): void;
}

/** A failed check: `requirements` are the IDs the check enforces (cited at its call site). */
export interface CheckFailure {
  /** The named check that failed (`defineCheck` sets it). */
  check?: string;
  code?: string;
  message: string;
  requirements: readonly string[];
  expected?: unknown;
  actual?: unknown;
  /**
   * The system is still where the model expects (only this check's rule is broken): the path
   * goes on, so later steps still report. Default false: the rest of the path is skipped.
   */
  continuable?: boolean;
}

/** One role of one driver: it asserts model states and performs model events. */
export interface RoleDriver {
  readonly role: Role;
  /** Throws (preferably a `CheckFailure`-shaped error) when the system is not in `stateId`. */
  assertState(stateId: string, ctx: StepContext): Promise<void>;
  /** Performs the event on the system under test. */
  execute(event: ModelEvent, ctx: StepContext): Promise<void>;
}

/** A fresh world for one path (new users, new app installs); closed after the path. */
export interface PathSession {
  roles: Partial<Record<Role, RoleDriver>>;
  close(): Promise<void>;
}

export interface Driver {
  readonly name: DriverName;
  /** `embedded` or the --target URL. */
  readonly target: string;
  /** Whether this driver can perform `event` of `machine` under `variant`. */
  supports(machine: string, event: ModelEvent, variant: Variant): Support;
  /** Whether it can run `machine` at all (e.g. the api driver runs only the adapter machines). */
  supportsMachine(machine: string): Support;
  /** Which role performs `event` of `machine` (and asserts the state after it). */
  roleOf(machine: string, event: ModelEvent): Role;
  /** Start the world for one variant (the embedded driver builds a server per policy). */
  openPath(machine: string, ctx: StepContext): Promise<PathSession>;
  close(): Promise<void>;
}
