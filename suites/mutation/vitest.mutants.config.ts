import { defineConfig } from 'vitest/config';

// Stryker's Vitest runner loads this config: only the conformance plan is the "test suite", so
// the mutation score measures what the harness detects, not what the unit tests do.
// isolate: false keeps the worker (and the prepared path plan on globalThis) between mutant runs.
export default defineConfig({
  test: {
    include: ['suites/mutation/conformance.mutants.ts'],
    isolate: false,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['dot'],
  },
});
