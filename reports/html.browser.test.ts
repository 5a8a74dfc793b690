/**
 * conformance.html in real headless Chromium: no request leaves the page, the inline script runs
 * without errors, the status filter hides rows, every diagram has a size, print opens every path.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleResult } from './fixtures/sample-result.ts';
import { renderHtml } from './html.ts';

const CHROMIUM = process.env.AUTHCONF_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// Skipped only when no Chromium is installed (apt-get install chromium, or set AUTHCONF_CHROMIUM).
describe.skipIf(!existsSync(CHROMIUM))('conformance.html in Chromium (needs Chromium)', () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  const result = sampleResult();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authconf-html-'));
    file = join(dir, 'conformance.html');
    await writeFile(file, renderHtml(result));
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes no request, runs its script cleanly, filters by status and draws every diagram', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setViewport({ width: 1400, height: 1000 });
    await page.goto(`file://${file}`, { waitUntil: 'load' });

    const visibleRows = (): Promise<number> => page.$$eval('#req-rows tr', (rows) => rows.filter((row) => (row as HTMLElement).offsetParent !== null).length);
    expect(await visibleRows()).toBe(result.requirements.length);
    await page.click('.filters[data-target="req-rows"] button[data-status="failed"]');
    expect(await visibleRows()).toBe(result.summary.requirements.failed);
    await page.click('.filters[data-target="req-rows"] button[data-status="all"]');
    await page.type('.filters[data-target="req-rows"] input', 'PIN-NO-SEQUENCE');
    expect(await visibleRows()).toBe(1);

    const sizes = await page.$$eval('svg.diagram', (svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(sizes).toHaveLength(result.machines.length);
    for (const [width, height] of sizes) {
      expect(width).toBeGreaterThan(200);
      expect(height).toBeGreaterThan(200);
    }

    await page.emulateMediaType('print');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const closed = await page.$$eval('details.path', (all) => all.filter((d) => !(d as HTMLDetailsElement).open).length);
    expect(closed).toBe(0);

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  }, 30_000);
});
