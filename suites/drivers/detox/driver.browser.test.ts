/**
 * `--driver detox -c web` runs the plans through the REAL `detox test` (Jest, Detox's lifecycle,
 * authconf's runner) on the Chromium-backed web device (runner/web-device.cjs) with the sims'
 * web build of the phone. It proves the bridge, the port and the test code, not a native app.
 *
 * - A share of the Creds plan gives the same requirement verdicts as `--driver sim`.
 * - A sim-side deviation (models/deviations.ts) is caught through Detox on the path where the
 *   sim driver catches it.
 * - A device lost mid-run (the runner killed): the later paths are errors at once, the run ends.
 * - An app that never shows a testID ends its path as failed (or an error) at the step that
 *   expected a screen, with what the device showed, and the run ends.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviations } from '../../../models/deviations.ts';
import type { ConformanceResult } from '../../../reports/schema.ts';
import { runPlan } from '../../runner/engine.ts';
import type { RunOptions } from '../../runner/options.ts';
import { createDetoxDriver } from './driver.ts';

const verdicts = (result: ConformanceResult): Record<string, string> => Object.fromEntries(result.requirements.map((r) => [r.id, r.status]));
const detox: Pick<RunOptions, 'driver' | 'detox'> = { driver: 'detox', detox: { configuration: 'web' } };

describe('--driver detox -c web', () => {
  it('a share of the Creds plan: the same requirement verdicts as --driver sim', async () => {
    const plan: RunOptions = { plan: 'creds', shard: '1/5', out: null };
    const sim = await runPlan(plan);
    const device = await runPlan({ ...plan, ...detox });
    expect(device.paths.length).toBeGreaterThan(2);
    expect(device.paths.map((p) => [p.id, p.status])).toEqual(sim.paths.map((p) => [p.id, p.status]));
    expect(verdicts(device)).toEqual(verdicts(sim));
    expect(Object.values(verdicts(device))).toContain('passed');
  }, 120_000);

  it('a sim-side deviation (new-label-never-expires) is caught through Detox', async () => {
    const name = 'new-label-never-expires';
    const breaks = deviations[name].breaks;
    const sim = await runPlan({ plan: 'creds', deviations: [name], out: null });
    const caughtOn = sim.requirements.find((r) => r.id === breaks)!;
    expect(caughtOn.status).toBe('failed');
    const device = await runPlan({ plan: 'creds', deviations: [name], path: caughtOn.paths[0]!, out: null, ...detox });
    expect(device.paths.map((p) => p.status)).toEqual(['failed']);
    expect(device.requirements.find((r) => r.id === breaks)?.status).toBe('failed');
  }, 120_000);

  it('a device lost mid-run: the paths after it end as errors with the reason at once, and the run ends', async () => {
    let lost: (() => void) | undefined;
    const started = performance.now();
    const result = await runPlan({
      plan: 'creds',
      shard: '2/5',
      out: null,
      ...detox,
      driverFactory: async (run) => createDetoxDriver(run, { onBridge: (bridge) => (lost = () => bridge.killRunner()) }),
      onPath: () => lost?.(), // the device goes away after the first path
    });
    expect(performance.now() - started).toBeLessThan(60_000);
    const [first, ...rest] = result.paths;
    expect(first?.status).toBe('passed');
    expect(rest.length).toBeGreaterThan(0);
    for (const path of rest) {
      expect(path.status).toBe('error');
      expect(path.reason).toMatch(/detox test exited|the device disconnected/);
    }
    expect(result.summary.verdict).not.toBe('PASS');
  }, 120_000);

  describe('an app that never shows a testID', () => {
    let blank: Server;
    let url: string;
    beforeAll(async () => {
      // A build that starts (its host answers the device hooks) but whose app never draws a screen.
      blank = createServer((request, response) => {
        if (request.method === 'POST') response.setHeader('content-type', 'application/json').end('{}');
        else response.end('<!doctype html><title>not the app</title><p>This page carries no testIDs.</p>');
      });
      await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => blank.close(() => resolve())));

    it('ends the path as failed (or an error) at the step that expected a screen, with what the device showed, and the run ends', async () => {
      const path = 'mobile-pairing/pin=6,pin6Distinct=3,biometrics=required,location=required,keyFormat=numeric,keyLifetime=10m/2';
      const started = performance.now();
      const result = await runPlan({ plan: 'mobile', path, out: null, ...detox, driverFactory: async (run) => createDetoxDriver(run, { mobileApp: url }) });
      expect(performance.now() - started).toBeLessThan(45_000);
      const [only] = result.paths;
      expect(['failed', 'error']).toContain(only?.status);
      // The step that opened the app expected its welcome screen; the device showed none.
      const stopped = only!.steps.findIndex((s) => s.status === only!.status);
      expect(only!.steps[stopped]?.event).toBe('APP.OPEN');
      expect(only?.reason).toMatch(/mobile-welcome/);
      expect(only?.reason).toMatch(/no screen/);
      expect(result.summary.verdict).not.toBe('PASS');
    }, 120_000);
  });
});
