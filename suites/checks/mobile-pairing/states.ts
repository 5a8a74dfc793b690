/**
 * Which checks run at which mobile-pairing state (seed 000, seed 001 "Pairing"), after which
 * event: called from `suites/assertions/mobile-pairing.ts` after the screen check, on every visit.
 */
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import * as Pending from '../mobile-authentication/pending-request.ts';
import * as Passcode from '../portal/passcode.ts';
import { checkPortalPairingState } from '../portal/states.ts';
import { brokenPinRules } from '../shared/pin-oracle.ts';
import { ensurePinScreenStatesTheRule } from './pin-rule.ts';
import * as K from './keys.ts';
import * as L from './location.ts';
import * as O from './onboarding.ts';
import * as B from './policy-refusals.ts';
import * as Pin from './pin.ts';
import * as R from './request.ts';

export async function checkMobilePairingState(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  const e = world.lastEvent as Record<string, unknown> | undefined;
  const keyAccepted = (event === 'QR.SCAN' && e?.qr === 'valid') || (event === 'KEY.ENTER' && e?.key === 'valid');
  if (keyAccepted) await (event === 'QR.SCAN' ? K.ensureScannedKeyWasClaimedOnce : K.ensureTypedKeyWasClaimedOnce)(ctx, world, ctx);
  if (event === 'PASSCODE.SUBMIT') return Passcode.passcodeCheckFor(state, ctx.modelRequirements, Passcode.ensurePairingPasscodeSignsOn, Passcode.ensurePairingPasscodeRefusedWhenWrong)(ctx, world);
  if (await checkPortalPairingState(world, state, ctx)) return;
  switch (state) {
    case 'welcome':
      return O.ensureWelcomeLinksTheTerms(ctx, world);
    case 'biometricsMissing':
      return B.ensureNoPairingWithoutRequiredBiometrics(ctx, world, ctx);
    case 'notifications':
      if (event === 'WELCOME.CONTINUE') await O.ensureWelcomeContinueAsksForNotifications(ctx, world);
      if (event === 'NOTIFICATIONS.DENY') await O.ensureDeniedNotificationsKeepTheirScreen(ctx, world);
      await O.ensureAllPermissionsAdvised(ctx, world);
      return O.ensureNotificationsScreenLeadsToThePrompt(ctx, world);
    case 'notificationsPrompt':
      return O.ensureNotificationsScreenLeadsToThePrompt(ctx, world);
    case 'scan':
      if (event === 'NOTIFICATIONS.ALLOW') await O.ensureAllowedNotificationsLeadToScan(ctx, world);
      if (event === 'CAMERA.DENY') await O.ensureCameraDeniedKeepsKeyEntry(ctx, world);
      return O.ensureScanOffersScanAndPairingKey(ctx, world);
    case 'cameraPrompt':
      return O.ensureCameraPromptOffersAllowAndDeny(ctx, world);
    case 'capture':
      return O.ensureCameraAllowedShowsCapture(ctx, world);
    case 'enterKey':
      return O.ensureKeyEntryOffersPair(ctx, world);
    case 'keyRefused': {
      const kind = String(world.memo.get('keyKind'));
      if (kind === 'wrong') return K.ensureMistypedKeysRefused(ctx, world, ctx);
      if (kind === 'expired') return K.ensureKeyLivesExactlyItsLifetime(ctx, world, ctx);
      if (kind === 'unreadable' || kind === 'not-pairing') return K.ensureForeignQrRefusedWithWayBack(ctx, world);
      return;
    }
    case 'pinCreate': {
      await ensurePinScreenStatesTheRule(ctx, world);
      if (keyAccepted) await Pin.ensurePinAskedAndRequiredByTheServer(ctx, world, ctx);
      if (event === 'PIN.SUBMIT') {
        const pin = String(e?.pin);
        const rule = brokenPinRules(pin, world.policy)[0];
        if (rule) await Pin.pinRefusedFor[rule](ctx, world, pin);
      }
      if (event === 'PIN.CONFIRM') await Pin.ensurePinReentryMustMatch(ctx, world, true);
      return Pin.ensurePinEdgesRefused(ctx, world, ctx);
    }
    case 'pinConfirm':
      return Pin.ensurePinReentryMustMatch(ctx, world, false);
    case 'location':
      if (event === 'LOCATION.DENY') await B.ensureNoPairingWithLocationDenied(ctx, world, ctx);
      else await L.ensureLocationAskedWithContinueThenPrompt(ctx, world);
      return L.ensureMostPermissiveLocationAdvised(ctx, world);
    case 'locationPrompt':
      return L.ensureLocationAskedWithContinueThenPrompt(ctx, world);
    case 'otp':
      return R.ensureOtpScreenShowsTheOrganisationsPasscode(ctx, world);
    case 'authRequest':
      // Issue 10: the passcode without denying, and what tells this request from an older one.
      await Pending.ensurePairingRequestOffersThePasscode(ctx, world);
      await Pending.ensureRequestSaysWhenWhereAndWhichBrowser(ctx, world);
      if (event === 'BIOMETRICS.DECLINE') return R.ensureBiometricConsentAskedFirst(ctx, world, true);
      return R.ensureRequestAsksToSignOn(ctx, world);
    case 'biometricConsent':
      return R.ensureBiometricConsentAskedFirst(ctx, world, false);
    case 'success':
      if (event === 'REQUEST.APPROVE') await R.ensureApprovedPairingSignsOn(ctx, world, true);
      if (event === 'BIOMETRICS.ALLOW') await R.ensureBiometricPairingSignsOn(ctx, world, true);
      await R.ensurePairingSuccessShowsTheCheckMark(ctx, world, true);
      return R.ensureOrganisationListedOnAuthenticationTab(ctx, world, ctx);
    case 'denied':
      return R.ensureDeniedPairingRefusesAccess(ctx, world, true);
    case 'timedOut':
      return R.ensureLatePairingAnswerTimesOut(ctx, world, true);
  }
}
