/**
 * `authconf run` through Vitest: writes the run's options to a JSON file, starts Vitest
 * programmatically on `conformance.run.ts` with two reporters on the same run (allure-vitest
 * into `<out>/allure-results`, and live progress), then reads back `<out>/conformance.json`
 * for the summary table and the exit code.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestCase, TestModule } from 'vitest/node';
import { startVitest } from 'vitest/node';
import type { ConformanceResult, PathResult } from '../../reports/schema.ts';
import { allure2Categories, allureListener, environmentInfo, executorInfo } from './allure-results.ts';
import { RUN_CONFIG_ENV } from './conformance-env.ts';
import { AUTHCONF_VERSION, prepare, runPlan } from './engine.ts';
import { resolveRunOptions, type RunOptions } from './options.ts';
import type { PreparedPlan } from './prepare.ts';
import { type Palette, progressLine } from './progress.ts';

/** Where progress and the summary go (the CLI passes its stdout/stderr lines). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Colours for the progress lines (stderr); plain when absent. */
  palette?: Palette;
}

/** What a run left: its result (undefined when the suite produced none) and the files written. */
export interface RunOutcome {
  result: ConformanceResult | undefined;
  out: string;
  files: string[];
}

const root = resolve(import.meta.dirname, '../..');
const suiteFile = 'suites/runner/conformance.run.ts';
/** `--mode property`: one Vitest (and Allure) test per machine property (issue 12). */
const propertySuiteFile = 'suites/property/property.run.ts';

function progressReporter(io: Io) {
  let writing = false;
  return {
    onTestModuleCollected(module: TestModule): void {
      io.err(`authconf run: running ${[...module.children.allTests()].length} paths (the driver starts first)...`);
    },
    onHookStart(hook: { name: string; entity: { type: string } }): void {
      if (hook.name === 'afterAll' && hook.entity.type === 'module' && !writing) {
        writing = true;
        io.err('authconf run: writing reports (conformance.json, conformance.html, junit.xml)...');
      }
    },
    onTestCaseResult(testCase: TestCase): void {
      const state = testCase.result().state;
      const message = state === 'failed' ? testCase.result().errors?.[0]?.message : undefined;
      // conformance.run.ts throws a HarnessError for a path that errored (not a failed check).
      const harness = testCase.result().errors?.[0]?.name === 'HarnessError';
      const status: PathResult['status'] = state === 'passed' ? 'passed' : state === 'failed' ? (harness ? 'error' : 'failed') : 'not-applicable';
      const diagnostic = testCase.diagnostic();
      const reason = state === 'failed' ? message : (testCase.result() as { note?: string }).note;
      io.err(progressLine({ id: testCase.name, status, ...(reason ? { reason } : {}) }, diagnostic?.duration ?? 0, io.palette));
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

/**
 * Runs the plan under Vitest; returns the result and the files written (the caller prints the
 * summary and chooses the exit code). Usage errors throw before Vitest starts.
 */
export async function runWithVitest(options: RunOptions, io: Io): Promise<RunOutcome> {
  resolveRunOptions(options); // bad options fail here, before any progress line
  io.err(`authconf run: preparing plan ${options.plan ?? 'all'} (paths from the machines over the policy variants)...`);
  const { run, plan } = await prepare(options); // validates options, fails fast with a UsageError
  const out = resolve(run.out ?? 'reports/out');
  await mkdir(out, { recursive: true });
  const allureDir = join(out, 'allure-results');
  await rm(allureDir, { recursive: true, force: true });
  await rm(join(out, 'conformance.json'), { force: true });
  await rm(join(out, 'evidence'), { recursive: true, force: true });
  const configFile = join(out, '.run-options.json');
  await writeFile(configFile, JSON.stringify({ ...options, out }), 'utf8');
  const variants = new Set(plan.sets.map((s) => `${s.machine}/${s.variant}`)).size;
  const share = run.shard ? ` (shard ${run.shard.index}/${run.shard.count} of ${plan.sets.reduce((n, s) => n + s.set.paths.length, 0)})` : '';
  if (run.mode === 'property') io.err(`authconf run --mode property: plan ${run.plan}, driver ${run.driver}, ${plan.machines.length} machines, ${run.runs} walks of at most ${run.maxSteps} steps per machine and variant, seed ${run.seed}`);
  else {
    io.err(`authconf run: plan ${run.plan}, driver ${run.driver}, ${plan.jobs.length} paths${share} over ${plan.machines.length} machines and ${variants} variants, seed ${run.seed}, coverage ${run.coverage}${run.jobs > 1 ? `, ${run.jobs} at once` : ''}`);
    for (const line of machineLines(plan)) io.err(line);
  }
  if (plan.jobs.length === 0 && run.mode !== 'property') {
    // A shard can hold no path (more shards than paths): Vitest runs no empty file, so the engine
    // writes the (empty) share's reports itself; merge still needs them.
    io.err('authconf run: no path in this share; writing its reports...');
    const result = await runPlan({ ...options, out });
    await mkdir(allureDir, { recursive: true });
    return { result, out, files: [join(out, 'conformance.json'), join(out, 'conformance.html'), join(out, 'junit.xml'), allureDir] };
  }
  io.err('authconf run: starting Vitest...');
  process.env[RUN_CONFIG_ENV] = configFile;
  const environment = environmentInfo({
    plan: run.plan, driver: run.driver, target: run.target ?? 'embedded', variants: plan.variants, deviations: run.deviations,
    seed: run.seed, coverage: run.coverage, authconfVersion: AUTHCONF_VERSION,
  }, process.version);
  const allureOptions = { resultsDir: allureDir, environmentInfo: environment, categories: allure2Categories, listeners: [allureListener] };
  const vitest = await startVitest('test', [], {
    config: false,
    root,
    include: [run.mode === 'property' ? propertySuiteFile : suiteFile],
    watch: false,
    reporters: [progressReporter(io), ['allure-vitest/reporter', allureOptions]],
    setupFiles: ['allure-vitest/setup'],
    fileParallelism: false,
    // --jobs N: N paths at once, each on a lane of its own (conformance.run.ts); Vitest holds N tests in flight.
    ...(run.jobs > 1 ? { sequence: { concurrent: true }, maxConcurrency: run.jobs } : {}),
    testTimeout: 120_000,
    hookTimeout: 120_000,
  } as never);
  await vitest.close();
  const executor = executorInfo(process.env);
  if (executor) await writeFile(join(allureDir, 'executor.json'), JSON.stringify(executor, null, 2), 'utf8');
  const suiteErrors = [
    ...vitest.state.getFiles().flatMap((f) => f.result?.errors ?? []),
    ...vitest.state.getUnhandledErrors(),
  ].map((e) => String((e as { stack?: string; message?: string }).stack ?? (e as { message?: string }).message ?? e));
  for (const e of suiteErrors) io.err(e);
  const files = [join(out, 'conformance.json'), join(out, 'conformance.html'), join(out, 'junit.xml'), allureDir];
  try {
    const result = JSON.parse(await readFile(files[0]!, 'utf8')) as ConformanceResult;
    const allure = (await readdir(allureDir).catch(() => [])).length;
    io.err(`authconf run: wrote ${files.slice(0, 3).join(', ')} and ${allure} Allure files in ${allureDir}`);
    return { result, out, files };
  } catch {
    io.err('authconf run: the conformance suite did not produce conformance.json (see the errors above)');
    return { result: undefined, out, files: [] };
  }
}
