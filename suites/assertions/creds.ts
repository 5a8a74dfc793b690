/**
 * creds states (seed 003): the screen each state names, with the named checks where a rule
 * shows: refusals with their codes, the "New" label, required fields fixed and optional ones
 * opt-in in what the verifier actually received.
 */
import type { RequirementId } from '../../models/requirements.ts';
import { credsMachine } from '../../models/machines/creds.ts';
import { mobile } from '../../models/testids.ts';
import type { SimWorld } from '../drivers/sim/world.ts';
import { shareRequest } from '../executors/creds.ts';
import type { Step } from '../executors/types.ts';
import { DeviceApiClient } from '../../sims/shared/device-client.ts';
import { readJson } from '../../sims/shared/keystore.ts';
import { ensure } from '../runner/errors.ts';
import { ensureStateScreen } from './shared.ts';

const machine = credsMachine;
const S = mobile.screens;
const C = mobile.controls;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** The 'New' label shows for 24 h or until opened (seed 003 receive step 2). */
function ensureNewLabel(world: SimWorld, shown: boolean, ctx: Step): void {
  const requirements: RequirementId[] = ['CREDS-RECEIVE-NEW-LABEL'];
  ctx.cite(requirements);
  const snap = world.mobile.snapshot();
  ensure(snap.screen === S.credsList, requirements, `the phone shows ${snap.screen}, expected the Creds tab`, { code: 'SCREEN_MISMATCH', expected: S.credsList, actual: snap.screen });
  const labels = list(snap.values[C.credNewLabel]);
  const isNew = labels.some((l) => l === 'New');
  ensure(isNew === shown, requirements, shown ? "new Creds are not labelled 'New'" : `the 'New' label is still shown (${labels.join(', ')})`, { code: 'NEW_LABEL', expected: shown, actual: labels });
}

/** What the verifier received: every required field, the optional one only when selected (seed 003 share). */
async function ensureVerifierGotExactlyTheChosenFields(world: SimWorld, ctx: Step): Promise<void> {
  const requirements: RequirementId[] = ['CREDS-SHARE-REQUIRED-FIXED', 'CREDS-SHARE-OPTIONAL-OPT-IN'];
  ctx.cite(requirements);
  const id = String(world.memo.get('presentation'));
  const inbox = (await (await fetch(new URL(`/test/v1/creds/verifier/${id}`, world.base))).json()) as { received?: { fields?: Record<string, string> } };
  ctx.attach({ name: 'verifier inbox', contentType: 'application/json', body: JSON.stringify(inbox) });
  const fields = Object.keys(inbox.received?.fields ?? {});
  const selected = Boolean(world.memo.get('optionalSelected'));
  for (const f of shareRequest.requiredFields) ensure(fields.includes(f), ['CREDS-SHARE-REQUIRED-FIXED'], `the verifier did not receive required field ${f}`, { code: 'FIELD_MISSING', actual: fields });
  const optional = shareRequest.optionalFields.filter((f) => fields.includes(f));
  ensure(selected ? optional.length === shareRequest.optionalFields.length : optional.length === 0, ['CREDS-SHARE-OPTIONAL-OPT-IN'], selected ? 'a selected optional field was not shared' : `optional field(s) ${optional.join(', ')} shared without being selected`, { code: 'FIELD_SHARED', actual: fields });
}

/**
 * The verifier refuses a response without a required field (seed 003 share step 2): the happy
 * share with one mutation. A fresh request is answered over the device API with the wallet's
 * own token (read from the phone's keystore) and the required `employeeId` left out.
 */
async function ensureVerifierRefusesMissingRequiredField(world: SimWorld, ctx: Step): Promise<void> {
  const requirements: RequirementId[] = ['CREDS-SHARE-REQUIRED-FIXED'];
  ctx.cite(requirements);
  const wallet = readJson<{ pairings: { issuer: { id: string }; walletToken: string }[]; creds: { credential: { id: string; type: string } }[] } | undefined>(world.keystore, 'wallet', undefined);
  const token = wallet?.pairings.find((p) => p.issuer.id === 'acme')?.walletToken;
  const credential = wallet?.creds.find((c) => c.credential.type === shareRequest.credentialType)?.credential;
  ensure(token !== undefined && credential !== undefined, requirements, 'no paired wallet with the shared credential on the phone', { code: 'NO_WALLET' });
  const request = (await (await fetch(new URL('/test/v1/creds/presentations', world.base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(shareRequest) })).json()) as { id: string };
  const answer = await new DeviceApiClient(world.http, world.base).presentationRespond(token, request.id, { credentialId: credential.id, fields: { name: 'Alex Example' } });
  ctx.attach({ name: 'response without a required field', contentType: 'application/json', body: JSON.stringify(answer) });
  ensure(!answer.ok && answer.code === 'PRESENTATION_MISSING_REQUIRED_FIELD', requirements, `the verifier ${answer.ok ? 'accepted' : `refused with ${answer.code}`} a response without required field employeeId`, {
    code: 'MISSING_REQUIRED_ACCEPTED', expected: 'PRESENTATION_MISSING_REQUIRED_FIELD', actual: answer.ok ? 'accepted' : answer.code,
  });
}

/** Required fields stay selected and cannot be removed (seed 003 share step 2). */
function ensureRequiredFieldsFixed(world: SimWorld, ctx: Step): void {
  const requirements: RequirementId[] = ['CREDS-SHARE-REQUIRED-FIXED'];
  ctx.cite(requirements);
  const snap = world.mobile.snapshot();
  ensure(snap.screen === S.credsShare, requirements, `the phone shows ${snap.screen}, expected the share review`, { code: 'SCREEN_MISMATCH', expected: S.credsShare, actual: snap.screen });
  ensure(list(snap.values[C.shareRequiredField]).length === shareRequest.requiredFields.length, requirements, 'a required field was removed from the share', { code: 'FIELD_MISSING', actual: snap.values[C.shareRequiredField] });
}

/**
 * Pairing asks for notifications and camera, then the device lock (seed 003 pairing step 2).
 * The sim asks both on one "Accept and pair" screen: that screen stands for the model's
 * permissions state (the evidence says which was shown).
 */
function ensurePairingAsksPermissions(world: SimWorld, ctx: Step): void {
  const requirements: RequirementId[] = ['CREDS-PAIR-PERMISSIONS'];
  ctx.cite(requirements);
  const screen = world.mobile.snapshot().screen;
  ctx.attach({ name: 'permissions screen', contentType: 'text/plain', body: screen === S.credsPairConfirm ? 'one screen for permissions and device lock (the model has two)' : screen });
  ensure(screen === S.notificationsPrompt || screen === S.credsPairConfirm, requirements, `after scanning an issuer the phone shows ${screen}`, { code: 'SCREEN_MISMATCH', expected: S.notificationsPrompt, actual: screen });
}

/**
 * Pairing refused (no device lock, or this issuer already paired): the phone must not pair and
 * must say why. The sim checks at Accept, so the check accepts for the person and expects the
 * refusal code there.
 */
async function ensurePairingRefused(world: SimWorld, ctx: Step): Promise<void> {
  const noLock = (world.memo.get('lock') as { kind: string }).kind === 'none';
  const requirements: RequirementId[] = noLock ? ['CREDS-PAIR-LOCK-REQUIRED'] : ['CREDS-PAIR-ONCE-PER-ISSUER'];
  const code = noLock ? 'CREDS_DEVICE_LOCK_REQUIRED' : 'CREDS_ALREADY_PAIRED';
  ctx.cite(requirements);
  if (world.mobile.snapshot().screen === S.credsPairConfirm) await world.mobile.tap(C.credsPairApprove);
  const snap = world.mobile.snapshot();
  ctx.attach({ name: 'refusal', contentType: 'application/json', body: JSON.stringify(snap) });
  ensure(snap.screen === S.error && String(snap.values[C.errorCode] ?? '').includes(code), requirements, `pairing was not refused with ${code}: the phone shows ${snap.screen} ${String(snap.values[C.errorCode] ?? '')}`, {
    code: 'NOT_REFUSED', expected: code, actual: snap.values[C.errorCode],
  });
}

/** After pairing with an issuer (or leaving its error) the app is back on a home tab (the sim opens the Creds tab). */
function ensureHomeAfterPairing(world: SimWorld, ctx: Step): void {
  const requirements: RequirementId[] = ['CREDS-PAIR-PER-ISSUER'];
  ctx.cite(requirements);
  const screen = world.mobile.snapshot().screen;
  ensure(screen === S.accounts || screen === S.credsList, requirements, `after pairing with the issuer the phone shows ${screen}`, { code: 'SCREEN_MISMATCH', expected: S.accounts, actual: screen });
}

/**
 * Device authentication failed: pairing does not go ahead (seed 003 pairing step 2). The model
 * stays on the confirmation to try again; an app may show the refusal instead. Both keep the
 * rule; the reaction is attached.
 */
function ensurePairingRefusedWhenDeviceAuthFails(world: SimWorld, ctx: Step): void {
  const requirements: RequirementId[] = ['CREDS-PAIR-DEVICE-AUTH'];
  ctx.cite(requirements);
  const snap = world.mobile.snapshot();
  const retry = snap.screen === S.credsPairConfirm;
  const refused = snap.screen === S.error && String(snap.values[C.errorCode] ?? '').includes('CREDS_DEVICE_LOCK_REQUIRED');
  ctx.attach({ name: 'device authentication failed: app reaction', contentType: 'text/plain', body: retry ? 'asks again (as the model)' : refused ? 'shows CREDS_DEVICE_LOCK_REQUIRED (the model asks again)' : snap.screen });
  ensure(retry || refused, requirements, `after a failed device authentication the phone shows ${snap.screen}`, { code: 'SCREEN_MISMATCH', expected: S.credsPairConfirm, actual: snap.screen });
}

export async function assertCreds(world: SimWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  if (event === 'SHARE.SELECT_OPTIONAL') world.memo.set('optionalSelected', !world.memo.get('optionalSelected'));
  if (event === 'SHARE.SCAN' || event === 'NAV.BACK' || event === 'NAV.HOME') world.memo.set('optionalSelected', false);
  if (state === 'deviceAuth' && event === 'DEVICE_AUTH.SUBMIT') return ensurePairingRefusedWhenDeviceAuthFails(world, ctx);
  switch (state) {
    case 'permissions':
      return ensurePairingAsksPermissions(world, ctx);
    case 'pairRefused':
      if (event === 'QR.SCAN' && world.memo.get('scanned') !== 'invalid') return ensurePairingRefused(world, ctx);
      return ensureStateScreen(machine, world, state, ctx);
    case 'home':
      if (event === 'DEVICE_AUTH.SUBMIT' || event === 'ERROR.BACK') return ensureHomeAfterPairing(world, ctx);
      return ensureStateScreen(machine, world, state, ctx);
    case 'credsNew':
      return ensureNewLabel(world, true, ctx);
    case 'credsList':
      if (event === 'CLOCK.ADVANCE') return ensureNewLabel(world, false, ctx);
      return ensureStateScreen(machine, world, state, ctx);
    case 'shareReview':
      if (event === 'SHARE.REMOVE_REQUIRED') return ensureRequiredFieldsFixed(world, ctx);
      return ensureStateScreen(machine, world, state, ctx);
    case 'shared':
      ensureStateScreen(machine, world, state, ctx);
      await ensureVerifierGotExactlyTheChosenFields(world, ctx);
      return ensureVerifierRefusesMissingRequiredField(world, ctx);
    default:
      return ensureStateScreen(machine, world, state, ctx);
  }
}
