/**
 * conformance.json: the `ConformanceResult` with a stable key order (the order of the schema in
 * `reports/schema.ts`, free-form records sorted by key), so two runs of the same plan diff cleanly.
 */
import type {
  ConformanceResult,
  MachineCoverage,
  PathResult,
  RequirementResult,
  RunInfo,
  StepResult,
  Summary,
} from './schema.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keep the listed keys in this order, dropping the ones that are undefined. */
function ordered(entries: [string, Json | undefined][]): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out;
}

/** Free-form values (payloads, expected/actual, variants): object keys sorted, recursively. */
function sortedDeep(value: unknown): Json {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    if (typeof value === 'bigint') return value.toString();
    return (value ?? null) as Json;
  }
  if (Array.isArray(value)) return value.map(sortedDeep);
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) out[key] = sortedDeep(inner);
  }
  return out;
}

function optional(value: unknown): Json | undefined {
  return value === undefined ? undefined : sortedDeep(value);
}

function runJson(run: RunInfo): Json {
  return ordered([
    ['plan', run.plan], ['driver', run.driver], ['target', run.target], ['variants', sortedDeep(run.variants)],
    ['deviations', [...run.deviations]], ['seed', run.seed], ['startedAt', run.startedAt],
    ['durationMs', run.durationMs], ['coverage', run.coverage], ['authconfVersion', run.authconfVersion],
    ['shard', optional(run.shard)],
  ]);
}

function summaryJson(summary: Summary): Json {
  const { requirements: r, must: m, paths: p, coverage: c } = summary;
  return ordered([
    ['verdict', summary.verdict],
    ['reasons', summary.reasons.map((x) => ordered([
      ['code', x.code], ['message', x.message], ['remedy', x.remedy],
      ['requirements', x.requirements && [...x.requirements]], ['paths', x.paths && [...x.paths]],
    ]))],
    ['requirements', ordered([
      ['total', r.total], ['passed', r.passed], ['failed', r.failed], ['notApplicable', r.notApplicable],
      ['notChecked', r.notChecked], ['notCovered', r.notCovered], ['outOfScope', r.outOfScope],
    ])],
    ['must', ordered([
      ['total', m.total], ['passed', m.passed], ['failed', m.failed], ['notApplicable', m.notApplicable],
      ['notChecked', m.notChecked], ['notCovered', m.notCovered],
    ])],
    ['paths', ordered([['total', p.total], ['passed', p.passed], ['failed', p.failed], ['notApplicable', p.notApplicable], ['error', p.error]])],
    ['coverage', ordered([
      ['states', ordered([['total', c.states.total], ['covered', c.states.covered]])],
      ['transitions', ordered([['total', c.transitions.total], ['covered', c.transitions.covered]])],
    ])],
    ['mustPassed', summary.mustPassed],
  ]);
}

function requirementJson(r: RequirementResult): Json {
  return ordered([
    ['id', r.id], ['level', r.level],
    ['source', ordered([['seed', r.source.seed], ['section', r.source.section], ['step', r.source.step], ['url', r.source.url]])],
    ['text', r.text], ['status', r.status], ['paths', [...r.paths]], ['reachedBy', [...r.reachedBy]],
    ['checks', r.checks.map((c) => ordered([['name', c.name], ['paths', [...c.paths]], ['passed', c.passed], ['failed', c.failed]]))],
    ['reason', r.reason],
  ]);
}

function stepJson(s: StepResult): Json {
  const error = s.error && ordered([['code', s.error.code], ['message', s.error.message], ['expected', optional(s.error.expected)], ['actual', optional(s.error.actual)], ['stack', s.error.stack]]);
  const evidence = s.evidence?.map((e) => ordered([['name', e.name], ['contentType', e.contentType], ['path', e.path], ['text', e.text]]));
  return ordered([
    ['event', s.event], ['payload', optional(s.payload)], ['state', s.state], ['requirements', [...s.requirements]],
    ['status', s.status], ['checks', s.checks.map((c) => ordered([['name', c.name], ['requirements', [...c.requirements]], ['status', c.status]]))],
    ['transitions', s.transitions && [...s.transitions]], ['error', error], ['durationMs', s.durationMs], ['evidence', evidence],
  ]);
}

function pathJson(p: PathResult): Json {
  return ordered([
    ['id', p.id], ['machine', p.machine], ['variant', sortedDeep(p.variant)], ['description', p.description],
    ['status', p.status], ['reason', p.reason], ['remedy', p.remedy],
    ['error', p.error && ordered([['phase', p.error.phase], ['step', p.error.step], ['message', p.error.message], ['stack', p.error.stack]])],
    ['steps', p.steps.map(stepJson)], ['repro', p.repro],
    ['transitions', [...p.transitions]],
  ]);
}

function machineJson(m: MachineCoverage): Json {
  return ordered([
    ['id', m.id], ['title', m.title],
    ['states', ordered([['total', m.states.total], ['covered', [...m.states.covered]]])],
    ['transitions', ordered([['total', m.transitions.total], ['covered', [...m.transitions.covered]], ['failed', [...m.transitions.failed]]])],
    ['mermaid', m.mermaid],
    ['graph', m.graph && ordered([
      ['initial', m.graph.initial],
      ['states', [...m.graph.states]],
      ['transitions', m.graph.transitions.map((t) => ordered([['label', t.label], ['source', t.source], ['event', t.event], ['targets', [...t.targets]]]))],
    ])],
  ]);
}

/** The result as plain JSON data in schema key order. */
export function toConformanceJson(result: ConformanceResult): Json {
  return ordered([
    ['schemaVersion', result.schemaVersion],
    ['run', runJson(result.run)],
    ['summary', summaryJson(result.summary)],
    ['requirements', result.requirements.map(requirementJson)],
    ['paths', result.paths.map(pathJson)],
    ['machines', result.machines.map(machineJson)],
    // property mode (issue 12): keys sorted
    ['property', result.property ? sortedDeep(result.property) : undefined],
  ]);
}

/** The text of conformance.json (two-space indent, trailing newline). */
export function renderJson(result: ConformanceResult): string {
  return `${JSON.stringify(toConformanceJson(result), null, 2)}\n`;
}
