/**
 * mobile-pairing states (seed 000): the screen each state names, plus the named checks where a
 * documented rule shows (refusal codes, the OTP screen before the request, the portal following
 * the phone's answer).
 */
import type { RequirementId } from '../../models/requirements.ts';
import { mobilePairingMachine } from '../../models/machines/mobile-pairing.ts';
import { mobile } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import type { Step } from '../executors/types.ts';
import { ensure } from '../runner/errors.ts';
import { DeviceApiClient } from '../../sims/shared/device-client.ts';
import { defineCheck } from '../checks/check.ts';
import {
  ensurePasscodeInBrowserSignsOn, ensurePortalRefusesAfterPairingDenied, ensurePortalRefusesAfterPairingTimeOut,
  ensurePortalSignsOnAfterPairingApproval, ensureWrongPasscodeRefusedInBrowser,
} from './portal.ts';
import { ensureStateScreen, ensureValue } from './shared.ts';
import { devicesNamedByTheApi } from '../checks/shared/devices-named-by-the-api.ts';
import { checkMobilePairingState } from '../checks/mobile-pairing/states.ts';

const machine = mobilePairingMachine;

/** The error code the phone must show for each refused key or QR code, and the rule it enforces. */
const refusals: Record<string, { code: string; requirements: RequirementId[] }> = {
  wrong: { code: 'PAIRING_KEY_INVALID', requirements: ['MOB-PAIR-KEY-WRONG'] },
  expired: { code: 'PAIRING_KEY_EXPIRED', requirements: ['MOB-PAIR-KEY-EXPIRY'] },
  used: { code: 'PAIRING_KEY_USED', requirements: ['MOB-PAIR-KEY-SINGLE-USE'] },
  unreadable: { code: 'QR_UNREADABLE', requirements: ['MOB-PAIR-QR-INVALID'] },
  'not-pairing': { code: 'QR_NOT_PAIRING', requirements: ['MOB-PAIR-QR-INVALID'] },
};

/** One named check per refusal (the requirement differs by why the key is refused). */
const keyRefusedChecks = Object.fromEntries(Object.entries(refusals).map(([kind, refusal]) => [kind, defineCheck(`ensurePhoneRefusesThe${kind.replace(/(^|-)(\w)/g, (_, _d: string, c: string) => c.toUpperCase())}KeyWith${refusal.code}`, refusal.requirements, (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensure(snap.screen === mobile.screens.error, refusal.requirements, `the phone shows ${snap.screen} where the ${String(world.memo.get('keyKind'))} key must be refused`, {
    code: 'SCREEN_MISMATCH', expected: mobile.screens.error, actual: snap.screen,
  });
  ensureValue(snap.values[mobile.controls.errorCode], refusal.code, refusal.requirements, 'refusal code');
})]));

/** A refused key or QR code shows the error screen with the stable code for why. */
async function ensureKeyRefusedWithCode(world: PathWorld, ctx: Step): Promise<void> {
  const check = keyRefusedChecks[String(world.memo.get('keyKind'))];
  if (!check) return ensureStateScreen(machine, world, 'keyRefused', ctx);
  await check(ctx, world);
}

/** Location denied while the policy requires it: pairing does not complete, the app asks again (seed 000 step 9). */
const ensurePairingNotCompletedWithLocationDenied = defineCheck('ensurePairingNotCompletedWithLocationDenied', ['MOB-PAIR-LOCATION-REQUIRED'], async (world: PathWorld, ctx: Step): Promise<void> => {
  const requirements: RequirementId[] = ['MOB-PAIR-LOCATION-REQUIRED'];
  const named = await devicesNamedByTheApi(world, ctx);
  ensure(named.primary === undefined, requirements, `pairing completed with location denied (the Authentication API names device ${JSON.stringify(named.primary)})`, { code: 'PAIRED_WITHOUT_LOCATION', expected: 'no device', actual: named.primary });
  const snap = world.mobile.snapshot();
  ensure(snap.screen === mobile.screens.location, requirements, `with location denied the phone shows ${snap.screen}, not Enable Location again`, { code: 'SCREEN_MISMATCH', expected: mobile.screens.location, actual: snap.screen });
  // The app never sends a refused location; the server must refuse one too (one mutation over the device API).
  const client = new DeviceApiClient(world.http, world.base);
  const { key } = await world.control.issuePairingKey(world.username);
  const claimed = await client.claimKey(key);
  ensure(claimed.ok, requirements, `a fresh pairing key could not be claimed (${claimed.ok ? '' : claimed.code})`, { code: 'CLAIM_FAILED' });
  const pinLength = world.policy.pin.length;
  const completed = await client.completePairing({
    claimToken: claimed.value.claimToken,
    device: { kind: 'mobile', name: 'location probe', platform: 'ios', notificationsEnabled: true },
    pin: { configured: pinLength !== 0, length: pinLength },
    location: { permission: 'denied' },
    biometrics: { enrolled: true },
  });
  ctx.attach({ name: 'pairing completed with location denied (device API)', contentType: 'application/json', body: JSON.stringify(completed) });
  ensure(!completed.ok && completed.code === 'LOCATION_REQUIRED', requirements, `the server ${completed.ok ? 'completed pairing' : `refused with ${completed.code}`} with location denied`, { code: 'PAIRED_WITHOUT_LOCATION', expected: 'LOCATION_REQUIRED', actual: completed.ok ? 'paired' : completed.code });
});

/**
 * The organisation requires biometrics and the phone has none: pairing must not go ahead
 * (seed 000 "Before you begin" 3). The model refuses when the app opens; an app may refuse at
 * the key instead. The check then tries to pair with a key of its own (not the portal's) and
 * expects BIOMETRICS_REQUIRED with nothing paired; the moment of refusal is attached.
 */
const ensureNoPairingWithoutBiometrics = defineCheck('ensureNoPairingWithoutBiometrics', ['MOB-PAIR-BIOMETRICS-SETUP'], async (world: PathWorld, ctx: Step): Promise<void> => {
  const requirements: RequirementId[] = ['MOB-PAIR-BIOMETRICS-SETUP'];
  const app = world.mobile;
  if (app.snapshot().screen !== mobile.screens.error) {
    const M = mobile.controls;
    const { key } = await world.control.issuePairingKey(world.username);
    // That key replaced the one the portal shows (MOB-PAIR-KEY-LATEST-ONLY), as Start pressed again
    // would: once biometrics are set up, the person asks the portal for a key that can still pair.
    world.memo.set('portalKeyStale', true);
    for (const control of [M.welcomeContinue, M.notificationsContinue, M.notificationsAllow, M.enterPairingKey]) await app.tap(control);
    await app.type(M.pairingKeyInput, key);
    await app.tap(M.pairingKeySubmit);
    ctx.attach({ name: 'biometrics missing: app reaction', contentType: 'text/plain', body: 'the app refuses at the pairing key, not when it opens (the model refuses at open)' });
  }
  const snap = app.snapshot();
  const named = await devicesNamedByTheApi(world, ctx);
  ensure(named.primary === undefined, requirements, `a phone without biometrics paired although the policy requires them (the Authentication API names ${JSON.stringify(named.primary)})`, { code: 'PAIRED_WITHOUT_BIOMETRICS', actual: named.primary });
  ensure(snap.screen === mobile.screens.error && String(snap.values[mobile.controls.errorCode] ?? '').includes('BIOMETRICS_REQUIRED'), requirements, `without biometrics the phone shows ${snap.screen} ${String(snap.values[mobile.controls.errorCode] ?? '')}`, {
    code: 'SCREEN_MISMATCH', expected: 'mobile-error BIOMETRICS_REQUIRED', actual: snap.screen,
  });
});

export async function assertMobilePairing(world: PathWorld, state: string, ctx: Step): Promise<void> {
  await assertMobilePairingScreen(world, state, ctx);
  // What each screen shows by value, the server's answers and the edges (suites/checks/mobile-pairing).
  await checkMobilePairingState(world, state, ctx);
}

async function assertMobilePairingScreen(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  if (event === 'PASSCODE.SUBMIT') return state === 'success' ? ensurePasscodeInBrowserSignsOn(ctx, world) : ensureWrongPasscodeRefusedInBrowser(ctx, world);
  if (event === 'LOCATION.DENY' && state === 'location') return ensurePairingNotCompletedWithLocationDenied(ctx, world, ctx);
  if (state === 'biometricsMissing') return ensureNoPairingWithoutBiometrics(ctx, world, ctx);
  switch (state) {
    case 'keyRefused':
      return ensureKeyRefusedWithCode(world, ctx);
    case 'otp':
      // The OTP screen, or the request on top of it showing the passcode (a real app shows no screen history):
      // suites/checks/mobile-pairing/request.ts ensureOtpScreenShowsTheOrganisationsPasscode.
      return;
    case 'success':
      await ensureStateScreen(machine, world, state, ctx);
      return ensurePortalSignsOnAfterPairingApproval(ctx, world, ctx);
    case 'denied':
      await ensureStateScreen(machine, world, state, ctx);
      return ensurePortalRefusesAfterPairingDenied(ctx, world, ctx);
    case 'timedOut':
      await ensureStateScreen(machine, world, state, ctx);
      return ensurePortalRefusesAfterPairingTimeOut(ctx, world, ctx);
    default:
      return ensureStateScreen(machine, world, state, ctx);
  }
}
