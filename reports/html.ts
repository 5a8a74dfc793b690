/**
 * conformance.html: one self-contained file for a QA lead (inline CSS, inline SVG, a small inline
 * script; no network). Sections: summary, failing paths with repro lines, the requirement table
 * with evidence, each machine's diagram coloured by coverage, and every path.
 */
import { renderDiagramSvg } from './diagram-svg.ts';
import { escapeHtml as esc } from './html-escape.ts';
import { propertyHtmlSection } from './html-property.ts';
import { script } from './html-script.ts';
import { css } from './html-style.ts';
import type { ConformanceResult, MachineCoverage, PathResult, RequirementResult, StepResult } from './schema.ts';

const STATUS_LABEL: Record<string, string> = {
  passed: 'passed', failed: 'FAILED', 'not-applicable': 'not applicable', 'not-covered': 'not covered', skipped: 'skipped',
  'not-checked': 'not checked', 'out-of-scope': 'out of scope', error: 'ERROR',
};

/** Evidence links listed before the rest fold into "N more paths" (failing paths come first). */
const EVIDENCE_SHOWN = 3;

const pill = (status: string): string => `<span class="pill st-${esc(status)}">${esc(STATUS_LABEL[status] ?? status)}</span>`;
const percent = (covered: number, total: number): string => (total === 0 ? '–' : `${Math.floor((covered / total) * 1000) / 10}%`);
const variantText = (variant: Record<string, string>): string =>
  Object.keys(variant).sort().map((key) => `${key}=${variant[key]}`).join(', ') || 'default';

/** Stable, unique, URL-safe anchors for path ids. */
function pathAnchors(paths: PathResult[]): Map<string, string> {
  const anchors = new Map<string, string>();
  const used = new Set<string>();
  for (const path of paths) {
    const base = `path-${path.id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
    let anchor = base;
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    anchors.set(path.id, anchor);
  }
  return anchors;
}

function bar(parts: [number, string][], total: number): string {
  if (total === 0) return '';
  return `<div class="bar">${parts.filter(([n]) => n > 0).map(([n, colour]) => `<span style="width:${(n / total) * 100}%;background:${colour}"></span>`).join('')}</div>`;
}

function header(result: ConformanceResult): string {
  const { run } = result;
  const variants = Object.entries(run.variants).map(([k, vs]) => `${k}=${vs.join('|')}`).join(', ') || 'default';
  const items: [string, string][] = [
    ['Plan', run.plan], ['Driver', run.driver], ['Target', run.target], ['Variants', variants],
    ['Deviations', run.deviations.join(', ') || 'none'], ['Seed', String(run.seed)], ['Coverage', run.coverage],
    ['Started', run.startedAt], ['Duration', `${(run.durationMs / 1000).toFixed(1)} s`], ['authconf', run.authconfVersion],
  ];
  return `<header class="top"><h1>authconf conformance report</h1><div class="run">${items.map(([k, v]) => `<span>${esc(k)}: <b>${esc(v)}</b></span>`).join('')}</div></header>`;
}

const VERDICT_TEXT: Record<string, string> = {
  PASS: 'Every MUST requirement in scope passed a check that observed the system; no path errored.',
  FAIL: 'A MUST requirement failed a check.',
  INCOMPLETE: 'Not every MUST requirement in scope was observed to hold: this run proves neither PASS nor FAIL.',
};

function reasonsList(result: ConformanceResult, anchors: Map<string, string>): string {
  if (!result.summary.reasons.length) return '';
  const ids = (list: string[] | undefined, anchor: (id: string) => string): string => (list?.length
    ? ` ${list.slice(0, 12).map((id) => `<a href="#${esc(anchor(id))}"><code>${esc(id)}</code></a>`).join(', ')}${list.length > 12 ? ` and ${list.length - 12} more` : ''}`
    : '');
  const items = result.summary.reasons.map((r) => `<li><b>[${esc(r.code)}]</b> ${esc(r.message)}${ids(r.requirements, (id) => `req-${id}`)}${ids(r.paths, (id) => anchors.get(id) ?? '')}<div class="remedy">To complete: ${esc(r.remedy)}</div></li>`);
  return `<ul class="reasons">${items.join('')}</ul>`;
}

function summarySection(result: ConformanceResult, anchors: Map<string, string>): string {
  const { summary } = result;
  const r = summary.requirements;
  const m = summary.must;
  const p = summary.paths;
  const c = summary.coverage;
  const verdict = `<span class="badge ${summary.verdict.toLowerCase()}">${esc(summary.verdict)}</span><p>${esc(VERDICT_TEXT[summary.verdict] ?? '')} MUST in scope: ${m.passed} of ${m.total} passed, ${m.failed} failed, ${m.notChecked} not checked, ${m.notApplicable} not applicable, ${m.notCovered} not covered.</p>${reasonsList(result, anchors)}`;
  const cards = [
    `<div class="card"><h3>Requirements</h3><div class="big">${r.total}</div><div class="parts">${pill('passed')} ${r.passed} ${pill('failed')} ${r.failed} ${pill('not-checked')} ${r.notChecked} ${pill('not-applicable')} ${r.notApplicable} ${pill('not-covered')} ${r.notCovered} ${pill('out-of-scope')} ${r.outOfScope}</div>${bar([[r.passed, '#2e7d32'], [r.failed, '#c62828'], [r.notChecked, '#ef6c00'], [r.notApplicable, '#f9a825'], [r.notCovered + r.outOfScope, '#bdbdbd']], r.total)}</div>`,
    `<div class="card"><h3>Paths</h3><div class="big">${p.total}</div><div class="parts">${pill('passed')} ${p.passed} ${pill('failed')} ${p.failed} ${pill('error')} ${p.error} ${pill('not-applicable')} ${p.notApplicable}</div>${bar([[p.passed, '#2e7d32'], [p.failed, '#c62828'], [p.error, '#880e4f'], [p.notApplicable, '#f9a825']], p.total)}</div>`,
    `<div class="card"><h3>Transition coverage</h3><div class="big">${percent(c.transitions.covered, c.transitions.total)}</div><div class="parts">${c.transitions.covered} of ${c.transitions.total} transitions</div>${bar([[c.transitions.covered, '#2e7d32'], [c.transitions.total - c.transitions.covered, '#bdbdbd']], c.transitions.total)}</div>`,
    `<div class="card"><h3>State coverage</h3><div class="big">${percent(c.states.covered, c.states.total)}</div><div class="parts">${c.states.covered} of ${c.states.total} states</div>${bar([[c.states.covered, '#2e7d32'], [c.states.total - c.states.covered, '#bdbdbd']], c.states.total)}</div>`,
  ];
  const outOfScope = result.requirements.filter((q) => q.status === 'out-of-scope');
  const scope = outOfScope.length
    ? `<details class="out-of-scope"><summary>${outOfScope.length} requirement${outOfScope.length === 1 ? '' : 's'} out of scope on purpose (never counted in the verdict)</summary><ul>${outOfScope.map((q) => `<li><a href="#req-${esc(q.id)}"><code>${esc(q.id)}</code></a> ${esc(q.text)}${q.reason ? ` <i>${esc(q.reason)}</i>` : ''}</li>`).join('')}</ul></details>`
    : '';
  return `<section class="block" id="summary"><h2>Summary</h2><div class="verdict">${verdict}</div><div class="cards">${cards.join('')}</div>${scope}</section>`;
}

function sourceCell(requirement: RequirementResult): string {
  const { seed, section, step, url } = requirement.source;
  const parts: string[] = [];
  if (seed) parts.push(`<code class="seed">${esc(seed)}</code>`);
  const where = [section ? `§ ${esc(section)}` : '', step ? `step ${esc(step)}` : ''].filter(Boolean).join(', ');
  if (where) parts.push(`<span>${where}</span>`);
  if (url) parts.push(`<a href="${esc(url)}" rel="noreferrer">${esc(url.replace(/^https?:\/\//, ''))}</a>`);
  return parts.join('<br>') || '–';
}

function filterBar(target: string, statuses: string[], placeholder: string): string {
  const buttons = ['all', ...statuses].map((s, i) => `<button type="button" data-status="${s}" aria-pressed="${i === 0}">${s === 'all' ? 'All' : esc(STATUS_LABEL[s] ?? s)}</button>`);
  return `<div class="filters" data-target="${target}">${buttons.join('')}<input type="search" placeholder="${esc(placeholder)}" aria-label="${esc(placeholder)}"></div>`;
}

function requirementsSection(result: ConformanceResult, anchors: Map<string, string>): string {
  const statusOf = new Map(result.paths.map((p) => [p.id, p.status]));
  const rows = result.requirements.map((q) => {
    const link = (id: string): string => `<a href="#${anchors.get(id) ?? ''}" class="ev-${statusOf.get(id) ?? 'unknown'}" title="${esc(statusOf.get(id) ?? '')}">${esc(id)}</a>`;
    const shown = q.paths.slice(0, EVIDENCE_SHOWN).map(link).join('');
    const more = q.paths.length > EVIDENCE_SHOWN
      ? `<details><summary>${q.paths.length - EVIDENCE_SHOWN} more path${q.paths.length - EVIDENCE_SHOWN === 1 ? '' : 's'}</summary>${q.paths.slice(EVIDENCE_SHOWN).map(link).join('')}</details>`
      : '';
    const evidence = shown + more;
    const reason = q.reason && q.status !== 'passed' ? `<div class="reason">${esc(q.reason)}</div>` : '';
    const checks = q.checks.map((k) => `<span class="chk${k.failed ? ' chk-failed' : ''}" title="${esc(k.paths.join(' '))}"><code>${esc(k.name)}</code> ${k.passed} passed${k.failed ? `, ${k.failed} failed` : ''} on ${k.paths.length} path${k.paths.length === 1 ? '' : 's'}</span>`).join('');
    const reached = q.reachedBy.length ? `<div class="reason">reached by ${q.reachedBy.length} path${q.reachedBy.length === 1 ? '' : 's'}</div>` : '';
    return `<tr id="req-${esc(q.id)}" class="req-${q.status}" data-status="${q.status}" data-search="${esc(`${q.id} ${q.text}`)}"><td class="id">${esc(q.id)}</td><td><span class="level level-${q.level}">${q.level}</span></td><td class="src">${sourceCell(q)}</td><td>${esc(q.text)}</td><td>${pill(q.status)}</td><td class="checks">${checks || '<span class="empty">no check ran</span>'}${reached}</td><td class="ev">${evidence || '<span class="empty">no path</span>'}${reason}</td></tr>`;
  });
  return `<section class="block" id="requirements"><h2>Requirements (${result.requirements.length})</h2><p>A requirement passes only when a check that observed the system passed; a path that reaches it without a check leaves it <i>not checked</i>.</p>${filterBar('req-rows', ['failed', 'not-checked', 'passed', 'not-applicable', 'not-covered', 'out-of-scope'], 'Filter by id or text')}<div class="table-wrap"><table class="reqs"><thead><tr><th>ID</th><th>Level</th><th>Source</th><th>Requirement</th><th>Status</th><th>Checks that ran</th><th>Evidence (paths)</th></tr></thead><tbody id="req-rows">${rows.join('')}</tbody></table></div></section>`;
}

/** Zoom buttons (the page script shows them and wires wheel zoom and drag pan). */
const diagramTools = '<div class="diagram-tools"><button type="button" data-zoom="in" title="Zoom in">+</button><button type="button" data-zoom="out" title="Zoom out">\u2212</button><button type="button" data-zoom="fit" title="Show the whole diagram">Fit</button><button type="button" data-zoom="reset" title="Actual size">1:1</button><span class="zoom-level"></span><span>wheel to zoom, drag to pan</span></div>';

function machineBlock(machine: MachineCoverage, index: number): string {
  const t = machine.transitions;
  const s = machine.states;
  const stats = `${t.covered.length} of ${t.total} transitions covered (${percent(t.covered.length, t.total)}), ${t.failed.length} failed · ${s.covered.length} of ${s.total} states covered (${percent(s.covered.length, s.total)})`;
  const legend = `<div class="legend"><span><i style="border-color:#2e7d32"></i>covered</span><span><i style="border-color:#c62828"></i>failed</span><span><i style="border-color:#9e9e9e;border-top-style:dashed"></i>not covered</span><span>boxes: green = state reached, grey dashed = not reached</span></div>`;
  const mermaidId = `mermaid-${index}`;
  const mermaid = `<details class="mermaid"><summary>Mermaid source (paste into mermaid.live)</summary><div class="repro"><pre id="${mermaidId}">${esc(machine.mermaid)}</pre><button type="button" data-copy="${mermaidId}">Copy</button></div></details>`;
  return `<div class="machine" id="machine-${esc(machine.id)}"><h3>${esc(machine.title)}${machine.title === machine.id ? '' : ` <code>${esc(machine.id)}</code>`}</h3><div class="stats">${stats}</div>${legend}${diagramTools}<div class="diagram-wrap">${renderDiagramSvg(machine, `m${index}`)}</div>${mermaid}</div>`;
}

function machinesSection(result: ConformanceResult): string {
  const blocks = result.machines.map(machineBlock).join('') || '<p class="empty">No machine in this run.</p>';
  return `<section class="block" id="machines"><h2>Machines</h2>${blocks}</section>`;
}

function stepRow(step: StepResult, index: number): string {
  const payload = step.payload ? `<div class="kv">${esc(JSON.stringify(step.payload))}</div>` : '';
  const details: string[] = [];
  if (step.error) {
    details.push(`<div class="err">${step.error.code ? `[${esc(step.error.code)}] ` : ''}${esc(step.error.message)}</div>`);
    if (step.error.expected !== undefined) details.push(`<div class="kv">expected: ${esc(JSON.stringify(step.error.expected))}</div>`);
    if (step.error.actual !== undefined) details.push(`<div class="kv">actual: ${esc(JSON.stringify(step.error.actual))}</div>`);
  }
  if (step.error?.stack) details.push(`<details><summary class="kv">stack</summary><pre>${esc(step.error.stack)}</pre></details>`);
  for (const check of step.checks ?? []) details.push(`<div class="kv${check.status === 'failed' ? ' chk-failed' : ''}">check <code>${esc(check.name)}</code> ${check.status}: ${check.requirements.map((id) => `<code>${esc(id)}</code>`).join(' ')}</div>`);
  for (const evidence of step.evidence ?? []) {
    if (evidence.path) details.push(`<div class="kv">evidence: <a href="${esc(evidence.path)}">${esc(evidence.name)}</a></div>`);
    else if (evidence.text !== undefined) details.push(`<details><summary class="kv">evidence: ${esc(evidence.name)}</summary><pre>${esc(evidence.text)}</pre></details>`);
  }
  return `<tr class="step-${step.status}"><td>${index + 1}</td><td><code>${esc(step.event)}</code>${payload}</td><td><code>${esc(step.state)}</code></td><td class="reqs">${step.requirements.map((id) => `<a href="#req-${esc(id)}"><code>${esc(id)}</code></a>`).join('<br>')}</td><td>${pill(step.status)}</td><td>${details.join('')}</td></tr>`;
}

function pathBlock(path: PathResult, anchor: string, open: boolean, idSuffix = ''): string {
  const reproId = `repro-${anchor}${idSuffix}`;
  const failing = path.steps.find((s) => s.status === 'failed');
  const banner = path.status === 'failed' && failing?.error
    ? `<div class="fail-box">Failed at <code>${esc(failing.event)}</code> → expected <code>${esc(failing.state)}</code>: ${esc(failing.error.message)}</div>`
    : path.status === 'not-applicable' ? `<div class="reason-box">Not applicable: ${esc(path.reason ?? 'no reason given')}${path.remedy ? ` (to make it applicable: ${esc(path.remedy)})` : ''}</div>` : '';
  const errorBox = path.error
    ? `<div class="err-box">Error ${path.error.phase === 'step' && path.error.step !== undefined ? `at step ${path.error.step + 1}` : `while ${path.error.phase === 'close' ? 'closing' : 'opening (set-up)'} the path`}: ${esc(path.error.message)}${path.error.stack ? `<details><summary>stack</summary><pre>${esc(path.error.stack)}</pre></details>` : ''}</div>`
    : '';
  const steps = `<table class="steps"><thead><tr><th>#</th><th>Event</th><th>Expected state</th><th>Requirements (reached)</th><th>Status</th><th>Checks, detail</th></tr></thead><tbody>${path.steps.map(stepRow).join('')}</tbody></table>`;
  const repro = `<div class="repro"><pre id="${reproId}">${esc(path.repro)}</pre><button type="button" data-copy="${reproId}">Copy</button></div>`;
  const id = idSuffix ? '' : ` id="${anchor}"`;
  const search = `${path.id} ${path.description} ${path.steps.map((st) => `${st.event} ${st.state} ${st.requirements.join(' ')} ${st.checks.map((k) => k.name).join(' ')}`).join(' ')}`;
  return `<details class="path path-${path.status}"${id} data-status="${path.status}" data-search="${esc(search)}"${open ? ' open' : ''}><summary>${pill(path.status)}<span class="pid">${esc(path.id)}</span><span class="desc">${esc(path.description)}</span><span class="desc">· ${esc(variantText(path.variant))} · ${path.steps.length} steps</span></summary><div class="path-body">${errorBox}${banner}${repro}${steps}</div></details>`;
}

function failuresSection(result: ConformanceResult, anchors: Map<string, string>): string {
  const failed = result.paths.filter((p) => p.status === 'failed' || p.status === 'error');
  const body = failed.length === 0 ? '<p class="empty">No failing or erroring path.</p>' : failed.map((p) => pathBlock(p, anchors.get(p.id)!, true, '-f')).join('');
  return `<section class="block" id="failures"><h2>Failing and erroring paths (${failed.length})</h2>${body}</section>`;
}

function pathsSection(result: ConformanceResult, anchors: Map<string, string>): string {
  const blocks = result.paths.map((p) => pathBlock(p, anchors.get(p.id)!, false)).join('') || '<p class="empty">No path ran.</p>';
  return `<section class="block" id="paths"><h2>All paths (${result.paths.length})</h2>${filterBar('path-list', ['failed', 'error', 'passed', 'not-applicable'], 'Filter by path id, event or requirement')}<div id="path-list">${blocks}</div></section>`;
}

export function renderHtml(result: ConformanceResult): string {
  const anchors = pathAnchors(result.paths);
  const title = `authconf ${result.run.plan}: ${result.summary.verdict}`;
  const nav = `<nav class="toc"><a href="#summary">Summary</a><a href="#failures">Failing paths (${result.summary.paths.failed + result.summary.paths.error})</a><a href="#requirements">Requirements</a><a href="#machines">Machines</a><a href="#paths">All paths</a></nav>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="authconf ${esc(result.run.authconfVersion)} (conformance.json schema ${esc(result.schemaVersion)})">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body>
${header(result)}
${nav}
<main>
${summarySection(result, anchors)}
${propertyHtmlSection(result)}
${failuresSection(result, anchors)}
${requirementsSection(result, anchors)}
${machinesSection(result)}
${pathsSection(result, anchors)}
</main>
<script>${script}</script>
</body>
</html>
`;
}
