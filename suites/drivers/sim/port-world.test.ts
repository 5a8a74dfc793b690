/** The in-process World of ports: the existing HTTP clients satisfy the API and control ports; a path can run on ports alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../../models/runtime.ts';
import { desktop, portal } from '../../../models/testids.ts';
import { startReferenceServer, type RunningServer } from '../../../sims/fixtures/reference.ts';
import { fetchHttpClient } from '../../../sims/shared/http-client.ts';
import { simPortWorld } from './port-world.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startReferenceServer({}, 41);
});
afterAll(async () => server?.close());

describe('a World of ports on the embedded target', () => {
  it('pairs the desktop app with the key the portal shows and signs on with the OTP pasted from the clipboard', async () => {
    const world = simPortWorld<{ otp: string }>({ clock: server.clock, rng: seededRng(42), http: fetchHttpClient(), server: server.origin, user: { username: 'erin', password: 'erin-password' } });
    expect(await world.control.faults()).toEqual(expect.arrayContaining(['push-not-delivered']));
    await world.control.seedUser(world.user.username, world.user.password);
    const { portal: web } = world;
    const P = portal.controls;
    await web.open('/portal/signon');
    await web.type(P.username, world.user.username);
    await web.type(P.password, world.user.password);
    await web.tap(P.signOnSubmit);
    await web.tap(P.start);
    await web.tap(P.chooseDesktop);
    const key = String((await web.waitForScreen(portal.screens.desktopSetup)).values[P.desktopPairingKey]);
    const pc = world.app('desktop');
    await pc.type(desktop.controls.pairingKeyInput, key);
    await pc.tap(desktop.controls.pair);
    await pc.waitForScreen(desktop.screens.otp);
    await pc.tap(desktop.controls.otpCopy);
    world.notes.otp = await pc.readClipboard();
    // A new sign-on: the desktop device asks for the OTP; the pasted one signs on.
    const again = simPortWorld({ clock: server.clock, rng: seededRng(43), http: fetchHttpClient(), server: server.origin, user: world.user }).portal;
    await again.open('/portal/signon');
    await again.type(P.username, world.user.username);
    await again.type(P.password, world.user.password);
    await again.tap(P.signOnSubmit);
    await again.waitForScreen(portal.screens.otp);
    await again.type(P.otpField, world.notes.otp);
    await again.tap(P.otpSignOn);
    await again.waitForScreen(portal.screens.success);
    expect((await world.api.start()).body).toMatchObject({ status: 'USERNAME_PASSWORD_REQUIRED' }); // the API port reaches the same target
    await world.close();
  });
});
