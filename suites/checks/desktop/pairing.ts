/**
 * The desktop app's pairing (seed 002 steps 3-5) as its screens show it: the installed app opens
 * on the Pairing Key field with Pair, a profile is optional (Add Profile beside the field); Add
 * Profile, a name and Create show the name above the field, an empty name is refused; the key from
 * Desktop Setup pairs (the server then refuses it a second time) and the OTP follows, after the
 * PIN when the policy sets one; refused keys show their code and the way back, and the server is
 * probed at the key's edges; once paired, the portal's My Devices lists the desktop app with
 * exactly one primary device.
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { desktop, portal } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { currentPasscode } from '../../executors/passcode.ts';
import { defineCheck } from '../check.ts';
import { probeKeyAlreadyClaimed, probeKeyLifetimeEdges, probeMistypedKeys } from '../shared/key-probes.ts';
import { ensureErrorSaysWhatToDo } from '../shared/for-a-person.ts';
import { ensureKeyInPolicyFormat, ensureScreen, ensureShows, itemsOf, portalShown, textOf } from '../shared/shown.ts';

const D = desktop.controls;
const S = desktop.screens;

export const ensureDesktopAppOpensOnThePairingKey = defineCheck('ensureDesktopAppOpensOnThePairingKey', ['DSK-PAIR-INSTALLED', 'DSK-PAIR-PROFILE-OPTIONAL'], (world: PathWorld) => {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, S.pairing, 'the desktop app launched');
  ensure(snap.values[D.pairingKeyInput] !== undefined, [], 'the desktop app shows no Pairing Key field', { code: 'VALUE_MISMATCH', actual: snap.values });
  ensureShows(snap.values, D.pair, /pair/i, 'the Pair button, with no profile needed');
  ensureShows(snap.values, D.addProfile, /add profile/i, 'Add Profile, optional');
});

export const ensureProfileNameShownAboveTheKey = defineCheck('ensureProfileNameShownAboveTheKey', ['DSK-PAIR-PROFILE-CREATE'], (world: PathWorld, name: string | undefined) => {
  const snap = world.desktop.snapshot();
  if (name === undefined) {
    ensureScreen(snap.screen, S.profileCreate, 'Add Profile');
    ensure(snap.values[D.profileNameInput] !== undefined, [], 'Add Profile has no name field', { code: 'VALUE_MISMATCH', actual: snap.values });
    return ensureShows(snap.values, D.profileCreate, /create/i, 'Add Profile');
  }
  ensureScreen(snap.screen, S.pairing, 'after Create');
  ensure(textOf(snap.values, D.profileName) === name, [], `after creating profile '${name}' the app shows '${textOf(snap.values, D.profileName)}' above the Pairing Key field`, { code: 'VALUE_MISMATCH', expected: name, actual: snap.values[D.profileName] });
  ensure(snap.values[D.pairingKeyInput] !== undefined, [], 'after Create the Pairing Key field is gone', { code: 'VALUE_MISMATCH', actual: snap.values });
});

export const ensureEmptyProfileNameRefused = defineCheck('ensureEmptyProfileNameRefused', ['DSK-PAIR-PROFILE-NAME-REQUIRED'], (world: PathWorld) => {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, S.profileCreate, 'Create with an empty name');
  ensureShows(snap.values, D.errorCode, /^PROFILE_NAME_REQUIRED$/, 'an empty profile name');
});

/** After Pair: the Desktop Setup key was claimed by the app, and the PIN (policy) or the OTP follows. */
export const ensureKeyPairedThenOtpOrPin = defineCheck('ensureKeyPairedThenOtpOrPin', ['DSK-PAIR-KEY-ENTRY', 'DSK-PAIR-OTP-AFTER-PAIR', 'DSK-PAIR-KEY-USED'], async (world: PathWorld, step: Step) => {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, world.policy.pin.length ? S.pinCreate : S.otp, 'after Pair with the Desktop Setup key');
  // The key as the person read it on Desktop Setup (a browser's Desktop Setup page moves on by itself once paired).
  const key = ensureKeyInPolicyFormat(world, String(world.memo.get('portalKeyShown') ?? textOf(portalShown(world).values, portal.controls.desktopPairingKey)), 'the Desktop Setup key');
  await probeKeyAlreadyClaimed(world, key, step);
});

function errorWithWayBack(world: PathWorld, code: RegExp, what: string): void {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, S.error, what);
  ensureShows(snap.values, D.errorCode, code, what);
  ensure(snap.values[D.errorBack] !== undefined, [], `${what}: no way back to the Pairing Key field`, { code: 'VALUE_MISMATCH', actual: snap.values });
  // Issue 10: the app's own sentence with what to do, not the server's developer text.
  ensureErrorSaysWhatToDo(snap.values, D.errorCode, D.errorMessage, what);
}
export const ensureDesktopMistypedKeysRefused = defineCheck('ensureDesktopMistypedKeysRefused', ['DSK-PAIR-KEY-WRONG'], async (world: PathWorld, step: Step) => {
  errorWithWayBack(world, /^PAIRING_KEY_INVALID$/, 'a wrong key');
  await probeMistypedKeys(world, step);
});
export const ensureDesktopKeyLivesExactlyItsLifetime = defineCheck('ensureDesktopKeyLivesExactlyItsLifetime', ['DSK-PAIR-KEY-EXPIRED'], async (world: PathWorld, step: Step) => {
  errorWithWayBack(world, /^PAIRING_KEY_EXPIRED$/, 'an expired key');
  await probeKeyLifetimeEdges(world, step);
});
export const ensureDesktopUsedKeyRefused = defineCheck('ensureDesktopUsedKeyRefused', ['DSK-PAIR-KEY-USED'], (world: PathWorld) => errorWithWayBack(world, /^PAIRING_KEY_USED$/, 'a used key'));

/**
 * My Devices (the portal page a person reads) after the desktop app paired: the desktop device
 * is listed and exactly one device is marked primary (the one paired first, when there was one).
 */
export const ensureOnePrimaryAfterDesktopPaired = defineCheck('ensureOnePrimaryAfterDesktopPaired', ['DSK-PAIR-KEY-ENTRY', 'DSK-PAIR-MY-DEVICES'], async (world: PathWorld, step: Step) => {
  await world.portal.get('/portal/my-devices');
  if (portalShown(world).screen === portal.screens.otp) {
    // The portal asks for the new device's passcode first: the person types the one the desktop app shows.
    await world.portal.submit(portal.controls.otpSignOn, { [portal.controls.otpField]: currentPasscode(world, 'desktop') });
    await world.portal.get('/portal/my-devices');
  }
  const page = portalShown(world);
  step.attach({ name: 'My Devices after pairing (portal)', contentType: 'application/json', body: JSON.stringify(page) });
  ensureScreen(page.screen, portal.screens.myDevices, 'My Devices');
  const items = itemsOf(page.values, portal.controls.myDevicesItem);
  ensure(items.some((i) => /desktop|mac|windows|linux/i.test(i)), [], `My Devices lists ${JSON.stringify(items)}, no desktop app`, { code: 'NOT_PAIRED', actual: items });
  const primaries = items.filter((i) => /\(primary\)/i.test(i));
  ensure(primaries.length === 1, [], `My Devices marks ${primaries.length} devices primary: ${JSON.stringify(items)}`, { code: 'PRIMARY_MISMATCH', actual: items });
  if (world.memo.get('existingDeviceId')) ensure(/\(primary\)/i.test(items[0] ?? ''), [], `the device paired first is no longer primary: ${JSON.stringify(items)}`, { code: 'PRIMARY_MISMATCH', actual: items });
});

export const ensureMyDevicesListsThePrimaryAndOffersAdd = defineCheck('ensureMyDevicesListsThePrimaryAndOffersAdd', ['DSK-PAIR-MY-DEVICES'], (world: PathWorld) => {
  const page = portalShown(world);
  ensureScreen(page.screen, portal.screens.myDevices, 'My Devices');
  const items = itemsOf(page.values, portal.controls.myDevicesItem);
  ensure(items.length === 1 && /\(primary\)/i.test(items[0]!), [], `My Devices lists ${JSON.stringify(items)}, expected the device already paired, marked primary`, { code: 'VALUE_MISMATCH', actual: items });
  ensure(page.values[portal.controls.myDevicesAdd] !== undefined, [], 'My Devices offers no Add a New Device though the policy allows several', { code: 'VALUE_MISMATCH', actual: page.values });
});

export type { RequirementId };
