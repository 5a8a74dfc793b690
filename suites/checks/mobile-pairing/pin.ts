/**
 * Creating the app PIN (seed 000 step 8): asked when the policy sets one; a PIN that breaks a
 * rule stays on Create a PIN with the rule's code; at the edges of each rule (one digit too many
 * or too few, one distinct digit short, sequences that include 0) the app refuses too; the
 * re-entry must match. The server learns only the PIN's length (the PIN never leaves the device):
 * its device API is probed for that rule directly.
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { mobile } from '../../../models/testids.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { probeKey } from '../shared/key-probes.ts';
import { brokenPinRules, edgePins, pinRuleCodes, type PinRule } from '../shared/pin-oracle.ts';
import { ensureScreen, textOf } from '../shared/shown.ts';

const M = mobile.controls;
const S = mobile.screens;

/** The phone shows Create a PIN, and the server refuses to pair without the policy's PIN. */
export const ensurePinAskedAndRequiredByTheServer = defineCheck('ensurePinAskedAndRequiredByTheServer', ['MOB-PAIR-PIN-REQUIRED'], async (world: PathWorld, step: Step) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.pinCreate, 'a PIN policy after the key');
  ensure(snap.values[M.pinInput] !== undefined && snap.values[M.pinNext] !== undefined, [], 'Create a PIN has no PIN field or Next', { code: 'VALUE_MISMATCH', actual: snap.values });
  const api = new DeviceApiClient(world.http, world.base);
  const key = await probeKey(world, 'pin-probe');
  const claim = await api.claimKey(key);
  ensure(claim.ok, [], `a fresh key could not be claimed (${claim.ok ? '' : claim.code})`, { code: 'CLAIM_FAILED' });
  const length = world.policy.pin.length;
  const attempt = (pin: { configured: boolean; length: 0 | 4 | 6 }) => api.completePairing({
    claimToken: claim.value.claimToken,
    device: { kind: 'mobile', name: 'PIN probe', platform: 'ios', notificationsEnabled: true },
    pin,
    location: { permission: 'granted', latitude: 0, longitude: 0 },
    biometrics: { enrolled: true },
  });
  const none = await attempt({ configured: false, length: 0 });
  const other = await attempt({ configured: true, length: length === 4 ? 6 : 4 });
  step.attach({ name: 'pairing without the policy PIN (device API; key issued by test control)', contentType: 'application/json', body: JSON.stringify({ none, other }) });
  for (const [answer, what] of [[none, 'no PIN'], [other, `a ${length === 4 ? 6 : 4}-digit PIN`]] as const) {
    ensure(!answer.ok && answer.status === 400 && answer.code === 'PIN_REQUIRED', [], `the server ${answer.ok ? 'paired' : `answered ${answer.status} ${answer.code}`} with ${what} under a ${length}-digit PIN policy`, { code: 'ERROR_CODE', expected: 'PIN_REQUIRED', actual: answer });
  }
});

/** The PIN just typed breaks `rule`: Create a PIN stays, showing one of the codes of the rules it breaks. */
function refusedFor(world: PathWorld, pin: string, what: string): void {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, S.pinCreate, `${what} ${pin}`);
  const codes = brokenPinRules(pin, world.policy).flatMap((r) => pinRuleCodes[r]);
  const shown = textOf(snap.values, M.pinError);
  ensure(codes.includes(shown as never), [], `${what} ${pin}: Create a PIN shows '${shown}', expected ${codes.join(' or ')}`, { code: 'VALUE_MISMATCH', expected: codes, actual: shown });
}

const ruleChecks: Record<PinRule, RequirementId> = { length: 'MOB-PAIR-PIN-LENGTH', distinct: 'MOB-PAIR-PIN-DISTINCT-DIGITS', sequence: 'MOB-PAIR-PIN-NO-SEQUENCE' };
/** `ensurePinRefusedFor<Rule>`: the PIN the path typed breaks that rule (first, in the apps' order) and is refused. */
export const pinRefusedFor = Object.fromEntries(
  (Object.entries(ruleChecks) as [PinRule, RequirementId][]).map(([rule, id]) => [
    rule,
    defineCheck(`ensurePinRefusedFor${rule[0]!.toUpperCase()}${rule.slice(1)}`, [id], (world: PathWorld, pin: string) => refusedFor(world, pin, 'the PIN')),
  ]),
) as Record<PinRule, ReturnType<typeof defineCheck<[PathWorld, string]>>>;

/** Edge PINs typed on Create a PIN are each refused with their rule's code (the app stays on Create a PIN). */
export const ensurePinEdgesRefused = defineCheck('ensurePinEdgesRefused', ['MOB-PAIR-PIN-LENGTH', 'MOB-PAIR-PIN-DISTINCT-DIGITS', 'MOB-PAIR-PIN-NO-SEQUENCE'], async (world: PathWorld, step: Step) => {
  const tried: string[] = [];
  for (const { pin, rule } of edgePins(world.policy)) {
    await world.mobile.type(M.pinInput, pin);
    await world.mobile.tap(M.pinNext);
    tried.push(`${pin} (${rule}): ${world.mobile.snapshot().screen} ${textOf(world.mobile.snapshot().values, M.pinError)}`);
    refusedFor(world, pin, `the edge PIN (${rule})`);
  }
  await world.mobile.type(M.pinInput, '');
  step.attach({ name: 'edge PINs typed on Create a PIN', contentType: 'text/plain', body: tried.join('\n') });
});

export const ensurePinReentryMustMatch = defineCheck('ensurePinReentryMustMatch', ['MOB-PAIR-PIN-CONFIRM'], (world: PathWorld, mismatch: boolean) => {
  const snap = world.mobile.snapshot();
  if (!mismatch) {
    ensureScreen(snap.screen, S.pinConfirm, 'after a valid PIN');
    ensure(snap.values[M.pinConfirmInput] !== undefined, [], 'Confirm your PIN has no PIN field', { code: 'VALUE_MISMATCH', actual: snap.values });
    return;
  }
  ensureScreen(snap.screen, S.pinCreate, 'after a re-entry that differs');
  ensure(textOf(snap.values, M.pinError) === 'PIN_MISMATCH', [], `a differing re-entry shows '${textOf(snap.values, M.pinError)}', expected PIN_MISMATCH`, { code: 'VALUE_MISMATCH', actual: snap.values });
});
