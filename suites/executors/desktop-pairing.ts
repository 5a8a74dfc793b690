/**
 * desktop-pairing (seed 002 steps 1-5): the portal's Desktop Setup key typed into the desktop
 * app, optional profile, PIN when the policy sets one, then the OTP with Copy and Refresh.
 */
import { desktop, portal } from '../../models/testids.ts';
import { assertDesktopPairing } from '../assertions/desktop-pairing.ts';
import type { SimWorld } from '../drivers/sim/world.ts';
import { attachDesktop, dtap, dtype } from './desktop.ts';
import { expireKeys, useUpKey, wrongKey } from './keys.ts';
import { attachPortal, freshAddDevice, portalKey, portalScreen, signOn, startRegistration } from './portal.ts';
import type { Executor, MachineBinding, Step } from './types.ts';

const D = desktop.controls;

/** Desktop Setup with a key that can still pair (a new one after a key was used up or expired on purpose). */
async function freshDesktopSetup(world: SimWorld, ctx: Step): Promise<string> {
  if (world.memo.get('portalKeyStale') || portalScreen(world) !== portal.screens.desktopSetup) {
    await freshAddDevice(world, ctx);
    await world.portal.follow(portal.controls.chooseDesktop);
    attachPortal(world, ctx);
  }
  const key = portalKey(world);
  if (!key) throw new Error('the portal shows no pairing key on Desktop Setup');
  return key;
}

const enterKey: Executor = async (world, event, ctx) => {
  const kind = String(event.key);
  world.memo.set('keyKind', kind);
  let key: string;
  if (kind === 'wrong') key = wrongKey(world);
  else {
    key = await freshDesktopSetup(world, ctx);
    if (kind === 'used') await useUpKey(world, key);
    if (kind === 'expired') await expireKeys(world);
    if (kind !== 'valid') world.memo.set('portalKeyStale', true);
  }
  await dtype(world, D.pairingKeyInput, key.replace(/(.{4})(?=.)/g, '$1 '), D.pair, ctx);
};

export const desktopPairingBinding: MachineBinding = {
  machine: 'desktop-pairing',
  setUp: async (w) => {
    await w.portal.get('/portal/signon');
  },
  executors: {
    'SIGNON.SUBMIT': { role: 'portal', run: (w, e, ctx) => signOn(w, e.credentials === 'valid' ? 'valid' : 'wrong', ctx) },
    'REGISTRATION.START': { role: 'portal', run: (w, _e, ctx) => startRegistration(w, ctx) },
    'DEVICE.CHOOSE_DESKTOP': {
      role: 'portal',
      run: async (w, _e, ctx) => {
        await w.portal.follow(portal.controls.chooseDesktop);
        attachPortal(w, ctx);
      },
    },
    'DESKTOP.LAUNCH': { role: 'desktop', run: async (w, _e, ctx) => attachDesktop(w, ctx) },
    'PROFILE.ADD': { role: 'desktop', run: (w, _e, ctx) => dtap(w, D.addProfile, ctx) },
    'PROFILE.CREATE': { role: 'desktop', run: (w, e, ctx) => dtype(w, D.profileNameInput, e.name === 'valid' ? 'Work' : '', D.profileCreate, ctx) },
    'KEY.ENTER': { role: 'desktop', run: enterKey },
    'ERROR.BACK': { role: 'desktop', run: (w, _e, ctx) => dtap(w, D.errorBack, ctx) },
    'PIN.SUBMIT': { role: 'desktop', run: (w, e, ctx) => dtype(w, D.pinInput, String(e.pin), D.pinNext, ctx) },
    'PIN.CONFIRM': { role: 'desktop', run: (w, e, ctx) => dtype(w, D.pinConfirmInput, String(e.pin), D.pinDone, ctx) },
    'OTP.COPY': { role: 'desktop', run: (w, _e, ctx) => dtap(w, D.otpCopy, ctx) },
    'OTP.REFRESH': {
      role: 'desktop',
      run: async (w, _e, ctx) => {
        // A new code comes with the next time step: let one period pass on the server clock.
        w.memo.set('otpBeforeRefresh', w.desktop.snapshot().values[D.otpValue]);
        await w.control.advanceClock(w.policy.otp.periodSeconds * 1000);
        await dtap(w, D.otpRefresh, ctx);
      },
    },
    'APP.CLOSE': { role: 'desktop', run: async (w, _e, ctx) => attachDesktop(w, ctx) },
  },
  assert: assertDesktopPairing,
};
