/**
 * The desktop app's PIN (seed 002 step 5): asked before the OTP when the organisation requires
 * one (and required by the server's device API); a PIN that breaks a rule stays on Enter PIN with
 * the rule's code; the edges of each rule and the seed's own examples (1111, 8787, 765432, and
 * 123321) are refused; the re-entry must match.
 */
import type { CompletePairingRequest } from '../../../models/device-api.ts';
import { errorCodes, type ErrorCode } from '../../../models/error-codes.ts';
import type { RequirementId } from '../../../models/requirements.ts';
import { desktop } from '../../../models/testids.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { probeKey, probeUser } from '../shared/key-probes.ts';
import { brokenPinRules, edgePins, pinRuleCodes, type PinRule } from '../shared/pin-oracle.ts';
import { ensureScreen, textOf } from '../shared/shown.ts';

const D = desktop.controls;
const S = desktop.screens;

export const ensureDesktopPinAskedAndRequiredByTheServer = defineCheck('ensureDesktopPinAskedAndRequiredByTheServer', ['DSK-PAIR-PIN-REQUIRED'], async (world: PathWorld, step: Step) => {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, S.pinCreate, 'a PIN policy after Pair');
  ensure(snap.values[D.pinInput] !== undefined && snap.values[D.pinNext] !== undefined, [], 'Enter PIN has no field or Next', { code: 'VALUE_MISMATCH', actual: snap.values });
  const api = new DeviceApiClient(world.http, world.base);
  const claim = await api.claimKey(await probeKey(world, 'desktop-pin-probe'));
  ensure(claim.ok, [], 'a fresh key could not be claimed', { code: 'CLAIM_FAILED', actual: claim });
  const answer = await api.completePairing({ claimToken: claim.value.claimToken, device: { kind: 'desktop', name: 'PIN probe', platform: 'macos' }, pin: { configured: false, length: 0 }, location: { permission: 'not-asked' }, biometrics: { enrolled: false } });
  step.attach({ name: 'desktop pairing without a PIN (device API; key issued by test control)', contentType: 'application/json', body: JSON.stringify(answer) });
  ensure(!answer.ok && answer.status === 400 && answer.code === 'PIN_REQUIRED', [], `the server ${answer.ok ? 'paired' : `answered ${answer.status} ${answer.code}`} a desktop app without the policy's PIN`, { code: 'ERROR_CODE', expected: 'PIN_REQUIRED', actual: answer });
});

function refusedFor(world: PathWorld, pin: string, what: string): void {
  const snap = world.desktop.snapshot();
  ensureScreen(snap.screen, S.pinCreate, `${what} ${pin}`);
  const codes = brokenPinRules(pin, world.policy).flatMap((r) => pinRuleCodes[r]);
  const shown = textOf(snap.values, D.pinError);
  ensure(codes.includes(shown as never), [], `${what} ${pin}: Enter PIN shows '${shown}', expected ${codes.join(' or ')}`, { code: 'VALUE_MISMATCH', expected: codes, actual: shown });
}

const ruleIds: Record<PinRule, RequirementId> = { length: 'DSK-PAIR-PIN-LENGTH', distinct: 'DSK-PAIR-PIN-DISTINCT-DIGITS', sequence: 'DSK-PAIR-PIN-NO-SEQUENCE' };
export const desktopPinRefusedFor = Object.fromEntries(
  (Object.entries(ruleIds) as [PinRule, RequirementId][]).map(([rule, id]) => [
    rule,
    defineCheck(`ensureDesktopPinRefusedFor${rule[0]!.toUpperCase()}${rule.slice(1)}`, [id], (world: PathWorld, pin: string) => refusedFor(world, pin, 'the PIN')),
  ]),
) as Record<PinRule, ReturnType<typeof defineCheck<[PathWorld, string]>>>;

async function typeEach(world: PathWorld, pins: { pin: string; rule: string }[], step: Step, name: string): Promise<void> {
  const tried: string[] = [];
  try {
    for (const { pin, rule } of pins) {
      await world.desktop.type(D.pinInput, pin);
      await world.desktop.tap(D.pinNext);
      tried.push(`${pin} (${rule}): ${world.desktop.snapshot().screen} ${textOf(world.desktop.snapshot().values, D.pinError)}`);
      refusedFor(world, pin, `the ${rule} PIN`);
    }
    await world.desktop.type(D.pinInput, '');
  } finally {
    step.attach({ name, contentType: 'text/plain', body: tried.join('\n') });
  }
}

export const ensureDesktopPinEdgesRefused = defineCheck('ensureDesktopPinEdgesRefused', ['DSK-PAIR-PIN-LENGTH', 'DSK-PAIR-PIN-DISTINCT-DIGITS', 'DSK-PAIR-PIN-NO-SEQUENCE'], (world: PathWorld, step: Step) =>
  typeEach(world, edgePins(world.policy), step, 'edge PINs typed on Enter PIN'));

/** Seed 002 step 5.1: "1111, 123321, 8787, and 765432 are not allowed". */
export const ensureSeedPinExamplesRefused = defineCheck('ensureSeedPinExamplesRefused', ['DSK-PAIR-PIN-REJECTED-EXAMPLES'], (world: PathWorld, step: Step) =>
  typeEach(world, ['1111', '8787', '765432', '123321'].map((pin) => ({ pin, rule: 'documented example' })), step, "seed 002's refused PIN examples typed on Enter PIN"));

export const ensureDesktopPinReentryMustMatch = defineCheck('ensureDesktopPinReentryMustMatch', ['DSK-PAIR-PIN-CONFIRM'], (world: PathWorld, mismatch: boolean) => {
  const snap = world.desktop.snapshot();
  if (!mismatch) {
    ensureScreen(snap.screen, S.pinConfirm, 'after a valid PIN');
    ensure(snap.values[D.pinConfirmInput] !== undefined, [], 'Re-enter PIN has no field', { code: 'VALUE_MISMATCH', actual: snap.values });
    return;
  }
  ensureScreen(snap.screen, S.pinCreate, 'after a re-entry that differs');
  ensure(textOf(snap.values, D.pinError) === 'PIN_MISMATCH', [], `a differing re-entry shows '${textOf(snap.values, D.pinError)}', expected PIN_MISMATCH`, { code: 'VALUE_MISMATCH', actual: snap.values });
});

/**
 * A claim pairs one device, once (MOB-PAIR-KEY-SINGLE-USE; docs/device-api.md "Pairing with a
 * key"), probed on the device API with a key of the check's own: when pairing fails on the server
 * side (the `pairing-error` fault, armed through test control for that user only) the answer is
 * PAIRING_ERROR and the claim stays usable; it then pairs; neither the used claim token nor the new
 * device's token pairs another device (CLAIM_INVALID).
 */
export const ensureClaimPairsOneDeviceOnce = defineCheck('ensureClaimPairsOneDeviceOnce', ['MOB-PAIR-KEY-SINGLE-USE'], async (world: PathWorld, step: Step) => {
  const api = new DeviceApiClient(world.http, world.base);
  const username = await probeUser(world, 'claim-once');
  const claim = await api.claimKey((await world.control.issuePairingKey(username)).key);
  ensure(claim.ok, [], 'a fresh key could not be claimed', { code: 'CLAIM_FAILED', actual: claim });
  const length = world.policy.pin.length as 4 | 6; // Enter PIN: the policy sets a PIN
  const body = (claimToken: string, name: string): CompletePairingRequest => ({
    claimToken, device: { kind: 'desktop', name, platform: 'macos' }, pin: { configured: true, length }, location: { permission: 'not-asked' }, biometrics: { enrolled: false },
  });
  const answers: Record<string, unknown> = {};
  const refusedWith = (answer: Awaited<ReturnType<typeof api.completePairing>>, code: ErrorCode, what: string): void => {
    answers[what] = answer.ok ? 'paired' : answer;
    ensure(!answer.ok && answer.status === errorCodes[code].status && answer.code === code, [], `${what}: the server ${answer.ok ? 'paired' : `answered ${answer.status} ${answer.code}`}, expected ${errorCodes[code].status} ${code}`, { code: 'ERROR_CODE', expected: code, actual: answer });
  };
  try {
    await world.control.injectFault('pairing-error', username);
    refusedWith(await api.completePairing(body(claim.value.claimToken, 'Claim probe')), 'PAIRING_ERROR', 'pairing while it fails on the server side');
    const paired = await api.completePairing(body(claim.value.claimToken, 'Claim probe'));
    answers['the same claim once the failure passed'] = paired.ok ? 'paired' : paired;
    ensure(paired.ok, [], `the claim was not usable after a server-side pairing error (${paired.ok ? '' : `${paired.status} ${paired.code}`})`, { code: 'CLAIM_FAILED', actual: paired });
    refusedWith(await api.completePairing(body(claim.value.claimToken, 'Second device')), 'CLAIM_INVALID', 'a second device with the used claim token');
  } finally {
    step.attach({ name: 'one claim, one device (device API; key and fault by test control, for a probe user)', contentType: 'application/json', body: JSON.stringify(answers, null, 1) });
  }
});
