/**
 * Organisation requirements the phone enforces and the server enforces too (seed 000 "Before you
 * begin" 3 and step 9): without biometrics (when required) the phone refuses with
 * BIOMETRICS_REQUIRED; with location denied (when required) it asks again with LOCATION_REQUIRED.
 * The server's device API is probed for each rule directly with a key of the check's own (an app
 * that refuses first hides a server that does not).
 */
import type { CompletePairingRequest } from '../../../models/device-api.ts';
import { mobile } from '../../../models/testids.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { probeKey } from '../shared/key-probes.ts';
import { ensureShows } from '../shared/shown.ts';

async function serverRefuses(world: PathWorld, change: Partial<CompletePairingRequest>, code: 'BIOMETRICS_REQUIRED' | 'LOCATION_REQUIRED', step: Step): Promise<void> {
  const api = new DeviceApiClient(world.http, world.base);
  const claim = await api.claimKey(await probeKey(world, 'policy-probe'));
  ensure(claim.ok, [], 'a fresh key could not be claimed', { code: 'CLAIM_FAILED', actual: claim });
  const length = world.policy.pin.length;
  const answer = await api.completePairing({
    claimToken: claim.value.claimToken,
    device: { kind: 'mobile', name: `${code} probe`, platform: 'ios', notificationsEnabled: true },
    pin: { configured: length !== 0, length },
    location: { permission: 'granted', latitude: 0, longitude: 0 },
    biometrics: { enrolled: true },
    ...change,
  });
  step.attach({ name: `pairing against ${code} (device API; key issued by test control)`, contentType: 'application/json', body: JSON.stringify(answer) });
  ensure(!answer.ok && answer.status === 400 && answer.code === code, [], `the server ${answer.ok ? 'paired the device' : `answered ${answer.status} ${answer.code}`}, expected 400 ${code}`, { code: 'ERROR_CODE', expected: code, actual: answer });
}

export const ensureNoPairingWithoutRequiredBiometrics = defineCheck('ensureNoPairingWithoutRequiredBiometrics', ['MOB-PAIR-BIOMETRICS-SETUP'], async (world: PathWorld, step: Step) => {
  const snap = world.mobile.snapshot();
  ensureShows(snap.values, mobile.controls.errorCode, /^BIOMETRICS_REQUIRED$/, `without biometrics the phone (${snap.screen})`);
  await serverRefuses(world, { biometrics: { enrolled: false } }, 'BIOMETRICS_REQUIRED', step);
});

export const ensureNoPairingWithLocationDenied = defineCheck('ensureNoPairingWithLocationDenied', ['MOB-PAIR-LOCATION-REQUIRED'], async (world: PathWorld, step: Step) => {
  const snap = world.mobile.snapshot();
  ensure(snap.screen === mobile.screens.location, [], `with location denied the phone shows ${snap.screen}, not Enable Location again`, { code: 'SCREEN_MISMATCH', expected: mobile.screens.location, actual: snap.screen });
  ensureShows(snap.values, mobile.controls.errorCode, /^LOCATION_REQUIRED$/, 'location denied');
  await serverRefuses(world, { location: { permission: 'denied' } }, 'LOCATION_REQUIRED', step);
});
