/**
 * A Detox device for authconf's own tests: Detox's third-party driver hook
 * (`devices: { web: { type: require.resolve('.../web-device.cjs') } }`) backed by Chromium
 * (puppeteer, Debian's chromium) on a web build that carries the testID contract as
 * `data-testid`. It lets the REAL Detox CLI, Jest lifecycle and authconf's bridge run here,
 * where no emulator can be had. It proves the bridge and the test code, not a native app.
 *
 * The app is the page at `launchArgs.authconfAppUrl` (or AUTHCONF_APP_URL). Only the matchers and
 * actions the bridge uses exist: by.id, element().atIndex/tap/typeText/clearText/replaceText/
 * getAttributes, expect().toBeVisible/toExist/toHaveText (and .not), waitFor().toBeVisible/toExist
 * .withTimeout. Device capabilities a browser cannot give (biometrics, notifications) throw
 * "not supported by the web device", which the engine reports as not-applicable.
 */
'use strict';
const os = require('node:os');
const path = require('node:path');
const DeviceDriverBase = require('detox/src/devices/runtime/drivers/DeviceDriverBase');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

/** One browser per Detox worker; the page is "the app". */
const session = { browser: undefined, context: undefined, page: undefined, url: undefined };

async function browser() {
  if (!session.browser) {
    const puppeteer = require('puppeteer');
    const ws = process.env.AUTHCONF_BROWSER_WS;
    session.browser = ws
      ? await puppeteer.connect({ browserWSEndpoint: ws })
      : await puppeteer.launch({ headless: true, executablePath: process.env.AUTHCONF_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }
  return session.browser;
}

function page() {
  if (!session.page) throw new Error('the app is not running (call device.launchApp() first)');
  return session.page;
}

class NotSupported extends Error {
  constructor(what) {
    super(`${what} is not supported by the web device`);
    this.name = 'NotSupportedError';
  }
}

class WebAllocationDriver {
  async allocate() { return { id: 'authconf-web-chromium' }; }
  async free() {
    if (session.browser) await session.browser.close().catch(() => undefined);
    Object.assign(session, { browser: undefined, context: undefined, page: undefined });
  }
}

class WebRuntimeDriver extends DeviceDriverBase {
  getExternalId() { return 'authconf-web-chromium'; }
  getDeviceName() { return 'Chromium (authconf web device)'; }
  async getBundleIdFromBinary() { return 'authconf.web'; }
  async installApp() {}
  async uninstallApp() {
    // A reinstall: a fresh browser context has no storage of the earlier install.
    if (session.context) await session.context.close().catch(() => undefined);
    Object.assign(session, { context: undefined, page: undefined });
  }
  async launchApp(_bundleId, launchArgs) {
    const url = (launchArgs && launchArgs.authconfAppUrl) || process.env.AUTHCONF_APP_URL || session.url;
    if (!url) throw new Error('no app URL: pass launchArgs.authconfAppUrl or set AUTHCONF_APP_URL');
    session.url = url;
    const b = await browser();
    if (!session.context) session.context = await b.createBrowserContext();
    if (session.page) await session.page.close().catch(() => undefined);
    session.page = await session.context.newPage();
    await session.page.goto(url, { waitUntil: 'load' });
    return 1;
  }
  async waitUntilReady() {}
  async waitForActive() {}
  async terminate() {
    if (session.page) await session.page.close().catch(() => undefined);
    session.page = undefined;
  }
  async deliverPayload() { throw new NotSupported('delivering a payload'); }
  async setPermissions() {}
  async setBiometricEnrollment() { throw new NotSupported('biometric enrollment'); }
  async matchFace() { throw new NotSupported('Face ID'); }
  async unmatchFace() { throw new NotSupported('Face ID'); }
  async matchFinger() { throw new NotSupported('Touch ID'); }
  async unmatchFinger() { throw new NotSupported('Touch ID'); }
  async takeScreenshot(name) {
    const file = path.join(os.tmpdir(), `authconf-detox-${process.pid}-${String(name).replace(/[^A-Za-z0-9._-]+/g, '_')}.png`);
    await page().screenshot({ path: file });
    return file;
  }
  async cleanup() {
    await new WebAllocationDriver().free();
  }
}

/** `by.id(x)`, optionally `.atIndex(i)`: the i-th element with that data-testid. */
function locate(matcher, index) {
  return { selector: `[data-testid="${String(matcher.id).replace(/"/g, '\\"')}"]`, index: index ?? 0, id: matcher.id };
}

async function handle(target) {
  const handles = await page().$$(target.selector);
  return handles[target.index];
}

async function visible(target) {
  const h = await handle(target);
  if (!h) return false;
  return h.evaluate((el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && (box.width > 0 || box.height > 0);
  });
}

async function textOf(target) {
  const h = await handle(target);
  if (!h) throw new Error(`no element with testID '${target.id}'${target.index ? ` at index ${target.index}` : ''}`);
  return h.evaluate((el) => ('value' in el && el.tagName !== 'BUTTON' ? String(el.value) : (el.textContent || '').trim()));
}

async function waitUntil(predicate, timeoutMs, what) {
  const started = process.hrtime.bigint();
  for (;;) {
    if (await predicate()) return;
    if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** After a gesture the web build re-renders from the server's answer: wait for the network to settle. */
async function settle() {
  await page().waitForNetworkIdle({ idleTime: 100, timeout: 10_000 }).catch(() => undefined);
}

function element(matcher) {
  const make = (index) => ({
    atIndex: (i) => make(i),
    async tap() {
      const h = await handle(locate(matcher, index));
      if (!h) throw new Error(`cannot tap '${matcher.id}': not on screen`);
      await h.click();
      await settle();
    },
    async typeText(text) {
      const h = await handle(locate(matcher, index));
      if (!h) throw new Error(`cannot type into '${matcher.id}': not on screen`);
      await h.type(String(text));
      await settle();
    },
    async replaceText(text) {
      await this.clearText();
      await this.typeText(text);
    },
    async clearText() {
      const h = await handle(locate(matcher, index));
      if (!h) throw new Error(`cannot clear '${matcher.id}': not on screen`);
      await h.evaluate((el) => { el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true })); });
      await settle();
    },
    async getAttributes() {
      const target = locate(matcher, index);
      return { text: await textOf(target), visible: await visible(target), identifier: matcher.id };
    },
    __target: locate(matcher, index),
  });
  return make(undefined);
}

function expectation(el, negated) {
  const check = async (ok, message) => {
    if (ok === negated) throw new Error(`expect(${el.__target.id})${negated ? '.not' : ''}: ${message}`);
  };
  return {
    get not() { return expectation(el, !negated); },
    async toBeVisible() { await check(await visible(el.__target), 'to be visible'); },
    async toExist() { await check(Boolean(await handle(el.__target)), 'to exist'); },
    async toHaveText(text) {
      const actual = await handle(el.__target) ? await textOf(el.__target) : undefined;
      await check(actual === text, `to have text '${text}', has '${actual}'`);
    },
  };
}

function waitFor(el) {
  const condition = (predicate, what) => ({
    withTimeout: (ms) => waitUntil(predicate, ms, `${el.__target.id} ${what}`),
  });
  return {
    toBeVisible: () => condition(() => visible(el.__target), 'to be visible'),
    toExist: () => condition(async () => Boolean(await handle(el.__target)), 'to exist'),
    get not() {
      return {
        toBeVisible: () => condition(async () => !(await visible(el.__target)), 'not to be visible'),
        toExist: () => condition(async () => !(await handle(el.__target)), 'not to exist'),
      };
    },
  };
}

class WebExpect {
  constructor() {
    this.by = { id: (id) => ({ id }) };
    this.element = element;
    this.expect = (el) => expectation(el, false);
    this.waitFor = waitFor;
  }
}

module.exports = {
  DeviceAllocationDriverClass: WebAllocationDriver,
  RuntimeDriverClass: WebRuntimeDriver,
  ExpectClass: WebExpect,
};
