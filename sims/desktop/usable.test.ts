/**
 * Issue 10, "web builds a person can use", on the desktop sim core: a wrong key is a clear
 * message with a stable code (not the server's text), the Create PIN screen states the policy's
 * length and distinct-digit rule, and every field has a label.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { desktop } from '../../models/testids.ts';
import { FakeDeviceServer } from '../fixtures/fake-device-server.ts';
import { createDesktopApp, type DesktopDeviation } from './app.ts';

const S = desktop.screens;
const C = desktop.controls;

function setup(deviations: DesktopDeviation[] = []) {
  const clock = new ManualClock();
  const server = new FakeDeviceServer(clock);
  return { server, app: createDesktopApp({ clock, rng: seededRng(3), http: server, server: 'http://org.test', deviations }) };
}

describe('desktop sim: usable by a person (issue 10)', () => {
  it('a wrong key shows PAIRING_KEY_INVALID with the app’s own sentence', async () => {
    const { app } = setup();
    app.type(C.pairingKeyInput, 'not-a-key');
    await app.tap(C.pair);
    expect(app.snapshot()).toMatchObject({ screen: S.error, values: { [C.errorCode]: 'PAIRING_KEY_INVALID', [C.errorMessage]: 'This pairing key is not valid. Check the key and try again.' } });
  });

  it('Create PIN states the length and the distinct digits of the policy; fields are labelled', async () => {
    const { app, server } = setup();
    expect(app.view().controls.find((c) => c.id === C.pairingKeyInput)).toMatchObject({ label: 'Pairing Key', placeholder: expect.any(String) });
    app.type(C.pairingKeyInput, server.issueKey('erin', { pinLength: 6, pinDistinctDigits6: 3 }));
    await app.tap(C.pair);
    const view = app.view();
    expect(view.screen).toBe(S.pinCreate);
    // The rule is a control of the contract (desktop-pin-rule), so a check reads it by testID on any build.
    expect(app.snapshot().values[C.pinRule]).toMatch(/6-digit PIN with at least 3 different digits, not in ascending or descending sequence/);
    expect(view.controls.find((c) => c.id === C.pinInput)).toMatchObject({ label: 'Enter PIN', placeholder: '6 digits' });
  });

  // The same faults as named deviations (models/deviations.ts): suites/deviations.test.ts proves the checks catch them.
  it("deviations desktop-server-error-text and desktop-unstated-pin-rule show the server's text and no PIN rule", async () => {
    const { app, server } = setup(['desktop-server-error-text', 'desktop-unstated-pin-rule']);
    app.type(C.pairingKeyInput, 'not-a-key');
    await app.tap(C.pair);
    const refused = app.snapshot();
    expect(refused.values[C.errorCode]).toBe('PAIRING_KEY_INVALID');
    expect(refused.values[C.errorMessage]).not.toBe('This pairing key is not valid. Check the key and try again.');
    await app.tap(C.errorBack);
    app.type(C.pairingKeyInput, server.issueKey('erin', { pinLength: 4 }));
    await app.tap(C.pair);
    expect(app.snapshot().screen).toBe(S.pinCreate);
    expect(app.snapshot().values[C.pinRule]).toBeUndefined();
  });
});
