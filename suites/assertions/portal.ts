/**
 * Portal-side checks shared by the flows: the browser follows the phone's answer (seed 000
 * step 10, seed 001), and the Authentication field accepts or refuses a passcode.
 */
import type { RequirementId } from '../../models/requirements.ts';
import { portal } from '../../models/testids.ts';
import type { SimWorld } from '../drivers/sim/world.ts';
import { attachPortal, portalScreen } from '../executors/portal.ts';
import type { Step } from '../executors/types.ts';
import { ensure } from '../runner/errors.ts';

/** The portal follows the phone's answer: signed on after approval, refused after deny or time-out (seed 000 step 10, seed 001). */
export async function ensurePortalFollowsAnswer(world: SimWorld, expected: 'success' | 'failure', requirements: RequirementId[], ctx: Step): Promise<void> {
  ctx.cite(requirements);
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
export function ensurePasscodeOutcome(world: SimWorld, accepted: boolean, requirements: RequirementId[], ctx: Step): void {
  ctx.cite(requirements);
  const want = accepted ? portal.screens.success : portal.screens.otp;
  ensure(portalScreen(world) === want, requirements, `after the passcode the portal shows ${portalScreen(world)}, expected ${want}`, {
    code: 'SCREEN_MISMATCH', expected: want, actual: portalScreen(world),
  });
  if (!accepted) ensure(world.portal.snapshot([want]).values[portal.controls.otpError] !== undefined, requirements, 'a refused passcode shows no error', { code: 'VALUE_MISMATCH' });
}

