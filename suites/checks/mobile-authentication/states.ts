/**
 * Which checks run at which mobile-authentication state (seed 001, second half): called from
 * `suites/assertions/mobile-authentication.ts` after the screen check, on every visit.
 */
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import * as R from '../mobile-pairing/request.ts';
import * as Passcode from '../portal/passcode.ts';
import * as Pending from './pending-request.ts';
import * as Pin from './pin-entry.ts';

export async function checkMobileAuthenticationState(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  if (event === 'PASSCODE.SUBMIT') return Passcode.passcodeCheckFor(state, ctx.modelRequirements, Passcode.ensureAuthenticationPasscodeSignsOn, Passcode.ensureAuthenticationPasscodeRefusedWhenWrong)(ctx, world);
  switch (state) {
    case 'notification':
      if (event === undefined) await R.ensureAuthRequestAsksToSignOn(ctx, world);
      return;
    case 'authRequest':
      // Issue 10: the passcode without denying, and what tells this request from an older one.
      await Pending.ensurePendingRequestOffersThePasscode(ctx, world);
      await Pending.ensureRequestSaysWhenWhereAndWhichBrowser(ctx, world);
      if (event === 'BIOMETRICS.DECLINE') return R.ensureAuthBiometricConsentAskedFirst(ctx, world, true);
      return R.ensureAuthRequestAsksToSignOn(ctx, world);
    case 'biometricConsent':
      return R.ensureAuthBiometricConsentAskedFirst(ctx, world, false);
    case 'pinEntry':
      if (event === 'NOTIFICATION.APPROVE' || event === 'NOTIFICATION.OPEN') return Pin.ensurePinAskedBeforeApproving(ctx, world);
      if (event === 'PIN.ENTER') return Pin.ensureWrongAppPinRefusedAsPinWrong(ctx, world);
      if (event === 'CLOCK.ADVANCE') return Pin.ensurePinEntryOpensAfterTheBlock(ctx, world);
      return;
    case 'pinBlocked':
      return Pin.ensurePinBlockedAfterTheLastAttempt(ctx, world);
    case 'success':
      if (event === 'NOTIFICATION.APPROVE' || event === 'REQUEST.APPROVE' || event === 'PIN.ENTER') await R.ensureApprovedFromNotificationSignsOn(ctx, world, true);
      if (event === 'BIOMETRICS.ALLOW') await R.ensureBiometricAuthenticationSignsOn(ctx, world, true);
      return R.ensureAuthenticationSuccessShowsTheCheckMark(ctx, world, true);
    case 'denied':
      return R.ensureDeniedAuthenticationRefusesAccess(ctx, world, true);
    case 'timedOut':
      return R.ensureLateAuthenticationTimesOut(ctx, world, true);
  }
}
