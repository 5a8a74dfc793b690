/**
 * The `conformance.json` schema (versioned; documented in README "Reading a report").
 * The engine (`suites/`) produces a `ConformanceResult`; the writers in `reports/` turn it into
 * conformance.json, conformance.html and junit.xml. Bump `SCHEMA_VERSION`'s major on any
 * change that removes or renames a field; add fields in a minor.
 */
import type { Level, RequirementId, RequirementSource } from '../models/requirements.ts';

export const SCHEMA_VERSION = '1.0';

/** Per-requirement and per-path verdicts. */
export type Status = 'passed' | 'failed' | 'not-applicable' | 'not-covered';
export type StepStatus = 'passed' | 'failed' | 'not-applicable' | 'skipped';

export interface RunInfo {
  plan: string;
  driver: string;
  /** `embedded` for the in-process reference server, else the --target URL. */
  target: string;
  /** Variant key -> value for this run's matrix (each path names its own variant too). */
  variants: Record<string, string[]>;
  deviations: string[];
  seed: number;
  /** ISO 8601, from the injected clock. */
  startedAt: string;
  durationMs: number;
  coverage: 'states' | 'transitions' | 'tour';
  authconfVersion: string;
}

export interface Summary {
  requirements: { total: number; passed: number; failed: number; notApplicable: number; notCovered: number };
  paths: { total: number; passed: number; failed: number; notApplicable: number };
  coverage: { states: { total: number; covered: number }; transitions: { total: number; covered: number } };
  /** The verdict `authconf run` turns into its exit code: every applicable MUST passed. */
  mustPassed: boolean;
}

export interface RequirementResult {
  id: RequirementId;
  level: Level;
  source: RequirementSource;
  text: string;
  status: Status;
  /** Path ids that exercised this requirement. */
  paths: string[];
  /** For not-applicable: why. For failed: the first error. */
  reason?: string;
}

export interface StepResult {
  /** The event type executed (`xstate.init` for the initial state check). */
  event: string;
  /** Event payload, when any (for replay and for reading). */
  payload?: Record<string, unknown>;
  /** The state the model expects after the event (state id / dotted path). */
  state: string;
  requirements: RequirementId[];
  status: StepStatus;
  /**
   * (1.0, optional) On a failed step: the requirements of the check that failed. The step's other
   * `requirements` were met (the check was continuable: the system is where the model is). Absent on
   * a failed step: every requirement of the step failed.
   */
  failedRequirements?: RequirementId[];
  /**
   * (1.0, optional) Labels of the transitions this step took (see `MachineGraph.transitions`),
   * eventless ones included; reports colour the diagram from them.
   */
  transitions?: string[];
  error?: { code?: string; message: string; expected?: unknown; actual?: unknown };
  durationMs: number;
  /** Evidence: HTTP exchanges, screen snapshots, QR images (paths relative to the output dir, or inline text). */
  evidence?: { name: string; contentType: string; path?: string; text?: string }[];
}

export interface PathResult {
  /** Stable id: `<machine>/<variant>/<index>`, e.g. `mobile-pairing/pin=6,location=required/12`. */
  id: string;
  machine: string;
  variant: Record<string, string>;
  description: string;
  status: 'passed' | 'failed' | 'not-applicable';
  reason?: string;
  steps: StepResult[];
  /** A command line that replays exactly this path. */
  repro: string;
  /** Labels of the transitions this path took (`source --EVENT--> target`, see `MachineGraph`), for coverage colouring. */
  transitions: string[];
}

export interface MachineCoverage {
  id: string;
  title: string;
  states: { total: number; covered: string[] };
  transitions: { total: number; covered: string[]; failed: string[] };
  /** Mermaid `stateDiagram-v2` source of the machine (reports colour it). */
  mermaid: string;
  /**
   * (1.0, optional) The whole graph, so the HTML report can draw every state and transition,
   * covered or not. Transition keys use the same `source --EVENT--> target` form as `covered`.
   * Without it the HTML report reads the graph from `mermaid`.
   */
  graph?: MachineGraph;
}

export interface MachineGraph {
  /** The initial leaf state path. */
  initial: string;
  /** Every state path, dotted below the root (`registration.scan`), compound states included. */
  states: string[];
  /**
   * Every transition definition. `label` is the key `transitions.covered`/`failed` and
   * `StepResult.transitions` use (`source --EVENT [guard]--> target`, as suites/paths labels it);
   * no targets means a self/internal transition.
   */
  transitions: { label: string; source: string; event: string; targets: string[] }[];
}

export interface ConformanceResult {
  schemaVersion: typeof SCHEMA_VERSION;
  run: RunInfo;
  summary: Summary;
  requirements: RequirementResult[];
  paths: PathResult[];
  machines: MachineCoverage[];
  /** (1.0, optional) `authconf run --mode property`: the random walks behind `paths` (issue 12). */
  property?: PropertySection;
}

// property mode (issue 12, suites/property/)
/** What `--mode property` ran: fast-check random walks per machine and variant, the model as the oracle. */
export interface PropertySection {
  /** `--runs`: walks per property. */
  runs: number;
  /** `--max-steps`: most steps of one walk. */
  maxSteps: number;
  seed: number;
  /** Steps executed on the system under test, over every property, shrinking included. */
  commands: number;
  durationMs: number;
  commandsPerSecond: number;
  properties: PropertyRunResult[];
}

export interface PropertyRunResult {
  /** `<machine>/<variant>` (what `--path` names to rerun it). */
  id: string;
  machine: string;
  variant: Record<string, string>;
  status: 'passed' | 'failed' | 'not-applicable';
  reason?: string;
  /** The `PathResult.id` that reports it (the shrunk counterexample, or the steps observed). */
  path: string;
  /** Walks run (up to and with the first failing one). */
  runs: number;
  commands: number;
  durationMs: number;
  failure?: {
    message: string;
    /** fast-check's seed and path of the shrunk counterexample, and the commands' replay path. */
    seed: number;
    path: string;
    replayPath?: string;
    /** The command line that replays exactly the shrunk sequence (`--replay seed:path@replayPath`). */
    replay: string;
    /** The first failing event sequence and the shrunk one (`TYPE {payload}`). */
    original: string[];
    shrunk: string[];
    shrinks: number;
    shrinkMs: number;
  };
}
