/**
 * `authconf report [--out DIR]`: Allure's HTML report from `DIR/allure-results` (written by
 * `authconf run`), with the Allure 3 command line (npm package `allure`, no Java) and the
 * project's `allurerc.mjs` (single-file "awesome" report). Writes `DIR/allure-report/` and
 * appends the run to `DIR/allure-history.jsonl` (history and trend across runs).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';
import { DEFAULT_OUT } from '../defaults.ts';
import { type CommandSpec, parseOptions, str, usageOf } from '../options.ts';

export const spec: CommandSpec = {
  name: 'report',
  summary: "Allure's HTML report from DIR/allure-results (Allure 3, no Java)",
  description: `Turns DIR/allure-results (written by 'authconf run --out DIR') into Allure's HTML report in
DIR/allure-report/ (one self-contained index.html). Each report appends its run to
DIR/allure-history.jsonl and shows the earlier runs (history and trend): keep that file between builds.`,
  options: [{ name: 'out', type: 'string', value: 'DIR', default: DEFAULT_OUT, help: 'the run\'s output directory' }],
  footer: "Exit codes: 0 report written; 2 no results (run 'authconf run' first) or Allure failed.",
};

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv: string[]): { out: string } {
  return { out: str(parseOptions(spec, argv).values, 'out') ?? DEFAULT_OUT };
}

/** Allure result files: `*-result.json` (allure-js-commons) or `*-container.json`. */
async function ensureResults(resultsDir: string): Promise<number> {
  const info = await stat(resultsDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`no Allure results at ${resultsDir}: run 'authconf run --out ${dirname(resultsDir)}' first`, 'ALLURE_RESULTS_MISSING');
  }
  const results = (await readdir(resultsDir)).filter((name) => name.endsWith('-result.json'));
  if (results.length === 0) {
    throw new UsageError(`${resultsDir} holds no Allure result (*-result.json): run 'authconf run --out ${dirname(resultsDir)}' first`, 'ALLURE_RESULTS_MISSING');
  }
  return results.length;
}

/** The package's `bin` (cli.js beside dist/): its exports map does not expose package.json. */
function allureCli(): string {
  const missing = new UsageError("the Allure 3 command line is not installed: run 'npm install' (devDependency 'allure')", 'ALLURE_FAILED');
  let main: string;
  try {
    main = createRequire(import.meta.url).resolve('allure');
  } catch {
    throw missing;
  }
  const cli = join(dirname(dirname(main)), 'cli.js');
  if (!existsSync(cli)) throw missing;
  return cli;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ALLURE_NO_ANALYTICS: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => done({ code: -1, output: `${output}${error.message}` }));
    child.on('close', (code) => done({ code: code ?? -1, output }));
  });
}

/**
 * Allure 3's report templates always embed a Google Analytics tag (the awesome plugin has no
 * opt-out; ALLURE_NO_ANALYTICS only reaches the allure2 plugin). The harness promises a report
 * that makes no network request, so the tag and its inline config are removed.
 */
export function stripAnalytics(html: string): string {
  return html
    .replace(/<script[^>]*\ssrc="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*><\/script>\s*/g, '')
    .replace(/<script>\s*window\.dataLayer = window\.dataLayer \|\| \[\];[\s\S]*?<\/script>\s*/g, '');
}

/**
 * Generate the report; returns the report directory (index.html: a summary page linking the suites
 * tree, awesome/index.html, and the Behaviors tree, behaviors/index.html). Throws UsageError (exit 2) on any failure.
 */
export async function generateAllureReport(outDir: string): Promise<{ reportDir: string; results: number; history: { file: string; runs: number } }> {
  const out = resolve(outDir);
  const resultsDir = join(out, 'allure-results');
  const results = await ensureResults(resultsDir);
  const reportDir = join(out, 'allure-report');
  const history = { AUTHCONF_ALLURE_HISTORY: join(out, 'allure-history.jsonl') }; // read by allurerc.mjs
  const { code, output } = await run(process.execPath, [allureCli(), 'generate', resultsDir, '--output', reportDir, '--config', join(ROOT, 'allurerc.mjs')], history);
  if (code !== 0 || !existsSync(join(reportDir, 'index.html'))) {
    const tail = output.trim().split('\n').slice(-8).join('\n');
    throw new UsageError(`Allure did not produce ${join(reportDir, 'index.html')} (exit ${code}):\n${tail}`, 'ALLURE_FAILED');
  }
  // The summary page and one page per plugin (allurerc.mjs: awesome = suites, behaviors).
  const pages = (await readdir(reportDir, { recursive: true })).filter((name) => name.endsWith('.html'));
  for (const page of pages) await writeFile(join(reportDir, page), stripAnalytics(await readFile(join(reportDir, page), 'utf8')), 'utf8');
  const historyFile = history.AUTHCONF_ALLURE_HISTORY;
  const runs = (await readFile(historyFile, 'utf8').catch(() => '')).split('\n').filter((line) => line.trim()).length;
  return { reportDir, results, history: { file: historyFile, runs } };
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const { out } = parseArgs(argv);
    const { reportDir, results, history } = await generateAllureReport(out);
    io.out(`Allure report (${results} results): ${join(reportDir, 'index.html')}`);
    io.out(`history: ${history.runs} run(s) in ${history.file} (keep this file between builds for the trend)`);
    return 0;
  },
};

export default command;
