/**
 * `authconf run`: the conformance run. Parses the flags (option table below), then hands over
 * to the engine under Vitest (suites/runner/vitest-run.ts). Progress goes to stderr; the
 * summary (table, or JSON with --format json) to stdout, so `authconf run > file` keeps it.
 * Exit codes: 0 PASS (or, with --expect, the failures are exactly the baseline's), 1 FAIL or
 * INCOMPLETE (the summary says why and what would complete the run), 2 usage or setup error.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../models/error-codes.ts';
import type { ConformanceResult } from '../../reports/schema.ts';
import { type Baseline, type BaselineCheck, baselineLines, checkBaseline, parseBaseline } from '../../suites/runner/baseline.ts';
import { DEFAULT_MAX_STEPS, DEFAULT_RUNS, driverNames, runModes, type RunOptions } from '../../suites/runner/options.ts';
import { type Palette, plainPalette, summaryTable } from '../../suites/runner/progress.ts';
import { criteria } from '../../suites/paths/types.ts';
import { exitCodeOf } from '../../suites/runner/engine.ts';
import { planNames } from '../../suites/plans/plans.ts';
import type { Command, Io } from '../command.ts';
import { DEFAULT_OUT } from '../defaults.ts';
import { type CommandSpec, list, parseOptions, str, usageOf } from '../options.ts';
import { variantHelpLines } from '../variant-help.ts';

export const spec: CommandSpec = {
  name: 'run',
  summary: 'Run the conformance plans (embedded reference server + sims by default) and write reports',
  options: [
    { name: 'plan', type: 'string', value: 'NAME', choices: planNames, choiceCode: 'UNKNOWN_PLAN', default: 'all', help: 'the flows to run' },
    {
      name: 'driver',
      type: 'string',
      value: 'NAME',
      choices: driverNames,
      choiceCode: 'UNKNOWN_DRIVER',
      default: 'sim',
      help: [
        'sim: reference server + simulated apps in-process; api: the Authentication API over HTTP;',
        "puppeteer: the portal and the apps' web builds in Chromium (README \"Test your own build\");",
        'detox: the phone on a Detox device (README "Native builds (Detox)")',
      ],
    },
    { name: 'mobile-app', type: 'string', value: 'URL', help: "puppeteer: the mobile app's web build under test (default: the sims' web build)" },
    { name: 'desktop-app', type: 'string', value: 'URL', help: "puppeteer: the desktop app's web build under test (default: the sims' web build)" },
    { name: 'headed', type: 'flag', help: 'puppeteer: show the browser window' },
    { name: 'slow-mo', type: 'string', value: 'MS', help: 'puppeteer: slow each browser operation by MS milliseconds (to watch)' },
    { name: 'browser-ws', type: 'string', value: 'URL', help: 'puppeteer: connect to this browser (ws://..., a remote Chromium or a grid) instead of launching one' },
    { name: 'configuration', short: 'c', type: 'string', value: 'NAME', help: "detox: the Detox configuration to run (default web: authconf's Chromium-backed device)" },
    { name: 'detox-config', type: 'string', value: 'FILE', help: "detox: your .detoxrc ('authconf detox init' writes one); default: authconf's own" },
    { name: 'target', type: 'string', value: 'URL', help: 'a server to test (api driver); without it the embedded reference server runs' },
    {
      name: 'variant',
      type: 'string',
      value: 'KEY=VALUE',
      multiple: true,
      help: [
        'narrow the policy matrix, e.g. --variant pin=6 --variant location=required',
        "with --target: your server's configuration, one value per key (a real server runs one",
        "policy); keys you leave out take the reference server's default reading. Keys:",
        ...variantHelpLines(),
      ],
    },
    { name: 'seed', type: 'string', value: 'N', default: '1', help: 'seed of the embedded server and generated values' },
    { name: 'deviate', type: 'string', value: 'NAME', multiple: true, help: "run the embedded server/sims with a named deviation (see 'authconf deviations')" },
    { name: 'coverage', type: 'string', value: 'C', choices: criteria, default: 'transitions', help: 'path coverage criterion' },
    { name: 'path', type: 'string', value: 'ID', help: 'replay one path (the repro line of a report gives it)' },
    { name: 'shard', type: 'string', value: 'I/N', help: "run shard I of N (a stable share by path id); join shards with 'authconf merge'" },
    {
      name: 'jobs',
      short: 'j',
      type: 'string',
      value: 'N',
      help: [
        'paths run at once (default 1; puppeteer on the embedded target: 3), each on a driver of its',
        'own: its own embedded servers and clock, under puppeteer its own Chromium and fake camera;',
        '--mode property: properties on N processes, worth it on long runs (README "Property mode")',
      ],
    },
    {
      name: 'expect',
      type: 'string',
      value: 'FILE',
      help: ["a baseline of known failing requirements ('authconf baseline'): exit 0 when the failures", 'are exactly those, 1 on a new failure or a known one that no longer fails'],
    },
    { name: 'mode', type: 'string', value: 'M', choices: runModes, default: 'paths', help: ["paths: the model's paths; property: fast-check random walks with the machine as", 'the oracle, failures shrunk to a minimal event sequence (README "Property mode")'] },
    { name: 'runs', type: 'string', value: 'N', default: String(DEFAULT_RUNS), help: 'property mode: random walks per machine and variant' },
    { name: 'max-steps', type: 'string', value: 'N', default: String(DEFAULT_MAX_STEPS), help: 'property mode: most steps of one walk' },
    { name: 'replay', type: 'string', value: 'SEED:PATH', help: "property mode: replay one shrunk counterexample (with --path <machine>/<variant>; a report's repro line gives both)" },
    { name: 'format', type: 'string', value: 'FORMAT', choices: ['table', 'json'], default: 'table', help: 'the summary on stdout: a table, or one JSON object' },
    { name: 'out', type: 'string', value: 'DIR', default: DEFAULT_OUT, help: 'output directory: conformance.json, conformance.html, junit.xml, allure-results/' },
  ],
  footer: `Progress goes to stderr, the summary to stdout. Colour on a terminal; NO_COLOR=1 turns it off,
FORCE_COLOR=1 on.

Verdict: PASS only when every MUST requirement in scope passed a check, no path errored and an
applicable path ran; FAIL when a MUST failed; INCOMPLETE otherwise (listed with what would complete it).
Exit codes: 0 PASS (with --expect: the failures are exactly the baseline's); 1 FAIL or INCOMPLETE;
2 usage or setup error.`,
};

export interface ParsedRunArgs {
  plan?: string;
  driver?: string;
  target?: string;
  variants: string[];
  seed?: number;
  deviations: string[];
  coverage?: string;
  path?: string;
  shard?: string;
  expect?: string;
  format?: string;
  out?: string;
  mode?: string;
  runs?: number;
  maxSteps?: number;
  jobs?: number;
  replay?: string;
  browser: NonNullable<RunOptions['browser']>;
  detox: NonNullable<RunOptions['detox']>;
}

function positiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} takes a positive integer, not '${text}'`);
  return Number(text);
}

export function parseRunArgs(argv: readonly string[]): ParsedRunArgs {
  const { values } = parseOptions(spec, argv);
  const parsed: ParsedRunArgs = { variants: list(values, 'variant'), deviations: list(values, 'deviate'), browser: {}, detox: {} };
  const configuration = str(values, 'configuration');
  if (configuration !== undefined) parsed.detox.configuration = configuration;
  const detoxConfig = str(values, 'detox-config');
  if (detoxConfig !== undefined) parsed.detox.configPath = detoxConfig;
  const slowMo = str(values, 'slow-mo');
  if (slowMo !== undefined) {
    if (!/^\d+$/.test(slowMo)) throw new UsageError(`--slow-mo takes a non-negative integer (ms), not '${slowMo}'`);
    parsed.browser.slowMo = Number(slowMo);
  }
  if (values['headed'] === true) parsed.browser.headed = true;
  for (const [flag, key] of [['mobile-app', 'mobileApp'], ['desktop-app', 'desktopApp'], ['browser-ws', 'browserWs']] as const) {
    const text = str(values, flag);
    if (text !== undefined) parsed.browser[key] = text;
  }
  const seed = str(values, 'seed');
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed)) throw new UsageError(`--seed takes a non-negative integer, not '${seed}'`);
    parsed.seed = Number(seed);
  }
  for (const [flag, key] of [['runs', 'runs'], ['max-steps', 'maxSteps'], ['jobs', 'jobs']] as const) {
    const text = str(values, flag);
    if (text !== undefined) parsed[key] = positiveInt(`--${flag}`, text);
  }
  for (const key of ['plan', 'driver', 'target', 'coverage', 'path', 'shard', 'expect', 'format', 'out', 'mode', 'replay'] as const) {
    const value = str(values, key);
    if (value !== undefined) parsed[key] = value;
  }
  return parsed;
}

async function loadBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --expect ${file}: ${(error as Error).message}; write one with 'authconf baseline --from DIR/conformance.json --out ${file}'`, 'BASELINE_INVALID');
  }
  return parseBaseline(text, file);
}

/**
 * The end of a run, in one place: the verdict and exit code (with --expect: the baseline's), and
 * the summary on stdout (a table, or JSON with --format json).
 */
export function finishRun(
  result: ConformanceResult,
  files: string[],
  io: Pick<Io, 'out'>,
  options: { format?: string; baseline?: { file: string; baseline: Baseline }; palette?: Palette } = {},
): number {
  const check: BaselineCheck | undefined = options.baseline ? checkBaseline(result, options.baseline.baseline) : undefined;
  // With a baseline, the known failures are forgiven, nothing else: an INCOMPLETE run (errors,
  // MUSTs not checked or not applicable, nothing ran) still exits 1.
  const onlyKnownFailures = result.summary.reasons.every((r) => r.code === 'MUST_FAILED');
  const exitCode = check ? (check.ok && onlyKnownFailures ? 0 : 1) : exitCodeOf(result);
  if (options.format === 'json') {
    io.out(
      JSON.stringify(
        {
          exitCode,
          verdict: result.summary.verdict,
          mustPassed: result.summary.mustPassed,
          run: result.run,
          summary: result.summary,
          failed: result.requirements.filter((r) => r.status === 'failed').map((r) => ({ id: r.id, level: r.level, reason: r.reason })),
          ...(check && options.baseline ? { baseline: { file: options.baseline.file, ...check } } : {}),
          files,
        },
        null,
        2,
      ),
    );
    return exitCode;
  }
  const palette = options.palette ?? plainPalette;
  io.out(summaryTable(result, files, palette));
  if (check && options.baseline) {
    for (const line of baselineLines(check, options.baseline.file)) io.out(check.ok ? palette.pass(line) : palette.fail(line));
  }
  return exitCode;
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseRunArgs(argv);
    const baseline = args.expect !== undefined ? { file: args.expect, baseline: await loadBaseline(args.expect) } : undefined;
    const options: RunOptions = {
      variants: args.variants,
      deviations: args.deviations,
      ...(args.plan !== undefined ? { plan: args.plan } : {}),
      ...(args.driver !== undefined ? { driver: args.driver } : {}),
      ...(args.target !== undefined ? { target: args.target } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.coverage !== undefined ? { coverage: args.coverage } : {}),
      ...(args.path !== undefined ? { path: args.path } : {}),
      ...(args.shard !== undefined ? { shard: args.shard } : {}),
      ...(args.out !== undefined ? { out: args.out } : {}),
      ...(args.mode !== undefined ? { mode: args.mode } : {}),
      ...(args.runs !== undefined ? { runs: args.runs } : {}),
      ...(args.maxSteps !== undefined ? { maxSteps: args.maxSteps } : {}),
      ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
      ...(args.replay !== undefined ? { replay: args.replay } : {}),
      ...(Object.keys(args.browser).length ? { browser: args.browser } : {}),
      ...(Object.keys(args.detox).length ? { detox: args.detox } : {}),
    };
    const { runWithVitest } = await import('../../suites/runner/vitest-run.ts');
    const outcome = await runWithVitest(options, { ...io, ...(io.errPalette ? { palette: io.errPalette } : {}) });
    if (!outcome.result) return 2;
    return finishRun(outcome.result, outcome.files, io, { ...(args.format ? { format: args.format } : {}), ...(baseline ? { baseline } : {}), ...(io.outPalette ? { palette: io.outPalette } : {}) });
  },
};

export default command;
