/**
 * authconf's Detox runner: one Jest test that connects back to the authconf engine over a
 * loopback socket (AUTHCONF_BRIDGE=host:port) and carries out each app-port call it receives with
 * Detox's PUBLIC API only (device.*, element(by.id()), expect, waitFor), answering with the result
 * or the error Detox gave. The engine keeps the paths and the verdicts; this file only acts.
 * Wire format: one JSON object per line. Engine -> runner: {id, op, args}; runner -> engine:
 * {id, ok: true, value} | {id, ok: false, error: {name, message}}; the runner opens with
 * {hello: {platform}} and ends when it receives op 'end' or the socket closes.
 */
'use strict';
/* global device, element, by, waitFor */
const net = require('node:net');
const fs = require('node:fs');

const detoxExpect = expect; // Detox replaces Jest's global expect with its own matchers

/** One handler per port operation (suites/drivers/detox/protocol.ts lists them). */
const operations = {
  async launchApp(args) {
    await device.launchApp({ newInstance: true, ...(args || {}) });
  },
  async terminateApp() {
    await device.terminateApp();
  },
  async reinstallApp(args) {
    await device.launchApp({ delete: true, ...(args || {}) });
  },
  async tap({ testId, index }) {
    const el = index === undefined ? element(by.id(testId)) : element(by.id(testId)).atIndex(index);
    await el.tap();
  },
  async typeText({ testId, text }) {
    await element(by.id(testId)).typeText(text);
  },
  async replaceText({ testId, text }) {
    await element(by.id(testId)).replaceText(text);
  },
  async clearText({ testId }) {
    await element(by.id(testId)).clearText();
  },
  async waitVisible({ testId, timeoutMs }) {
    await waitFor(element(by.id(testId))).toBeVisible().withTimeout(timeoutMs);
  },
  async waitGone({ testId, timeoutMs }) {
    await waitFor(element(by.id(testId))).not.toBeVisible().withTimeout(timeoutMs);
  },
  /** The first of `testIds` that is visible now, or null (how the engine learns the current screen). */
  async visibleAmong({ testIds }) {
    for (const testId of testIds) {
      try {
        await detoxExpect(element(by.id(testId))).toBeVisible();
        return testId;
      } catch {
        // not this one
      }
    }
    return null;
  },
  async expectText({ testId, text }) {
    await detoxExpect(element(by.id(testId))).toHaveText(text);
  },
  /** The visible text of a control (Detox getAttributes: `text`, else `label`). */
  async readText({ testId, index }) {
    const el = index === undefined ? element(by.id(testId)) : element(by.id(testId)).atIndex(index);
    const attributes = await el.getAttributes();
    const one = Array.isArray(attributes.elements) ? attributes.elements[0] : attributes;
    return one.text ?? one.label ?? one.value ?? null;
  },
  async screenshot({ name }) {
    const file = await device.takeScreenshot(name);
    return fs.readFileSync(file).toString('base64');
  },
  async sendUserNotification({ payload }) {
    await device.sendUserNotification(payload);
  },
  async setBiometricEnrollment({ enrolled }) {
    await device.setBiometricEnrollment(enrolled);
  },
  async matchFace() {
    await device.matchFace();
  },
  async unmatchFace() {
    await device.unmatchFace();
  },
  async openURL({ url }) {
    await device.openURL({ url });
  },
  /** The screen and its controls' attributes in one round trip: the engine maps them onto the testID contract. */
  async readScreen({ screens, controls }) {
    const shown = await Promise.all(screens.map((testId) => isVisible(testId)));
    const index = shown.indexOf(true);
    if (index < 0) return { screen: null, controls: {} };
    const found = {};
    await Promise.all(controls.map(async (testId) => {
      try {
        const attributes = await element(by.id(testId)).getAttributes();
        found[testId] = Array.isArray(attributes.elements) ? attributes.elements : [attributes];
      } catch {
        // not on this screen
      }
    }));
    return { screen: screens[index], controls: found };
  },
  async reloadApp() {
    await device.reloadReactNative();
  },
  async foreground() {
    await device.launchApp({ newInstance: false });
  },
};

async function isVisible(testId) {
  try {
    await detoxExpect(element(by.id(testId))).toBeVisible();
    return true;
  } catch {
    return false;
  }
}

function connect(address) {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

test('authconf bridge', async () => {
  const address = process.env.AUTHCONF_BRIDGE;
  if (!address) throw new Error('AUTHCONF_BRIDGE is not set: this file is started by `authconf run --driver detox`');
  const socket = await connect(address);
  const send = (message) => socket.write(`${JSON.stringify(message)}\n`);
  send({ hello: { platform: device.getPlatform() } });
  let buffered = '';
  await new Promise((resolve) => {
    let queue = Promise.resolve();
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!line.trim()) continue;
        const { id, op, args } = JSON.parse(line);
        if (op === 'end') {
          send({ id, ok: true, value: null });
          socket.end();
          resolve();
          return;
        }
        // One call at a time, in order: a device does one thing at once.
        queue = queue.then(async () => {
          const handler = operations[op];
          try {
            if (!handler) throw new Error(`unknown bridge operation '${op}'`);
            send({ id, ok: true, value: (await handler(args || {})) ?? null });
          } catch (error) {
            send({ id, ok: false, error: { name: error && error.name ? error.name : 'Error', message: String(error && error.message ? error.message : error) } });
          }
        });
      }
    });
    socket.on('close', resolve);
    socket.on('error', resolve);
  });
});
