/**
 * An authorization code is redeemed once (RFC 6749 §4.1.2; API-GEN-CODE-SINGLE-USE): the COMPLETED
 * flow's code is exchanged (`redeemTwice`), then the same code again must be refused with
 * invalid_grant. When another check of the step already redeemed the code (the adapter's
 * completion check, with client_secret_basic), its answer is the first exchange and the probe
 * redeems once more (client_secret_post), which must be refused.
 */
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { type OAuthTarget, redeemCode, type TokenAnswer } from './oauth-client.ts';

/**
 * The probe: the same code at the token endpoint twice (the first time by another check, when
 * `earlier` is its answer), both answers kept as evidence. `extra`: what the flow's start bound
 * the code to (its PKCE `code_verifier`), so that a second redemption is refused for being the
 * second and for nothing else.
 */
export async function redeemTwice(target: OAuthTarget, code: string, step: Pick<Step, 'attach'>, earlier?: TokenAnswer, extra: Record<string, string> = {}): Promise<{ first: TokenAnswer; second: TokenAnswer }> {
  const first = earlier ?? (await redeemCode(target, code, { auth: 'client_secret_post', params: extra }));
  const second = await redeemCode(target, code, { auth: 'client_secret_post', params: extra });
  step.attach({ name: 'authorization code redeemed twice', contentType: 'text/plain', body: `${first.exchange}\n${second.exchange}` });
  return { first, second };
}

export const ensureAuthorizationCodeIsSingleUse = defineCheck('ensureAuthorizationCodeIsSingleUse', ['API-GEN-CODE-SINGLE-USE'], (first: TokenAnswer, second: TokenAnswer) => {
  // A code never redeemed cannot show it is redeemed once: the first redemption must have succeeded.
  ensure(first.status === 200, [], `the first token request for the flow's code got ${first.status} ${String(first.body.error ?? '')}: single use cannot be observed`, { continuable: true, code: 'TOKEN_REFUSED', actual: first.body });
  ensure(second.status === 400 && second.body.error === 'invalid_grant', [], `a code already redeemed was accepted again: ${second.status}`, {
    continuable: true, code: 'CODE_REUSED', expected: { status: 400, error: 'invalid_grant' }, actual: { status: second.status, body: second.body },
  });
});
