/** The report's inline stylesheet: readable on screen, compact and colour-safe on paper. */
export const css = `
:root { --pass:#2e7d32; --pass-bg:#e8f5e9; --fail:#c62828; --fail-bg:#ffebee; --na:#8d6e00; --na-bg:#fff8e1;
  --nc:#616161; --nc-bg:#eeeeee; --ink:#1f2328; --muted:#57606a; --line:#d0d7de; --accent:#0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 28px 12px; }
header.top h1 { margin: 0 0 4px; font-size: 22px; }
.run { color: var(--muted); font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.run b { color: var(--ink); font-weight: 600; }
nav.toc { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 28px; display: flex; gap: 18px; flex-wrap: wrap; }
nav.toc a { color: var(--accent); text-decoration: none; font-weight: 600; }
main { padding: 18px 28px 40px; max-width: 1500px; }
section.block { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin-bottom: 20px; }
section.block > h2 { margin: 0 0 12px; font-size: 18px; }
.verdict { display: flex; align-items: center; gap: 18px; flex-wrap: wrap; }
.verdict .badge { font-size: 24px; font-weight: 800; padding: 10px 20px; border-radius: 10px; letter-spacing: .5px; }
.verdict .badge.pass { background: var(--pass-bg); color: var(--pass); border: 2px solid var(--pass); }
.verdict .badge.fail { background: var(--fail-bg); color: var(--fail); border: 2px solid var(--fail); }
.verdict .badge.incomplete { background: var(--na-bg); color: var(--na); border: 2px solid var(--na); }
.verdict ul.reasons { margin: 6px 0 0; padding-left: 20px; }
.verdict ul.reasons .remedy { color: #555; font-size: 13px; }
.verdict p { margin: 0; max-width: 720px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 14px; margin-top: 14px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card h3 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); }
.card .big { font-size: 26px; font-weight: 700; }
.card .parts { display: flex; gap: 10px; flex-wrap: wrap; font-size: 13px; margin-top: 4px; }
.bar { display: flex; height: 8px; border-radius: 4px; overflow: hidden; background: var(--nc-bg); margin-top: 8px; }
.bar span { display: block; height: 100%; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; white-space: nowrap; border: 1px solid transparent; }
.st-passed { background: var(--pass-bg); color: var(--pass); border-color: #a5d6a7; }
.st-failed { background: var(--fail-bg); color: var(--fail); border-color: #ef9a9a; }
.st-not-applicable { background: var(--na-bg); color: var(--na); border-color: #ffe082; }
.st-not-covered, .st-skipped, .st-out-of-scope { background: var(--nc-bg); color: var(--nc); border-color: #ccc; }
.st-not-checked { background: var(--na-bg); color: var(--na); border-color: #ffb74d; font-style: italic; }
.st-error { background: #fce4ec; color: #880e4f; border-color: #f48fb1; }
td.checks .chk { display: block; font-size: 12px; overflow-wrap: anywhere; margin-bottom: 2px; }
td.checks .chk code { overflow-wrap: anywhere; word-break: break-all; }
td.checks .chk-failed { color: var(--fail); font-weight: 700; }
.steps td .chk-failed { color: var(--fail); }
.err-box { background: #fce4ec; border: 1px solid #f48fb1; padding: 6px 10px; border-radius: 6px; margin-bottom: 8px; }
.err-box pre { white-space: pre-wrap; font-size: 12px; margin: 4px 0 0; }
.filters { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 10px; }
.filters button { font: inherit; font-size: 13px; border: 1px solid var(--line); background: #fff; border-radius: 16px; padding: 3px 12px; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.filters input { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; min-width: 260px; }
table { border-collapse: collapse; width: 100%; }
.table-wrap { max-width: 100%; }
@media screen and (max-width: 1100px) { .table-wrap { overflow-x: auto; } }
table.reqs { table-layout: fixed; min-width: 860px; }
table.reqs th:nth-child(1) { width: 190px; } table.reqs th:nth-child(2) { width: 78px; } table.reqs th:nth-child(3) { width: 150px; }
table.reqs th:nth-child(5) { width: 104px; } table.reqs th:nth-child(6) { width: 24%; } table.reqs th:nth-child(7) { width: 17%; }
table.reqs td { overflow-wrap: anywhere; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #eaeef2; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); background: #f6f8fa; position: sticky; top: 38px; }
td.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; font-weight: 600; overflow-wrap: anywhere; }
td.src { font-size: 12px; color: var(--muted); max-width: 260px; overflow-wrap: anywhere; }
td.src code.seed { overflow-wrap: anywhere; color: var(--ink); }
td.reqs { white-space: nowrap; }
td.reqs a { color: var(--accent); text-decoration: none; }
td.ev { font-size: 12px; }
td.ev a { display: block; font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--accent); text-decoration: none; overflow-wrap: anywhere; }
td.ev .reason { color: var(--muted); font-style: italic; white-space: normal; }
td.ev a.ev-failed { color: var(--fail); font-weight: 700; }
td.ev a.ev-not-applicable { color: var(--na); }
td.ev details summary { font-size: 12px; color: var(--muted); }
tr.req-failed td { background: #fff7f7; }
.level { font-size: 11px; font-weight: 700; color: var(--muted); }
.level-MUST { color: var(--ink); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.machine { margin-bottom: 22px; }
.machine h3 { margin: 4px 0; }
.machine .stats { color: var(--muted); font-size: 13px; margin-bottom: 6px; }
.diagram-wrap { position: relative; overflow: auto; border: 1px solid #eaeef2; border-radius: 8px; background: #fcfcfd; }
.diagram-wrap.zoomable { overflow: hidden; cursor: grab; touch-action: none; max-height: 82vh; }
.diagram-wrap.zoomable.dragging { cursor: grabbing; }
.diagram-wrap.zoomable svg.diagram { width: 100%; max-width: none; }
.diagram-tools { display: none; gap: 6px; align-items: center; margin: 4px 0; font-size: 12.5px; color: var(--muted); }
.diagram-tools.on { display: flex; }
.diagram-tools button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 1px 10px; cursor: pointer; }
svg.diagram { display: block; margin: 0 auto; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; user-select: none; }
svg.diagram .state-name { font-size: 13px; font-weight: 600; fill: #1f2328; }
svg.diagram .state-parent { font-size: 12px; font-weight: 600; fill: #57606a; }
svg.diagram .edge-label { font-size: 11px; paint-order: stroke; stroke: #fcfcfd; stroke-width: 3px; stroke-linejoin: round; }
.legend { display: flex; gap: 16px; flex-wrap: wrap; font-size: 12.5px; color: var(--muted); margin: 6px 0; }
.legend i { display: inline-block; width: 22px; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 5px; }
details.mermaid { margin-top: 6px; }
details.mermaid pre { max-height: 260px; overflow: auto; background: #f6f8fa; padding: 8px; border-radius: 6px; font-size: 12px; }
summary { cursor: pointer; }
.path { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 10px; }
.path > summary { padding: 8px 12px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; list-style: none; }
.path > summary::-webkit-details-marker { display: none; }
.path > summary::before { content: "\\25B8"; color: var(--muted); }
.path[open] > summary::before { content: "\\25BE"; }
.path .pid { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 700; }
.path .desc { color: var(--muted); }
.path-failed { border-color: #ef9a9a; }
.path-error { border-color: #f48fb1; }
.path-body { padding: 0 12px 12px; }
.steps { table-layout: fixed; }
.steps td { font-size: 12.5px; overflow-wrap: anywhere; }
.steps th:nth-child(1) { width: 3%; } .steps th:nth-child(2) { width: 15%; } .steps th:nth-child(3) { width: 15%; }
.steps th:nth-child(4) { width: 20%; } .steps th:nth-child(5) { width: 8%; } .steps th:nth-child(6) { width: 39%; }
.steps pre, .steps code { white-space: pre-wrap; overflow-wrap: anywhere; }
.steps tr.step-failed td { background: var(--fail-bg); }
.steps tr.step-error td { background: #fce4ec; }
.steps .err { color: var(--fail); font-weight: 600; }
.steps .kv { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.repro { display: flex; gap: 8px; align-items: stretch; margin-top: 8px; }
.repro pre { flex: 1; margin: 0; padding: 8px 10px; background: #0d1117; color: #e6edf3; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12.5px; }
.repro button { font: inherit; font-size: 12px; border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 0 12px; cursor: pointer; }
.reason-box { background: var(--na-bg); border-left: 3px solid var(--na); padding: 6px 10px; margin: 6px 0; }
.fail-box { background: var(--fail-bg); border-left: 3px solid var(--fail); padding: 6px 10px; margin: 6px 0; }
.hidden { display: none !important; }
.empty { color: var(--muted); font-style: italic; }
:target { scroll-margin-top: 50px; }
.path:target { outline: 3px solid var(--accent); }
@media print {
  body { background: #fff; font-size: 11px; }
  nav.toc, .filters, .repro button { display: none !important; }
  main { padding: 0; max-width: none; }
  section.block { border: none; padding: 0; margin-bottom: 14px; break-inside: auto; }
  th { position: static; }
  .machine, .path, tr { break-inside: avoid; }
  .diagram-wrap, .diagram-wrap.zoomable { overflow: visible; border: none; max-height: none; }
  .diagram-tools { display: none !important; }
  .repro pre { background: #fff; color: #000; border: 1px solid #999; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .hidden { display: revert !important; }
}
`;
