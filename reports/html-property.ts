/**
 * The HTML report's short property section (`authconf run --mode property`, issue 12): runs,
 * steps and steps per second, one row per property, and for a failed one the first failing and
 * the shrunk event sequence with the replay line. Empty when the run was in path mode.
 */
import { escapeHtml as esc } from './html-escape.ts';
import type { ConformanceResult, PropertyRunResult } from './schema.ts';

const variantText = (variant: Record<string, string>): string =>
  Object.keys(variant).sort().map((key) => `${key}=${variant[key]}`).join(', ') || 'default';

function failureDetail(r: PropertyRunResult): string {
  const f = r.failure;
  if (!f) return r.reason ? esc(r.reason) : '';
  return `<b>${esc(f.message)}</b>`
    + `<br>shrunk to ${f.shrunk.length} (from ${f.original.length}, ${f.shrinks} shrinks, ${f.shrinkMs} ms): <code>${esc(f.shrunk.join(' → '))}</code>`
    + `<details><summary>first failing sequence</summary><code>${esc(f.original.join(' → '))}</code></details>`
    + `<div class="repro"><code>${esc(f.replay)}</code></div>`;
}

export function propertyHtmlSection(result: ConformanceResult): string {
  const p = result.property;
  if (!p) return '';
  const rows = p.properties.map((r) => `<tr><td><code>${esc(r.machine)}</code><br><small>${esc(variantText(r.variant))}</small></td><td><span class="pill st-${esc(r.status)}">${esc(r.status)}</span></td><td>${r.runs}</td><td>${r.commands}</td><td>${failureDetail(r)}</td></tr>`);
  return `<section class="block" id="property"><h2>Property mode</h2>`
    + `<p>${p.properties.length} properties (machine × variant), up to ${p.runs} random walks of at most ${p.maxSteps} steps each, seed ${p.seed}: ${p.commands} steps in ${(p.durationMs / 1000).toFixed(1)} s (${p.commandsPerSecond} steps/s). The model is the oracle after every step; a failure is shrunk by fast-check and listed with the command line that replays it.</p>`
    + `<table><thead><tr><th>property</th><th>status</th><th>walks</th><th>steps</th><th>failure</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}
