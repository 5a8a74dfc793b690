/**
 * The ID token says what the flow did (OpenID Connect Core §2; API-GEN-ID-TOKEN-CLAIMS): issued for
 * the openid scope, its status claim (named by the policy) equals the COMPLETED body's attribute
 * (web_login_otp after an OTP, device_paired after pairing, ...), and auth_time is at or before iat.
 */
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { jwtClaims } from './oauth-client.ts';

export const ensureIdTokenClaimsMatchTheFlow = defineCheck(
  'ensureIdTokenClaimsMatchTheFlow',
  ['API-GEN-ID-TOKEN-CLAIMS'],
  (tokenBody: Record<string, unknown>, statusAttribute: string, expectedStatus: unknown) => {
    ensure(typeof tokenBody.id_token === 'string', [], 'the token response for an openid flow has no id_token', { continuable: true, code: 'NO_ID_TOKEN', actual: tokenBody });
    const claims = jwtClaims(tokenBody.id_token) ?? {};
    ensure(claims[statusAttribute] === expectedStatus, [], `the ID token's ${statusAttribute} is ${JSON.stringify(claims[statusAttribute])}, the COMPLETED body said ${JSON.stringify(expectedStatus)}`, {
      continuable: true, code: 'CLAIM_MISMATCH', expected: expectedStatus, actual: claims[statusAttribute],
    });
    ensure(typeof claims.auth_time === 'number' && typeof claims.iat === 'number' && claims.auth_time <= claims.iat, [], `auth_time ${String(claims.auth_time)} is missing or after iat ${String(claims.iat)}`, { continuable: true, code: 'CLAIM_MISMATCH', actual: claims });
  },
);
