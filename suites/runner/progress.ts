/**
 * Live progress and the closing summary, on stderr. One line per path (✓ passed, ✗ failed,
 * – not-applicable) with its time; at the end a table of requirements, paths, coverage and
 * the files written.
 */
import type { ConformanceResult, PathResult } from '../../reports/schema.ts';

const mark = { passed: '✓', failed: '✗', 'not-applicable': '–' } as const;

export function progressLine(result: Pick<PathResult, 'id' | 'status' | 'reason'>, durationMs: number): string {
  const line = `  ${mark[result.status]} ${result.id}  ${Math.round(durationMs)} ms`;
  return result.status === 'passed' ? line : `${line}\n      ${result.reason ?? ''}`;
}

const pct = (covered: number, total: number): string => (total ? `${((100 * covered) / total).toFixed(1)} %` : 'n/a');

export function summaryTable(result: ConformanceResult, files: string[]): string {
  const { requirements: r, paths: p, coverage: c } = result.summary;
  const rows: [string, string][] = [
    ['requirements', `${r.total} total: ${r.passed} passed, ${r.failed} failed, ${r.notApplicable} n/a, ${r.notCovered} not covered`],
    ['paths', `${p.total} total: ${p.passed} passed, ${p.failed} failed, ${p.notApplicable} n/a`],
    ['states', `${c.states.covered}/${c.states.total} covered (${pct(c.states.covered, c.states.total)})`],
    ['transitions', `${c.transitions.covered}/${c.transitions.total} covered (${pct(c.transitions.covered, c.transitions.total)})`],
    ['verdict', result.summary.mustPassed ? 'every applicable MUST passed (exit 0)' : 'some MUST failed (exit 1)'],
    ['time', `${(result.run.durationMs / 1000).toFixed(1)} s`],
    ...files.map((f): [string, string] => ['output', f]),
  ];
  const failed = result.requirements.filter((x) => x.status === 'failed' && x.level === 'MUST');
  const lines = rows.map(([k, v]) => `  ${k.padEnd(13)}${v}`);
  if (failed.length) {
    lines.push('  failed MUST requirements:');
    for (const f of failed.slice(0, 20)) lines.push(`    ${f.id}: ${f.reason ?? ''}`);
    if (failed.length > 20) lines.push(`    … and ${failed.length - 20} more (see conformance.html)`);
  }
  return lines.join('\n');
}
