/**
 * mobile-pairing (seed 000 steps 1-10; seed 001 "Pairing"): each model event as the portal
 * user or the phone's owner performs it in the embedded world.
 */
import { portal } from '../../models/testids.ts';
import { mobile } from '../../models/testids.ts';
import type { ModelEvent } from '../../models/driver.ts';
import type { PathWorld } from '../port/world.ts';
import { assertMobilePairing } from '../assertions/mobile-pairing.ts';
import { blankPng, expireKeys, qrPng, useUpKey, wrongKey } from './keys.ts';
import { answerPinIfAsked, attachMobile, tap, typeAndTap } from './mobile.ts';
import { notePasscodeShown, submitPasscode } from './passcode.ts';
import { freshAddDevice, portalKey, signOn, startRegistration } from './portal.ts';
import type { Executor, MachineBinding, Step } from './types.ts';
import { mobilePairingSecurityProbes, withSecurityProbes } from '../checks/security/probes.ts';

const M = mobile.controls;

/** The key (and QR image) the test hands the phone for a `QR.SCAN`/`KEY.ENTER` of this kind. */
async function keyFor(world: PathWorld, kind: string, ctx: Step): Promise<{ key: string; png: () => Promise<Uint8Array> }> {
  if (kind === 'wrong') {
    const key = wrongKey(world);
    return { key, png: () => qrPng(key) };
  }
  await freshAddDevice(world, ctx);
  const key = portalKey(world);
  const portalPng = await world.portal.image(portal.controls.qrImage);
  if (!key || !portalPng) throw new Error('the portal shows no pairing key / QR code on Add a New Device');
  ctx.attach({ name: 'pairing QR code (portal)', contentType: 'image/png', body: portalPng });
  if (kind === 'used') {
    await useUpKey(world, key);
    world.memo.set('portalKeyStale', true);
  }
  if (kind === 'expired') {
    await expireKeys(world);
    world.memo.set('portalKeyStale', true);
  }
  return { key, png: async () => portalPng };
}

const scanQr: Executor = async (world, event, ctx) => {
  const kind = String(event.qr);
  world.memo.set('keyKind', kind);
  if (kind === 'unreadable') await world.mobile.scan(blankPng());
  else if (kind === 'not-pairing') await world.mobile.scan(await qrPng('https://example.com/not-a-pairing-code'));
  else await world.mobile.scan(await (await keyFor(world, kind, ctx)).png());
  attachMobile(world, ctx);
};

const enterKey: Executor = async (world, event, ctx) => {
  const kind = String(event.key);
  world.memo.set('keyKind', kind);
  const { key } = await keyFor(world, kind, ctx);
  // Typed as shown: grouped in fours, as the portal prints it (seed 000 step 7 note).
  await typeAndTap(world, M.pairingKeyInput, key.replace(/(.{4})(?=.)/g, '$1 '), M.pairingKeySubmit, ctx);
};

/** The approval window closes (no real waiting: the server clock moves), then the late answer is refused. */
const approvalTimeout: Executor = async (world, _event, ctx) => {
  await world.control.advanceClock(world.policy.push.totalTimeoutSeconds * 1000 + 1000);
  const screen = world.mobile.snapshot().screen;
  if (screen === mobile.screens.biometricConsent) await tap(world, M.biometricAllow, ctx);
  else await tap(world, M.approve, ctx);
  await answerPinIfAsked(world, ctx);
};

const approveWith = (control: typeof M.approve | typeof M.biometricAllow): Executor => async (world, _e, ctx) => {
  await tap(world, control, ctx);
  await answerPinIfAsked(world, ctx);
};

const gesture = (control: (typeof M)[keyof typeof M]): Executor => (world, _e, ctx) => tap(world, control, ctx);

export const mobilePairingBinding: MachineBinding = {
  machine: 'mobile-pairing',
  executors: {
    'SIGNON.SUBMIT': { role: 'portal', run: (w, e, ctx) => signOn(w, e.credentials === 'valid' ? 'valid' : 'wrong', ctx) },
    'REGISTRATION.START': { role: 'portal', run: (w, _e, ctx) => startRegistration(w, ctx) },
    'APP.OPEN': {
      role: 'mobile',
      run: async (w, e: ModelEvent, ctx) => {
        await w.mobile.reinstall({ biometricsEnrolled: e.biometrics !== 'none', biometricsMatch: true });
        attachMobile(w, ctx);
      },
    },
    'BIOMETRICS.ENROLLED': {
      role: 'mobile',
      run: async (w, _e, ctx) => {
        // The owner sets up biometrics in the phone's settings and opens the app again.
        await w.mobile.reinstall({ biometricsEnrolled: true, biometricsMatch: true });
        attachMobile(w, ctx);
      },
    },
    'WELCOME.CONTINUE': { role: 'mobile', run: gesture(M.welcomeContinue) },
    'NOTIFICATIONS.CONTINUE': { role: 'mobile', run: gesture(M.notificationsContinue) },
    'NOTIFICATIONS.ALLOW': { role: 'mobile', run: gesture(M.notificationsAllow) },
    'NOTIFICATIONS.DENY': { role: 'mobile', run: gesture(M.notificationsDeny) },
    'SCAN.TAP': { role: 'mobile', run: gesture(M.scan) },
    'CAMERA.ALLOW': { role: 'mobile', run: gesture(M.cameraAllow) },
    'CAMERA.DENY': { role: 'mobile', run: gesture(M.cameraDeny) },
    'QR.SCAN': { role: 'mobile', run: scanQr },
    'KEY.OPEN': { role: 'mobile', run: gesture(M.enterPairingKey) },
    'KEY.ENTER': { role: 'mobile', run: enterKey },
    'ERROR.BACK': { role: 'mobile', run: gesture(M.errorBack) },
    'PIN.SUBMIT': { role: 'mobile', run: (w, e, ctx) => typeAndTap(w, M.pinInput, String(e.pin), M.pinNext, ctx) },
    'PIN.CONFIRM': {
      role: 'mobile',
      run: async (w, e, ctx) => {
        await typeAndTap(w, M.pinConfirmInput, String(e.pin), M.pinConfirmDone, ctx);
        if (w.mobile.snapshot().screen !== mobile.screens.pinCreate) w.memo.set('pin', String(e.pin));
      },
    },
    'LOCATION.CONTINUE': { role: 'mobile', run: gesture(M.locationContinue) },
    'LOCATION.ALLOW': { role: 'mobile', run: gesture(M.locationAllow) },
    'LOCATION.DENY': { role: 'mobile', run: gesture(M.locationDeny) },
    'REQUEST.ARRIVE': {
      role: 'mobile',
      run: async (w, _e, ctx) => {
        notePasscodeShown(w, 'mobile'); // the person has the OTP screen in front of them until the request comes
        await w.mobile.refresh();
        attachMobile(w, ctx);
      },
    },
    'REQUEST.APPROVE': { role: 'mobile', run: approveWith(M.approve) },
    'REQUEST.BIOMETRICS': { role: 'mobile', run: gesture(M.useBiometrics) },
    'BIOMETRICS.ALLOW': { role: 'mobile', run: approveWith(M.biometricAllow) },
    'BIOMETRICS.DECLINE': { role: 'mobile', run: gesture(M.biometricDeny) },
    'REQUEST.DENY': { role: 'mobile', run: gesture(M.deny) },
    'APPROVAL.TIMEOUT': { role: 'control', run: approvalTimeout },
    'PASSCODE.SUBMIT': { role: 'portal', run: (w, e, ctx) => submitPasscode(w, String(e.otp), ctx) },
  },
  assert: withSecurityProbes(assertMobilePairing, mobilePairingSecurityProbes),
  // Seed 000 step 1 starts at the sign-on page.
  setUp: async (w) => {
    await w.portal.get('/portal/signon');
  },
};
