/**
 * desktop-pairing (seed 002 steps 1-5): the portal's Desktop Setup key typed into the desktop
 * app, optional profile, PIN when the policy sets one, then the OTP with Copy and Refresh. A user
 * who already has a device (a TOTP authenticator set up through test control) signs on with its
 * passcode and adds the desktop app from My Devices (seed 002 "About this task").
 */
import { generate } from 'otplib';
import { desktop, portal } from '../../models/testids.ts';
import { assertDesktopPairing } from '../assertions/desktop-pairing.ts';
import type { PathWorld } from '../port/world.ts';
import { attachDesktop, dtap, dtype } from './desktop.ts';
import { expireKeys, useUpKey, wrongKey } from './keys.ts';
import { attachPortal, freshAddDevice, portalKey, portalScreen, signOn, startRegistration } from './portal.ts';
import type { Executor, MachineBinding, Step } from './types.ts';

const D = desktop.controls;

/** Desktop Setup with a key that can still pair (a new one after a key was used up or expired on purpose). */
async function freshDesktopSetup(world: PathWorld, ctx: Step): Promise<string> {
  if (world.memo.get('portalKeyStale') && world.memo.get('existingDeviceId')) {
    await addDeviceFromMyDevices(world, ctx);
    await world.portal.follow(portal.controls.chooseDesktop);
    attachPortal(world, ctx);
  } else if (world.memo.get('portalKeyStale') || portalScreen(world) !== portal.screens.desktopSetup) {
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

/** A user who already has a device paired: (re)created with one TOTP authenticator, then signs on. */
const signOnPairedUser: Executor = async (world, _event, ctx) => {
  const seeded = await world.control.seedUser(world.username, world.password, [{ kind: 'totp', name: 'Authenticator' }]);
  world.memo.set('existingDeviceId', seeded.devices[0]!.id);
  world.memo.set('existingDeviceOtp', seeded.devices[0]!.otp);
  ctx.attach({ name: 'existing device', contentType: 'application/json', body: JSON.stringify({ id: seeded.devices[0]!.id, kind: 'totp' }) });
  await signOn(world, 'valid', ctx);
};

/** The existing device's current passcode, typed into the Authentication field, Sign On. */
const passcodeOfExistingDevice: Executor = async (world, _event, ctx) => {
  // The test set that authenticator up (it is the enrolling party): its code is RFC 6238 of the seed it got, at the server's time.
  const seed = world.memo.get('existingDeviceOtp') as { secret: string; digits: 6 | 8; period: number; algorithm: 'sha1' | 'sha256' | 'sha512' } | undefined;
  if (!seed) throw new Error('the existing device was not set up');
  const otp = await generate({ ...seed, epoch: Math.floor(world.clock.now() / 1000) });
  ctx.attach({ name: 'existing authenticator', contentType: 'text/plain', body: `RFC 6238 code of the TOTP seed the test enrolled: ${otp}` });
  await world.portal.submit(portal.controls.otpSignOn, { [portal.controls.otpField]: otp });
  attachPortal(world, ctx);
};

/**
 * A user with a device already paired asks for a new key where they asked first (seed 002 "About
 * this task"): My Devices, Add a New Device; signed on again with that device when the portal
 * session ended meanwhile (a key left to expire moves the clock past it).
 */
async function addDeviceFromMyDevices(world: PathWorld, ctx: Step): Promise<void> {
  await world.portal.get('/portal/my-devices');
  if (portalScreen(world) !== portal.screens.myDevices) {
    await world.portal.get('/portal/signon');
    await signOn(world, 'valid', ctx);
    await passcodeOfExistingDevice(world, { type: 'AUTH.PASSCODE' }, ctx);
    await world.portal.get('/portal/my-devices');
  }
  await world.portal.submit(portal.controls.myDevicesAdd);
  world.memo.delete('portalKeyStale');
}

export const desktopPairingBinding: MachineBinding = {
  machine: 'desktop-pairing',
  setUp: async (w) => {
    await w.portal.get('/portal/signon');
  },
  executors: {
    'SIGNON.SUBMIT': {
      role: 'portal',
      run: (w, e, ctx) => (e.user === 'paired' ? signOnPairedUser(w, e, ctx) : signOn(w, e.credentials === 'valid' ? 'valid' : 'wrong', ctx)),
    },
    'AUTH.PASSCODE': { role: 'portal', run: passcodeOfExistingDevice },
    'MY_DEVICES.OPEN': {
      role: 'portal',
      run: async (w, _e, ctx) => {
        await w.portal.follow(portal.controls.myDevicesLink);
        attachPortal(w, ctx);
      },
    },
    'MY_DEVICES.ADD': {
      role: 'portal',
      run: async (w, _e, ctx) => {
        await w.portal.submit(portal.controls.myDevicesAdd);
        attachPortal(w, ctx);
      },
    },
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
    'PROFILE.CREATE': {
      role: 'desktop',
      run: async (w, e, ctx) => {
        // A valid name is one the app takes: a person adding a second profile names it apart from
        // the first (the app refuses a name in use, PROFILE_NAME_TAKEN, which the model leaves out).
        const created = Number(w.memo.get('profilesCreated') ?? 0);
        const name = e.name === 'valid' ? (created === 0 ? 'Work' : `Work ${created + 1}`) : '';
        await dtype(w, D.profileNameInput, name, D.profileCreate, ctx);
        if (name !== '') {
          w.memo.set('profilesCreated', created + 1);
          w.memo.set('desktopProfileTyped', name);
        }
      },
    },
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
  supports(event, variant) {
    if (event.type === 'SIGNON.SUBMIT' && event.user === 'paired' && variant.policy.devices.max < 2) {
      return { reason: 'My Devices adds a device only when the policy allows more than one (DSK-PAIR-MY-DEVICES); this variant allows one device (devices=one)' };
    }
    return true;
  },
};
