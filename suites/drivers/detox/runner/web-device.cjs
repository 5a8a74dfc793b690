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
 * .withTimeout.
 *
 * On the sims' web build (its device hooks, sims/web/server.ts), Detox's device calls do what
 * they do on a phone:
 *   launchApp({ delete })            a fresh install (POST {build}/reset {reinstall: true}, a fresh browser context)
 *   launchApp({ newInstance: true }) a relaunch, storage kept (POST {build}/reset {reinstall: false})
 *   launchApp({ newInstance: false }) the app comes to the foreground and fetches what its server sent (POST {build}/refresh)
 *   setBiometricEnrollment / matchFace / unmatchFace / matchFinger / unmatchFinger
 *                                    the phone's biometrics (POST {build}/device)
 *   sendUserNotification(payload)    the person taps the notification of the oldest pending request, or its
 *                                    Approve action when `payload['action-identifier']` is 'approve'
 *                                    (POST {build}/notification); none pending: a NoNotificationError
 *   reloadReactNative()              the page reloads (the app's state is kept by its build)
 *   tap() on the image picker        the device's photo library answers it: the newest image in
 *                                    AUTHCONF_PHOTO_LIBRARY (a directory the engine writes to, as a device farm
 *                                    pushes a photo onto a device)
 * Another host (a web build without the hooks) makes those calls fail with the build's answer.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const DeviceDriverBase = require('detox/src/devices/runtime/drivers/DeviceDriverBase');

// The Puppeteer driver's flags (one list: suites/drivers/puppeteer/chromium-flags.json).
const CHROMIUM_ARGS = require('../../puppeteer/chromium-flags.json');

/** One browser per Detox worker; the page is "the app". */
const session = { browser: undefined, context: undefined, page: undefined, url: undefined, installed: false, pidFile: undefined };

/** The build's root (its page URL without the query), where its device hooks live. */
function buildRoot() {
  if (!session.url) throw new Error('the app is not installed (call device.launchApp() first)');
  return session.url.split('?')[0].replace(/\/+$/, '');
}

/** One of the build's device hooks (sims/web/server.ts); its JSON answer. */
async function hook(path, body) {
  const response = await fetch(`${buildRoot()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`the web build refused ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** The build changed what the app shows from outside the page: show it again. */
async function reload() {
  invalidate();
  if (!session.page) return;
  await session.page.reload({ waitUntil: 'load' });
  await settle();
}

/** The newest image of the device's photo library (AUTHCONF_PHOTO_LIBRARY), what its image picker returns. */
function newestPhoto() {
  const dir = process.env.AUTHCONF_PHOTO_LIBRARY;
  if (!dir || !fs.existsSync(dir)) throw new Error('the web device has no photo library (AUTHCONF_PHOTO_LIBRARY)');
  const files = fs.readdirSync(dir).map((name) => path.join(dir, name)).filter((file) => fs.statSync(file).isFile());
  if (files.length === 0) throw new Error('the photo library is empty');
  return files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

class NoNotification extends Error {
  constructor() {
    super('no notification is pending on the device');
    this.name = 'NoNotificationError';
  }
}

async function browser() {
  if (!session.browser) {
    const puppeteer = require('puppeteer');
    const ws = process.env.AUTHCONF_BROWSER_WS;
    session.browser = ws
      ? await puppeteer.connect({ browserWSEndpoint: ws })
      : await puppeteer.launch({ headless: true, executablePath: process.env.AUTHCONF_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // Puppeteer starts Chromium in a process group of its own: the bridge ends it with the runner (bridge.ts).
    const launched = ws ? undefined : session.browser.process();
    if (launched && launched.pid && process.env.AUTHCONF_BROWSER_PIDS) {
      session.pidFile = path.join(process.env.AUTHCONF_BROWSER_PIDS, String(launched.pid));
      require('node:fs').writeFileSync(session.pidFile, '');
    }
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
    // Closed: no longer the bridge's to end (its pid may soon be another process's).
    if (session.pidFile) require('node:fs').rmSync(session.pidFile, { force: true });
    Object.assign(session, { browser: undefined, context: undefined, page: undefined, pidFile: undefined });
  }
}

class WebRuntimeDriver extends DeviceDriverBase {
  getExternalId() { return 'authconf-web-chromium'; }
  getDeviceName() { return 'Chromium (authconf web device)'; }
  getPlatform() { return 'web'; }
  async getBundleIdFromBinary() { return 'authconf.web'; }
  async installApp() {}
  async uninstallApp() {
    // A fresh browser context has no storage of the earlier install; the build wipes its app at the next launch.
    if (session.context) await session.context.close().catch(() => undefined);
    Object.assign(session, { context: undefined, page: undefined, installed: false });
  }
  async launchApp(_bundleId, launchArgs) {
    const url = (launchArgs && launchArgs.authconfAppUrl) || session.url || process.env.AUTHCONF_APP_URL;
    if (!url) throw new Error('no app URL: pass launchArgs.authconfAppUrl or set AUTHCONF_APP_URL');
    if (session.page && url === session.url) {
      // Running already (launchApp({ newInstance: false })): to the foreground, where it fetches what its server sent.
      if (url.split('?')[0].endsWith('/mobile')) await hook('/refresh', {}).catch(() => undefined);
      await reload();
      return 1;
    }
    if (url !== session.url) session.installed = false;
    session.url = url;
    const simsBuild = url.split('?')[0].endsWith('/mobile') || url.split('?')[0].endsWith('/desktop');
    // A new instance of the app: a fresh install after uninstallApp, else a relaunch keeping its storage.
    if (simsBuild) await hook('/reset', { reinstall: !session.installed });
    session.installed = true;
    const b = await browser();
    if (!session.context) session.context = await b.createBrowserContext();
    if (session.page) await session.page.close().catch(() => undefined);
    session.page = await session.context.newPage();
    await session.page.evaluateOnNewDocument(trackRequests);
    await session.page.setViewport({ width: 390, height: 844 });
    await session.page.goto(url, { waitUntil: 'load' });
    await settle();
    return 1;
  }
  async waitUntilReady() {}
  async waitForActive() {}
  async terminate() {
    invalidate();
    if (session.page) await session.page.close().catch(() => undefined);
    session.page = undefined;
  }
  async reloadReactNative() {
    await reload();
  }
  async deliverPayload(params) {
    if (params && params.detoxUserNotificationDataURL) {
      const payload = JSON.parse(fs.readFileSync(params.detoxUserNotificationDataURL, 'utf8'));
      const action = payload['action-identifier'] === 'approve' ? 'approve' : 'open';
      const answer = await hook('/notification', { action });
      if (!answer.opened) throw new NoNotification();
      await reload();
      return;
    }
    throw new NotSupported('delivering this payload (only user notifications)');
  }
  async setPermissions() {}
  async #device(settings) {
    await hook('/device', settings);
    await reload();
  }
  async setBiometricEnrollment(yesOrNo) { await this.#device({ biometricsEnrolled: yesOrNo === 'YES' }); }
  async matchFace() { await this.#device({ biometricsMatch: true }); }
  async unmatchFace() { await this.#device({ biometricsMatch: false }); }
  async matchFinger() { await this.#device({ biometricsMatch: true }); }
  async unmatchFinger() { await this.#device({ biometricsMatch: false }); }
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

/**
 * The view hierarchy by testID, read in one go (as Detox reads a native app's hierarchy for a
 * query): testID -> each matching element's attributes. Reused by the queries of one moment (a
 * screen read asks about every testID at once) until the next action or 40 ms later.
 */
function hierarchy() {
  const now = Number(process.hrtime.bigint() / 1000000n);
  if (session.read && session.read.generation === session.generation && now - session.read.at < 40) return session.read.value;
  const value = page().evaluate(hierarchyInPage).then((pairs) => new Map(pairs));
  session.read = { generation: session.generation, at: now, value };
  value.catch(() => { if (session.read && session.read.value === value) session.read = undefined; });
  return value;
}

/** Something acted on the app: what was read before is stale. */
function invalidate() {
  session.generation = (session.generation || 0) + 1;
  session.read = undefined;
}

async function attributesAt(target) {
  const all = (await hierarchy()).get(target.id) || [];
  return all[target.index];
}

async function visible(target) {
  const attributes = await attributesAt(target);
  return Boolean(attributes && attributes.visible);
}

async function exists(target) {
  return Boolean(await attributesAt(target));
}

async function textOf(target) {
  const attributes = await attributesAt(target);
  if (!attributes) throw new Error(`no element with testID '${target.id}'${target.index ? ` at index ${target.index}` : ''}`);
  return attributes.text;
}

/**
 * What Detox's getAttributes() reports of each element with a testID, as a phone would: its
 * visible text (a secure field shows one dot per character, a file chooser its label, an image its
 * source), enabled, visible, and `checked` for a checkbox (as Android's checkable views report it).
 * Runs in the page: [testID, attributes[]] pairs in document order.
 */
function hierarchyInPage() {
  const text = (e) => (e.textContent || '').replace(/\s+/g, ' ').trim();
  const out = new Map();
  for (const el of Array.from(document.querySelectorAll('[data-testid]'))) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const a = { identifier: el.getAttribute('data-testid'), enabled: !el.disabled, visible: style.visibility !== 'hidden' && style.display !== 'none' && (box.width > 0 || box.height > 0) };
    if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox') a.checked = el.checked;
      a.text = el.type === 'file' ? text(el.closest('label') || el) : el.type === 'password' ? '\u2022'.repeat(el.value.length) : el.value;
    } else if (el instanceof HTMLTextAreaElement) a.text = el.value;
    else if (el instanceof HTMLImageElement) a.text = el.getAttribute('src') || '';
    else a.text = text(el);
    a.label = a.text;
    if (!out.has(a.identifier)) out.set(a.identifier, []);
    out.get(a.identifier).push(a);
  }
  return Array.from(out.entries());
}

/** getAttributes(): one element's, or `{ elements: [...] }` when several match (as Detox on iOS). */
async function attributesOf(matcher, index) {
  const all = (await hierarchy()).get(matcher.id) || [];
  if (index !== undefined) {
    if (!all[index]) throw new Error(`no element with testID '${matcher.id}' at index ${index}`);
    return all[index];
  }
  if (all.length === 0) throw new Error(`no element with testID '${matcher.id}'`);
  return all.length === 1 ? all[0] : { elements: all };
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
  invalidate();
  const quiet = await page()
    .waitForFunction(() => typeof window.__authconfPending === 'function' && window.__authconfPending() === 0, { polling: 10, timeout: 10_000 })
    .then(() => true, () => false);
  // A page whose requests are not counted (its fetch replaced, or not fetch): no request for a moment.
  if (!quiet) await page().waitForNetworkIdle({ idleTime: 50, timeout: 10_000 }).catch(() => undefined);
  invalidate();
}

/**
 * Runs in the page before its own scripts (as Detox's synchronisation watches a native app's
 * network and main queue): counts the page's fetches until their body was read and the
 * callbacks that render it ran, so an action is settled when its answer is on screen.
 */
function trackRequests() {
  let pending = 0;
  const original = window.fetch.bind(window);
  window.__authconfPending = () => pending;
  window.fetch = (...args) => {
    pending++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      setTimeout(() => { pending--; }, 0); // after the callbacks that render the answer
    };
    setTimeout(finish, 5000); // a body nobody reads
    return original(...args).then((response) => {
      for (const read of ['json', 'text']) {
        const body = response[read].bind(response);
        response[read] = () => body().finally(finish);
      }
      return response;
    }, (error) => {
      finish();
      throw error;
    });
  };
}

function element(matcher) {
  const make = (index) => ({
    atIndex: (i) => make(i),
    async tap() {
      const h = await handle(locate(matcher, index));
      if (!h) throw new Error(`cannot tap '${matcher.id}': not on screen`);
      // The image picker: the device's photo library answers it (as a person picks a photo).
      if (await h.evaluate((el) => el instanceof HTMLInputElement && el.type === 'file')) await h.uploadFile(newestPhoto());
      else await h.click();
      await settle();
    },
    async typeText(text) {
      const h = await handle(locate(matcher, index));
      if (!h) throw new Error(`cannot type into '${matcher.id}': not on screen`);
      await h.type(String(text));
      await settle();
    },
    async replaceText(text) {
      // Detox's replaceText sets the text at once (no keyboard): one input event.
      const h = await handle(locate(matcher, index));
      if (!h) throw new Error(`cannot replace the text of '${matcher.id}': not on screen`);
      await h.evaluate((el, value) => { el.value = value; el.dispatchEvent(new Event('input', { bubbles: true })); }, String(text));
      await settle();
    },
    async clearText() {
      const h = await handle(locate(matcher, index));
      if (!h) throw new Error(`cannot clear '${matcher.id}': not on screen`);
      await h.evaluate((el) => { el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true })); });
      await settle();
    },
    getAttributes() {
      return attributesOf(matcher, index);
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
    async toExist() { await check(await exists(el.__target), 'to exist'); },
    async toHaveText(text) {
      const actual = await exists(el.__target) ? await textOf(el.__target) : undefined;
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
    toExist: () => condition(() => exists(el.__target), 'to exist'),
    get not() {
      return {
        toBeVisible: () => condition(async () => !(await visible(el.__target)), 'not to be visible'),
        toExist: () => condition(async () => !(await exists(el.__target)), 'not to exist'),
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
