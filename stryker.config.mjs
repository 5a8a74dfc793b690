// `npm run mutants`: StrykerJS mutates the domain code of the reference server and the sims and
// runs the conformance plan (suites/mutation/conformance.mutants.ts) against each mutant. The
// score says how much of a planted single-point fault the harness catches. See README "Mutation score".
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'suites/mutation/vitest.mutants.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  // The domain: pairing keys, PIN, OTP, push, device selection, Authentication API steps, Creds
  // presentation. Not tests, fixtures, pages' markup or the deviations table.
  mutate: [
    'reference-server/domain/*.ts',
    'reference-server/authn/steps.ts',
    'reference-server/authn/sdk-pairing.ts',
    'reference-server/creds/presentations.ts',
    'sims/shared/pin-rules.ts',
    'sims/shared/totp.ts',
    'sims/shared/creds-share.ts',
    '!**/*.test.ts',
    '!reference-server/domain/faults.ts',
  ],
  coverageAnalysis: 'perTest',
  // Start-up code runs once per Vitest worker; Stryker would otherwise re-run everything for it.
  ignoreStatic: true,
  concurrency: 1,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'reports/out/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: 'reports/out/mutation/index.html' },
  jsonReporter: { fileName: 'reports/out/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
