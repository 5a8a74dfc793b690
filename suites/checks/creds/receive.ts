/**
 * Pairing with issuers and receiving Creds (seed 003), read on the phone's screens: Scan opens the
 * camera; the permissions and the device check are asked; Creds come only from paired issuers,
 * from each of them; the Creds tab lists new Creds labelled New, the label goes once opened or
 * after policy creds.newLabelHours (one second before it is still there); details show the
 * issued fields; a new phone holds none.
 */
import { mobile } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows, itemsOf, textOf } from '../shared/shown.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

const M = mobile.controls;
const S = mobile.screens;

/** The credential types the test's issuers send (the test plays the issuer: suites/executors/creds.ts). */
export const typeOfIssuer: Record<string, string> = { acme: 'EmployeeCard', 'city-library': 'LibraryCard' };
const issuerOfEvent: Record<string, string> = { a: 'acme', b: 'city-library' };
export const issuerOf = (event: unknown): string => issuerOfEvent[String(event)] ?? String(event);

const pairedIssuers = (world: PathWorld): string[] => Object.keys(typeOfIssuer).filter((i) => world.memo.get(`paired:${i}`) === true);
const listedTypes = (world: PathWorld): string[] => itemsOf(world.mobile.snapshot().values, M.credItem).map((label) => label.split(' · ')[0]!);

export const ensureScanOpensTheCamera = defineCheck('ensureScanOpensTheCamera', ['CREDS-PAIR-SCAN', 'CREDS-PAIR-QR-OR-LINK'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.capture, 'Scan on the Authentication tab');
  ensure(snap.values[M.captureBack] !== undefined, [], 'the camera screen has no way back', { code: 'VALUE_MISMATCH', actual: snap.values });
});

export const ensureIssuerPairingAsksThePermissions = defineCheck('ensureIssuerPairingAsksThePermissions', ['CREDS-PAIR-PERMISSIONS'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.notificationsPrompt, "after scanning the issuer's QR code");
  ensureShows(snap.values, M.notificationsAllow, /allow/i, 'the permissions prompt');
  ensureShows(snap.values, M.notificationsDeny, /don.t allow/i, 'the permissions prompt');
});

export const ensureDeclinedPermissionsExplained = defineCheck('ensureDeclinedPermissionsExplained', ['CREDS-PAIR-PERMISSIONS-DENIED'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.error, 'permissions declined');
  ensureShows(snap.values, M.errorCode, /^CREDS_PERMISSIONS_REQUIRED$/, 'permissions declined');
  ensureShows(snap.values, M.errorMessage, /\S/, 'what is missing');
});

export const ensureDeviceCheckAsked = defineCheck('ensureDeviceCheckAsked', ['CREDS-PAIR-DEVICE-AUTH'], (world: PathWorld, failed: boolean) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsPairConfirm, failed ? 'after a failed device check' : 'permissions accepted');
  ensureShows(snap.values, M.credsPairApprove, /\S/, 'the device check');
  if (failed) ensureShows(snap.values, M.credsPairError, /^CREDS_DEVICE_AUTH_FAILED$/, 'a failed device check');
});

export const ensurePairingRefusedWithItsCode = defineCheck('ensurePairingRefusedWithItsCode', ['CREDS-PAIR-LOCK-REQUIRED', 'CREDS-PAIR-ONCE-PER-ISSUER'], (world: PathWorld, code: string) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.error, `pairing refused (${code})`);
  ensureShows(snap.values, M.errorCode, new RegExp(`^${code}$`), 'the refusal');
  ensure(snap.values[M.errorBack] !== undefined, [], 'no way back from the refusal', { code: 'VALUE_MISMATCH', actual: snap.values });
});

/** Creds listed come from paired issuers only; with several issuers paired and issued, from each. */
export const ensureCredsOnlyFromPairedIssuers = defineCheck('ensureCredsOnlyFromPairedIssuers', ['CREDS-PAIR-PER-ISSUER', 'CREDS-RECEIVE-REQUIRES-PAIRING'], (world: PathWorld) => {
  const allowed = pairedIssuers(world).map((i) => typeOfIssuer[i]);
  const stray = listedTypes(world).filter((t) => !allowed.includes(t));
  ensure(stray.length === 0, [], `the Creds tab lists ${stray.join(', ')} from an issuer the phone is not paired with (paired: ${pairedIssuers(world).join(', ') || 'none'})`, { code: 'CREDS_UNPAIRED_ISSUER', actual: listedTypes(world) });
});

export const ensureCredsFromEachPairedIssuer = defineCheck('ensureCredsFromEachPairedIssuer', ['CREDS-PAIR-SEVERAL-ISSUERS'], (world: PathWorld, issuers: string[]) => {
  const missing = issuers.map((i) => typeOfIssuer[i]!).filter((t) => !listedTypes(world).includes(t));
  ensure(missing.length === 0, [], `paired with ${issuers.join(' and ')}, the Creds tab lacks ${missing.join(', ')}`, { code: 'VALUE_MISMATCH', actual: listedTypes(world) });
});

/** An unpaired issuer's Creds never reach the phone: its Creds tab holds none of them (looked at, then back). */
export const ensureUnpairedIssuerDeliversNothing = defineCheck('ensureUnpairedIssuerDeliversNothing', ['CREDS-RECEIVE-REQUIRES-PAIRING'], async (world: PathWorld, issuer: string, step: Step) => {
  const back = world.mobile.snapshot().screen === S.accounts;
  await world.mobile.tap(M.tabCreds);
  const types = listedTypes(world);
  step.attach({ name: 'Creds tab after an unpaired issuer sent Creds', contentType: 'application/json', body: JSON.stringify(world.mobile.snapshot()) });
  if (back) await world.mobile.tap(M.tabAuthentication);
  ensure(!types.includes(typeOfIssuer[issuer]!) || world.memo.get(`paired:${issuer}`) === true, [], `the phone lists ${typeOfIssuer[issuer]} from ${issuer}, which it is not paired with`, { code: 'CREDS_UNPAIRED_ISSUER', actual: types });
});

export const ensureNewCredsListedAsNew = defineCheck('ensureNewCredsListedAsNew', ['CREDS-RECEIVE-TAB', 'CREDS-RECEIVE-NEW-LABEL'], (world: PathWorld, type: string | undefined) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsList, 'the Creds tab after Creds arrived');
  const labels = itemsOf(snap.values, M.credNewLabel);
  const types = listedTypes(world);
  ensure(types.length > 0 && labels.length === types.length, [], `the Creds tab lists ${JSON.stringify(types)} with labels ${JSON.stringify(labels)}`, { code: 'VALUE_MISMATCH', actual: snap.values });
  const index = type ? types.lastIndexOf(type) : types.length - 1;
  ensure(index >= 0 && labels[index] === 'New', [], `the new ${type ?? 'Creds'} ${index < 0 ? 'is not listed' : `is labelled '${labels[index]}'`}`, { code: 'NEW_LABEL', expected: 'New', actual: { types, labels } });
});

export const ensureDetailsShowTheIssuedFields = defineCheck('ensureDetailsShowTheIssuedFields', ['CREDS-RECEIVE-DETAILS'], (world: PathWorld, issued: Record<string, string> | undefined) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credDetails, 'Creds opened');
  const fields = itemsOf(snap.values, M.credField);
  ensure(fields.length > 0 && fields.every((f) => /^[^:]+: \S/.test(f)), [], `the details show ${JSON.stringify(fields)}`, { code: 'VALUE_MISMATCH', actual: fields });
  for (const [k, v] of Object.entries(issued ?? {})) ensure(fields.includes(`${k}: ${v}`), [], `the details lack '${k}: ${v}' (show ${JSON.stringify(fields)})`, { code: 'VALUE_MISMATCH', expected: `${k}: ${v}`, actual: fields });
});

export const ensureNewLabelGoneOnceOpened = defineCheck('ensureNewLabelGoneOnceOpened', ['CREDS-RECEIVE-NEW-CLEARED-ON-OPEN'], (world: PathWorld, opened: number) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsList, 'back from the details');
  const label = itemsOf(snap.values, M.credNewLabel)[opened];
  ensure(label !== undefined && label !== 'New', [], `the Creds opened still show '${label ?? '(not listed)'}'`, { code: 'NEW_LABEL', expected: '', actual: itemsOf(snap.values, M.credNewLabel) });
});

/**
 * The New label's lifetime at its edges: fresh Creds from a paired issuer (the test plays the
 * issuer) are New one second before policy creds.newLabelHours and not one second after.
 */
export const ensureNewLabelLastsItsHours = defineCheck('ensureNewLabelLastsItsHours', ['CREDS-RECEIVE-NEW-CLEARED-AFTER-24H'], async (world: PathWorld, step: Step) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsList, `after ${world.policy.creds.newLabelHours} h`);
  ensure(!itemsOf(snap.values, M.credNewLabel).includes('New'), [], `after ${world.policy.creds.newLabelHours} h a Creds is still labelled New`, { code: 'NEW_LABEL', actual: snap.values });
  const issuer = pairedIssuers(world)[0];
  if (!issuer) return;
  const fields = issuer === 'acme' ? { name: 'Alex Example', employeeId: 'E-1001', department: 'QA', email: 'alex@example.com' } : { name: 'Alex Example', cardNumber: 'L-77' };
  const request = { issuerId: issuer, username: world.username, credentialType: typeOfIssuer[issuer], fields };
  const issued = (await (await targetFetch(new URL('/test/v1/creds/issue', world.base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })).json()) as unknown;
  await world.mobile.refresh();
  const lifetime = world.policy.creds.newLabelHours * 3600;
  await world.control.advanceClock((lifetime - 1) * 1000);
  const before = itemsOf(world.mobile.snapshot().values, M.credNewLabel);
  await world.control.advanceClock(2000);
  const after = itemsOf(world.mobile.snapshot().values, M.credNewLabel);
  step.attach({ name: 'New label edges (test control: the issuer sends Creds, the clock moves)', contentType: 'application/json', body: JSON.stringify({ issued, before, after }) });
  ensure(before.at(-1) === 'New', [], `Creds ${lifetime - 1} s old are not labelled New (${JSON.stringify(before)})`, { code: 'NEW_LABEL', expected: 'New', actual: before });
  ensure(!after.includes('New'), [], `Creds ${lifetime + 1} s old are still labelled New (${JSON.stringify(after)})`, { code: 'NEW_LABEL', actual: after });
});

export const ensureNewPhoneHoldsNoCreds = defineCheck('ensureNewPhoneHoldsNoCreds', ['CREDS-NO-BACKUP', 'CREDS-REISSUE-ON-NEW-DEVICE'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsList, "the new phone's Creds tab");
  ensure(itemsOf(snap.values, M.credItem).length === 0, [], `a new phone already lists ${textOf(snap.values, M.credItem)}`, { code: 'CREDS_MOVED', actual: snap.values });
});
