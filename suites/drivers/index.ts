/**
 * Driver factory: `sim` (embedded reference server + sims + portal over HTTP), `api`
 * (Authentication API against --target, or the embedded server), `puppeteer` (Chromium) and
 * `detox` (the phone on a Detox device).
 */
import type { Driver } from '../../models/driver.ts';
import type { ResolvedRun } from '../runner/options.ts';

export async function createDriver(run: ResolvedRun): Promise<Driver> {
  if (run.driver === 'api') return (await import('./api/driver.ts')).createApiDriver(run);
  if (run.driver === 'detox') return (await import('./detox/driver.ts')).createDetoxDriver(run);
  if (run.driver === 'puppeteer') return (await import('./puppeteer/driver.ts')).createPuppeteerDriver(run);
  return (await import('./sim/driver.ts')).createSimDriver(run);
}
