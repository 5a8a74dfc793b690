/**
 * Issuer offers are bound to an authenticated user (CREDS-PAIR-OFFER-AUTHENTICATED): the issuer's
 * offer page asked, without any sign-on, for an offer in another user's name must refuse; else
 * anyone pairs a wallet in the victim's name and receives the victim's Creds.
 */
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

export const ensureIssuerOfferNeedsAuthentication = defineCheck(
  'ensureIssuerOfferNeedsAuthentication',
  ['CREDS-PAIR-OFFER-AUTHENTICATED'],
  async (base: string, issuerId: string, victim: string, step: Pick<Step, 'attach'>) => {
    const path = `/creds/issuers/${encodeURIComponent(issuerId)}/offer?username=${encodeURIComponent(victim)}`;
    const response = await targetFetch(new URL(path, base), { headers: { accept: 'text/html' } });
    const text = await response.text();
    step.attach({ name: 'an offer in another user\'s name, without sign-on', contentType: 'text/plain', body: `GET ${path} -> ${response.status} ${(/data-testid="creds-error-code">(\w+)</.exec(text)?.[1] ?? '')}` });
    ensure(response.status === 401 || response.status === 403, [], `an unauthenticated request got an offer for '${victim}' (${response.status})`, { continuable: true, code: 'OFFER_UNBOUND', expected: 401, actual: response.status });
  },
);
