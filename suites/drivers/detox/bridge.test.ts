/**
 * The Detox bridge, proved without a phone: the REAL Detox CLI and Jest lifecycle run authconf's
 * runner (runner/authconf-bridge.test.cjs) on a Detox device registered through Detox's
 * third-party driver hook and backed by Chromium on the mobile sim's web build
 * (runner/web-device.cjs). This proves the bridge and the test code, not a native app.
 * Also: a testID that never appears fails within its timeout; a runner that dies (a crashed app,
 * a lost device) fails the next call at once; a configuration Detox cannot load fails the launch.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../../models/runtime.ts';
import { mobile } from '../../../models/testids.ts';
import { startReferenceServer, type RunningServer } from '../../../sims/fixtures/reference.ts';
import { buildSimsWeb } from '../../../sims/web/server.ts';
import { BridgeError, DetoxBridge } from './bridge.ts';

let server: RunningServer;
let web: ReturnType<typeof buildSimsWeb>;
let appUrl: string;

beforeAll(async () => {
  server = await startReferenceServer({}, 31);
  web = buildSimsWeb({ server: server.origin, clock: server.clock, rng: seededRng(32) });
  await web.listen({ port: 0, host: '127.0.0.1' });
  const address = web.server.address();
  appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/mobile`;
}, 30_000);

afterAll(async () => {
  await web?.close();
  await server?.close();
});

const codeOf = (error: unknown): string | undefined => (error instanceof BridgeError ? error.code : undefined);

describe('Detox bridge on the Chromium-backed web device', () => {
  it('launches the app, reads the screen by testID, taps, waits, and takes a screenshot through detox test', async () => {
    const bridge = await DetoxBridge.start({ configuration: 'web', launchTimeoutMs: 90_000, callTimeoutMs: 15_000, env: { AUTHCONF_APP_URL: appUrl } });
    try {
      expect(typeof bridge.platform).toBe('string'); // the runner said hello (the web device names no platform)
      await bridge.call('launchApp', {});
      await bridge.call('waitVisible', { testId: mobile.screens.welcome, timeoutMs: 10_000 });
      expect(await bridge.call('visibleAmong', { testIds: Object.values(mobile.screens) })).toBe(mobile.screens.welcome);
      expect(await bridge.call('readText', { testId: mobile.controls.termsLink })).toMatch(/terms/i);
      await bridge.call('tap', { testId: mobile.controls.welcomeContinue });
      await bridge.call('waitVisible', { testId: mobile.screens.notifications, timeoutMs: 10_000 });
      await bridge.call('expectText', { testId: mobile.controls.notificationsContinue, text: 'Continue' });
      const png = PNG.sync.read(Buffer.from(await bridge.call('screenshot', { name: 'notifications' }), 'base64'));
      expect(png.width).toBeGreaterThan(100);

      // A testID that never appears: failed within the timeout the plan gives, no hang.
      const waited = await bridge.call('waitVisible', { testId: 'no-such-screen', timeoutMs: 1_000 }).catch((e: unknown) => e);
      expect(codeOf(waited)).toBe('DETOX_CALL_FAILED');
      expect((waited as Error).message).toMatch(/timed out after 1000 ms/);

      // What the device cannot do is reported as such (the engine makes it not-applicable): the web build opens no links.
      const link = await bridge.call('openURL', { url: 'pingid://pair?key=1' }).catch((e: unknown) => e);
      expect(codeOf(link)).toBe('DETOX_NOT_SUPPORTED');

      // The device goes away mid-plan: the next call fails at once with the reason.
      bridge.killRunner();
      const lost = await bridge.call('readText', { testId: mobile.controls.termsLink }, 30_000).catch((e: unknown) => e);
      expect(codeOf(lost)).toBe('DETOX_DEVICE_DISCONNECTED');
    } finally {
      await bridge.close(5_000);
    }
  }, 120_000);

  it('fails the launch with Detox\'s message when the configuration does not exist', async () => {
    const error = await DetoxBridge.start({ configuration: 'no-such-config', launchTimeoutMs: 60_000, callTimeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('DETOX_DEVICE_DISCONNECTED');
    expect((error as Error).message).toMatch(/no-such-config/);
  }, 90_000);
});
