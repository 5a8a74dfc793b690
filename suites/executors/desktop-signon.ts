/**
 * desktop-signon (seed 002 step 6): with the desktop app paired, sign on in the portal, copy the
 * app's OTP, paste it in the Authentication field and Sign On; or Change Device.
 */
import { desktop, portal } from '../../models/testids.ts';
import { assertDesktopSignon } from '../assertions/desktop-signon.ts';
import type { PathWorld } from '../port/world.ts';
import { WebClient } from '../drivers/shared/web-client.ts';
import { attachDesktop, dtap, pairDesktopFirst } from './desktop.ts';
import { currentPasscode, passcodeOf } from './passcode.ts';
import { attachPortal, signOn } from './portal.ts';
import type { Executor, MachineBinding, Step } from './types.ts';
import { desktopSignonSecurityProbes, withSecurityProbes } from '../checks/security/probes.ts';

const D = desktop.controls;

/** An OTP that already signed on once: another browser session uses the current code first. */
async function usedOtp(world: PathWorld, ctx: Step): Promise<string> {
  // A code not used yet (after an earlier replay set-up, the next period's), so its first use signs on.
  const otp = (await currentOtp(world, ctx)) || currentPasscode(world, 'desktop');
  const other = new WebClient(world.base);
  await other.get('/portal/signon');
  await other.submit(portal.controls.signOnSubmit, { username: world.username, password: world.password });
  await other.submit(portal.controls.otpSignOn, { otp });
  ctx.attach({ name: 'replay set-up: first use of the OTP', contentType: 'text/plain', body: other.exchanges.join('\n') });
  world.memo.set('usedOtp', otp);
  return otp;
}

/**
 * The current OTP as the person copies it. When the code on the screen has already signed on (the
 * replay set-up used it), the portal says to wait for the next one: the person does, then Refresh
 * and Copy (the clock moves one period; nothing else in this flow depends on time).
 */
async function currentOtp(world: PathWorld, ctx: Step): Promise<string> {
  const copied = (await world.desktop.clipboard()).replace(/\s+/g, '');
  if (copied === '' || copied !== world.memo.get('usedOtp')) return copied;
  await world.control.advanceClock(world.policy.otp.periodSeconds * 1000);
  await dtap(world, D.otpRefresh, ctx);
  await dtap(world, D.otpCopy, ctx);
  return (await world.desktop.clipboard()).replace(/\s+/g, '');
}

const paste: Executor = async (world, event, ctx) => {
  const kind = String(event.otp);
  const otp = kind === 'current' ? await currentOtp(world, ctx) : kind === 'replayed' ? await usedOtp(world, ctx) : await passcodeOf(world, kind, ctx, 'desktop');
  world.memo.set('pastedOtp', otp);
  world.memo.set('pastedKind', kind);
  ctx.attach({ name: 'pasted OTP', contentType: 'text/plain', body: `${kind}: ${otp}` });
};

export const desktopSignonBinding: MachineBinding = {
  machine: 'desktop-signon',
  async setUp(world, ctx) {
    await pairDesktopFirst(world, ctx);
    await world.portal.get('/portal/signon');
  },
  executors: {
    'SIGNON.SUBMIT': { role: 'portal', run: (w, e, ctx) => signOn(w, e.credentials === 'valid' ? 'valid' : 'wrong', ctx) },
    'DESKTOP.LAUNCH': { role: 'desktop', run: (w, _e, ctx) => dtap(w, D.otpRefresh, ctx) },
    'OTP.COPY': { role: 'desktop', run: (w, _e, ctx) => dtap(w, D.otpCopy, ctx) },
    'OTP.PASTE': { role: 'portal', run: paste },
    'SIGNON.CLICK': {
      role: 'portal',
      run: async (w, _e, ctx) => {
        await w.portal.submit(portal.controls.otpSignOn, { [portal.controls.otpField]: String(w.memo.get('pastedOtp') ?? '') });
        attachPortal(w, ctx);
      },
    },
    'DEVICE.CHANGE': {
      role: 'portal',
      run: async (w, _e, ctx) => {
        await w.portal.follow(portal.controls.changeDevice);
        attachPortal(w, ctx);
        attachDesktop(w, ctx);
      },
    },
  },
  assert: withSecurityProbes(assertDesktopSignon, desktopSignonSecurityProbes),
};
