// `npm run mutants` (suites/mutation/run.ts): StrykerJS mutates the domain code of the reference
// server and the sims and runs the conformance plan (suites/mutation/conformance.mutants.ts)
// against each mutant. The score says how much of a planted single-point fault the harness
// catches. By default run.ts draws a seeded sample of mutation sites and passes it in
// AUTHCONF_MUTANTS_SAMPLE; `npm run mutants -- --all` (or `npx stryker run`) tests every mutant.
// See README "Mutation score".
import { readFileSync } from 'node:fs';
import { domainFiles } from './suites/mutation/domain.mjs';

const samplePath = process.env['AUTHCONF_MUTANTS_SAMPLE'];
/** @type {{ sites: { file: string, start: { line: number, column: number }, end: { line: number, column: number } }[] } | null} */
const sample = samplePath ? JSON.parse(readFileSync(samplePath, 'utf8')) : null;

/** Stryker's `mutate` accepts `file:line:column-line:column` (1-based lines, 0-based columns). */
const sampledRanges = sample?.sites.map(({ file, start, end }) => `${file}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'suites/mutation/vitest.mutants.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner', './suites/mutation/sample-ignorer.mjs'],
  mutate: sampledRanges ?? domainFiles,
  // authconf-unobservable: mutants no check can observe, each with its reason (sample-ignorer.mjs).
  ignorers: sample ? ['authconf-unobservable', 'authconf-sample'] : ['authconf-unobservable'],
  coverageAnalysis: 'perTest',
  // Start-up code runs once per Vitest worker; Stryker would otherwise re-run everything for it.
  ignoreStatic: true,
  // The machine has 2 cores shared with other work; `npm run mutants -- --concurrency 2` when idle.
  concurrency: 1,
  // A mutant's time limit is timeoutFactor x the covering paths' dry-run time + timeoutMS. On this
  // shared machine (load 8-18) paths ran 2-3x slower than in the dry run, and mutants that fail a
  // check within seconds when run alone were cut off as time-outs; 3x leaves room for that. A path
  // that hangs (a server that never answers) still fails on its own after Vitest's testTimeout
  // (suites/mutation/vitest.mutants.config.ts, 30 s: 30x the slowest path).
  timeoutFactor: 3,
  timeoutMS: 20_000,
  // Incremental mode reuses a mutant's result while the mutated file and the conformance test file
  // are unchanged, but it does not see changes to the checks (suites/checks), so it is off unless
  // asked for (`npm run mutants -- --incremental`).
  incremental: false,
  incrementalFile: 'reports/out/mutation/stryker-incremental.json',
  thresholds: { high: 80, low: 60, break: null },
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: 'reports/out/mutation/index.html' },
  jsonReporter: { fileName: 'reports/out/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
