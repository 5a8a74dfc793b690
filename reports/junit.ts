/**
 * junit.xml for CI: one `<testsuite>` per machine, one `<testcase>` per path. A failed path
 * carries the failing step's message and the repro line; a path that threw (schema 2.0 `error`)
 * carries `<error>` with the message, step and stack; a not-applicable path is
 * `<skipped message="reason"/>`. Properties: `requirement` (the IDs the path reached),
 * `check.passed` / `check.failed` (`<check name>: <ids>`, the checks that ran: only these credit
 * a requirement), and, on the root, `verdict` and each `verdict.reason`.
 */
import type { ConformanceResult, PathResult, StepResult } from './schema.ts';
import { xmlAttrs, xmlText } from './xml.ts';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function pathDurationMs(path: PathResult): number {
  return path.steps.reduce((total, step) => total + step.durationMs, 0);
}

/** Requirement IDs a path cites, in first-seen order. */
export function pathRequirements(path: PathResult): string[] {
  return [...new Set(path.steps.flatMap((step) => step.requirements))];
}

function failingStep(path: PathResult): { step: StepResult; index: number } | undefined {
  const index = path.steps.findIndex((step) => step.status === 'failed');
  const step = path.steps[index];
  return step ? { step, index } : undefined;
}

function failureXml(path: PathResult): string {
  const failing = failingStep(path);
  const error = failing?.step.error;
  const message = error?.message ?? path.reason ?? 'path failed';
  const lines = [
    failing ? `Step ${failing.index + 1}: ${failing.step.event} -> expected state ${failing.step.state}` : 'No failing step recorded.',
    failing && failing.step.requirements.length > 0 ? `Requirements: ${failing.step.requirements.join(', ')}` : undefined,
    error?.code ? `Code: ${error.code}` : undefined,
    error?.expected !== undefined ? `Expected: ${JSON.stringify(error.expected)}` : undefined,
    error?.actual !== undefined ? `Actual: ${JSON.stringify(error.actual)}` : undefined,
    `Message: ${message}`,
    `Repro: ${path.repro}`,
  ].filter((line): line is string => line !== undefined);
  return `      <failure${xmlAttrs({ message, type: error?.code ?? 'CONFORMANCE' })}>${xmlText(lines.join('\n'))}</failure>\n`;
}

function errorXml(path: PathResult): string {
  const error = path.error;
  const message = error?.message ?? path.reason ?? 'path errored';
  const where = error?.phase === 'step' && error.step !== undefined
    ? `Step ${error.step + 1}: ${path.steps[error.step]?.event ?? '?'} -> expected state ${path.steps[error.step]?.state ?? '?'}`
    : `While ${error?.phase === 'close' ? 'closing' : 'opening (set-up)'} the path`;
  const lines = [where, `Message: ${message}`, `Repro: ${path.repro}`, error?.stack ? `Stack:\n${error.stack}` : undefined].filter((l): l is string => l !== undefined);
  return `      <error${xmlAttrs({ message, type: 'ERROR' })}>${xmlText(lines.join('\n'))}</error>\n`;
}

/** `<check name>: <ids>` for each check that ran on the path with this outcome, in first-seen order. */
function checkProperties(path: PathResult, status: 'passed' | 'failed'): string[] {
  const byName = new Map<string, Set<string>>();
  for (const check of path.steps.flatMap((s) => s.checks ?? []).filter((c) => c.status === status)) {
    const ids = byName.get(check.name) ?? new Set<string>();
    check.requirements.forEach((id) => ids.add(id));
    byName.set(check.name, ids);
  }
  return [...byName].map(([name, ids]) => `        <property${xmlAttrs({ name: `check.${status}`, value: `${name}: ${[...ids].join(' ')}` })}/>\n`);
}

function testcaseXml(path: PathResult): string {
  const properties = [
    ...pathRequirements(path).map((id) => `        <property${xmlAttrs({ name: 'requirement', value: id })}/>\n`),
    ...checkProperties(path, 'passed'),
    ...checkProperties(path, 'failed'),
    ...Object.keys(path.variant).sort().map((key) => `        <property${xmlAttrs({ name: `variant.${key}`, value: path.variant[key] })}/>\n`),
    `        <property${xmlAttrs({ name: 'repro', value: path.repro })}/>\n`,
  ].join('');
  const name = path.description ? `${path.id}: ${path.description}` : path.id;
  let body = `      <properties>\n${properties}      </properties>\n`;
  if (path.status === 'failed') body += failureXml(path);
  if (path.status === 'error' || (path.status === 'failed' && path.error)) body += errorXml(path);
  if (path.status === 'not-applicable') body += `      <skipped${xmlAttrs({ message: path.reason ?? 'not applicable (no reason given)' })}/>\n`;
  body += `      <system-out>${xmlText(`repro: ${path.repro}`)}</system-out>\n`;
  return `    <testcase${xmlAttrs({ classname: path.machine, name, time: seconds(pathDurationMs(path)) })}>\n${body}    </testcase>\n`;
}

/**
 * The run's verdict as a testsuite of its own (`authconf verdict`): one testcase, failed unless the
 * verdict is PASS, whose message is the verdict and whose properties are the reasons; CI that only
 * counts failures still sees an INCOMPLETE run as not green.
 */
function verdictSuite(result: ConformanceResult): string {
  const { verdict, reasons } = result.summary;
  const properties = [
    `      <property${xmlAttrs({ name: 'verdict', value: verdict })}/>\n`,
    ...reasons.map((r) => `      <property${xmlAttrs({ name: 'verdict.reason', value: `[${r.code}] ${r.message}${r.requirements?.length ? `: ${r.requirements.join(' ')}` : ''}${r.paths?.length ? `: ${r.paths.join(' ')}` : ''} -- to complete: ${r.remedy}` })}/>\n`),
  ].join('');
  const text = reasons.map((r) => `[${r.code}] ${r.message}\n  to complete: ${r.remedy}`).join('\n');
  const failure = verdict === 'PASS' ? '' : `      <failure${xmlAttrs({ message: `verdict ${verdict}`, type: verdict })}>${xmlText(text)}</failure>\n`;
  const attrs = xmlAttrs({ name: 'authconf verdict', tests: 1, failures: verdict === 'PASS' ? 0 : 1, errors: 0, skipped: 0, time: '0.000', timestamp: result.run.startedAt });
  return `  <testsuite${attrs}>\n    <properties>\n${properties}    </properties>\n    <testcase${xmlAttrs({ classname: 'authconf', name: `verdict: ${verdict}`, time: '0.000' })}>\n${failure}    </testcase>\n  </testsuite>\n`;
}

/** Machines in the order the result lists them, then any machine only named by a path. */
function machineOrder(result: ConformanceResult): string[] {
  const ids = result.machines.map((machine) => machine.id);
  for (const path of result.paths) if (!ids.includes(path.machine)) ids.push(path.machine);
  return ids;
}

export function renderJunit(result: ConformanceResult): string {
  const count = (paths: PathResult[], status: PathResult['status']): number => paths.filter((p) => p.status === status).length;
  const suites = machineOrder(result).map((machineId) => {
    const paths = result.paths.filter((path) => path.machine === machineId);
    const attrs = xmlAttrs({
      name: machineId,
      tests: paths.length,
      failures: count(paths, 'failed'),
      errors: count(paths, 'error'),
      skipped: count(paths, 'not-applicable'),
      time: seconds(paths.reduce((total, path) => total + pathDurationMs(path), 0)),
      timestamp: result.run.startedAt,
    });
    const properties = [
      ['plan', result.run.plan], ['driver', result.run.driver], ['target', result.run.target],
      ['seed', String(result.run.seed)], ['coverage', result.run.coverage],
    ].map(([name, value]) => `      <property${xmlAttrs({ name, value })}/>\n`).join('');
    return `  <testsuite${attrs}>\n    <properties>\n${properties}    </properties>\n${paths.map(testcaseXml).join('')}  </testsuite>\n`;
  });
  const all = result.paths;
  const rootAttrs = xmlAttrs({
    name: `authconf ${result.run.plan}`,
    tests: all.length + 1,
    failures: count(all, 'failed') + (result.summary.verdict === 'PASS' ? 0 : 1),
    errors: count(all, 'error'),
    skipped: count(all, 'not-applicable'),
    time: seconds(result.run.durationMs),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${rootAttrs}>\n${suites.join('')}${verdictSuite(result)}</testsuites>\n`;
}
