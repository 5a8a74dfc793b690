/**
 * Live progress (stderr) and the closing summary (stdout). One line per path (✓ passed, ✗ failed,
 * – not-applicable) with its time; at the end a table of requirements, paths, coverage and
 * the files written. Colour comes from a `Palette` (the CLI's, for a terminal; plain otherwise).
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

const mark = { passed: '✓', failed: '✗', 'not-applicable': '–' } as const;

export function progressLine(result: Pick<PathResult, 'id' | 'status' | 'reason'>, durationMs: number, palette: Palette = plainPalette): string {
  const paint = result.status === 'passed' ? palette.pass : result.status === 'failed' ? palette.fail : palette.skip;
  const line = `  ${paint(mark[result.status])} ${result.id}  ${palette.dim(`${Math.round(durationMs)} ms`)}`;
  return result.status === 'passed' ? line : `${line}\n      ${paint(result.reason ?? '')}`;
}

const pct = (covered: number, total: number): string => (total ? `${((100 * covered) / total).toFixed(1)} %` : 'n/a');

export function summaryTable(result: ConformanceResult, files: string[], palette: Palette = plainPalette): string {
  const { requirements: r, paths: p, coverage: c } = result.summary;
  const failedText = (n: number): string => (n > 0 ? palette.fail(`${n} failed`) : `${n} failed`);
  const rows: [string, string][] = [
    ['requirements', `${r.total} total: ${r.passed} passed, ${failedText(r.failed)}, ${r.notApplicable} n/a, ${r.notCovered} not covered`],
    ['paths', `${p.total} total: ${p.passed} passed, ${failedText(p.failed)}, ${p.notApplicable} n/a`],
    ['states', `${c.states.covered}/${c.states.total} covered (${pct(c.states.covered, c.states.total)})`],
    ['transitions', `${c.transitions.covered}/${c.transitions.total} covered (${pct(c.transitions.covered, c.transitions.total)})`],
    ['verdict', result.summary.mustPassed ? palette.pass('every applicable MUST passed (exit 0)') : palette.fail('some MUST failed (exit 1)')],
    ['time', `${(result.run.durationMs / 1000).toFixed(1)} s`],
    ...files.map((f): [string, string] => ['output', f]),
  ];
  const failed = result.requirements.filter((x) => x.status === 'failed' && x.level === 'MUST');
  const lines = rows.map(([k, v]) => `  ${palette.bold(k.padEnd(13))}${v}`);
  if (failed.length) {
    lines.push('  failed MUST requirements:');
    for (const f of failed.slice(0, 20)) lines.push(`    ${palette.fail(f.id)}: ${f.reason ?? ''}`);
    if (failed.length > 20) lines.push(`    … and ${failed.length - 20} more (see conformance.html)`);
  }
  return lines.join('\n');
}
