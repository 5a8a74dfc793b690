/**
 * mobile-authentication (seed 001): the user signs on in the portal with a paired phone; the
 * request arrives in the app; approve (with the PIN when the policy sets one), biometrics,
 * deny, let it time out, or type the passcode in the browser.
 */
import { mobile, portal } from '../../models/testids.ts';
import { assertMobileAuthentication } from '../assertions/mobile-authentication.ts';
import type { PathWorld } from '../port/world.ts';
import { answerPinIfAsked, attachMobile, tap } from './mobile.ts';
import { pairMobileFirst } from './pair-mobile.ts';
import { notePasscodeShown, submitPasscode } from './passcode.ts';
import { attachPortal, portalScreen, signOn } from './portal.ts';
import type { Executor, MachineBinding, Step } from './types.ts';

const M = mobile.controls;
const S = mobile.screens;

/**
 * The person acts after the time passed: the app's late answer is refused by the server. A few
 * steps at most (PIN when the app opened from the notification, then Approve, then the PIN).
 */
async function actLate(world: PathWorld, ctx: Step): Promise<void> {
  for (let step = 0; step < 3; step++) {
    const screen = world.mobile.snapshot().screen;
    if (screen === S.biometricConsent) await tap(world, M.biometricAllow, ctx);
    else if (screen === S.pinEntry) {
      // Entry may still be blocked after wrong PINs: the person waits the block out, then answers.
      if (String(world.mobile.snapshot().values[M.pinEntryError] ?? '').includes('PIN_BLOCKED')) await world.control.advanceClock(world.policy.pin.blockSeconds * 1000);
      await world.mobile.type(M.pinEntryInput, String(world.memo.get('pin') ?? ''));
      await tap(world, M.pinEntrySubmit, ctx);
    } else if (screen === S.authRequest) {
      await tap(world, M.approve, ctx);
      await answerPinIfAsked(world, ctx);
    } else return;
  }
}

/** The system notification: 'open' brings the app up (PIN first when set), 'approve' approves from it. */
const fromNotification = (action: 'open' | 'approve'): Executor => async (world, _e, ctx) => {
  const pending = await world.mobile.notification(action);
  if (!pending) throw new Error('no notification pending on the phone for the request the portal sent');
  attachMobile(world, ctx);
};

const approvalTimeout: Executor = async (world, _e, ctx) => {
  await world.control.advanceClock(world.policy.push.totalTimeoutSeconds * 1000 + 1000);
  await actLate(world, ctx);
};

const clockAdvance: Executor = async (world, event, ctx) => {
  await world.control.advanceClock(Number(event.seconds) * 1000);
  const held = await world.control.user(world.username);
  // When the request's window closed meanwhile, the person's next try meets the time-out.
  if (held.requests.at(-1)?.status === 'expired') await actLate(world, ctx);
  attachMobile(world, ctx);
};

const pinEnter: Executor = async (world, event, ctx) => {
  const pin = event.pin === 'correct' ? String(world.memo.get('pin')) : wrongPin(String(world.memo.get('pin')));
  await world.mobile.type(M.pinEntryInput, pin);
  await tap(world, M.pinEntrySubmit, ctx);
};

function wrongPin(pin: string): string {
  return pin.split('').reverse().join('') === pin ? `9${pin.slice(1)}` : pin.split('').reverse().join('');
}

export const mobileAuthenticationBinding: MachineBinding = {
  machine: 'mobile-authentication',
  async setUp(world, ctx) {
    const several = world.policy.devices.max > 1;
    await pairMobileFirst(world, ctx, several);
    await world.portal.get('/portal/signon');
    await signOn(world, 'valid', ctx);
    // With several devices and "Prompt User to Select", the portal lists them: pick the phone.
    if (portalScreen(world) === portal.screens.deviceSelection) {
      const phone = 0; // the world's phone was paired first: it is listed first
      await world.portal.submitNth(portal.controls.deviceOption, phone);
    }
    attachPortal(world, ctx);
    notePasscodeShown(world, 'mobile'); // the Authentication tab, in front of the person until the request comes
    await world.mobile.refresh();
    attachMobile(world, ctx);
  },
  executors: {
    'NOTIFICATION.APPROVE': { role: 'mobile', run: fromNotification('approve') },
    'NOTIFICATION.OPEN': { role: 'mobile', run: fromNotification('open') },
    'PIN.ENTER': { role: 'mobile', run: pinEnter },
    'CLOCK.ADVANCE': { role: 'control', run: clockAdvance },
    'REQUEST.APPROVE': { role: 'mobile', run: async (w, _e, ctx) => { await tap(w, M.approve, ctx); await answerPinIfAsked(w, ctx); } },
    'REQUEST.BIOMETRICS': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.useBiometrics, ctx) },
    'BIOMETRICS.ALLOW': { role: 'mobile', run: async (w, _e, ctx) => { await tap(w, M.biometricAllow, ctx); await answerPinIfAsked(w, ctx); } },
    'BIOMETRICS.DECLINE': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.biometricDeny, ctx) },
    'REQUEST.DENY': { role: 'mobile', run: (w, _e, ctx) => tap(w, M.deny, ctx) },
    'APPROVAL.TIMEOUT': { role: 'control', run: approvalTimeout },
    'PASSCODE.SUBMIT': { role: 'portal', run: (w, e, ctx) => submitPasscode(w, String(e.otp), ctx) },
  },
  assert: assertMobileAuthentication,
};
