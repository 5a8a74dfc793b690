/**
 * Detox configuration of authconf's own tests: the Chromium-backed web device
 * (web-device.cjs) on the sims' web builds. `authconf run --driver detox -c web` uses it when no
 * .detoxrc is given. It proves the bridge and the test code here, where no emulator exists; it is
 * not a native app.
 */
const path = require('node:path');

module.exports = {
  testRunner: { args: { $0: 'jest', config: path.join(__dirname, 'jest.config.cjs') }, jest: { setupTimeout: 120000 } },
  devices: { web: { type: path.join(__dirname, 'web-device.cjs') } },
  // The "binary" of a web build is its URL; AUTHCONF_APP_URL (set by the engine) or launchArgs wins.
  apps: { web: { type: 'authconf.web', binaryPath: 'http://127.0.0.1/mobile' } },
  configurations: { web: { device: 'web', app: 'web' } },
  behavior: { init: { exposeGlobals: true } },
  logger: { level: 'warn' },
  artifacts: false,
};
