/**
 * The desktop sim against the real reference server over a real port: the pairing key from the
 * portal's Desktop Setup window, Pair, PIN when the policy asks, and the OTP (Copy) typed into
 * the portal's Authentication field signs on; Refresh after the period gives the next OTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../models/runtime.ts';
import { desktop, portal } from '../../models/testids.ts';
import { PortalVisitor, startReferenceServer, type RunningServer } from '../fixtures/reference.ts';
import { fetchHttpClient } from '../shared/http-client.ts';
import { createDesktopApp, memoryClipboard } from './app.ts';

const S = desktop.screens;
const C = desktop.controls;

async function desktopSetupKey(visitor: PortalVisitor, username: string): Promise<string> {
  await visitor.signOn(username, `${username}-password`);
  await visitor.postForm('/portal/registration/start', {});
  const page = await visitor.get('/portal/desktop-setup');
  const key = page.text.match(new RegExp(`data-testid="${portal.controls.desktopPairingKey}"[^>]*>([^<]+)<`))?.[1];
  if (!key) throw new Error('no pairing key on Desktop Setup');
  return key.trim();
}

describe('desktop sim x reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startReferenceServer({ pin: { length: 6, distinctDigits6: 3 } }, 3);
  });
  afterAll(async () => server.close());

  it('pairs with the Desktop Setup key, refuses the documented PINs, and its copied OTP signs on once', async () => {
    const visitor = new PortalVisitor(server.origin);
    const key = await desktopSetupKey(visitor, 'alice');
    const clipboard = memoryClipboard();
    const app = createDesktopApp({ clock: server.clock, rng: seededRng(1), http: fetchHttpClient(), server: server.origin, clipboard, host: { name: 'alice-laptop', platform: 'macos' } });
    app.type(C.pairingKeyInput, key);
    await app.tap(C.pair);
    expect(app.snapshot().screen).toBe(S.pinCreate);
    for (const pin of ['111111', '123321', '765432', '878787']) {
      app.type(C.pinInput, pin);
      await app.tap(C.pinNext);
      expect(app.snapshot().screen).toBe(S.pinCreate);
    }
    app.type(C.pinInput, '258036');
    await app.tap(C.pinNext);
    app.type(C.pinConfirmInput, '258036');
    await app.tap(C.pinDone);
    expect(app.snapshot().screen).toBe(S.otp);

    await visitor.get('/portal/pairing/continue');
    expect(visitor.url).toMatch(/\/portal\/otp$/);
    await app.tap(C.otpCopy);
    expect(clipboard.text).toMatch(/^\d{6}$/);
    const signedOn = await visitor.postForm('/portal/otp', { otp: clipboard.text });
    expect(signedOn.text).toContain(`data-testid="${portal.controls.successCheck}"`);

    // The same OTP again is refused; after the period, Refresh shows a new one that works.
    const replay = new PortalVisitor(server.origin);
    await replay.signOn('alice', 'alice-password');
    expect(replay.url).toMatch(/\/portal\/otp$/);
    const refused = await replay.postForm('/portal/otp', { otp: clipboard.text });
    expect(refused.text).toContain('OTP_REPLAYED');
    server.clock.advance(30_000);
    await app.tap(C.otpRefresh);
    await app.tap(C.otpCopy);
    const fresh = await replay.postForm('/portal/otp', { otp: clipboard.text });
    expect(fresh.text).toContain(`data-testid="${portal.controls.successCheck}"`);
  });

  it('a second profile pairs on its own with another user', async () => {
    const visitor = new PortalVisitor(server.origin);
    const key = await desktopSetupKey(visitor, 'bob');
    const app = createDesktopApp({ clock: server.clock, rng: seededRng(2), http: fetchHttpClient(), server: server.origin });
    await app.tap(C.addProfile);
    app.type(C.profileNameInput, 'Bob at work');
    await app.tap(C.profileCreate);
    app.type(C.pairingKeyInput, key);
    await app.tap(C.pair);
    app.type(C.pinInput, '246813');
    await app.tap(C.pinNext);
    app.type(C.pinConfirmInput, '246813');
    await app.tap(C.pinDone);
    expect(app.snapshot()).toMatchObject({ screen: S.otp, values: { [C.profileName]: 'Bob at work' } });
    const user = (await (await fetch(`${server.origin}/test/v1/users/bob`)).json()) as { devices?: { profile?: string; name?: string }[] };
    expect(JSON.stringify(user)).toContain('Bob at work');
    await app.tap(C.profileItem, 'Default');
    expect(app.snapshot().screen).toBe(S.pairing);
  });
});
