/**
 * creds states (seed 003): the screen each state names, with the named checks where a rule
 * shows: refusals with their codes, the "New" label, required fields fixed and optional ones
 * opt-in in what the verifier actually received.
 */
import type { RequirementId } from '../../models/requirements.ts';
import { credsMachine } from '../../models/machines/creds.ts';
import { mobile } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import { phoneWallet, shareRequest } from '../executors/creds.ts';
import type { Step } from '../executors/types.ts';
import { defineCheck } from '../checks/check.ts';
import { ensure } from '../runner/errors.ts';
import { ensureStateScreen, ensureValue } from './shared.ts';
import { checkCredsState } from '../checks/creds/states.ts';
import { targetFetch } from '../drivers/shared/transport.ts';

const machine = credsMachine;
const S = mobile.screens;
const C = mobile.controls;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** The 'New' label shows for 24 h or until opened (seed 003 receive step 2). */
const ensureNewLabel = defineCheck('ensureNewLabelShownUntilOpenedOrADayPassed', ['CREDS-RECEIVE-NEW-LABEL'], (world: PathWorld, shown: boolean): void => {
  const requirements: RequirementId[] = ['CREDS-RECEIVE-NEW-LABEL'];
  const snap = world.mobile.snapshot();
  ensure(snap.screen === S.credsList, requirements, `the phone shows ${snap.screen}, expected the Creds tab`, { code: 'SCREEN_MISMATCH', expected: S.credsList, actual: snap.screen });
  const labels = list(snap.values[C.credNewLabel]);
  const isNew = labels.some((l) => l === 'New');
  ensure(isNew === shown, requirements, shown ? "new Creds are not labelled 'New'" : `the 'New' label is still shown (${labels.join(', ')})`, { code: 'NEW_LABEL', expected: shown, actual: labels });
});

/** Required fields stay selected and cannot be removed (seed 003 share step 2). */
const ensureRequiredFieldsFixed = defineCheck('ensureRequiredFieldsFixed', ['CREDS-SHARE-REQUIRED-FIXED'], (world: PathWorld): void => {
  const requirements: RequirementId[] = ['CREDS-SHARE-REQUIRED-FIXED'];
  const snap = world.mobile.snapshot();
  ensure(snap.screen === S.credsShare, requirements, `the phone shows ${snap.screen}, expected the share review`, { code: 'SCREEN_MISMATCH', expected: S.credsShare, actual: snap.screen });
  ensure(list(snap.values[C.shareRequiredField]).length === shareRequest.requiredFields.length, requirements, 'a required field was removed from the share', { code: 'FIELD_MISSING', actual: snap.values[C.shareRequiredField] });
});

/** Pairing asks for the permissions, notifications and camera (seed 003 pairing step 3). */
const ensurePairingAsksPermissions = defineCheck('ensurePairingAsksPermissions', ['CREDS-PAIR-PERMISSIONS'], (world: PathWorld): void => {
  const requirements: RequirementId[] = ['CREDS-PAIR-PERMISSIONS'];
  const screen = world.mobile.snapshot().screen;
  ensure(screen === S.notificationsPrompt, requirements, `after scanning an issuer the phone shows ${screen}, not the permissions`, { code: 'SCREEN_MISMATCH', expected: S.notificationsPrompt, actual: screen });
});

/** The issuer recorded no pairing with the phone in hand after it refused (the issuer's records, test control's read-only view). */
async function ensureNotPaired(world: PathWorld, issuer: string, requirements: RequirementId[]): Promise<void> {
  const pairings = (await phoneWallet(world))?.pairings.filter((p) => p.issuerId === issuer).length ?? 0;
  const already = world.memo.get(`paired:${issuer}`) === true ? 1 : 0;
  ensure(pairings === already, requirements, `the phone holds ${pairings} pairing(s) with ${issuer} after the refusal (expected ${already})`, { code: 'PAIRED_ANYWAY', expected: already, actual: pairings });
}

function ensureErrorCode(world: PathWorld, code: string, requirements: RequirementId[]): void {
  const snap = world.mobile.snapshot();
  ensure(snap.screen === S.error && String(snap.values[C.errorCode] ?? '').includes(code), requirements, `pairing was not refused with ${code}: the phone shows ${snap.screen} ${String(snap.values[C.errorCode] ?? '')}`, {
    code: 'NOT_REFUSED', expected: code, actual: snap.values[C.errorCode],
  });
}

/**
 * Pairing refused at the scan (no device lock), or for an issuer already paired. The app cannot
 * tell the issuer from an offer before the server answers: the check accepts the permissions
 * and confirms with the device PIN for the person, and expects CREDS_ALREADY_PAIRED there.
 */
const pairingRefused = (name: string, noLock: boolean, requirements: RequirementId[]) => defineCheck(name, requirements, async (world: PathWorld, ctx: Step): Promise<void> => {
  if (!noLock && world.mobile.snapshot().screen === S.notificationsPrompt) await world.mobile.tap(C.notificationsAllow);
  if (!noLock && world.mobile.snapshot().screen === S.credsPairConfirm) await world.mobile.tap(C.credsPairApprove);
  ctx.attach({ name: 'refusal', contentType: 'application/json', body: JSON.stringify(world.mobile.snapshot()) });
  ensureErrorCode(world, noLock ? 'CREDS_DEVICE_LOCK_REQUIRED' : 'CREDS_ALREADY_PAIRED', requirements);
});
const ensurePairingRefusedWithoutDeviceLock = pairingRefused('ensurePairingRefusedWithoutDeviceLock', true, ['CREDS-PAIR-LOCK-REQUIRED']);
const ensureSecondPairingWithIssuerRefused = pairingRefused('ensureSecondPairingWithIssuerRefused', false, ['CREDS-PAIR-ONCE-PER-ISSUER']);

function ensurePairingRefused(world: PathWorld, ctx: Step): Promise<void> {
  const noLock = world.memo.get('lock') === 'none';
  return (noLock ? ensurePairingRefusedWithoutDeviceLock : ensureSecondPairingWithIssuerRefused)(ctx, world, ctx);
}

/** Permissions declined: not paired, and the app says why (seed 003 pairing step 3). */
const ensurePairingRefusedWithoutPermissions = defineCheck('ensurePairingRefusedWithoutPermissions', ['CREDS-PAIR-PERMISSIONS-DENIED'], async (world: PathWorld): Promise<void> => {
  const requirements: RequirementId[] = ['CREDS-PAIR-PERMISSIONS-DENIED'];
  ensureErrorCode(world, 'CREDS_PERMISSIONS_REQUIRED', requirements);
  await ensureNotPaired(world, String(world.memo.get('pairingIssuer')), requirements);
});

/** Device authentication failed: asked again, nothing paired (seed 003 pairing step 4). */
const ensureDeviceAuthAskedAgain = defineCheck('ensureDeviceAuthAskedAgain', ['CREDS-PAIR-DEVICE-AUTH'], async (world: PathWorld): Promise<void> => {
  const requirements: RequirementId[] = ['CREDS-PAIR-DEVICE-AUTH'];
  const snap = world.mobile.snapshot();
  ensure(snap.screen === S.credsPairConfirm, requirements, `after a failed device authentication the phone shows ${snap.screen}`, { code: 'SCREEN_MISMATCH', expected: S.credsPairConfirm, actual: snap.screen });
  ensureValue(snap.values[C.credsPairError], 'CREDS_DEVICE_AUTH_FAILED', requirements, 'device authentication error');
  await ensureNotPaired(world, String(world.memo.get('pairingIssuer')), requirements);
});

/**
 * A new phone holds no Creds and no issuer pairing (seed 003 "Can I backup or move my Creds"):
 * its Creds tab is empty while the old wallet still holds them on the server (nothing moved).
 */
const ensureNewDeviceEmpty = defineCheck('ensureNewDeviceEmpty', ['CREDS-NO-BACKUP', 'CREDS-REISSUE-ON-NEW-DEVICE'], async (world: PathWorld, ctx: Step): Promise<void> => {
  const requirements: RequirementId[] = ['CREDS-NO-BACKUP', 'CREDS-REISSUE-ON-NEW-DEVICE'];
  const snap = world.mobile.snapshot();
  ensure(snap.screen === S.credsList, requirements, `the new phone shows ${snap.screen}, expected its Creds tab`, { code: 'SCREEN_MISMATCH', expected: S.credsList, actual: snap.screen });
  const items = list(snap.values[C.credItem]);
  ensure(items.length === 0, requirements, `the new phone already lists Creds (${items.join(', ')})`, { code: 'CREDS_MOVED', expected: [], actual: items });
  ensure(((await phoneWallet(world))?.pairings.length ?? 0) === 0, requirements, 'the issuers record pairings of the new phone it never made', { code: 'PAIRINGS_MOVED' });
  const oldWallet = world.memo.get('oldWallet') as string | undefined;
  if (oldWallet) {
    const held = (await (await targetFetch(new URL(`/test/v1/creds/wallets/${oldWallet}`, world.base))).json()) as { credentials?: { id: string }[] };
    ctx.attach({ name: 'old wallet on the server', contentType: 'application/json', body: JSON.stringify(held) });
    const kept = new Set((held.credentials ?? []).map((c) => c.id));
    const replaced = (world.memo.get('replacedCreds') as { id: string }[] | undefined) ?? [];
    const moved = replaced.filter((c) => !kept.has(c.id));
    ensure(moved.length === 0, requirements, `Creds left the old wallet by themselves: ${moved.map((c) => c.id).join(', ')}`, { code: 'CREDS_MOVED', actual: moved });
  }
});

export async function assertCreds(world: PathWorld, state: string, ctx: Step): Promise<void> {
  await assertCredsScreen(world, state, ctx);
  // What each screen shows by value, and what the requester received (suites/checks/creds).
  await checkCredsState(world, state, ctx);
}

async function assertCredsScreen(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  if (event === 'SHARE.SELECT_OPTIONAL') world.memo.set('optionalSelected', !world.memo.get('optionalSelected'));
  if (event === 'SHARE.SCAN' || event === 'NAV.BACK' || event === 'NAV.HOME') world.memo.set('optionalSelected', false);
  if (state === 'deviceAuth' && event === 'DEVICE_AUTH.SUBMIT') return ensureDeviceAuthAskedAgain(ctx, world);
  switch (state) {
    case 'permissions':
      return ensurePairingAsksPermissions(ctx, world);
    case 'pairRefused':
      if (event === 'PERMISSIONS.DENY') return ensurePairingRefusedWithoutPermissions(ctx, world);
      if (event === 'QR.SCAN' && world.memo.get('scanned') !== 'invalid') return ensurePairingRefused(world, ctx);
      return ensureStateScreen(machine, world, state, ctx);
    case 'newDevice':
      return ensureNewDeviceEmpty(ctx, world, ctx);
    case 'credsNew':
      return ensureNewLabel(ctx, world, true);
    case 'credsList':
      if (event === 'CLOCK.ADVANCE') return ensureNewLabel(ctx, world, false);
      return ensureStateScreen(machine, world, state, ctx);
    case 'shareReview':
      if (event === 'SHARE.REMOVE_REQUIRED') return ensureRequiredFieldsFixed(ctx, world);
      return ensureStateScreen(machine, world, state, ctx);
    case 'shared':
      // What the requester received, and the refusal of a response without a required field: suites/checks/creds/share.ts.
      return ensureStateScreen(machine, world, state, ctx);
    default:
      return ensureStateScreen(machine, world, state, ctx);
  }
}
