/**
 * Pairing keys on the phone (seed 000 step 7; PingOne pairing keys): the key the portal shows is
 * the one the phone scanned or typed (the server then refuses it a second time); wrong keys are
 * refused at their edges (one character short, one changed); a key lives exactly its lifetime;
 * an unreadable or foreign QR code shows its code and the way back.
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { mobile, portal } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureErrorSaysWhatToDo } from '../shared/for-a-person.ts';
import { probeKeyAlreadyClaimed, probeKeyLifetimeEdges, probeMistypedKeys, probeNearMissLockout } from '../shared/key-probes.ts';
import { ensureKeyInPolicyFormat, ensureScreen, ensureShows, portalShown, textOf } from '../shared/shown.ts';

async function claimedByThePhone(world: PathWorld, step: Step): Promise<void> {
  // The key as the person read it on Add a New Device (in a browser that page moves on by itself once paired).
  const shown = String(world.memo.get('portalKeyShown') ?? textOf(portalShown(world).values, portal.controls.pairingKey));
  const key = ensureKeyInPolicyFormat(world, shown, 'the key the portal shows');
  await probeKeyAlreadyClaimed(world, key, step);
}
const claimed = (name: string, ids: RequirementId[]) => defineCheck(name, ids, claimedByThePhone);
export const ensureScannedKeyWasClaimedOnce = claimed('ensureScannedKeyWasClaimedOnce', ['MOB-PAIR-QR-SCAN', 'MOB-PAIR-KEY-SINGLE-USE']);
export const ensureTypedKeyWasClaimedOnce = claimed('ensureTypedKeyWasClaimedOnce', ['MOB-PAIR-KEY-ENTRY', 'MOB-PAIR-KEY-SINGLE-USE']);

/** The phone's error screen for a refused key or code: the stable code, and Back. */
function ensureErrorWithWayBack(world: PathWorld, codes: RegExp, what: string): void {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.error, what);
  ensureShows(snap.values, mobile.controls.errorCode, codes, what);
  ensure(snap.values[mobile.controls.errorBack] !== undefined, [], `${what}: no way back from the error screen`, { code: 'VALUE_MISMATCH', actual: snap.values });
  // Issue 10: the app's own sentence with what to do, not the server's developer text.
  ensureErrorSaysWhatToDo(snap.values, mobile.controls.errorCode, mobile.controls.errorMessage, what);
}

export const ensureMistypedKeysRefused = defineCheck('ensureMistypedKeysRefused', ['MOB-PAIR-KEY-WRONG'], async (world: PathWorld, step: Step) => {
  ensureErrorWithWayBack(world, /^PAIRING_KEY_INVALID$/, 'a wrong key');
  await probeMistypedKeys(world, step);
  await probeNearMissLockout(world, step);
});

export const ensureKeyLivesExactlyItsLifetime = defineCheck('ensureKeyLivesExactlyItsLifetime', ['MOB-PAIR-KEY-EXPIRY'], async (world: PathWorld, step: Step) => {
  ensureErrorWithWayBack(world, /^PAIRING_KEY_EXPIRED$/, 'an expired key');
  await probeKeyLifetimeEdges(world, step);
});

export const ensureForeignQrRefusedWithWayBack = defineCheck('ensureForeignQrRefusedWithWayBack', ['MOB-PAIR-QR-INVALID'], (world: PathWorld) =>
  ensureErrorWithWayBack(world, /^QR_(UNREADABLE|NOT_PAIRING)$/, 'an unreadable or foreign QR code'));
