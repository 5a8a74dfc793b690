/** The sim implementation of the app port: capabilities declared, not-applicable operations refused with their reason, device settings read live. */
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeQr } from '../../../models/qr.ts';
import { ManualClock, seededRng } from '../../../models/runtime.ts';
import { desktop, mobile } from '../../../models/testids.ts';
import { FakeDeviceServer } from '../../../sims/fixtures/fake-device-server.ts';
import { appOperations, PortNoControl, PortTimeout, PortUnsupported, unsupportedReason } from '../../port/app-port.ts';
import { SimDesktopPort, SimMobilePort } from './app-port.ts';

function setup() {
  const clock = new ManualClock();
  const server = new FakeDeviceServer(clock);
  const options = { clock, rng: seededRng(5), http: server, server: 'http://org.test' };
  return { server, phone: new SimMobilePort(options), pc: new SimDesktopPort(options) };
}

describe('sim app port', () => {
  it('declares every operation, supported or with a reason', () => {
    const { phone, pc } = setup();
    for (const port of [phone, pc]) expect(Object.keys(port.capabilities).sort()).toEqual([...appOperations].sort());
    expect(unsupportedReason(phone.capabilities, ['tap', 'screenshot'])).toMatch(/^screenshot: .*snapshot is the evidence/);
    expect(unsupportedReason(pc.capabilities, ['tap', 'clipboard'])).toBeUndefined();
  });

  it('refuses a not-applicable operation with PortUnsupported, a missing control with PortNoControl, a wrong screen with PortTimeout', async () => {
    const { phone, pc } = setup();
    await expect(phone.readClipboard()).rejects.toBeInstanceOf(PortUnsupported);
    await expect(pc.showToCamera()).rejects.toThrow(/pairs by key only/);
    await expect(phone.tap(mobile.controls.approve)).rejects.toBeInstanceOf(PortNoControl);
    await expect(phone.waitForScreen(mobile.screens.scan)).rejects.toBeInstanceOf(PortTimeout);
  });

  it('pairs through the camera; biometrics set on the device change what the request offers; reinstall forgets, relaunch keeps', async () => {
    const { phone, server } = setup();
    await phone.tap(mobile.controls.welcomeContinue);
    await phone.tap(mobile.controls.notificationsContinue);
    await phone.answerPermission('notifications', 'allow');
    await phone.tap(mobile.controls.scan);
    await phone.answerPermission('camera', 'allow');
    await phone.setDevice({ biometricsEnrolled: false });
    await phone.showToCamera(new Uint8Array(await QRCode.toBuffer(encodeQr({ kind: 'pair', key: server.issueKey('alice') }))));
    const request = await phone.waitForScreen(mobile.screens.authRequest);
    expect(request.values[mobile.controls.useBiometrics]).toBeUndefined();
    await phone.relaunch();
    expect((await phone.screen()).screen).toBe(mobile.screens.accounts);
    await phone.reinstall();
    expect((await phone.screen()).screen).toBe(mobile.screens.welcome);
  });

  it('desktop: Copy writes the OS clipboard the port reads', async () => {
    const { pc, server } = setup();
    await pc.type(desktop.controls.pairingKeyInput, server.issueKey('dave'));
    await pc.tap(desktop.controls.pair);
    const shown = await pc.waitForScreen(desktop.screens.otp);
    await pc.tap(desktop.controls.otpCopy);
    expect(await pc.readClipboard()).toBe(shown.values[desktop.controls.otpValue]);
  });
});
