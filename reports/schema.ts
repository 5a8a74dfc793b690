/**
 * The `conformance.json` schema (versioned; documented in README "Reading a report").
 * The engine (`suites/`) produces a `ConformanceResult`; the writers in `reports/` turn it into
 * conformance.json, conformance.html and junit.xml. Bump `SCHEMA_VERSION`'s major on any
 * change that removes or renames a field; add fields in a minor.
 */
import type { Level, RequirementId, RequirementSource } from '../models/requirements.ts';

export const SCHEMA_VERSION = '2.0';

/**
 * Per-requirement verdicts (2.0). A model citation only says a requirement was reached; only a
 * check that observed the system and passed makes it `passed` (README "Reading a report").
 */
export type Status = 'passed' | 'failed' | 'not-applicable' | 'not-checked' | 'not-covered' | 'out-of-scope';
/** `error`: something threw that is not a failed check (set-up, executor, driver): the run is incomplete. */
export type PathStatus = 'passed' | 'failed' | 'not-applicable' | 'error';
export type StepStatus = 'passed' | 'failed' | 'not-applicable' | 'skipped' | 'error';
/** The run's verdict: PASS exits 0, FAIL and INCOMPLETE exit 1. */
export type Verdict = 'PASS' | 'FAIL' | 'INCOMPLETE';

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
  /** (1.0, optional) `--shard index/count`: this result holds that share of the plan's paths. */
  shard?: { index: number; count: number };
}

export interface Summary {
  /** (2.0) PASS only when every MUST in scope passed, no path errored and an applicable path ran. */
  verdict: Verdict;
  /** (2.0) Why the verdict is not PASS, each with what would make it complete; empty on PASS. */
  reasons: VerdictReason[];
  /** Counts by status; `total` counts every entry of `requirements` (out-of-scope ones too). */
  requirements: { total: number; passed: number; failed: number; notApplicable: number; notChecked: number; notCovered: number; outOfScope: number };
  /** (2.0) The same counts for the MUST requirements in scope. */
  must: { total: number; passed: number; failed: number; notApplicable: number; notChecked: number; notCovered: number };
  paths: { total: number; passed: number; failed: number; notApplicable: number; error: number };
  coverage: { states: { total: number; covered: number }; transitions: { total: number; covered: number } };
  /** Every MUST in scope has status `passed` (2.0: not-checked, not-covered and not-applicable MUSTs make it false). */
  mustPassed: boolean;
}

export interface VerdictReason {
  /** `MUST_FAILED`, `PATH_ERROR`, `NOTHING_RAN`, `MUST_NOT_CHECKED`, `MUST_NOT_COVERED` or `MUST_NOT_APPLICABLE`. */
  code: string;
  message: string;
  /** What would make the run complete (or pass). */
  remedy: string;
  requirements?: string[];
  paths?: string[];
}

/** (2.0) One check that ran for a requirement, summed over the paths it ran on. */
export interface RequirementCheck {
  name: string;
  /** Paths the check ran on (failing ones first). */
  paths: string[];
  passed: number;
  failed: number;
}

export interface RequirementResult {
  id: RequirementId;
  level: Level;
  source: RequirementSource;
  text: string;
  status: Status;
  /** Path ids that reached or checked this requirement: failing first, then passing, not applicable, the rest. */
  paths: string[];
  /** (2.0) Paths whose executed steps the model cites it on (coverage: reached, not passed). */
  reachedBy: string[];
  /** (2.0) The checks that ran citing it, with their pass/fail counts. */
  checks: RequirementCheck[];
  /** For failed: the first failure. For not-applicable: the reasons. For not-checked, not-covered, out-of-scope: why. */
  reason?: string;
}

/** (2.0) A check that ran on a step: its name, the requirements it cites, and whether it passed. */
export interface StepCheck {
  name: string;
  requirements: RequirementId[];
  status: 'passed' | 'failed';
}

export interface StepResult {
  /** The event type executed (`xstate.init` for the initial state check). */
  event: string;
  /** Event payload, when any (for replay and for reading). */
  payload?: Record<string, unknown>;
  /** The state the model expects after the event (state id / dotted path). */
  state: string;
  /** (2.0) The requirements the model cites for this step: reached when the step ran, never passed by it. */
  requirements: RequirementId[];
  status: StepStatus;
  /** (2.0) The checks that ran on this step (passed and failed); only these credit or fail requirements. */
  checks: StepCheck[];
  /**
   * (1.0, optional) Labels of the transitions this step took (see `MachineGraph.transitions`),
   * eventless ones included; reports colour the diagram from them.
   */
  transitions?: string[];
  /** A failed check's code, message, expected and actual; on an `error` step the exception's message and `stack`. */
  error?: { code?: string; message: string; expected?: unknown; actual?: unknown; stack?: string };
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
  status: PathStatus;
  /** For not-applicable: what the driver cannot do. For failed: the first failure. For error: the exception. */
  reason?: string;
  /** (2.0) What would make a not-applicable path run (e.g. implement the test-control routes). */
  remedy?: string;
  /** (2.0) The exception that made the path `error`: where (`set-up` = opening the path, `step`, `close`), which step, message, stack. */
  error?: PathError;
  steps: StepResult[];
  /** A command line that replays exactly this path. */
  repro: string;
  /** Labels of the transitions this path took (`source --EVENT--> target`, see `MachineGraph`), for coverage colouring. */
  transitions: string[];
}

export interface PathError {
  phase: 'set-up' | 'step' | 'close';
  /** Index into `steps` of the step that threw; absent for set-up and close. */
  step?: number;
  message: string;
  stack?: string;
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
  status: PathStatus;
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
