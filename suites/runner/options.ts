/**
 * `authconf run` options: all optional in (`RunOptions`), resolved once into a fully specified
 * `ResolvedRun` (defaults here, each with its reason). Bad input is a `UsageError` with a
 * stable code, which the CLI turns into exit code 2.
 */
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../../models/error-codes.ts';
import type { Driver, DriverName } from '../../models/driver.ts';
import { type DeviationName, deviations as deviationTable, isDeviationName } from '../../models/deviations.ts';
import type { PathResult } from '../../reports/schema.ts';
import { criteria, type Criterion, type ModelEntry } from '../paths/types.ts';
import { isPlanName, planNames } from '../plans/plans.ts';
import { parseVariantArgs, pinForTarget, type VariantDomain } from '../plans/variants.ts';
import { parseShard, type Shard } from './shard.ts';
import { didYouMean } from './suggest.ts';

export const driverNames: readonly DriverName[] = ['sim', 'api', 'puppeteer', 'detox'];

export interface RunOptions {
  /** Plan name or `all` (default `all`: the whole embedded self-test). */
  plan?: string;
  /** `sim` (default) or `api`. */
  driver?: string;
  /** A server URL; without it the reference server runs in-process (the embedded default). */
  target?: string;
  /** `KEY=VALUE`, repeatable: narrows the variant matrix. */
  variants?: readonly string[];
  /** Seed of the embedded server's random source and of generated values (default 1). */
  seed?: number;
  /** Named deviations for the embedded server and sims (`models/deviations.ts`). */
  deviations?: readonly string[];
  /** Coverage criterion of the paths (default `transitions`). */
  coverage?: string;
  /** Replay one path by id. */
  path?: string;
  /** Output directory (default `reports/out`); `null` writes nothing. */
  out?: string | null;
  /** `I/N`: run only the paths of shard I of N (suites/runner/shard.ts). */
  shard?: string;
  /**
   * Paths run at once (default 1), each lane a driver of its own: its own embedded servers (so
   * its own simulated clock) and, under puppeteer, its own Chromium (so its own fake camera).
   */
  jobs?: number;
  /** The machines to run (default: the models' registry). Tests pass fixtures. */
  machines?: readonly ModelEntry[];
  /** Builds the driver (default: `suites/drivers`). Tests pass fixtures. */
  driverFactory?: (run: ResolvedRun) => Promise<Driver>;
  /**
   * Harness self-tests only: a module path exporting `machines` (ModelEntry[]) and
   * `createDriver(run)`, used instead of the models' registry and the real drivers (it survives
   * the JSON hand-over to the Vitest worker, where functions cannot).
   */
  fixtureModule?: string;
  /** Called after each path, for live progress. */
  onPath?: (result: PathResult) => void;
  // property mode (issue 12, suites/property/)
  /** `paths` (default: the model's paths) or `property` (fast-check random walks, shrunk failures). */
  mode?: string;
  /** Property mode: random walks per machine and variant (default DEFAULT_RUNS). */
  runs?: number;
  /** Property mode: most steps one walk executes (default DEFAULT_MAX_STEPS). */
  maxSteps?: number;
  /** Property mode: replay one counterexample, `<fast-check seed>:<path>[@<replayPath>]` (with --path naming the property). */
  replay?: string;
  /** Property mode: also run the value properties and races (default true; suites/property/value-plan.ts). */
  values?: boolean;
  /** The puppeteer driver's builds and browser (suites/drivers/puppeteer/driver.ts). */
  browser?: BrowserOptions;
  /** The detox driver's device (suites/drivers/detox/driver.ts). */
  detox?: DetoxOptions;
}

/** `--driver detox`: which Detox configuration, from which .detoxrc (issue 11). */
export interface DetoxOptions {
  /** `-c NAME`: a configuration of the .detoxrc (default `web`, authconf's Chromium-backed device). */
  configuration?: string;
  /** `--detox-config FILE`: your .detoxrc (default: authconf's own, which defines `web`). */
  configPath?: string;
}

/** `--driver puppeteer`: which builds, which browser, how a person watches. */
export interface BrowserOptions {
  /** The mobile app's web build under test (default: the sims' web build, one per path, on loopback). */
  mobileApp?: string;
  /** The desktop app's web build under test (default: the sims' web build). */
  desktopApp?: string;
  /** Show the browser window. */
  headed?: boolean;
  /** Slow each browser operation by this many ms. */
  slowMo?: number;
  /** Connect to this browser (a remote Chromium, a grid) instead of launching Debian's chromium. */
  browserWs?: string;
}

export interface ResolvedRun {
  plan: string;
  driver: DriverName;
  target: string | undefined;
  variantArgs: string[];
  domain: VariantDomain;
  seed: number;
  deviations: DeviationName[];
  coverage: Criterion;
  path: string | undefined;
  out: string | null;
  shard: Shard | undefined;
  /** Paths run at once, each lane on a driver of its own (`--jobs`). */
  jobs: number;
  // property mode (issue 12)
  mode: RunMode;
  runs: number;
  maxSteps: number;
  replay: string | undefined;
  values: boolean;
  browser: BrowserOptions;
  /** Set when the driver is `detox`. */
  detox: { configuration: string; configPath?: string } | undefined;
}

export type RunMode = 'paths' | 'property';
export const runModes: readonly RunMode[] = ['paths', 'property'];
/** Property mode defaults: enough for every server-side deviation to be caught (suites/property/detection.test.ts). */
export const DEFAULT_RUNS = 50;
export const DEFAULT_MAX_STEPS = 30;
/** `--jobs` under `--driver puppeteer` on the embedded target (README "Speed"). */
export const DEFAULT_BROWSER_JOBS = 3;

/** Detox's own configuration file names, in the order Detox looks for them. */
const detoxrcNames = ['.detoxrc.cjs', '.detoxrc.js', '.detoxrc.json', '.detoxrc', 'detox.config.cjs', 'detox.config.js', 'detox.config.json'];

/**
 * `-c web` without a file: authconf's own web device configuration. Any other configuration is
 * one of your .detoxrc: --detox-config, else the first of Detox's file names in this directory.
 */
function resolveDetox(options: DetoxOptions): { configuration: string; configPath?: string } {
  const configuration = options.configuration ?? 'web';
  if (options.configPath !== undefined) return { configuration, configPath: resolvePath(options.configPath) };
  if (configuration === 'web') return { configuration };
  const found = detoxrcNames.map((name) => resolvePath(name)).find((file) => existsSync(file));
  if (!found) throw new UsageError(`-c ${configuration}: no .detoxrc here; run 'authconf detox init' or pass --detox-config FILE`, 'USAGE');
  return { configuration, configPath: found };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} takes a positive integer, not '${value}'`, 'USAGE');
  return value;
}

export function resolveRunOptions(options: RunOptions): ResolvedRun {
  const plan = options.plan ?? 'all';
  if (!isPlanName(plan)) throw new UsageError(`unknown plan '${plan}'.${didYouMean(plan, planNames)} Plans: ${planNames.join(', ')}`, 'UNKNOWN_PLAN');
  const driver = options.driver ?? 'sim';
  if (!(driverNames as readonly string[]).includes(driver)) {
    throw new UsageError(`unknown driver '${driver}'.${didYouMean(driver, driverNames)} Drivers: ${driverNames.join(', ')}`, 'UNKNOWN_DRIVER');
  }
  const coverage = options.coverage ?? 'transitions';
  if (!(criteria as readonly string[]).includes(coverage)) throw new UsageError(`unknown coverage '${coverage}'.${didYouMean(coverage, criteria)} Use one of: ${criteria.join(', ')}`, 'USAGE');
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed takes a non-negative integer, not '${seed}'`, 'USAGE');
  const deviations = [...(options.deviations ?? [])];
  for (const name of deviations) {
    if (!isDeviationName(name)) throw new UsageError(`unknown deviation '${name}'.${didYouMean(name, Object.keys(deviationTable))} Run 'authconf deviations' for the list.`, 'UNKNOWN_DEVIATION');
  }
  if (deviations.length && options.target) {
    throw new UsageError('--deviate applies to the embedded reference server; drop --target, or start your server with its own deviations', 'USAGE');
  }
  if (options.target && driver === 'sim') {
    throw new UsageError('--target needs --driver api or puppeteer (the sim driver runs the embedded reference server and the simulated apps)', 'USAGE');
  }
  const browser = options.browser ?? {};
  if (driver !== 'puppeteer' && Object.values(browser).some((v) => v !== undefined && v !== false)) {
    throw new UsageError('--mobile-app, --desktop-app, --headed, --slow-mo and --browser-ws apply to --driver puppeteer', 'USAGE');
  }
  for (const [flag, url] of [['--mobile-app', browser.mobileApp], ['--desktop-app', browser.desktopApp], ['--browser-ws', browser.browserWs]] as const) {
    if (url !== undefined && !URL.canParse(url)) throw new UsageError(`${flag} takes a URL, not '${url}'`, 'USAGE');
  }
  if (browser.slowMo !== undefined && (!Number.isInteger(browser.slowMo) || browser.slowMo < 0)) throw new UsageError(`--slow-mo takes a non-negative integer (ms), not '${browser.slowMo}'`, 'USAGE');
  const detoxOptions = options.detox ?? {};
  if (driver !== 'detox' && (detoxOptions.configuration !== undefined || detoxOptions.configPath !== undefined)) {
    throw new UsageError('-c/--configuration and --detox-config apply to --driver detox', 'USAGE');
  }
  if (detoxOptions.configPath !== undefined && detoxOptions.configuration === undefined) {
    throw new UsageError('--detox-config needs -c NAME: the configuration of that file to run', 'USAGE');
  }
  const detox = driver === 'detox' ? resolveDetox(detoxOptions) : undefined;
  const variantArgs = [...(options.variants ?? [])];
  const mode = options.mode ?? 'paths';
  if (!(runModes as readonly string[]).includes(mode)) throw new UsageError(`unknown mode '${mode}'. Use one of: ${runModes.join(', ')}`, 'USAGE');
  if (mode !== 'property' && (options.runs !== undefined || options.maxSteps !== undefined || options.replay !== undefined)) {
    throw new UsageError('--runs, --max-steps and --replay apply to --mode property', 'USAGE');
  }
  if (options.replay !== undefined && !/^-?\d+:\d[\d:]*(@\S+)?$/.test(options.replay)) {
    throw new UsageError(`--replay takes fast-check's '<seed>:<path>' as a report's repro line gives it, not '${options.replay}'`, 'USAGE');
  }
  // The browser's paths spend most of their time waiting on pages: by default three run at once.
  // A target given by URL has one clock, which paths move: its paths run one at a time.
  const jobs = positive('--jobs', options.jobs, driver === 'puppeteer' && !options.target && mode === 'paths' ? DEFAULT_BROWSER_JOBS : 1);
  if (jobs > 1 && options.target) throw new UsageError('--jobs applies to the embedded target: a server given by --target has one clock, which paths move, so its paths run one at a time', 'USAGE');
  if (jobs > 1 && driver === 'detox') throw new UsageError('--jobs applies to the sim, api and puppeteer drivers: the detox driver runs one Detox process on one device', 'USAGE');
  // property mode: --jobs N runs the properties on N lanes, this process and lane processes (suites/property/pool.ts).
  if (jobs > 1 && mode === 'property' && options.replay !== undefined) throw new UsageError('--replay runs one property: --jobs does not apply', 'USAGE');
  if (jobs > 1 && mode === 'property' && driver !== 'sim' && driver !== 'api') throw new UsageError('--jobs with --mode property applies to the sim and api drivers (lane processes, in-process servers)', 'USAGE');
  if (options.replay !== undefined && options.path === undefined) throw new UsageError('--replay needs --path naming the property (<machine>/<variant>), as the repro line gives it', 'USAGE');
  return {
    plan,
    driver: driver as DriverName,
    target: options.target,
    variantArgs,
    // A real target runs one policy: pin each policy key to one reading (variants.ts pinForTarget).
    domain: options.target ? pinForTarget(parseVariantArgs(variantArgs)) : parseVariantArgs(variantArgs),
    seed,
    deviations: deviations as DeviationName[],
    coverage: coverage as Criterion,
    path: options.path,
    out: options.out === undefined ? 'reports/out' : options.out,
    shard: options.shard === undefined ? undefined : parseShard(options.shard),
    jobs,
    mode: mode as RunMode,
    runs: positive('--runs', options.runs, DEFAULT_RUNS),
    maxSteps: positive('--max-steps', options.maxSteps, DEFAULT_MAX_STEPS),
    replay: options.replay,
    values: options.values ?? true,
    browser,
    detox,
  };
}

const quote = (s: string): string => (/^[\w./:=,@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The exact command line that replays one path of this run. */
export function reproLine(run: ResolvedRun, pathId: string, variant: Record<string, string>): string {
  const parts = ['npx authconf run', `--plan ${run.plan}`, `--driver ${run.driver}`];
  if (run.detox) parts.push(`-c ${quote(run.detox.configuration)}`, ...(run.detox.configPath ? [`--detox-config ${quote(run.detox.configPath)}`] : []));
  if (run.target) parts.push(`--target ${quote(run.target)}`);
  for (const [k, v] of Object.entries(variant)) parts.push(`--variant ${quote(`${k}=${v}`)}`);
  parts.push(`--seed ${run.seed}`);
  for (const d of run.deviations) parts.push(`--deviate ${d}`);
  if (run.coverage !== 'transitions') parts.push(`--coverage ${run.coverage}`);
  parts.push(`--path ${quote(pathId)}`);
  return parts.join(' ');
}
