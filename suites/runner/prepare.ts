/**
 * From a resolved run to the list of path jobs: the plan's machines, each machine's variant
 * matrix, the paths of each variant for the coverage criterion. Also the machine models the
 * reports colour (every transition label, covered or not).
 */
import { UsageError } from '../../models/error-codes.ts';
import type { Variant } from '../../models/driver.ts';
import type { MachineModel } from '../../reports/summarize.ts';
import { generatePaths } from '../paths/generate.ts';
import { buildGraph } from '../paths/graph.ts';
import { catalogueMermaid } from '../paths/mermaid.ts';
import { MachineCatalogue } from '../paths/transitions.ts';
import type { ModelEntry, ModelPath, PathSet } from '../paths/types.ts';
import { machinesOf, variantKeysOf } from '../plans/plans.ts';
import { cartesian, variantId, variantMatrix, variantOf } from '../plans/variants.ts';
import { reproLine, type ResolvedRun } from './options.ts';
import { inShard } from './shard.ts';
import { didYouMean } from './suggest.ts';

export interface PathJob {
  /** `<machine>/<variant>/<index>` */
  id: string;
  entry: ModelEntry;
  variant: Variant;
  path: ModelPath;
  repro: string;
}

export interface PreparedPlan {
  jobs: PathJob[];
  machines: MachineModel[];
  /** Per machine and variant: the path set (for coverage numbers in progress and bench). */
  sets: { machine: string; variant: string; set: PathSet }[];
  /** Variant key -> the values this run's matrix uses. */
  variants: Record<string, string[]>;
  /** Requirement IDs the plan's machines cite (states and transitions, any variant). */
  cited: string[];
}

export function machineModel(entry: ModelEntry, variant: Variant): MachineModel {
  const graph = buildGraph(entry, variant.policy);
  const { catalogue } = graph;
  const initial = catalogue.stateOf(graph.nodes.get(graph.initial)!.snapshot);
  return {
    id: entry.id,
    title: entry.title,
    graph: {
      initial,
      states: catalogue.states,
      transitions: catalogue.transitions.map((t) => ({ label: t.label, source: t.source, event: t.event, targets: t.targets })),
    },
    mermaid: catalogueMermaid(catalogue, initial),
  };
}

/** Extra rows a machine may take so that every transition some policy reaches is reached. */
const MAX_COVERAGE_ROWS = 3;

function reachableLabels(entry: ModelEntry, values: Record<string, string>): Set<string> {
  const graph = buildGraph(entry, variantOf(values).policy);
  return new Set([...graph.initialTransitions.map((t) => t.label), ...[...graph.nodes.values()].flatMap((n) => n.edges.flatMap((e) => e.taken.map((t) => t.label)))]);
}

/**
 * The small matrix covers every value; this adds, greedily, the few combinations that reach
 * transitions no chosen row reaches (a branch that needs two values together, such as no PIN
 * and location optional), at most MAX_COVERAGE_ROWS.
 */
function withCoverageRows(entry: ModelEntry, rows: Record<string, string>[], run: ResolvedRun): Record<string, string>[] {
  const keys = variantKeysOf(entry.id);
  if (keys.length === 0) return rows;
  const reached = new Set(rows.flatMap((r) => [...reachableLabels(entry, r)]));
  const chosen = new Set(rows.map((r) => variantId(r)));
  const candidates = cartesian(keys, run.domain)
    .map((r) => variantMatrix(Object.keys(r) as typeof keys, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [v]])), 1)[0]!)
    .filter((r) => !chosen.has(variantId(r)));
  const unique = [...new Map(candidates.map((r) => [variantId(r), r])).values()].map((r) => ({ r, labels: reachableLabels(entry, r) }));
  const extra: Record<string, string>[] = [];
  while (extra.length < MAX_COVERAGE_ROWS) {
    const best = unique.map((c) => ({ ...c, gain: [...c.labels].filter((l) => !reached.has(l)).length })).sort((a, b) => b.gain - a.gain)[0];
    if (!best || best.gain === 0) break;
    extra.push(best.r);
    for (const l of best.labels) reached.add(l);
  }
  return [...rows, ...extra];
}

export function preparePlan(run: ResolvedRun, registry: readonly ModelEntry[]): PreparedPlan {
  const entries = machinesOf(run.plan, registry);
  if (entries.length === 0) throw new UsageError(`plan '${run.plan}' has no machines in the models' registry yet`, 'UNKNOWN_PLAN');
  const jobs: PathJob[] = [];
  const machines: MachineModel[] = [];
  const sets: PreparedPlan['sets'] = [];
  const used: Record<string, Set<string>> = {};
  for (const entry of entries) {
    const rows = withCoverageRows(entry, variantMatrix(variantKeysOf(entry.id), run.domain), run);
    for (const [i, values] of rows.entries()) {
      const variant = variantOf(values);
      if (i === 0) machines.push(machineModel(entry, variant));
      for (const [k, v] of Object.entries(values)) (used[k] ??= new Set()).add(v);
      const set = generatePaths(entry, variant.policy, run.coverage);
      const vid = variantId(values);
      sets.push({ machine: entry.id, variant: vid, set });
      for (const [index, path] of set.paths.entries()) {
        const id = `${entry.id}/${vid}/${index + 1}`;
        jobs.push({ id, entry, variant, path, repro: reproLine(run, id, values) });
      }
    }
  }
  const picked = run.path === undefined ? jobs : jobs.filter((j) => j.id === run.path);
  if (run.path !== undefined && picked.length === 0) {
    const sample = jobs.slice(0, 5).map((j) => j.id).join(', ');
    const near = didYouMean(run.path, jobs.map((j) => j.id));
    throw new UsageError(`no path '${run.path}' in plan ${run.plan} with these variants.${near} (e.g. ${sample}); copy the repro line from a report`, 'UNKNOWN_PATH');
  }
  const selected = run.shard ? picked.filter((j) => inShard(j.id, run.shard!)) : picked;
  const cited = new Set<string>();
  for (const entry of entries) {
    const catalogue = new MachineCatalogue(entry.machine);
    for (const ids of catalogue.stateRequirements.values()) ids.forEach((id) => cited.add(id));
    for (const t of catalogue.transitions) t.requirements.forEach((id) => cited.add(id));
  }
  return { jobs: selected, machines, sets, cited: [...cited], variants: Object.fromEntries(Object.entries(used).map(([k, v]) => [k, [...v]])) };
}
