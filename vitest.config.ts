import { defineConfig } from 'vitest/config';

// `npm test`: unit tests beside the code, integration tests under test/ and suites/.
// The JSON reporter feeds the `N passed, N failed` line that .ci/run prints.
export default defineConfig({
  test: {
    include: ['{models,sims,reference-server,suites,reports,cli,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'reports/out/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: [
      'default',
      ['allure-vitest/reporter', { resultsDir: 'allure-results' }],
      ['json', { outputFile: 'test-results.json' }],
    ],
  },
});
