/**
 * One Chromium per run (DESIGN.md "Scale": a remote endpoint or a grid past one machine), a fresh
 * incognito context per path. Launches Debian's chromium (`.puppeteerrc.cjs`, or
 * AUTHCONF_CHROMIUM), or connects to `browserWSEndpoint`. A launched browser gets a fake camera
 * fed from a Y4M file this module owns (`camera`); a connected one has no file we can write, so
 * builds get their images through the file chooser instead.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext } from 'puppeteer';
import { UsageError } from '../../../models/error-codes.ts';
import { cameraFrame } from './y4m.ts';

export interface ChromiumOptions {
  /** Show the window (a person watching); default headless. */
  headed?: boolean;
  /** Slow every browser operation by this many ms (watching). */
  slowMo?: number;
  /** Connect to this browser (a remote Chromium or a grid) instead of launching one. */
  browserWSEndpoint?: string;
  /** Default: AUTHCONF_CHROMIUM, else /usr/bin/chromium. */
  executablePath?: string;
}

export interface Chromium {
  readonly browser: Browser;
  /** The fake camera's Y4M file, or undefined on a connected browser. */
  readonly camera: string | undefined;
  /** A fresh incognito context: no cookies, storage or permissions from another path. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
// One list for this driver and the Detox web device (runner/web-device.cjs). Among them: the GPU thread in
// the browser process and software compositing, one process less per browser (screenshots unchanged).
const FLAGS = createRequire(import.meta.url)('./chromium-flags.json') as string[];

export async function openChromium(options: ChromiumOptions = {}): Promise<Chromium> {
  if (options.browserWSEndpoint) {
    const browser = await puppeteer.connect({ browserWSEndpoint: options.browserWSEndpoint, ...(options.slowMo ? { slowMo: options.slowMo } : {}) });
    return { browser, camera: undefined, newContext: () => browser.createBrowserContext(), close: async () => browser.disconnect() };
  }
  // Headless runs take Debian's chromium-headless-shell when it is installed (the same engine without
  // the browser's UI layers: about half the CPU per page); a window needs the full chromium.
  const shell = !options.headed && existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : undefined;
  const executablePath = options.executablePath ?? process.env.AUTHCONF_CHROMIUM ?? shell ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new UsageError(`no Chromium at ${executablePath}: apt-get install chromium, or set AUTHCONF_CHROMIUM`, 'BROWSER_MISSING');
  const dir = mkdtempSync(join(tmpdir(), 'authconf-chromium-'));
  const camera = join(dir, 'camera.y4m');
  writeFileSync(camera, cameraFrame(undefined)); // a blank frame until a path shows the camera a code (every frame has its size: showOnCamera)
  const browser = await puppeteer.launch({
    executablePath,
    headless: options.headed ? false : executablePath === HEADLESS_SHELL ? 'shell' : true,
    ...(options.slowMo ? { slowMo: options.slowMo } : {}),
    args: [...FLAGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`],
  });
  return {
    browser,
    camera,
    newContext: () => browser.createBrowserContext(),
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
