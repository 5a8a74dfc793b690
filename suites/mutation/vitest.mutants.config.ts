import { defineConfig } from 'vitest/config';

// Stryker's Vitest runner loads this config: only the conformance plan is the "test suite", so
// the mutation score measures what the harness detects, not what the unit tests do.
// isolate: false keeps the worker (and the prepared path plan on globalThis) between mutant runs.
export default defineConfig({
  test: {
    include: ['suites/mutation/conformance.mutants.ts'],
    isolate: false,
    fileParallelism: false,
    // A path takes 0.1-1 s; one that waits 30 s for an answer is a hang the conformance run must report (a kill, not a time-out).
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['dot'],
  },
});
