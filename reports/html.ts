/**
 * conformance.html: one self-contained file (inline CSS, no network) for a QA lead.
 * First version: summary, requirement table, failing paths with repro lines.
 */
import type { ConformanceResult } from './schema.ts';

const esc = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function renderHtml(result: ConformanceResult): string {
  const { summary } = result;
  const rows = result.requirements
    .map((r) => `<tr class="st-${r.status}"><td>${esc(r.id)}</td><td>${r.level}</td><td>${esc(r.text)}</td><td>${r.status}</td><td>${r.paths.map(esc).join('<br>')}</td></tr>`)
    .join('\n');
  const failing = result.paths
    .filter((p) => p.status === 'failed')
    .map((p) => `<section><h3>${esc(p.id)}</h3><pre>${esc(p.repro)}</pre></section>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>authconf conformance</title></head><body>
<h1>${summary.mustPassed ? 'PASS' : 'FAIL'}</h1>
<table>${rows}</table>
${failing}
</body></html>
`;
}
