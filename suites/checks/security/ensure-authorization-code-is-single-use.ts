/**
 * An authorization code is redeemed once (RFC 6749 §4.1.2; API-GEN-CODE-SINGLE-USE): the COMPLETED
 * flow's code is exchanged (`redeemTwice`), then the same code again must be refused with
 * invalid_grant. When another check of the step already redeemed the code, the first exchange
 * is refused too; the second must still be.
 */
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { redeemCode, type TokenAnswer } from './oauth-client.ts';

/** The probe: the same code at the token endpoint twice, both answers kept as evidence. */
export async function redeemTwice(base: string, code: string, step: Pick<Step, 'attach'>): Promise<{ first: TokenAnswer; second: TokenAnswer }> {
  const first = await redeemCode(base, code);
  const second = await redeemCode(base, code);
  step.attach({ name: 'authorization code redeemed twice', contentType: 'text/plain', body: `${first.exchange}\n${second.exchange}` });
  return { first, second };
}

export const ensureAuthorizationCodeIsSingleUse = defineCheck('ensureAuthorizationCodeIsSingleUse', ['API-GEN-CODE-SINGLE-USE'], (first: TokenAnswer, second: TokenAnswer) => {
  ensure(first.status === 200 || first.body.error === 'invalid_grant', [], `the first token request for the flow's code got ${first.status} ${String(first.body.error ?? '')}`, { continuable: true, code: 'TOKEN_REFUSED', actual: first.body });
  ensure(second.status === 400 && second.body.error === 'invalid_grant', [], `a code already redeemed was accepted again: ${second.status}`, {
    continuable: true, code: 'CODE_REUSED', expected: { status: 400, error: 'invalid_grant' }, actual: { status: second.status, body: second.body },
  });
});
