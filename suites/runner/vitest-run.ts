/**
 * `authconf run` through Vitest: writes the run's options to a JSON file, starts Vitest
 * programmatically on `conformance.run.ts` with two reporters on the same run (allure-vitest
 * into `<out>/allure-results`, and live progress), then reads back `<out>/conformance.json`
 * for the summary table and the exit code.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestCase } from 'vitest/node';
import { startVitest } from 'vitest/node';
import type { ConformanceResult, PathResult } from '../../reports/schema.ts';
import { RUN_CONFIG_ENV } from './conformance-env.ts';
import { exitCodeOf, prepare } from './engine.ts';
import type { RunOptions } from './options.ts';
import type { PreparedPlan } from './prepare.ts';
import { progressLine, summaryTable } from './progress.ts';

/** Where progress and the summary go (the CLI passes its stdout/stderr lines). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const root = resolve(import.meta.dirname, '../..');
const suiteFile = 'suites/runner/conformance.run.ts';
/** `--mode property`: one Vitest (and Allure) test per machine property (issue 12). */
const propertySuiteFile = 'suites/property/property.run.ts';

function progressReporter(io: Io) {
  return {
    onTestCaseResult(testCase: TestCase): void {
      const state = testCase.result().state;
      const status: PathResult['status'] = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'not-applicable';
      const diagnostic = testCase.diagnostic();
      const reason = state === 'failed' ? testCase.result().errors?.[0]?.message : (testCase.result() as { note?: string }).note;
      io.err(progressLine({ id: testCase.name, status, ...(reason ? { reason } : {}) }, diagnostic?.duration ?? 0));
    },
  };
}

/** Per machine: variants, paths, steps, and the states/transitions its paths reach (of the machine's total). */
export function machineLines(plan: PreparedPlan): string[] {
  return plan.machines.map((m) => {
    const sets = plan.sets.filter((s) => s.machine === m.id);
    const paths = sets.reduce((n, s) => n + s.set.paths.length, 0);
    const steps = sets.reduce((n, s) => n + s.set.steps, 0);
    const states = new Set(sets.flatMap((s) => s.set.coverage.states.covered));
    const transitions = new Set(sets.flatMap((s) => s.set.coverage.transitions.covered));
    return `  ${m.id.padEnd(28)} ${sets.length} variant(s), ${paths} paths, ${steps} steps, states ${states.size}/${m.graph.states.length}, transitions ${transitions.size}/${m.graph.transitions.length}`;
  });
}

/** Runs the plan under Vitest; returns the exit code (0/1). Usage errors throw before Vitest starts. */
export async function runWithVitest(options: RunOptions, io: Io): Promise<number> {
  const { run, plan } = await prepare(options); // validates options, fails fast with a UsageError
  const out = resolve(run.out ?? 'reports/out');
  await mkdir(out, { recursive: true });
  const allureDir = join(out, 'allure-results');
  await rm(allureDir, { recursive: true, force: true });
  await rm(join(out, 'conformance.json'), { force: true });
  await rm(join(out, 'evidence'), { recursive: true, force: true });
  const configFile = join(out, '.run-options.json');
  await writeFile(configFile, JSON.stringify({ ...options, out }), 'utf8');
  if (run.mode === 'property') io.err(`authconf run --mode property: plan ${run.plan}, driver ${run.driver}, ${plan.machines.length} machines, ${run.runs} walks of at most ${run.maxSteps} steps per machine and variant, seed ${run.seed}`);
  else {
    io.err(`authconf run: plan ${run.plan}, driver ${run.driver}, ${plan.jobs.length} paths over ${plan.machines.length} machines, seed ${run.seed}, coverage ${run.coverage}`);
    for (const line of machineLines(plan)) io.err(line);
  }
  process.env[RUN_CONFIG_ENV] = configFile;
  const vitest = await startVitest('test', [], {
    config: false,
    root,
    include: [run.mode === 'property' ? propertySuiteFile : suiteFile],
    watch: false,
    reporters: [progressReporter(io), ['allure-vitest/reporter', { resultsDir: allureDir }]],
    setupFiles: ['allure-vitest/setup'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  } as never);
  await vitest.close();
  const suiteErrors = [
    ...vitest.state.getFiles().flatMap((f) => f.result?.errors ?? []),
    ...vitest.state.getUnhandledErrors(),
  ].map((e) => String((e as { stack?: string; message?: string }).stack ?? (e as { message?: string }).message ?? e));
  for (const e of suiteErrors) io.err(e);
  let result: ConformanceResult;
  try {
    result = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as ConformanceResult;
  } catch {
    io.err('authconf run: the conformance suite did not produce conformance.json (see the errors above)');
    return 2;
  }
  io.err(summaryTable(result, [join(out, 'conformance.json'), join(out, 'conformance.html'), join(out, 'junit.xml'), allureDir]));
  return exitCodeOf(result);
}
