/**
 * conformance.html in real headless Chromium: no request leaves the page, the inline script runs
 * without errors, the status filter hides rows and the search reads ids and text only, the
 * requirements table fits its card, every diagram has a size and zooms and pans, print opens
 * every path.
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

    // The search reads the id and the text, not the path names (variants) in the evidence column.
    const search = await page.$('.filters[data-target="req-rows"] input');
    await search!.click({ clickCount: 3 });
    await search!.type('pin=');
    expect(await visibleRows()).toBe(0);
    await search!.click({ clickCount: 3 });
    await page.keyboard.press('Backspace');
    expect(await visibleRows()).toBe(result.requirements.length);

    // The requirements table fits its card.
    const fit = await page.$eval('#requirements', (card) => ({ card: card.getBoundingClientRect().right, table: card.querySelector('table')!.getBoundingClientRect().right }));
    expect(fit.table).toBeLessThanOrEqual(fit.card);

    const sizes = await page.$$eval('svg.diagram', (svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(sizes).toHaveLength(result.machines.length);
    for (const [width, height] of sizes) {
      expect(width).toBeGreaterThan(200);
      expect(height).toBeGreaterThan(150);
    }

    // Labels overlap neither each other nor a state box; state names fit their boxes (real font metrics).
    const clashes = await page.$$eval('svg.diagram', (svgs) => svgs.flatMap((svg) => {
      const hit = (a: DOMRect, b: DOMRect): boolean => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
      const labels = [...svg.querySelectorAll<SVGTextElement>('text.edge-label')].map((t) => ({ text: t.textContent, box: t.getBBox() }));
      const states = [...svg.querySelectorAll<SVGGElement>('g.state:not(.compound)')].map((g) => ({ text: g.querySelector('text')!, box: g.querySelector('rect')!.getBBox() }));
      const found: string[] = [];
      labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => { if (hit(a.box, b.box)) found.push(`${a.text} / ${b.text}`); }));
      labels.forEach((a) => states.forEach((s) => { if (hit(a.box, s.box)) found.push(`${a.text} on ${s.text.textContent}`); }));
      states.forEach((s) => { if (s.text.getComputedTextLength() > s.box.width) found.push(`${s.text.textContent} wider than its box`); });
      return found;
    }));
    expect(clashes).toEqual([]);

    // Zoom and pan: the wheel zooms in at the pointer, a drag pans, Fit shows the whole diagram.
    const viewBox = (): Promise<number[]> => page.$eval('svg.diagram', (svg) => svg.getAttribute('viewBox')!.split(' ').map(Number));
    const box = (await (await page.$('.diagram-wrap'))!.boundingBox())!;
    await page.evaluate(() => document.querySelector('.diagram-wrap')!.scrollIntoView());
    const wrap = (await (await page.$('.diagram-wrap'))!.boundingBox())!;
    expect(wrap.width).toBe(box.width);
    const before = await viewBox();
    await page.mouse.move(wrap.x + wrap.width / 2, wrap.y + wrap.height / 2);
    await page.mouse.wheel({ deltaY: -400 });
    const zoomed = await viewBox();
    expect(zoomed[2]!).toBeLessThan(before[2]!);
    await page.mouse.down();
    await page.mouse.move(wrap.x + wrap.width / 2 - 100, wrap.y + wrap.height / 2 - 50, { steps: 4 });
    await page.mouse.up();
    const panned = await viewBox();
    expect(panned[0]!).toBeGreaterThan(zoomed[0]!);
    expect(panned[2]).toBe(zoomed[2]);
    await page.click('.diagram-tools button[data-zoom="fit"]');
    const fitted = await viewBox();
    const [width, height] = await page.$eval('svg.diagram', (svg) => [Number(svg.getAttribute('data-width')), Number(svg.getAttribute('data-height'))]);
    expect(fitted[2]!).toBeGreaterThanOrEqual(width! - 1);
    expect(fitted[3]!).toBeGreaterThanOrEqual(height! - 1);

    await page.emulateMediaType('print');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const closed = await page.$$eval('details.path', (all) => all.filter((d) => !(d as HTMLDetailsElement).open).length);
    expect(closed).toBe(0);

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  }, 30_000);
});
