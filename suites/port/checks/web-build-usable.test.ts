/**
 * The port checks on the in-process ports, and each as the happy path plus one mutation (a build
 * whose request hides the passcode; a build whose Copy leaves the clipboard alone): the mutated
 * build fails the check on its requirement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../../models/runtime.ts';
import { desktop, mobile, portal } from '../../../models/testids.ts';
import { startReferenceServer, type RunningServer } from '../../../sims/fixtures/reference.ts';
import { fetchHttpClient } from '../../../sims/shared/http-client.ts';
import { SimDesktopPort, SimMobilePort } from '../../drivers/sim/app-port.ts';
import { HttpPortalPort } from '../../drivers/sim/portal-port.ts';
import { CheckError } from '../../runner/errors.ts';
import type { AppPort } from '../app-port.ts';
import { ensureCopyPutsTheOtpOnTheClipboard, ensurePasscodeReachableWhilePending } from './web-build-usable.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startReferenceServer({}, 51);
});
afterAll(async () => server?.close());

/** The same port with some operations replaced (the one mutation of a negative test). */
function mutated<P extends object>(port: P, overrides: Partial<P>): P {
  return new Proxy(port, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof P];
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const cited: string[] = [];
const ctx = { cite: (ids: readonly string[]) => void cited.push(...ids) };
const options = () => ({ clock: server.clock, rng: seededRng(52), http: fetchHttpClient(), server: server.origin });

async function signOn(username: string): Promise<HttpPortalPort> {
  const web = new HttpPortalPort(server.origin);
  await web.open('/portal/signon');
  await web.type(portal.controls.username, username);
  await web.type(portal.controls.password, `${username}-password`);
  await web.tap(portal.controls.signOnSubmit);
  return web;
}

/** A phone paired for `username` (key from the portal), on the request of a second sign-on. */
async function phoneOnRequest(username: string): Promise<{ phone: SimMobilePort; web: HttpPortalPort }> {
  await server.app.inject({ method: 'POST', url: '/test/v1/users', payload: { username, password: `${username}-password` } });
  const first = await signOn(username);
  await first.tap(portal.controls.start);
  const key = String((await first.waitForScreen(portal.screens.addDevice)).values[portal.controls.pairingKey]);
  const phone = new SimMobilePort(options());
  await phone.tap(mobile.controls.welcomeContinue);
  await phone.tap(mobile.controls.notificationsContinue);
  await phone.answerPermission('notifications', 'allow');
  await phone.tap(mobile.controls.enterPairingKey);
  await phone.type(mobile.controls.pairingKeyInput, key);
  await phone.tap(mobile.controls.pairingKeySubmit);
  await phone.tap(mobile.controls.approve);
  await phone.tap(mobile.controls.successClose);
  const web = await signOn(username);
  await web.waitForScreen(portal.screens.pushWaiting);
  await phone.receive();
  await phone.waitForScreen(mobile.screens.authRequest);
  return { phone, web };
}

describe('checks on the ports: passcode while pending, Copy to the OS clipboard', () => {
  it('pass on the sims and credit their requirements', async () => {
    const { phone, web } = await phoneOnRequest('gina');
    await ensurePasscodeReachableWhilePending(ctx, phone, web);
    const pc = new SimDesktopPort(options());
    await server.app.inject({ method: 'POST', url: '/test/v1/users', payload: { username: 'hank', password: 'hank-password' } });
    const key = (await server.app.inject({ method: 'POST', url: '/test/v1/pairing-keys', payload: { username: 'hank' } })).json<{ key: string }>().key;
    await pc.type(desktop.controls.pairingKeyInput, key);
    await pc.tap(desktop.controls.pair);
    await ensureCopyPutsTheOtpOnTheClipboard(ctx, pc);
    expect(cited).toEqual(['MOB-AUTH-PASSCODE', 'DSK-PAIR-OTP-COPY']);
  });

  it('fail on a build whose request offers only Deny / Yes / Face ID', async () => {
    const { phone, web } = await phoneOnRequest('ivan');
    const hiding = mutated<AppPort<'mobile'>>(phone, {
      async screen() {
        const shown = await phone.screen();
        const { [mobile.controls.authUsePasscode]: _hidden, ...values } = shown.values;
        return { ...shown, values };
      },
    });
    const failure = await ensurePasscodeReachableWhilePending(ctx, hiding, web).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CheckError);
    expect(failure).toMatchObject({ code: 'PASSCODE_UNREACHABLE', requirements: ['MOB-AUTH-PASSCODE'] });
  });

  it('fail on a build whose Copy writes a clipboard of its own, not the one a paste reads', async () => {
    const pc = new SimDesktopPort(options());
    await server.app.inject({ method: 'POST', url: '/test/v1/users', payload: { username: 'jane', password: 'jane-password' } });
    const key = (await server.app.inject({ method: 'POST', url: '/test/v1/pairing-keys', payload: { username: 'jane' } })).json<{ key: string }>().key;
    await pc.type(desktop.controls.pairingKeyInput, key);
    await pc.tap(desktop.controls.pair);
    const simulated = mutated<AppPort<'desktop'>>(pc, { readClipboard: async () => '' });
    const failure = await ensureCopyPutsTheOtpOnTheClipboard(ctx, simulated).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'CLIPBOARD_NOT_OTP', requirements: ['DSK-PAIR-OTP-COPY'] });
  });
});
