/**
 * A PKCE code_challenge outside 43-128 characters is refused (RFC 7636 §4.2, §4.4.1;
 * API-GEN-PKCE-CHALLENGE): a redirectless authorization request with a 1-character S256
 * challenge must get 400 invalid_request, not a flow.
 */
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { AUTHORIZATION_PATH } from '../../../models/authn-api.ts';
import { probeClient } from './oauth-client.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

export const ensureShortPkceChallengeIsRefused = defineCheck('ensureShortPkceChallengeIsRefused', ['API-GEN-PKCE-CHALLENGE'], async (base: string, step: Pick<Step, 'attach'>) => {
  const query = new URLSearchParams({ client_id: probeClient.clientId, response_type: 'code', response_mode: 'pi.flow', redirect_uri: probeClient.redirectUri, scope: 'openid', code_challenge: 'x', code_challenge_method: 'S256' });
  const response = await targetFetch(new URL(`${AUTHORIZATION_PATH}?${query.toString()}`, base), { headers: { accept: 'application/json' } });
  const text = await response.text();
  step.attach({ name: '1-character PKCE challenge', contentType: 'text/plain', body: `GET ${AUTHORIZATION_PATH}?…code_challenge=x -> ${response.status} ${text.slice(0, 300)}` });
  ensure(response.status === 400 && text.includes('invalid_request'), [], `a 1-character code_challenge got ${response.status}, not 400 invalid_request`, { continuable: true, code: 'PKCE_ACCEPTED', expected: 400, actual: response.status });
});
