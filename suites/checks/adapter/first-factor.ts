/**
 * Seed 004 step 1 (both flows): first-factor authentication before MFA. A wrong password keeps
 * USERNAME_PASSWORD_REQUIRED with VALIDATION_ERROR / INVALID_CREDENTIALS; the right one leads to
 * AUTHENTICATION_REQUIRED, never straight to an MFA or completed state. The first state offers
 * checkUsernamePassword and cancelAuthentication (API-GEN-FIRST-FACTOR-CANCEL).
 */
import type { RequirementId } from '../../../models/requirements.ts';
import type { PathWorld } from '../../port/world.ts';
import { defineCheck } from '../check.ts';
import { currentFlow, ensureOffersExactly, ensureRefusedWith, ensureStatus, lastAnswer } from './answers.ts';

function firstFactorBody(world: PathWorld, accepted: boolean): void {
  const response = lastAnswer(world);
  if (!accepted) {
    ensureRefusedWith(response, 'VALIDATION_ERROR', 'checkUsernamePassword with a wrong password', 'INVALID_CREDENTIALS');
    ensureStatus(currentFlow(world), 'USERNAME_PASSWORD_REQUIRED', 'after a wrong password');
    return;
  }
  ensureStatus(currentFlow(world), 'AUTHENTICATION_REQUIRED', 'after the right username and password');
}

const firstFactor = (name: string, ids: RequirementId[]) => defineCheck(name, ids, firstFactorBody);
export const ensureInitialFlowFirstFactorPrecedesMfa = firstFactor('ensureInitialFlowFirstFactorPrecedesMfa', ['API-INIT-FIRST-FACTOR']);
export const ensureAdditionalFlowFirstFactorPrecedesMfa = firstFactor('ensureAdditionalFlowFirstFactorPrecedesMfa', ['API-ADD-FIRST-FACTOR']);

/** The flow starts at USERNAME_PASSWORD_REQUIRED offering checkUsernamePassword and cancelAuthentication. */
export const ensureFirstFactorOffersCancel = defineCheck('ensureFirstFactorOffersCancel', ['API-GEN-FIRST-FACTOR-CANCEL'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'USERNAME_PASSWORD_REQUIRED', 'a new flow');
  ensureOffersExactly(flow, ['checkUsernamePassword', 'cancelAuthentication'], 'the first-factor state');
});
