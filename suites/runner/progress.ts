/**
 * Live progress (stderr) and the closing summary (stdout). One line per path (✓ passed, ✗ failed,
 * – not-applicable, ! error) with its time; at the end a table of requirements, paths, coverage,
 * the verdict with its reasons (and what would make the run complete) and the files written.
 * Colour comes from a `Palette` (the CLI's, for a terminal; plain otherwise).
 */
import type { ConformanceResult, PathResult } from '../../reports/schema.ts';

/** Text styles; the plain palette leaves text as is. */
export interface Palette {
  pass(text: string): string;
  fail(text: string): string;
  skip(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const same = (text: string): string => text;
export const plainPalette: Palette = { pass: same, fail: same, skip: same, dim: same, bold: same };

const mark = { passed: '✓', failed: '✗', 'not-applicable': '–', error: '!' } as const;

export function progressLine(result: Pick<PathResult, 'id' | 'status' | 'reason'>, durationMs: number, palette: Palette = plainPalette): string {
  const paint = result.status === 'passed' ? palette.pass : result.status === 'failed' || result.status === 'error' ? palette.fail : palette.skip;
  const line = `  ${paint(mark[result.status])} ${result.id}  ${palette.dim(`${Math.round(durationMs)} ms`)}`;
  return result.status === 'passed' ? line : `${line}\n      ${paint(result.reason ?? '')}`;
}

const pct = (covered: number, total: number): string => (total ? `${((100 * covered) / total).toFixed(1)} %` : 'n/a');

const VERDICT_LINE = {
  PASS: 'PASS: every MUST in scope passed a check, no path errored (exit 0)',
  FAIL: 'FAIL: a MUST failed a check (exit 1)',
  INCOMPLETE: 'INCOMPLETE: not every MUST in scope was observed to hold (exit 1)',
} as const;

/** Ids listed in a reason line before "… and N more". */
const IDS_SHOWN = 8;

function listed(ids: readonly string[] | undefined): string {
  if (!ids?.length) return '';
  const more = ids.length > IDS_SHOWN ? ` … and ${ids.length - IDS_SHOWN} more` : '';
  return `: ${ids.slice(0, IDS_SHOWN).join(', ')}${more}`;
}

export function summaryTable(result: ConformanceResult, files: string[], palette: Palette = plainPalette): string {
  const { requirements: r, must: m, paths: p, coverage: c } = result.summary;
  const failedText = (n: number): string => (n > 0 ? palette.fail(`${n} failed`) : `${n} failed`);
  const errorText = (n: number): string => (n > 0 ? palette.fail(`${n} error`) : `${n} error`);
  const verdict = result.summary.verdict;
  const rows: [string, string][] = [
    ['requirements', `${r.total} total: ${r.passed} passed, ${failedText(r.failed)}, ${r.notChecked} not checked, ${r.notApplicable} n/a, ${r.notCovered} not covered, ${r.outOfScope} out of scope`],
    ['MUST', `${m.total} in scope: ${m.passed} passed, ${failedText(m.failed)}, ${m.notChecked} not checked, ${m.notApplicable} n/a, ${m.notCovered} not covered`],
    ['paths', `${p.total} total: ${p.passed} passed, ${failedText(p.failed)}, ${p.notApplicable} n/a, ${errorText(p.error)}`],
    ['states', `${c.states.covered}/${c.states.total} covered (${pct(c.states.covered, c.states.total)})`],
    ['transitions', `${c.transitions.covered}/${c.transitions.total} covered (${pct(c.transitions.covered, c.transitions.total)})`],
    ['verdict', (verdict === 'PASS' ? palette.pass : palette.fail)(VERDICT_LINE[verdict])],
    ['time', `${(result.run.durationMs / 1000).toFixed(1)} s`],
    ...files.map((f): [string, string] => ['output', f]),
  ];
  const lines = rows.map(([k, v]) => `  ${palette.bold(k.padEnd(13))}${v}`);
  if (result.summary.reasons.length) lines.push(`  ${palette.bold('why:')}`);
  for (const reason of result.summary.reasons) {
    lines.push(`    [${reason.code}] ${reason.message}${listed(reason.requirements ?? reason.paths)}`);
    lines.push(`      ${palette.dim('to complete:')} ${reason.remedy}`);
  }
  const failed = result.requirements.filter((x) => x.status === 'failed' && x.level === 'MUST');
  if (failed.length) {
    lines.push('  failed MUST requirements:');
    for (const f of failed.slice(0, 20)) lines.push(`    ${palette.fail(f.id)}: ${f.reason ?? ''}`);
    if (failed.length > 20) lines.push(`    … and ${failed.length - 20} more (see conformance.html)`);
  }
  return lines.join('\n');
}
