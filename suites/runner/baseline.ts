/**
 * Baselines for vendors: a file of the requirements a system under test is known to fail, each
 * with its reason. `authconf run --expect FILE` passes when the run's failed requirements are
 * exactly those: a new failure fails the run, and so does a known failure that no longer fails
 * (the baseline must then be updated, so it cannot rot). Any level counts (MUST, SHOULD, POLICY).
 *
 * File (JSON):
 *   { "authconfBaseline": 1, "knownFailures": [ { "requirement": "ID", "reason": "why" } ] }
 */
import { UsageError } from '../../models/error-codes.ts';
import { isRequirementId, requirementIds } from '../../models/requirements.ts';
import type { ConformanceResult, Status } from '../../reports/schema.ts';
import { didYouMean } from './suggest.ts';

export const BASELINE_FORMAT = 1;

export interface KnownFailure {
  requirement: string;
  reason: string;
}

export interface Baseline {
  authconfBaseline: typeof BASELINE_FORMAT;
  /** Informational: the run the file was written from. */
  from?: { plan: string; driver: string; target: string; seed: number };
  knownFailures: KnownFailure[];
}

export interface BaselineCheck {
  /** The failures are exactly the known ones. */
  ok: boolean;
  /** Failed in this run, not in the baseline. */
  unexpected: { requirement: string; level: string; reason: string }[];
  /** In the baseline, but did not fail in this run (its status now). */
  fixed: { requirement: string; status: Status | 'absent'; reason: string }[];
  /** In the baseline and failed again. */
  stillFailing: string[];
}

const invalid = (file: string, why: string): UsageError => new UsageError(`baseline ${file}: ${why}`, 'BASELINE_INVALID');

/** Reads and checks a baseline file's text; `file` names it in messages. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not JSON (${(error as Error).message})`);
  }
  const record = data as Partial<Baseline> | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw invalid(file, 'expected an object { "authconfBaseline": 1, "knownFailures": [...] }');
  if (record.authconfBaseline !== BASELINE_FORMAT) throw invalid(file, `"authconfBaseline" must be ${BASELINE_FORMAT}`);
  if (!Array.isArray(record.knownFailures)) throw invalid(file, '"knownFailures" must be an array of { "requirement", "reason" }');
  const seen = new Set<string>();
  for (const [i, entry] of record.knownFailures.entries()) {
    const { requirement, reason } = (entry ?? {}) as Partial<KnownFailure>;
    if (typeof requirement !== 'string' || !isRequirementId(requirement)) {
      throw invalid(file, `knownFailures[${i}]: unknown requirement '${String(requirement)}'.${typeof requirement === 'string' ? didYouMean(requirement, requirementIds) : ''} See 'authconf requirements'.`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') throw invalid(file, `knownFailures[${i}] (${requirement}): give a "reason" (why it is known to fail)`);
    if (seen.has(requirement)) throw invalid(file, `knownFailures[${i}]: ${requirement} is listed twice`);
    seen.add(requirement);
  }
  return record as Baseline;
}

/** A baseline that expects exactly this run's failures (reason: the run's first error, to edit). */
export function baselineFrom(result: ConformanceResult): Baseline {
  return {
    authconfBaseline: BASELINE_FORMAT,
    from: { plan: result.run.plan, driver: result.run.driver, target: result.run.target, seed: result.run.seed },
    knownFailures: result.requirements.filter((r) => r.status === 'failed').map((r) => ({ requirement: r.id, reason: r.reason ?? 'failed' })),
  };
}

export function checkBaseline(result: ConformanceResult, baseline: Baseline): BaselineCheck {
  const known = new Map(baseline.knownFailures.map((k) => [k.requirement, k.reason]));
  const failed = result.requirements.filter((r) => r.status === 'failed');
  const unexpected = failed.filter((r) => !known.has(r.id)).map((r) => ({ requirement: r.id, level: r.level, reason: r.reason ?? '' }));
  const failedIds = new Set<string>(failed.map((r) => r.id));
  const fixed = baseline.knownFailures
    .filter((k) => !failedIds.has(k.requirement))
    .map((k) => ({ requirement: k.requirement, status: result.requirements.find((r) => r.id === k.requirement)?.status ?? ('absent' as const), reason: k.reason }));
  const stillFailing = baseline.knownFailures.filter((k) => failedIds.has(k.requirement)).map((k) => k.requirement);
  return { ok: unexpected.length === 0 && fixed.length === 0, unexpected, fixed, stillFailing };
}

/** Lines for the summary: what differs from the baseline. */
export function baselineLines(check: BaselineCheck, file: string): string[] {
  const lines = [
    check.ok
      ? `baseline     ${file}: the ${check.stillFailing.length} known failure(s) and no other (exit 0)`
      : `baseline     ${file}: the failures differ from the baseline (exit 1)`,
  ];
  for (const u of check.unexpected) lines.push(`    new failure ${u.requirement} (${u.level}): ${u.reason}`);
  for (const f of check.fixed) {
    const reason = f.reason.length > 60 ? `${f.reason.slice(0, 59)}…` : f.reason;
    lines.push(`    no longer fails ${f.requirement} (now ${f.status}): remove it from ${file} (known because: ${reason})`);
  }
  return lines.map((l) => `  ${l}`);
}
