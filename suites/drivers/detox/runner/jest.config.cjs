/**
 * The Jest configuration Detox needs to run authconf's bridge (`.cjs`: authconf is an ESM
 * package). `authconf detox init` writes a copy beside your .detoxrc.cjs.
 */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/authconf-bridge.test.cjs'],
  // The bridge lives as long as the plan: the engine bounds every call with its own timeout.
  testTimeout: 6 * 60 * 60 * 1000,
  maxWorkers: 1,
  globalSetup: 'detox/runners/jest/globalSetup',
  globalTeardown: 'detox/runners/jest/globalTeardown',
  reporters: ['detox/runners/jest/reporter'],
  testEnvironment: 'detox/runners/jest/testEnvironment',
  verbose: false,
};
