/**
 * `authconf merge`: the results of `authconf run --shard I/N` (one per shard) joined into the
 * result of the whole run. Pure: the shards' `conformance.json` in, one `ConformanceResult` out,
 * built by the same `buildResult` as an unsharded run, so verdicts, the requirement table and
 * coverage are the unsharded run's. Refuses results of different runs (MERGE_MISMATCH).
 */
import { isDeepStrictEqual } from 'node:util';
import { UsageError } from '../../models/error-codes.ts';
import { isRequirementId, requirements as registry } from '../../models/requirements.ts';
import type { ConformanceResult, PathResult, RunInfo } from '../../reports/schema.ts';
import { buildResult, type MachineModel, type RequirementRegistry } from '../../reports/summarize.ts';

/** The run fields every shard must share. */
const sameRunFields = ['plan', 'driver', 'target', 'variants', 'deviations', 'seed', 'coverage', 'authconfVersion'] as const;

const mismatch = (message: string): UsageError => new UsageError(message, 'MERGE_MISMATCH');

function checkSameRun(results: readonly { name: string; result: ConformanceResult }[]): void {
  const [first, ...others] = results;
  if (!first) throw mismatch('give at least one directory to merge');
  for (const other of others) {
    if (other.result.schemaVersion !== first.result.schemaVersion) {
      throw mismatch(`${other.name} has schemaVersion ${other.result.schemaVersion}, ${first.name} ${first.result.schemaVersion}: not shards of one run`);
    }
    for (const field of sameRunFields) {
      if (!isDeepStrictEqual(other.result.run[field], first.result.run[field])) {
        throw mismatch(`${other.name} and ${first.name} are not shards of one run: ${field} ${JSON.stringify(other.result.run[field])} vs ${JSON.stringify(first.result.run[field])}`);
      }
    }
  }
  const counts = new Set(results.map((r) => r.result.run.shard?.count ?? 1));
  if (counts.size > 1) throw mismatch(`the shards split the run differently (${[...counts].map((c) => `/${c}`).join(', ')}): run every shard with the same --shard I/N`);
  const count = [...counts][0]!;
  const seen = new Map<number, string>();
  for (const { name, result } of results) {
    const index = result.run.shard?.index ?? 1;
    const twice = seen.get(index);
    if (twice) throw mismatch(`${twice} and ${name} are both shard ${index}/${count}`);
    seen.set(index, name);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw mismatch(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge every shard of the run`);
}

/**
 * The unsharded run's path order: machine by machine (the machines' order), variant by variant
 * (an order consistent with every shard's, which each keeps from the plan), then by path index.
 */
function orderPaths(results: readonly ConformanceResult[], machineOrder: readonly string[]): PathResult[] {
  const variantKey = (p: PathResult): string => p.id.slice(0, p.id.lastIndexOf('/'));
  const indexOf = (p: PathResult): number => Number(p.id.slice(p.id.lastIndexOf('/') + 1));
  // Precedence between variant groups from each shard's order; ties by first appearance.
  const firstSeen = new Map<string, number>();
  const after = new Map<string, Set<string>>();
  for (const result of results) {
    const groups = [...new Set(result.paths.map(variantKey))];
    for (const [i, group] of groups.entries()) {
      if (!firstSeen.has(group)) firstSeen.set(group, firstSeen.size);
      if (i > 0) (after.get(group) ?? after.set(group, new Set()).get(group)!).add(groups[i - 1]!);
    }
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const pending = [...firstSeen.keys()];
  while (pending.length) {
    const next = pending.findIndex((g) => [...(after.get(g) ?? [])].every((before) => placed.has(before))) ;
    const [group] = pending.splice(next === -1 ? 0 : next, 1);
    ordered.push(group!);
    placed.add(group!);
  }
  const rank = new Map(ordered.map((g, i) => [g, i]));
  const machineRank = new Map(machineOrder.map((m, i) => [m, i]));
  return results
    .flatMap((r) => r.paths)
    .sort((a, b) => (machineRank.get(a.machine) ?? 0) - (machineRank.get(b.machine) ?? 0) || rank.get(variantKey(a))! - rank.get(variantKey(b))! || indexOf(a) - indexOf(b));
}

export function mergeResults(shards: readonly { name: string; result: ConformanceResult }[]): ConformanceResult {
  checkSameRun(shards);
  const results = shards.map((s) => s.result);
  const first = results[0]!;
  const ids = new Set<string>();
  for (const result of results) {
    for (const path of result.paths) {
      if (ids.has(path.id)) throw mismatch(`path ${path.id} is in more than one shard`);
      ids.add(path.id);
    }
  }
  const machines: MachineModel[] = first.machines.map((m) => {
    if (!m.graph) throw mismatch(`machine ${m.id} has no graph in ${shards[0]!.name}: merge needs results written by authconf 0.1 or later`);
    return { id: m.id, title: m.title, graph: m.graph, mermaid: m.mermaid };
  });
  const requirementRegistry: RequirementRegistry = Object.fromEntries(first.requirements.filter((r) => isRequirementId(r.id)).map((r) => [r.id, registry[r.id]]));
  const { shard: _shard, ...common } = first.run;
  const run: RunInfo = {
    ...common,
    startedAt: results.map((r) => r.run.startedAt).sort()[0]!,
    // The shards ran side by side: the run took as long as the slowest.
    durationMs: Math.max(...results.map((r) => r.run.durationMs)),
  };
  return buildResult(run, orderPaths(results, machines.map((m) => m.id)), requirementRegistry, machines);
}
