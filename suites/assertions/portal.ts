/**
 * Portal-side checks shared by the flows: the browser follows the phone's answer (seed 000
 * step 10, seed 001), and the Authentication field accepts or refuses a passcode.
 */
import type { RequirementId } from '../../models/requirements.ts';
import { portal } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import { attachPortal, portalScreen } from '../executors/portal.ts';
import type { Step } from '../executors/types.ts';
import { defineCheck } from '../checks/check.ts';
import { ensure } from '../runner/errors.ts';

/** The portal follows the phone's answer: signed on after approval, refused after deny or time-out (seed 000 step 10, seed 001). */
async function ensurePortalFollowsAnswer(world: PathWorld, expected: 'success' | 'failure', requirements: readonly RequirementId[], ctx: Step): Promise<void> {
  // Still on a pairing page: the portal first learns the device paired; then it follows the push.
  const pairing: string[] = [portal.screens.addDevice, portal.screens.pairingWaiting, portal.screens.desktopSetup];
  if (pairing.includes(portalScreen(world))) await world.portal.get('/portal/pairing/continue');
  const waiting: string[] = [portal.screens.pushWaiting, portal.screens.otp];
  if (waiting.includes(portalScreen(world))) await world.portal.get('/portal/push/continue');
  attachPortal(world, ctx);
  const want = expected === 'success' ? portal.screens.success : portal.screens.failure;
  ensure(portalScreen(world) === want, requirements, `after the phone's answer the portal shows ${portalScreen(world)}, expected ${want}`, {
    code: 'SCREEN_MISMATCH', expected: want, actual: portalScreen(world),
  });
}

/** After a passcode typed in the browser: signed on, or the field refuses it with a code. */
function ensurePasscodeOutcome(world: PathWorld, accepted: boolean, requirements: readonly RequirementId[]): void {
  const want = accepted ? portal.screens.success : portal.screens.otp;
  ensure(portalScreen(world) === want, requirements, `after the passcode the portal shows ${portalScreen(world)}, expected ${want}`, {
    code: 'SCREEN_MISMATCH', expected: want, actual: portalScreen(world),
  });
  if (!accepted) ensure(world.portal.snapshot().values[portal.controls.otpError] !== undefined, requirements, 'a refused passcode shows no error', { code: 'VALUE_MISMATCH' });
}


/** One named check per flow and answer (each enforces its own requirement). */
const followsAnswer = (name: string, expected: 'success' | 'failure', requirements: readonly RequirementId[]) =>
  defineCheck(name, requirements, (world: PathWorld, ctx: Step) => ensurePortalFollowsAnswer(world, expected, requirements, ctx));
export const ensurePortalSignsOnAfterPairingApproval = followsAnswer('ensurePortalSignsOnAfterPairingApproval', 'success', ['MOB-PAIR-SUCCESS']);
export const ensurePortalRefusesAfterPairingDenied = followsAnswer('ensurePortalRefusesAfterPairingDenied', 'failure', ['MOB-PAIR-DENY']);
export const ensurePortalRefusesAfterPairingTimeOut = followsAnswer('ensurePortalRefusesAfterPairingTimeOut', 'failure', ['MOB-PAIR-APPROVAL-TIME-LIMIT']);
export const ensurePortalSignsOnAfterApproval = followsAnswer('ensurePortalSignsOnAfterApproval', 'success', ['MOB-AUTH-SUCCESS']);
export const ensurePortalRefusesAfterDeny = followsAnswer('ensurePortalRefusesAfterDeny', 'failure', ['MOB-AUTH-DENY']);
export const ensurePortalRefusesAfterTimeOut = followsAnswer('ensurePortalRefusesAfterTimeOut', 'failure', ['MOB-AUTH-TIMEOUT']);

const passcodeOutcome = (name: string, accepted: boolean, requirements: readonly RequirementId[]) =>
  defineCheck(name, requirements, (world: PathWorld) => ensurePasscodeOutcome(world, accepted, requirements));
export const ensurePasscodeInBrowserSignsOn = passcodeOutcome('ensurePasscodeInBrowserSignsOn', true, ['MOB-PAIR-PASSCODE-IN-BROWSER']);
export const ensureWrongPasscodeRefusedInBrowser = passcodeOutcome('ensureWrongPasscodeRefusedInBrowser', false, ['MOB-PAIR-PASSCODE-WRONG']);
export const ensureCurrentPasscodeSignsOn = passcodeOutcome('ensureCurrentPasscodeSignsOn', true, ['MOB-AUTH-PASSCODE']);
export const ensureExpiredPasscodeRefused = passcodeOutcome('ensureExpiredPasscodeRefused', false, ['MOB-AUTH-PASSCODE-EXPIRED']);
