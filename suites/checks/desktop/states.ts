/**
 * Which checks run at which desktop-pairing and desktop-signon state (seed 002), after which
 * event: called from `suites/assertions/desktop-pairing.ts` and `desktop-signon.ts` on every visit.
 */
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import * as Portal from '../portal/sign-on.ts';
import { checkPortalPairingState } from '../portal/states.ts';
import { brokenPinRules } from '../shared/pin-oracle.ts';
import * as Otp from './otp.ts';
import * as Pair from './pairing.ts';
import * as Pin from './pin.ts';
import { ensureDesktopPinScreenStatesTheRule } from './pin-rule.ts';
import * as Sign from './sign-on.ts';

/** The profile name the person typed on Create (seed 002 step 4), as the executor typed it. */
const typedProfile = (world: PathWorld): string => String(world.memo.get('desktopProfileTyped') ?? 'Work');

export async function checkDesktopPairingState(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  const e = world.lastEvent as Record<string, unknown> | undefined;
  if (event === 'PROFILE.CREATE' && e?.name === 'valid') world.memo.set('desktopProfile', typedProfile(world));
  const keyPaired = event === 'KEY.ENTER' && e?.key === 'valid';
  if (keyPaired) await Pair.ensureKeyPairedThenOtpOrPin(ctx, world, ctx);
  if (state === 'addDevice') await Portal.ensureAddDeviceOffersDesktop(ctx, world);
  if (await checkPortalPairingState(world, state, ctx)) return;
  switch (state) {
    case 'desktopSetup':
      return Portal.ensureDesktopSetupShowsAKeyInPolicyFormat(ctx, world);
    case 'myDevices':
      return Pair.ensureMyDevicesListsThePrimaryAndOffersAdd(ctx, world);
    case 'pairing':
      if (event === 'PROFILE.CREATE') return Pair.ensureProfileNameShownAboveTheKey(ctx, world, typedProfile(world));
      return Pair.ensureDesktopAppOpensOnThePairingKey(ctx, world);
    case 'profileCreate':
      if (event === 'PROFILE.CREATE') return Pair.ensureEmptyProfileNameRefused(ctx, world);
      return Pair.ensureProfileNameShownAboveTheKey(ctx, world, undefined);
    case 'keyRefused': {
      const kind = String(world.memo.get('keyKind'));
      if (kind === 'wrong') return Pair.ensureDesktopMistypedKeysRefused(ctx, world, ctx);
      if (kind === 'expired') return Pair.ensureDesktopKeyLivesExactlyItsLifetime(ctx, world, ctx);
      if (kind === 'used') return Pair.ensureDesktopUsedKeyRefused(ctx, world);
      return;
    }
    case 'pinCreate': {
      await ensureDesktopPinScreenStatesTheRule(ctx, world);
      if (keyPaired) await Pin.ensureDesktopPinAskedAndRequiredByTheServer(ctx, world, ctx);
      if (keyPaired) await Pin.ensureClaimPairsOneDeviceOnce(ctx, world, ctx);
      if (event === 'PIN.SUBMIT') {
        const pin = String(e?.pin);
        const rule = brokenPinRules(pin, world.policy)[0];
        if (rule) await Pin.desktopPinRefusedFor[rule](ctx, world, pin);
      }
      if (event === 'PIN.CONFIRM') await Pin.ensureDesktopPinReentryMustMatch(ctx, world, true);
      await Pin.ensureDesktopPinEdgesRefused(ctx, world, ctx);
      return Pin.ensureSeedPinExamplesRefused(ctx, world, ctx);
    }
    case 'pinConfirm':
      return Pin.ensureDesktopPinReentryMustMatch(ctx, world, false);
    case 'otp':
      await Otp.ensureDesktopOtpShownUnderItsProfile(ctx, world, world.memo.get('desktopProfile') as string | undefined);
      if (event === 'OTP.COPY') await Otp.ensureCopyPutsTheShownOtpOnTheClipboard(ctx, world);
      if (event === 'OTP.REFRESH') await Otp.ensureRefreshShowsTheNextOtp(ctx, world, String(world.memo.get('otpBeforeRefresh') ?? ''));
      return;
    case 'done':
      return Pair.ensureOnePrimaryAfterDesktopPaired(ctx, world, ctx);
  }
}

export async function checkDesktopSignonState(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  switch (state) {
    case 'signOn':
      if (event === 'SIGNON.SUBMIT') await Portal.ensureWrongPasswordRefusedAtSignOn(ctx, world);
      return;
    case 'authentication':
    case 'otpEntered':
      return Sign.ensureAuthenticationFieldOffered(ctx, world);
    case 'otpShown':
      return Otp.ensureDesktopLaunchShowsAnOtp(ctx, world);
    case 'otpCopied':
      await Otp.ensureSignOnCopyPutsTheShownOtpOnTheClipboard(ctx, world);
      return Sign.ensureAuthenticationFieldOffered(ctx, world);
    case 'otpRefused': {
      const kind = String(world.memo.get('pastedKind'));
      if (kind === 'wrong') return Sign.ensureWrongDesktopOtpRefused(ctx, world);
      if (kind === 'expired') return Sign.ensureExpiredDesktopOtpRefused(ctx, world);
      if (kind === 'replayed') return Sign.ensureReplayedDesktopOtpRefused(ctx, world);
      return;
    }
    case 'success':
      return Sign.ensureDesktopOtpSignsOn(ctx, world);
    case 'locked':
      return Sign.ensureDesktopSignOnLocked(ctx, world);
    case 'deviceChanged':
      return Sign.ensureChangeDeviceListsTheDevices(ctx, world);
  }
}
