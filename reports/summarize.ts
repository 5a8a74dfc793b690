/**
 * Build a `ConformanceResult` from the engine's raw path results. Pure: no I/O, no clock.
 *
 * Requirement status (schema 2.0, documented in README "Reading a report" and reports/schema.md).
 * A model citation (`StepResult.requirements`) only says the requirement was *reached*; a
 * requirement is credited only by a check (`StepResult.checks`) that observed the system:
 * - failed: a check citing it failed (on any path);
 * - passed: at least one check citing it passed on a path that is not not-applicable, none failed;
 * - not-checked: a step that ran on an applicable path reached it, but no check citing it passed;
 * - not-applicable: every path that reaches it is not applicable (the reasons are listed);
 * - not-covered: no step that ran reaches it (none cites it, or only steps skipped after a failure or an error);
 * - out-of-scope: the registry says so (`OUT-OF-SCOPE` level) or the plan declares it; excluded from the verdict.
 *
 * The run's verdict: PASS only when every MUST in scope passed, no path errored and at least one
 * applicable path ran; FAIL when a MUST failed; else INCOMPLETE. Each non-PASS verdict carries
 * its reasons, each with what would make the run complete.
 *
 * Transitions are the labels of `MachineModel.graph.transitions` (suites/paths labels them);
 * a step names the ones it took in `StepResult.transitions`, else its transition is read as
 * `previous state --EVENT--> state`. A transition is covered when a step executed it (passed
 * or failed) and failed when such a step failed. A state is covered when a passing step reached
 * it or a transition of a passing step entered it (transient states included), ancestors too.
 */
import { isRequirementId, requirements as modelRegistry, type Requirement, type RequirementId } from '../models/requirements.ts';
import {
  SCHEMA_VERSION,
  type ConformanceResult,
  type MachineCoverage,
  type MachineGraph,
  type PathResult,
  type RequirementCheck,
  type RequirementResult,
  type RunInfo,
  type Status,
  type Summary,
  type VerdictReason,
} from './schema.ts';

/** What the engine knows about a machine before any path runs. */
export interface MachineModel {
  id: string;
  title: string;
  graph: MachineGraph;
  mermaid: string;
}

export type RequirementRegistry = Readonly<Partial<Record<RequirementId, Requirement>>>;

/** Requirements a plan declares out of its scope, with the reason (reports list them; the verdict ignores them). */
export type OutOfScope = Readonly<Partial<Record<RequirementId, string>>>;

export const transitionKey = (source: string, event: string, target: string): string => `${source} --${event}--> ${target}`;

interface Evidence {
  /** Checks by name: paths, passed and failed counts. */
  checks: Map<string, { paths: string[]; failedPaths: string[]; passed: number; failed: number }>;
  /** Paths on which a check citing it passed (applicable paths only). */
  passed: string[];
  failed: { path: string; message: string }[];
  /** Applicable paths whose executed steps the model cites it on. */
  reached: string[];
  /** Not-applicable paths whose model cites it, with the reason and the remedy. */
  notApplicable: { path: string; reason: string; remedy?: string }[];
  /** Paths that cite it only on steps not run (skipped after a failure or an error). */
  skipped: string[];
}

function emptyEvidence(): Evidence {
  return { checks: new Map(), passed: [], failed: [], reached: [], notApplicable: [], skipped: [] };
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

const ran = (status: string): boolean => status === 'passed' || status === 'failed' || status === 'error';

function collectEvidence(paths: readonly PathResult[]): Map<string, Evidence> {
  const byId = new Map<string, Evidence>();
  const evidenceFor = (id: string): Evidence => {
    let evidence = byId.get(id);
    if (!evidence) byId.set(id, (evidence = emptyEvidence()));
    return evidence;
  };
  for (const path of paths) {
    const applicable = path.status !== 'not-applicable';
    for (const step of path.steps) {
      for (const id of step.requirements) {
        const evidence = evidenceFor(id);
        if (!applicable) {
          if (!evidence.notApplicable.some((n) => n.path === path.id)) {
            evidence.notApplicable.push({ path: path.id, reason: path.reason ?? 'not applicable (no reason given)', ...(path.remedy ? { remedy: path.remedy } : {}) });
          }
        } else if (ran(step.status)) pushOnce(evidence.reached, path.id);
        else pushOnce(evidence.skipped, path.id);
      }
      for (const check of step.checks ?? []) {
        for (const id of check.requirements) {
          const evidence = evidenceFor(id);
          let summary = evidence.checks.get(check.name);
          if (!summary) evidence.checks.set(check.name, (summary = { paths: [], failedPaths: [], passed: 0, failed: 0 }));
          pushOnce(summary.paths, path.id);
          if (check.status === 'failed') {
            summary.failed++;
            pushOnce(summary.failedPaths, path.id);
            evidence.failed.push({ path: path.id, message: `${check.name}: ${step.error?.message ?? path.reason ?? 'check failed'}` });
          } else {
            summary.passed++;
            if (applicable) pushOnce(evidence.passed, path.id);
          }
        }
      }
    }
  }
  return byId;
}

function checksOf(evidence: Evidence): RequirementCheck[] {
  return [...evidence.checks.entries()].map(([name, c]) => ({
    name, paths: [...new Set([...c.failedPaths, ...c.paths])], passed: c.passed, failed: c.failed,
  }));
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

function requirementResult(id: RequirementId, requirement: Requirement, evidence: Evidence | undefined, outOfScope: string | undefined): RequirementResult {
  const base = { id, level: requirement.level, source: requirement.source, text: requirement.text };
  if (outOfScope !== undefined || requirement.level === 'OUT-OF-SCOPE') {
    return {
      ...base, status: 'out-of-scope', paths: [], reachedBy: evidence?.reached ?? [], checks: evidence ? checksOf(evidence) : [],
      reason: outOfScope ?? 'left out of scope on purpose (the registry entry says what and why)',
    };
  }
  if (!evidence) return { ...base, status: 'not-covered', paths: [], reachedBy: [], checks: [], reason: 'no path in this run reaches it' };
  const failedPaths = distinct(evidence.failed.map((f) => f.path));
  const naPaths = evidence.notApplicable.map((n) => n.path);
  const paths = distinct([...failedPaths, ...evidence.passed, ...evidence.reached, ...naPaths, ...evidence.skipped]);
  const common = { ...base, paths, reachedBy: [...evidence.reached], checks: checksOf(evidence) };
  const first = evidence.failed[0];
  if (first) return { ...common, status: 'failed', reason: `${first.path}: ${first.message}` };
  if (evidence.passed.length > 0) return { ...common, status: 'passed' };
  if (evidence.reached.length > 0) return { ...common, status: 'not-checked', reason: 'reached, but no check citing it ran and passed' };
  if (evidence.notApplicable.length > 0) {
    return { ...common, status: 'not-applicable', reason: distinct(evidence.notApplicable.map((n) => n.reason)).join('; ') };
  }
  return { ...common, status: 'not-covered', reason: evidence.skipped.length ? 'reached only by steps skipped after an earlier failure or error' : 'no path in this run reaches it' };
}

/** Labels a step took: its own `transitions`, else `previous --EVENT--> state`. */
function stepTransitions(path: PathResult, index: number): string[] {
  const step = path.steps[index];
  if (!step) return [];
  if (step.transitions) return step.transitions;
  const previous = path.steps[index - 1];
  return previous ? [transitionKey(previous.state, step.event, step.state)] : [];
}

/** A step's state (`a.b,c` for parallel leaves) and every ancestor of each leaf. */
function statesOf(state: string): string[] {
  return state.split(',').flatMap((leaf) => leaf.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')));
}

function machineCoverage(machine: MachineModel, paths: readonly PathResult[]): MachineCoverage {
  const known = machine.graph.transitions.map((t) => t.label);
  const byLabel = new Map(machine.graph.transitions.map((t) => [t.label, t]));
  const states = new Set<string>();
  const covered = new Set<string>();
  const failed = new Set<string>();
  for (const path of paths) {
    if (path.machine !== machine.id) continue;
    path.steps.forEach((step, index) => {
      if (step.status !== 'passed' && step.status !== 'failed') return;
      if (step.status === 'passed') for (const state of statesOf(step.state)) states.add(state);
      for (const label of stepTransitions(path, index)) {
        covered.add(label);
        if (step.status === 'failed') failed.add(label);
        // A passing step also passed through the states its transitions enter (transient ones
        // that an eventless transition leaves at once never show as a step's state).
        const transition = byLabel.get(label);
        if (step.status === 'passed' && transition) for (const state of transition.targets.flatMap(statesOf)) states.add(state);
      }
    });
  }
  return {
    id: machine.id,
    title: machine.title,
    states: { total: machine.graph.states.length, covered: machine.graph.states.filter((s) => states.has(s)) },
    transitions: { total: known.length, covered: known.filter((k) => covered.has(k)), failed: known.filter((k) => failed.has(k)) },
    mermaid: machine.mermaid,
    graph: machine.graph,
  };
}

function count<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length;
}

export interface Summarized {
  summary: Summary;
  requirements: RequirementResult[];
  machines: MachineCoverage[];
}

const MUST_REMEDY = {
  notChecked: 'add a check that observes the system for each (defineCheck in suites/checks or suites/assertions, citing the ID; see `authconf requirements` checkedBy)',
  notCovered: 'run a plan, variant and coverage whose paths reach them (e.g. --plan all without --variant, --coverage transitions), or fix the errors that skipped their steps',
} as const;

/** What would make a not-applicable requirement applicable: the paths' remedies, else a generic one from the reason. */
function notApplicableRemedy(reasons: string[], remedies: string[]): string {
  if (remedies.length) return distinct(remedies).join('; ');
  if (reasons.some((r) => /test.control/i.test(r))) return 'implement the test-control routes in models/test-control.ts on the target';
  return 'use a driver and target that can perform these steps (see the reasons)';
}

/** The run's verdict and its reasons (schema 2.0 `summary.verdict`). */
export function verdictOf(requirements: readonly RequirementResult[], paths: readonly PathResult[], evidence: Map<string, Evidence>): Pick<Summary, 'verdict' | 'reasons'> {
  const reasons: VerdictReason[] = [];
  const must = requirements.filter((r) => r.level === 'MUST');
  const ids = (status: Status): string[] => must.filter((r) => r.status === status).map((r) => r.id);
  const failed = ids('failed');
  if (failed.length) {
    reasons.push({ code: 'MUST_FAILED', message: `${failed.length} MUST requirement(s) failed a check`, remedy: 'fix the system under test (each failing path has a repro line), then run again', requirements: failed });
  }
  const errored = paths.filter((p) => p.status === 'error' || p.error !== undefined).map((p) => p.id);
  if (errored.length) {
    reasons.push({ code: 'PATH_ERROR', message: `${errored.length} path(s) threw an error that is not a failed check (set-up, executor, driver)`, remedy: 'fix the error each path records (message, stack and step in the report); an error proves nothing either way', paths: errored });
  }
  const applicableRan = paths.some((p) => p.status === 'passed' || p.status === 'failed');
  if (!applicableRan) {
    reasons.push({ code: 'NOTHING_RAN', message: paths.length ? `nothing applicable ran: all ${paths.length} path(s) were not applicable or errored` : 'nothing applicable ran: the plan has no path', remedy: 'run a plan the driver supports (the api driver runs only --plan adapter; the app flows need --driver sim), or fix the errors' });
  }
  const notChecked = ids('not-checked');
  if (notChecked.length) reasons.push({ code: 'MUST_NOT_CHECKED', message: `${notChecked.length} MUST requirement(s) were reached but no check citing them passed`, remedy: MUST_REMEDY.notChecked, requirements: notChecked });
  const notCovered = ids('not-covered');
  if (notCovered.length) reasons.push({ code: 'MUST_NOT_COVERED', message: `${notCovered.length} MUST requirement(s) were not reached by any path that ran`, remedy: MUST_REMEDY.notCovered, requirements: notCovered });
  // Not applicable, grouped by what would make them applicable.
  const byRemedy = new Map<string, { ids: string[]; reasons: string[] }>();
  for (const id of ids('not-applicable')) {
    const na = evidence.get(id)?.notApplicable ?? [];
    const remedy = notApplicableRemedy(na.map((n) => n.reason), na.flatMap((n) => (n.remedy ? [n.remedy] : [])));
    const group = byRemedy.get(remedy) ?? { ids: [], reasons: [] };
    group.ids.push(id);
    group.reasons.push(...na.map((n) => n.reason));
    byRemedy.set(remedy, group);
  }
  for (const [remedy, group] of byRemedy) {
    const why = distinct(group.reasons);
    reasons.push({ code: 'MUST_NOT_APPLICABLE', message: `${group.ids.length} MUST requirement(s) not applicable: ${why.slice(0, 3).join('; ')}${why.length > 3 ? `; and ${why.length - 3} more reason(s)` : ''}`, remedy, requirements: group.ids });
  }
  const verdict = failed.length ? 'FAIL' : reasons.length ? 'INCOMPLETE' : 'PASS';
  return { verdict, reasons };
}

/**
 * Requirement verdicts, machine coverage, the summary and the run's verdict. `registry` is the
 * set of requirements the run answers for (the plan's subset, or all of `models/requirements.ts`);
 * an ID a path cites outside it is still reported, looked up in the models' registry, so no
 * failure is dropped. `outOfScope` are the plan's declared exclusions, with reasons.
 */
export function summarize(paths: readonly PathResult[], registry: RequirementRegistry, machines: readonly MachineModel[], outOfScope: OutOfScope = {}): Summarized {
  const evidence = collectEvidence(paths);
  const ids = Object.keys(registry).filter(isRequirementId);
  for (const id of evidence.keys()) if (!ids.includes(id as RequirementId) && isRequirementId(id)) ids.push(id);
  for (const id of Object.keys(outOfScope)) if (!ids.includes(id as RequirementId) && isRequirementId(id)) ids.push(id);
  const requirementResults = ids.map((id) => requirementResult(id, registry[id] ?? modelRegistry[id], evidence.get(id), outOfScope[id]));
  const coverage = machines.map((machine) => machineCoverage(machine, paths));
  const countOf = (list: readonly RequirementResult[], status: Status): number => count(list, (r) => r.status === status);
  const must = requirementResults.filter((r) => r.level === 'MUST' && r.status !== 'out-of-scope');
  const { verdict, reasons } = verdictOf(requirementResults, paths, evidence);
  const summary: Summary = {
    verdict,
    reasons,
    requirements: {
      total: requirementResults.length,
      passed: countOf(requirementResults, 'passed'),
      failed: countOf(requirementResults, 'failed'),
      notApplicable: countOf(requirementResults, 'not-applicable'),
      notChecked: countOf(requirementResults, 'not-checked'),
      notCovered: countOf(requirementResults, 'not-covered'),
      outOfScope: countOf(requirementResults, 'out-of-scope'),
    },
    must: {
      total: must.length,
      passed: countOf(must, 'passed'),
      failed: countOf(must, 'failed'),
      notApplicable: countOf(must, 'not-applicable'),
      notChecked: countOf(must, 'not-checked'),
      notCovered: countOf(must, 'not-covered'),
    },
    paths: {
      total: paths.length,
      passed: count(paths, (p) => p.status === 'passed'),
      failed: count(paths, (p) => p.status === 'failed'),
      notApplicable: count(paths, (p) => p.status === 'not-applicable'),
      error: count(paths, (p) => p.status === 'error'),
    },
    coverage: {
      states: { total: sum(coverage, (m) => m.states.total), covered: sum(coverage, (m) => m.states.covered.length) },
      transitions: { total: sum(coverage, (m) => m.transitions.total), covered: sum(coverage, (m) => m.transitions.covered.length) },
    },
    mustPassed: must.every((r) => r.status === 'passed'),
  };
  return { summary, requirements: requirementResults, machines: coverage };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** The whole result: run info + paths + what `summarize` derives from them. */
export function buildResult(run: RunInfo, paths: readonly PathResult[], registry: RequirementRegistry, machines: readonly MachineModel[], outOfScope: OutOfScope = {}): ConformanceResult {
  const { summary, requirements, machines: coverage } = summarize(paths, registry, machines, outOfScope);
  return { schemaVersion: SCHEMA_VERSION, run, summary, requirements, paths: [...paths], machines: coverage };
}
