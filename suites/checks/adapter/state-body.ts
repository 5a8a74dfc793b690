/**
 * Rules every Authentication API answer keeps (protocol facts §1): a state body has `id`,
 * `status` and `_links.self` (API-GEN-STATE-BODY); an action named by its vendor media type is
 * understood (API-GEN-ACTION-MEDIA-TYPE), or by `?action=` (API-GEN-ACTION-QUERY);
 * cancelAuthentication ends the flow without a code (API-GEN-CANCEL); MFA_FAILED is a dead end
 * (API-GEN-MFA-FAILED-DEAD-END).
 */
import type { FlowState } from '../../../models/authn-api.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { AuthnClient } from '../../drivers/shared/authn-client.ts';
import { currentFlow, ensureOffersExactly, ensureRefusedWith, ensureStatus, lastAnswer } from './answers.ts';

export const ensureStateBodyHasIdStatusAndSelf = defineCheck('ensureStateBodyHasIdStatusAndSelf', ['API-GEN-STATE-BODY'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensure(typeof flow.id === 'string' && flow.id.length > 0, [], 'the state body has no id', { code: 'STATE_BODY', actual: flow });
  ensure(typeof flow.status === 'string', [], 'the state body has no status', { code: 'STATE_BODY', actual: flow });
  ensure(typeof flow._links?.self?.href === 'string', [], `${flow.status} has no _links.self`, { code: 'STATE_BODY', actual: flow._links });
});

/** The action just POSTed was understood as named: not a 415 (whether the state allowed it is API-GEN-LINKS-EXACT's check). */
function actionUnderstood(world: PathWorld): void {
  const response = lastAnswer(world);
  ensure(response.status !== 415 && response.body.code !== 'UNSUPPORTED_MEDIA_TYPE', [], `the action was refused as an unsupported media type (${response.status})`, { code: 'ERROR_CODE', actual: response.body });
}
export const ensureAnswerUnderstandsTheMediaTypeAction = defineCheck('ensureAnswerUnderstandsTheMediaTypeAction', ['API-GEN-ACTION-MEDIA-TYPE'], actionUnderstood);
export const ensureAnswerUnderstandsTheQueryAction = defineCheck('ensureAnswerUnderstandsTheQueryAction', ['API-GEN-ACTION-QUERY'], actionUnderstood);

/** After cancelAuthentication: FAILED with AUTHENTICATION_CANCELED, no authorization code, nothing more offered; an action now is refused. */
export const ensureCancelEndsWithoutAuthenticating = defineCheck('ensureCancelEndsWithoutAuthenticating', ['API-GEN-CANCEL'], async (world: PathWorld) => {
  const flow: FlowState = currentFlow(world);
  ensureStatus(flow, 'FAILED', 'after cancelAuthentication');
  ensure(flow.code === 'AUTHENTICATION_CANCELED', [], `a canceled flow says ${String(flow.code)}, expected AUTHENTICATION_CANCELED`, { code: 'ERROR_CODE', expected: 'AUTHENTICATION_CANCELED', actual: flow.code });
  ensure(flow.authorizeResponse === undefined, [], 'a canceled flow carries an authorization code', { code: 'CODE_AFTER_CANCEL', actual: flow.authorizeResponse });
  ensureOffersExactly(flow, [], 'a canceled flow');
  const again = await new AuthnClient(world.base).action(flow, 'continueAuthentication', {});
  ensureRefusedWith(again, 'INVALID_ACTION_ID', 'continueAuthentication on a canceled flow');
});

/** MFA_FAILED offers cancelAuthentication only. */
export const ensureMfaFailedIsADeadEnd = defineCheck('ensureMfaFailedIsADeadEnd', ['API-GEN-MFA-FAILED-DEAD-END'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'MFA_FAILED', 'after too many wrong OTPs');
  ensureOffersExactly(flow, ['cancelAuthentication'], 'MFA_FAILED');
});
