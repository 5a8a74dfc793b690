/**
 * `authconf detox init`: the files Detox needs to run authconf's plans on your native build:
 * a commented `.detoxrc.cjs` (configurations android.emu, android.attached, ios.sim,
 * android.genycloud, and web, authconf's Chromium-backed device for trying the bridge without a
 * phone) and `e2e/jest.config.cjs` (Detox runs on Jest; `.cjs` because authconf is an ESM package).
 * Both point at this authconf install's runner by absolute path.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../../models/error-codes.ts';

const runnerDir = join(dirname(fileURLToPath(import.meta.url)), 'runner');

/** The configuration names the template defines (a test resolves each with Detox's own loader). */
export const templateConfigurations = ['android.emu', 'android.attached', 'ios.sim', 'android.genycloud', 'web'] as const;

export function detoxrcTemplate(jestConfig: string): string {
  const q = JSON.stringify;
  return `/**
 * Detox configuration for authconf (written by \`authconf detox init\`). authconf's engine keeps the
 * paths and the verdicts; Detox carries out each app step on your build through authconf's runner.
 *
 *   authconf run --driver detox -c android.emu --plan mobile
 *
 * Your app must carry the testIDs of authconf's contract (README "Test your own build": every
 * screen root and control, e.g. testID="mobile-welcome", testID="welcome-continue").
 * Build the app for Detox first (Detox's docs: "Project setup"), then fill in the paths below.
 */
module.exports = {
  testRunner: {
    args: { $0: 'jest', config: ${q(jestConfig)} },
    jest: { setupTimeout: 240000 },
  },
  apps: {
    // iOS: a debug build for the simulator.
    'ios.debug': {
      type: 'ios.app',
      binaryPath: 'ios/build/Build/Products/Debug-iphonesimulator/YourApp.app',
      build: 'xcodebuild -workspace ios/YourApp.xcworkspace -scheme YourApp -configuration Debug -sdk iphonesimulator -derivedDataPath ios/build',
    },
    // Android: the app and Detox's instrumentation test APK.
    'android.debug': {
      type: 'android.apk',
      binaryPath: 'android/app/build/outputs/apk/debug/app-debug.apk',
      build: 'cd android && ./gradlew assembleDebug assembleAndroidTest -DtestBuildType=debug',
      reversePorts: [8081],
    },
    // authconf's web device: the "binary" is the web build's URL (authconf sets AUTHCONF_APP_URL).
    web: { type: 'authconf.web', binaryPath: 'http://127.0.0.1:4200/mobile' },
  },
  devices: {
    simulator: { type: 'ios.simulator', device: { type: 'iPhone 15' } },
    emulator: { type: 'android.emulator', device: { avdName: 'Pixel_7_API_34' } },
    attached: { type: 'android.attached', device: { adbName: '.*' } },
    // Genymotion SaaS: cloud devices, how native plans run on many devices at once
    // (set GMSAAS_USER / GMSAAS_PASS or an API token; the recipe names the device model).
    genycloud: { type: 'android.genycloud', device: { recipeUUID: 'your-recipe-uuid' } },
    // Chromium on a web build through Detox's third-party driver hook: proves the bridge and
    // your test set-up without a phone; it is not a native app.
    web: { type: ${q(join(runnerDir, 'web-device.cjs'))} },
  },
  configurations: {
    'android.emu': { device: 'emulator', app: 'android.debug' },
    'android.attached': { device: 'attached', app: 'android.debug' },
    'ios.sim': { device: 'simulator', app: 'ios.debug' },
    'android.genycloud': { device: 'genycloud', app: 'android.debug' },
    web: { device: 'web', app: 'web' },
  },
  behavior: { init: { exposeGlobals: true } },
  artifacts: { rootDir: 'artifacts/detox', plugins: { screenshot: 'failing', log: 'failing' } },
};
`;
}

export function jestConfigTemplate(): string {
  return `/**
 * The Jest configuration Detox runs (written by \`authconf detox init\`): authconf's runner, which
 * connects back to the authconf engine and carries out its app steps with Detox's public API.
 */
module.exports = require(${JSON.stringify(join(runnerDir, 'jest.config.cjs'))});
`;
}

export interface InitResult {
  written: string[];
}

/** Writes `.detoxrc.cjs` and `e2e/jest.config.cjs` under `dir`; refuses to overwrite unless `force`. */
export function detoxInit(dir: string, force = false): InitResult {
  const detoxrc = join(dir, '.detoxrc.cjs');
  const jestConfig = join(dir, 'e2e', 'jest.config.cjs');
  for (const file of [detoxrc, jestConfig]) {
    if (existsSync(file) && !force) throw new UsageError(`${relative(process.cwd(), file) || file} exists; pass --force to overwrite it`, 'DETOX_CONFIG_EXISTS');
  }
  mkdirSync(dirname(jestConfig), { recursive: true });
  writeFileSync(jestConfig, jestConfigTemplate());
  writeFileSync(detoxrc, detoxrcTemplate(jestConfig));
  return { written: [detoxrc, jestConfig] };
}
