/**
 * junit.xml for CI: one `<testsuite>` per machine, one `<testcase>` per path. A failed path
 * carries the failing step's message and the repro line; a not-applicable path is
 * `<skipped message="reason"/>`; requirement IDs are `<property name="requirement">` entries.
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

function testcaseXml(path: PathResult): string {
  const properties = [
    ...pathRequirements(path).map((id) => `        <property${xmlAttrs({ name: 'requirement', value: id })}/>\n`),
    ...Object.keys(path.variant).sort().map((key) => `        <property${xmlAttrs({ name: `variant.${key}`, value: path.variant[key] })}/>\n`),
    `        <property${xmlAttrs({ name: 'repro', value: path.repro })}/>\n`,
  ].join('');
  const name = path.description ? `${path.id}: ${path.description}` : path.id;
  let body = `      <properties>\n${properties}      </properties>\n`;
  if (path.status === 'failed') body += failureXml(path);
  if (path.status === 'not-applicable') body += `      <skipped${xmlAttrs({ message: path.reason ?? 'not applicable (no reason given)' })}/>\n`;
  body += `      <system-out>${xmlText(`repro: ${path.repro}`)}</system-out>\n`;
  return `    <testcase${xmlAttrs({ classname: path.machine, name, time: seconds(pathDurationMs(path)) })}>\n${body}    </testcase>\n`;
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
      errors: 0,
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
    tests: all.length,
    failures: count(all, 'failed'),
    errors: 0,
    skipped: count(all, 'not-applicable'),
    time: seconds(result.run.durationMs),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${rootAttrs}>\n${suites.join('')}</testsuites>\n`;
}
