/**
 * Build a `ConformanceResult` from the engine's raw path results. Pure: no I/O, no clock.
 *
 * Requirement status (documented in README "Reading a report"):
 * - failed: a step citing the requirement failed; or a path failed on a step that cites no
 *   requirement at all, in which case every requirement that path cites fails (a failure is
 *   never dropped for want of a citation);
 *   a failed step with `failedRequirements` fails only those (its other requirements passed there);
 * - passed: at least one step citing it passed and none failed;
 * - not-applicable: every step citing it was not-applicable (the reason is the path's);
 * - not-covered: no step of any path cites it, or only steps skipped after an earlier failure.
 * `mustPassed` is true when no MUST requirement failed (SHOULD and POLICY never fail a run).
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
  type RequirementResult,
  type RunInfo,
  type Status,
  type Summary,
} from './schema.ts';

/** What the engine knows about a machine before any path runs. */
export interface MachineModel {
  id: string;
  title: string;
  graph: MachineGraph;
  mermaid: string;
}

export type RequirementRegistry = Readonly<Partial<Record<RequirementId, Requirement>>>;

export const transitionKey = (source: string, event: string, target: string): string => `${source} --${event}--> ${target}`;

interface Evidence {
  passed: string[];
  failed: { path: string; message: string }[];
  notApplicable: { path: string; reason: string }[];
  cited: string[];
}

function emptyEvidence(): Evidence {
  return { passed: [], failed: [], notApplicable: [], cited: [] };
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function collectEvidence(paths: readonly PathResult[]): Map<string, Evidence> {
  const byId = new Map<string, Evidence>();
  const evidenceFor = (id: string): Evidence => {
    let evidence = byId.get(id);
    if (!evidence) byId.set(id, (evidence = emptyEvidence()));
    return evidence;
  };
  for (const path of paths) {
    const cited = new Set(path.steps.flatMap((step) => step.requirements));
    for (const step of path.steps) {
      const message = step.error?.message ?? path.reason ?? 'step failed';
      // A failing step that cites nothing fails every requirement its path cites.
      const blamed = step.status === 'failed' && step.requirements.length === 0 ? [...cited] : step.requirements;
      // A failed step that names the failing check's requirements fails only those; the rest passed.
      const failing = step.status !== 'failed' ? [] : step.failedRequirements?.length ? step.failedRequirements : blamed;
      for (const id of new Set([...blamed, ...failing])) {
        const evidence = evidenceFor(id);
        const failedHere = failing.includes(id);
        pushOnce(evidence.cited, path.id);
        if ((step.status === 'passed' || (step.status === 'failed' && !failedHere)) && path.status !== 'not-applicable') pushOnce(evidence.passed, path.id);
        if (failedHere) evidence.failed.push({ path: path.id, message });
        if (step.status === 'not-applicable' || (path.status === 'not-applicable' && step.status !== 'failed')) {
          evidence.notApplicable.push({ path: path.id, reason: path.reason ?? 'not applicable (no reason given)' });
        }
      }
    }
  }
  return byId;
}

function requirementResult(id: RequirementId, requirement: Requirement, evidence: Evidence | undefined): RequirementResult {
  const base = { id, level: requirement.level, source: requirement.source, text: requirement.text };
  if (!evidence) return { ...base, status: 'not-covered', paths: [], reason: 'no path in this run cites it' };
  const failedPaths = [...new Set(evidence.failed.map((f) => f.path))];
  const naPaths = evidence.notApplicable.map((n) => n.path);
  // Evidence order: failing paths first, then passing, then not-applicable, then the rest.
  const paths = [...new Set([...failedPaths, ...evidence.passed, ...naPaths, ...evidence.cited])];
  const first = evidence.failed[0];
  if (first) return { ...base, status: 'failed', paths, reason: `${first.path}: ${first.message}` };
  if (evidence.passed.length > 0) return { ...base, status: 'passed', paths };
  const na = evidence.notApplicable[0];
  if (na) return { ...base, status: 'not-applicable', paths, reason: na.reason };
  return { ...base, status: 'not-covered', paths, reason: 'cited only by steps skipped after an earlier failure' };
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

/**
 * Requirement verdicts, machine coverage and the summary. `registry` is the set of requirements
 * the run answers for (the plan's subset, or all of `models/requirements.ts`); an ID a path cites
 * outside it is still reported, looked up in the models' registry, so no failure is dropped.
 */
export function summarize(paths: readonly PathResult[], registry: RequirementRegistry, machines: readonly MachineModel[]): Summarized {
  const evidence = collectEvidence(paths);
  const ids = Object.keys(registry).filter(isRequirementId);
  for (const id of evidence.keys()) if (!ids.includes(id as RequirementId) && isRequirementId(id)) ids.push(id);
  const requirementResults = ids.map((id) => requirementResult(id, registry[id] ?? modelRegistry[id], evidence.get(id)));
  const coverage = machines.map((machine) => machineCoverage(machine, paths));
  const statusCount = (status: Status): number => count(requirementResults, (r) => r.status === status);
  const summary: Summary = {
    requirements: {
      total: requirementResults.length,
      passed: statusCount('passed'),
      failed: statusCount('failed'),
      notApplicable: statusCount('not-applicable'),
      notCovered: statusCount('not-covered'),
    },
    paths: {
      total: paths.length,
      passed: count(paths, (p) => p.status === 'passed'),
      failed: count(paths, (p) => p.status === 'failed'),
      notApplicable: count(paths, (p) => p.status === 'not-applicable'),
    },
    coverage: {
      states: { total: sum(coverage, (m) => m.states.total), covered: sum(coverage, (m) => m.states.covered.length) },
      transitions: { total: sum(coverage, (m) => m.transitions.total), covered: sum(coverage, (m) => m.transitions.covered.length) },
    },
    mustPassed: !requirementResults.some((r) => r.level === 'MUST' && r.status === 'failed'),
  };
  return { summary, requirements: requirementResults, machines: coverage };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** The whole result: run info + paths + what `summarize` derives from them. */
export function buildResult(run: RunInfo, paths: readonly PathResult[], registry: RequirementRegistry, machines: readonly MachineModel[]): ConformanceResult {
  const { summary, requirements, machines: coverage } = summarize(paths, registry, machines);
  return { schemaVersion: SCHEMA_VERSION, run, summary, requirements, paths: [...paths], machines: coverage };
}
