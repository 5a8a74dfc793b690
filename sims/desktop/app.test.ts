/** The desktop sim's logic against the test-only fake device API; app.integration.test.ts uses the real server. */
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { ManualClock, seededRng } from '../../models/runtime.ts';
import { desktop } from '../../models/testids.ts';
import { FakeDeviceServer } from '../fixtures/fake-device-server.ts';
import { memoryKeystore } from '../shared/keystore.ts';
import { createDesktopApp, memoryClipboard, type DesktopAppOptions } from './app.ts';

const S = desktop.screens;
const C = desktop.controls;

function setup(extra: Partial<DesktopAppOptions> = {}) {
  const clock = new ManualClock();
  const server = new FakeDeviceServer(clock);
  const clipboard = memoryClipboard();
  const keystore = memoryKeystore();
  const app = createDesktopApp({ clock, rng: seededRng(3), http: server, server: 'http://org.test', clipboard, keystore, ...extra });
  return { clock, server, clipboard, keystore, app };
}

const totp = (secret: string, clock: ManualClock): string => generateSync({ secret, epoch: Math.floor(clock.now() / 1000) });

describe('desktop sim (seed 002)', () => {
  it('pairs with a key, shows the OTP, Copy copies it, Refresh shows the next one after the period', async () => {
    const { app, server, clock, clipboard } = setup();
    expect(app.snapshot()).toMatchObject({ screen: S.pairing, values: { [C.profileName]: 'Default', [C.pair]: 'Pair' } });
    app.type(C.pairingKeyInput, server.issueKey('dave'));
    await app.tap(C.pair);
    const secret = server.devices[0]!.otpSecret;
    expect(server.devices[0]!.completion.device).toMatchObject({ kind: 'desktop', profile: 'Default' });
    expect(app.snapshot()).toMatchObject({ screen: S.otp, values: { [C.otpValue]: totp(secret, clock), [C.otpCopy]: 'Copy', [C.otpRefresh]: 'Refresh' } });
    await app.tap(C.otpCopy);
    expect(clipboard.text).toBe(totp(secret, clock));
    const first = clipboard.text;
    clock.advance(30_000);
    expect(app.snapshot().values[C.otpValue]).toBe(first); // shown until Refresh
    await app.tap(C.otpRefresh);
    expect(app.snapshot().values[C.otpValue]).toBe(totp(secret, clock));
    expect(app.snapshot().values[C.otpValue]).not.toBe(first);
  });

  it('refuses the documented PINs 1111, 123321, 8787, 765432 and a differing re-entry', async () => {
    for (const distinct6 of [3, 4] as const) {
      const { app, server } = setup();
      app.type(C.pairingKeyInput, server.issueKey('erin', { pinLength: 4, pinDistinctDigits6: distinct6 }));
      await app.tap(C.pair);
      expect(app.snapshot().screen).toBe(S.pinCreate);
      for (const [pin, code] of [['1111', 'PIN_TOO_FEW_DISTINCT'], ['8787', 'PIN_TOO_FEW_DISTINCT'], ['1234', 'PIN_SEQUENCE'], ['123', 'PIN_TOO_SHORT']]) {
        app.type(C.pinInput, pin!);
        await app.tap(C.pinNext);
        expect(app.snapshot().values[C.pinError]).toBe(code);
      }
      app.type(C.pinInput, '2580');
      await app.tap(C.pinNext);
      app.type(C.pinConfirmInput, '2581');
      await app.tap(C.pinDone);
      expect(app.snapshot()).toMatchObject({ screen: S.pinCreate, values: { [C.pinError]: 'PIN_MISMATCH' } });
      const six = setup();
      six.app.type(C.pairingKeyInput, six.server.issueKey('erin', { pinLength: 6, pinDistinctDigits6: distinct6 }));
      await six.app.tap(C.pair);
      for (const pin of ['123321', '765432', '111111']) {
        six.app.type(C.pinInput, pin);
        await six.app.tap(C.pinNext);
        expect(six.app.snapshot().screen).toBe(S.pinCreate);
        expect(six.app.snapshot().values[C.pinError]).toMatch(/^PIN_/);
      }
      six.app.type(C.pinInput, '258036');
      await six.app.tap(C.pinNext);
      six.app.type(C.pinConfirmInput, '258036');
      await six.app.tap(C.pinDone);
      expect(six.app.snapshot().screen).toBe(S.otp);
      expect(six.server.devices[0]!.completion.pin).toEqual({ configured: true, length: 6 });
    }
  });

  it('deviation desktop-accept-pin-mismatch pairs with a differing re-entry', async () => {
    const { app, server } = setup({ deviations: ['desktop-accept-pin-mismatch'] });
    app.type(C.pairingKeyInput, server.issueKey('erin', { pinLength: 4 }));
    await app.tap(C.pair);
    app.type(C.pinInput, '2580');
    await app.tap(C.pinNext);
    app.type(C.pinConfirmInput, '9999');
    await app.tap(C.pinDone);
    expect(app.snapshot().screen).toBe(S.otp);
  });

  it('profiles: Add Profile, name, Create; each profile pairs on its own; empty names refused', async () => {
    const { app, server, clock, keystore } = setup();
    await app.tap(C.addProfile);
    await app.tap(C.profileCreate);
    expect(app.snapshot()).toMatchObject({ screen: S.profileCreate, values: { [C.errorCode]: 'PROFILE_NAME_REQUIRED' } });
    app.type(C.profileNameInput, 'Work');
    await app.tap(C.profileCreate);
    expect(app.snapshot()).toMatchObject({ screen: S.pairing, values: { [C.profileName]: 'Work', [C.profileItem]: ['Default', 'Work'] } });
    app.type(C.pairingKeyInput, server.issueKey('frank'));
    await app.tap(C.pair);
    await app.tap(C.addProfile);
    app.type(C.profileNameInput, 'Work');
    await app.tap(C.profileCreate);
    expect(app.snapshot().values[C.errorCode]).toBe('PROFILE_NAME_TAKEN');
    app.type(C.profileNameInput, 'Lab');
    await app.tap(C.profileCreate);
    app.type(C.pairingKeyInput, server.issueKey('grace'));
    await app.tap(C.pair);
    expect(server.devices.map((d) => d.completion.device.profile)).toEqual(['Work', 'Lab']);
    await app.tap(C.profileItem, 'Work');
    expect(app.snapshot().values[C.otpValue]).toBe(totp(server.devices[0]!.otpSecret, clock));
    await app.tap(C.profileItem, 'Default');
    expect(app.snapshot().screen).toBe(S.pairing);
    // A relaunch keeps the profiles and pairings.
    const again = createDesktopApp({ clock, rng: seededRng(4), http: server, server: 'http://org.test', keystore });
    expect(again.profiles().names).toEqual(['Default', 'Work', 'Lab']);
  });

  it('wrong, used keys and an unreachable server are error screens', async () => {
    const { app, server } = setup();
    app.type(C.pairingKeyInput, '0000 0000 0000');
    await app.tap(C.pair);
    expect(app.snapshot()).toMatchObject({ screen: S.error, values: { [C.errorCode]: 'PAIRING_KEY_INVALID' } });
    await app.tap(C.errorBack);
    server.offline = true;
    app.type(C.pairingKeyInput, server.issueKey());
    await app.tap(C.pair);
    expect(app.snapshot().values[C.errorCode]).toBe('NETWORK_ERROR');
  });
});
