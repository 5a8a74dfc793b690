/**
 * Sharing Creds (seed 003 "How do I share Creds"): scanning the requester's QR code shows what it
 * asks for, required fields listed and fixed, optional ones under an Optional heading with a
 * checkbox each, unchecked until the person selects them; Share sends exactly the selection
 * (what the requester received, read from the requester's side the test plays) and confirms;
 * a request answered after it expired is refused with the registry's code; a phone with nothing
 * that fits says so.
 */
import { errorCodes, type ErrorCode } from '../../../models/error-codes.ts';
import { credsPageIds, mobile } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { shareRequest } from '../../executors/creds.ts';
import type { Step } from '../../executors/types.ts';
import { testIdElements } from '../../drivers/shared/html.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { controlPost, pairProbeWallet } from './probe-wallet.ts';
import { ensureScreen, ensureShows, itemsOf } from '../shared/shown.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

const M = mobile.controls;
const S = mobile.screens;
const fieldNames = (items: string[]): string[] => items.map((i) => i.split(':')[0]!.trim());

export const ensureShareShowsWhatTheRequesterAsks = defineCheck('ensureShareShowsWhatTheRequesterAsks', ['CREDS-SHARE-SCAN', 'CREDS-SHARE-REVIEW', 'CREDS-SHARE-REQUIRED-FIXED'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsShare, "after scanning the requester's QR code");
  const required = itemsOf(snap.values, M.shareRequiredField);
  ensure(JSON.stringify(fieldNames(required)) === JSON.stringify(shareRequest.requiredFields), [], `the share lists required ${JSON.stringify(required)}, the requester asks ${JSON.stringify(shareRequest.requiredFields)}`, { code: 'VALUE_MISMATCH', actual: required });
  ensure(required.every((f) => /^[^:]+: \S/.test(f)), [], `a required field is shown without its value: ${JSON.stringify(required)}`, { code: 'VALUE_MISMATCH', actual: required });
});

export const ensureOptionalFieldsUnderTheirHeading = defineCheck('ensureOptionalFieldsUnderTheirHeading', ['CREDS-SHARE-OPTIONAL-HEADING', 'CREDS-SHARE-OPTIONAL-OPT-IN'], (world: PathWorld, selected: boolean) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsShare, 'the share review');
  ensureShows(snap.values, M.shareOptionalHeading, /^optional$/i, 'the Optional heading');
  const optional = itemsOf(snap.values, M.shareOptionalField);
  const boxes = itemsOf(snap.values, M.shareOptionalCheckbox);
  ensure(JSON.stringify(fieldNames(optional)) === JSON.stringify(shareRequest.optionalFields) && boxes.length === optional.length, [], `optional fields ${JSON.stringify(optional)} with checkboxes ${JSON.stringify(boxes)}, the requester asks ${JSON.stringify(shareRequest.optionalFields)}`, { code: 'VALUE_MISMATCH', actual: snap.values });
  // The person ticks the first optional field only: it alone is checked.
  const want = boxes.map((_, i) => (selected && i === 0 ? 'checked' : 'unchecked'));
  ensure(JSON.stringify(boxes) === JSON.stringify(want), [], `the optional checkboxes are ${JSON.stringify(boxes)}, expected ${JSON.stringify(want)}`, { code: 'VALUE_MISMATCH', expected: want, actual: boxes });
});

/**
 * The share went through, and the requester received exactly the selection: every required
 * field, and of the optional ones only the one the person ticked (the first), from the issuer's
 * Creds. Read from the requester's page (`/creds/verify/:id`), as the person at the requester reads it.
 */
export const ensureShareSendsExactlyTheSelection = defineCheck('ensureShareSendsExactlyTheSelection', ['CREDS-SHARE-SUBMIT', 'CREDS-SHARE-REQUIRED-FIXED', 'CREDS-SHARE-OPTIONAL-OPT-IN'], async (world: PathWorld, selected: boolean, step: Step) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.credsShared, 'after Share');
  ensureShows(snap.values, M.successClose, /close/i, 'the way back after sharing');
  const page = await (await targetFetch(new URL(`/creds/verify/${String(world.memo.get('presentation'))}`, world.base))).text();
  const shown = testIdElements(page);
  const got = shown.filter((e) => e.id === credsPageIds.receivedField).map((e) => e.text.split(':')[0]!.trim());
  const issuer = shown.find((e) => e.id === credsPageIds.receivedIssuer)?.text.trim();
  step.attach({ name: "what the requester's page shows it received", contentType: 'application/json', body: JSON.stringify({ fields: got, issuer }) });
  for (const f of shareRequest.requiredFields) ensure(got.includes(f), ['CREDS-SHARE-REQUIRED-FIXED'], `the requester did not receive required field ${f}`, { code: 'FIELD_MISSING', actual: got });
  const chosen = selected ? shareRequest.optionalFields.slice(0, 1) : [];
  const optional = shareRequest.optionalFields.filter((f) => got.includes(f));
  ensure(JSON.stringify(optional) === JSON.stringify(chosen), ['CREDS-SHARE-OPTIONAL-OPT-IN'], `optional field(s) [${optional.join(', ')}] shared, the person selected [${chosen.join(', ')}]`, { code: 'FIELD_SHARED', expected: chosen, actual: got });
  const want = [...shareRequest.requiredFields, ...chosen].sort();
  ensure(JSON.stringify([...got].sort()) === JSON.stringify(want), [], `the requester received ${JSON.stringify(got)}, the person shared ${JSON.stringify(want)}`, { code: 'FIELD_SHARED', expected: want, actual: got });
  // Whose Creds they are: the issuer that issued them (the seeded Acme Corp, reference-server/creds/README.md).
  ensure(issuer === 'Acme Corp', [], `the requester's page says the Creds were issued by ${JSON.stringify(issuer)}, expected Acme Corp`, { code: 'VALUE_MISMATCH', expected: 'Acme Corp', actual: issuer });
});

export const ensureExpiredShareRefused = defineCheck('ensureExpiredShareRefused', ['CREDS-SHARE-REQUEST-EXPIRY'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.error, `Share after ${world.policy.creds.presentationTtlSeconds} s`);
  ensureShows(snap.values, M.errorCode, /^PRESENTATION_EXPIRED$/, 'a late share');
});

export const ensureNothingToShareExplained = defineCheck('ensureNothingToShareExplained', ['CREDS-REISSUE-ON-NEW-DEVICE'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.error, 'a share request on a phone without fitting Creds');
  ensureShows(snap.values, M.errorCode, /^CREDS_NO_MATCHING_CREDENTIAL$/, 'nothing to share');
});

/**
 * The requester refuses a response that lacks a required field (seed 003 share step 2: required
 * fields cannot be removed), probed on the device API from a wallet of the check's own holding
 * the requested Creds: the happy share with one mutation, the required `employeeId` left out.
 */
export const ensureRequesterRefusesAMissingRequiredField = defineCheck('ensureRequesterRefusesAMissingRequiredField', ['CREDS-SHARE-REQUIRED-FIXED'], async (world: PathWorld, step: Step) => {
  const { api, walletId, walletToken } = await pairProbeWallet(world, 'acme', 'share');
  const issued = await controlPost<{ credential: { id: string } }>(world, '/test/v1/creds/issue', { issuerId: 'acme', walletId, credentialType: shareRequest.credentialType, fields: { name: 'Alex Example', employeeId: 'E-1001', department: 'QA' } });
  const request = await controlPost<{ id: string }>(world, '/test/v1/creds/presentations', shareRequest);
  const answer = await api.presentationRespond(walletToken, request.id, { credentialId: issued.credential.id, fields: { name: 'Alex Example' } });
  step.attach({ name: 'a response without a required field (device API, a probe wallet; test control as issuer and requester)', contentType: 'application/json', body: JSON.stringify(answer) });
  ensure(!answer.ok && answer.status === 400 && answer.code === 'PRESENTATION_MISSING_REQUIRED_FIELD', [], `the requester ${answer.ok ? 'accepted' : `answered ${answer.status} ${answer.code}`} a response without required field employeeId`, {
    code: 'MISSING_REQUIRED_ACCEPTED', expected: 'PRESENTATION_MISSING_REQUIRED_FIELD', actual: answer,
  });
});

/**
 * The requester takes exactly what was issued and selected, once (seed 003 share: "Share sends
 * the selected information"; each request is answered once): probed on the device API from a
 * wallet of the check's own, each refusal as the registry's exact status and code with a message:
 * a value changed from the issued one, a field the requester did not ask for, a credential the
 * wallet does not hold, an unknown request; then the right answer is taken and a second answer
 * to the same request is refused.
 */
export const ensureRequesterTakesOnlyTheIssuedSelectionOnce = defineCheck('ensureRequesterTakesOnlyTheIssuedSelectionOnce', ['CREDS-SHARE-SUBMIT', 'CREDS-SHARE-OPTIONAL-OPT-IN'], async (world: PathWorld, step: Step) => {
  const { api, walletId, walletToken } = await pairProbeWallet(world, 'acme', 'share-edges');
  const fields = { name: 'Alex Example', employeeId: 'E-1001', department: 'QA' };
  const issued = await controlPost<{ credential: { id: string } }>(world, '/test/v1/creds/issue', { issuerId: 'acme', walletId, credentialType: shareRequest.credentialType, fields });
  const request = await controlPost<{ id: string }>(world, '/test/v1/creds/presentations', shareRequest);
  const required = { name: fields.name, employeeId: fields.employeeId };
  const answers: unknown[] = [];
  const refused = async (id: string, body: { credentialId: string; fields: Record<string, string> }, code: ErrorCode, what: string): Promise<void> => {
    const answer = await api.presentationRespond(walletToken, id, body);
    answers.push({ what, answer });
    const status = errorCodes[code].status;
    ensure(!answer.ok && answer.status === status && answer.code === code && answer.message.trim() !== '', [], `the requester ${answer.ok ? 'accepted' : `answered ${answer.status} ${answer.code} "${answer.message}"`} ${what}, expected ${status} ${code} with a message`, {
      code: 'SHARE_NOT_REFUSED', expected: { status, code }, actual: answer,
    });
  };
  try {
    const opened = await api.presentationGet(walletToken, request.id);
    answers.push({ what: 'the request as the wallet opens it', answer: opened });
    ensure(opened.ok && opened.value.status === 'waiting' && opened.value.verifier.name === shareRequest.verifierName && JSON.stringify(opened.value.requiredFields) === JSON.stringify(shareRequest.requiredFields) && JSON.stringify(opened.value.optionalFields) === JSON.stringify(shareRequest.optionalFields), [], `the wallet opens the new request as ${JSON.stringify(opened.ok ? opened.value : opened)}, expected status waiting from ${shareRequest.verifierName} with the fields asked`, {
      code: 'VALUE_MISMATCH', expected: { status: 'waiting', ...shareRequest }, actual: opened,
    });
    await refused(request.id, { credentialId: issued.credential.id, fields: { ...required, employeeId: 'E-1002' } }, 'PRESENTATION_FIELD_MISMATCH', 'a response with employeeId changed from the issued value');
    await refused(request.id, { credentialId: issued.credential.id, fields: { ...required, salary: '1' } }, 'PRESENTATION_UNREQUESTED_FIELD', 'a response with a field it did not ask for');
    await refused(request.id, { credentialId: `${issued.credential.id}-not-held`, fields: required }, 'PRESENTATION_WRONG_CREDENTIAL', 'a response naming a credential the wallet does not hold');
    await refused(`${request.id}-unknown`, { credentialId: issued.credential.id, fields: required }, 'PRESENTATION_NOT_FOUND', 'a response to a request it never made');
    // Creds the wallet holds that can no longer answer: revoked by the issuer, and past its expiry (the issuer sets it 1 s ahead; the clock moves 1 s).
    const revoked = await controlPost<{ credential: { id: string } }>(world, '/test/v1/creds/issue', { issuerId: 'acme', walletId, credentialType: shareRequest.credentialType, fields });
    await controlPost(world, '/test/v1/creds/revoke', { credentialId: revoked.credential.id });
    await refused(request.id, { credentialId: revoked.credential.id, fields: required }, 'PRESENTATION_WRONG_CREDENTIAL', 'a response with Creds the issuer revoked');
    const now = await world.control.now();
    ensure(now !== undefined, [], 'the target\'s clock did not answer (GET /test/v1/clock)', { code: 'NO_TEST_CONTROL' });
    const expiring = await controlPost<{ credential: { id: string } }>(world, '/test/v1/creds/issue', { issuerId: 'acme', walletId, credentialType: shareRequest.credentialType, fields, expiresAt: new Date(now + 1000).toISOString() });
    await world.control.advanceClock(1000);
    await refused(request.id, { credentialId: expiring.credential.id, fields: required }, 'PRESENTATION_WRONG_CREDENTIAL', 'a response with Creds that expired this instant');
    // Each refusal about fields names them in its details (`target: fields.<name>`).
    // A failure is charged to the rule the refused response breaks (a missing required field: CREDS-SHARE-REQUIRED-FIXED).
    for (const [body, target, what, breaks] of [
      [{ ...required, salary: '1' }, 'fields.salary', 'a field it did not ask for', []],
      [{ name: fields.name }, 'fields.employeeId', 'a missing required field', ['CREDS-SHARE-REQUIRED-FIXED']],
      [{ ...required, name: 'Alex Other' }, 'fields.name', 'a value changed from the issued one', []],
    ] as const) {
      const raw = await targetFetch(new URL(`/device/v1/creds/presentations/${request.id}`, world.base), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${walletToken}` }, body: JSON.stringify({ credentialId: issued.credential.id, fields: body }) });
      const answer = (await raw.json()) as { details?: { target?: string; message?: string }[] };
      answers.push({ what: `${what}: the refusal's details`, answer });
      ensure(raw.status === 400 && (answer.details ?? []).some((d) => d.target === target && (d.message ?? '').trim() !== ''), breaks, `the refusal of ${what} has details ${JSON.stringify(answer.details)}, expected one for ${target} with a message`, {
        code: 'VALUE_MISMATCH', expected: target, actual: answer,
      });
    }
    const taken = await api.presentationRespond(walletToken, request.id, { credentialId: issued.credential.id, fields: required });
    answers.push({ what: 'the required fields as issued', answer: taken });
    ensure(taken.ok && (taken.value as { status?: unknown }).status === 'verified', [], `the requester answered ${JSON.stringify(taken)} to the required fields as issued (after the refused responses), expected status verified`, { code: 'SHARE_REFUSED', actual: taken });
    await refused(request.id, { credentialId: issued.credential.id, fields: required }, 'PRESENTATION_ALREADY_ANSWERED', 'a second response to the same request');
  } finally {
    step.attach({ name: 'responses the requester must refuse (device API, a probe wallet; test control as issuer and requester)', contentType: 'application/json', body: JSON.stringify(answers, null, 1) });
  }
});

/** The requester's pages (reference-server/creds/README.md "Pages for people"), read by testID. */

/** Posts the requester's form (`POST /creds/verify`); the request id from the page it leads to, or the refusal's code. */
async function askThroughTheForm(world: PathWorld, form: Record<string, string>): Promise<{ id?: string; code?: string; status: number }> {
  const response = await targetFetch(new URL('/creds/verify', world.base), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const location = response.headers.get('location') ?? '';
  const id = /^\/creds\/verify\/([^/?#]+)$/.exec(location)?.[1];
  if (id !== undefined) return { id, status: response.status };
  const code = testIdElements(await response.text()).find((e) => e.id === credsPageIds.errorCode)?.text.trim();
  return { status: response.status, ...(code === undefined ? {} : { code }) };
}

/** What the requester's page says of a request now (`creds-verify-status`). */
async function requesterStatus(world: PathWorld, id: string): Promise<string | undefined> {
  const response = await targetFetch(new URL(`/creds/verify/${id}`, world.base));
  return testIdElements(await response.text()).find((e) => e.id === credsPageIds.verifyStatus)?.text.trim();
}

/**
 * The requester's form makes the request it was given (seed 003 share steps 1-2: the app shows
 * who asks and for what): a request for no field at all is refused (400 VALIDATION_ERROR); one
 * with optional fields only, and one with one required and one optional field, are made; a
 * wallet opening each (device API, a probe wallet) reads the fields asked and the requester's
 * id as reference-server/creds/README.md documents it: the name in lower case, each run of other
 * characters than a-z and 0-9 one hyphen, none at either end, cut to 60 characters, `verifier`
 * when nothing is left. What it observes is the request details the app is served for review
 * (CREDS-SHARE-REVIEW's server side); no app scans here, so it does not credit CREDS-SHARE-SCAN.
 */
export const ensureRequesterFormMakesTheRequestAsked = defineCheck('ensureRequesterFormMakesTheRequestAsked', ['CREDS-SHARE-REVIEW'], async (world: PathWorld, step: Step) => {
  const { api, walletToken } = await pairProbeWallet(world, 'acme', 'requester');
  const seen: unknown[] = [];
  const base = { credentialType: shareRequest.credentialType };
  try {
    const none = await askThroughTheForm(world, { ...base, verifierName: 'Rental Co', requiredFields: '', optionalFields: '' });
    seen.push({ what: 'a request for no field', answer: none });
    ensure(none.id === undefined && none.status === 400 && none.code === 'VALIDATION_ERROR', [], `the requester's form answered ${JSON.stringify(none)} to a request for no field, expected 400 VALIDATION_ERROR`, { code: 'VALUE_MISMATCH', expected: { status: 400, code: 'VALIDATION_ERROR' }, actual: none });
    const cases = [
      { verifierName: '  Rental  Co. (Main St)  ', requiredFields: '', optionalFields: 'department', id: 'rental-co-main-st' },
      { verifierName: '***', requiredFields: 'name', optionalFields: 'department', id: 'verifier' },
      { verifierName: `${'Q'.repeat(70)} Ltd`, requiredFields: 'name employeeId', optionalFields: '', id: 'q'.repeat(60) },
    ];
    for (const { id: expectedId, ...form } of cases) {
      const made = await askThroughTheForm(world, { ...base, ...form });
      const opened = made.id === undefined ? undefined : await api.presentationGet(walletToken, made.id);
      seen.push({ what: form, made, opened });
      const want = { verifierId: expectedId, requiredFields: form.requiredFields.split(' ').filter(Boolean), optionalFields: form.optionalFields.split(' ').filter(Boolean) };
      const got = opened?.ok ? { verifierId: opened.value.verifier.id, requiredFields: opened.value.requiredFields, optionalFields: opened.value.optionalFields } : opened;
      ensure(JSON.stringify(got) === JSON.stringify(want), [], `the request asked by "${form.verifierName}" for required [${form.requiredFields}] and optional [${form.optionalFields}] opens as ${JSON.stringify(got ?? made)}, expected ${JSON.stringify(want)}`, {
        code: 'VALUE_MISMATCH', expected: want, actual: got ?? made,
      });
    }
  } finally {
    step.attach({ name: "requests made with the requester's form (POST /creds/verify), opened by a probe wallet (device API)", contentType: 'application/json', body: JSON.stringify(seen, null, 1) });
  }
});

/**
 * A share request lives policy creds.presentationTtlSeconds on the server clock (test control
 * moves it): the requester's page says `waiting` one second before and `expired` at that instant.
 */
export const ensureRequesterPageShowsTheRequestExpire = defineCheck('ensureRequesterPageShowsTheRequestExpire', ['CREDS-SHARE-REQUEST-EXPIRY'], async (world: PathWorld, step: Step) => {
  const made = await askThroughTheForm(world, { verifierName: 'Rental Co', credentialType: shareRequest.credentialType, requiredFields: 'name', optionalFields: '' });
  ensure(made.id !== undefined, [], `the requester's form made no request (${JSON.stringify(made)})`, { code: 'VALUE_MISMATCH', actual: made });
  const ttl = world.policy.creds.presentationTtlSeconds;
  const fresh = await requesterStatus(world, made.id);
  await world.control.advanceClock((ttl - 1) * 1000);
  const before = await requesterStatus(world, made.id);
  await world.control.advanceClock(1000);
  const at = await requesterStatus(world, made.id);
  step.attach({ name: `the requester's page at 0 s, ${ttl - 1} s and ${ttl} s (test control moves the clock)`, contentType: 'application/json', body: JSON.stringify({ fresh, before, at }) });
  ensure(fresh === 'waiting' && before === 'waiting' && at === 'expired', [], `the requester's page said ${fresh} at 0 s, ${before} at ${ttl - 1} s and ${at} at ${ttl} s, expected waiting, waiting, expired`, {
    code: 'VALUE_MISMATCH', expected: ['waiting', 'waiting', 'expired'], actual: [fresh, before, at],
  });
});
