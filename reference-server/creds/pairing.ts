/**
 * Pairing a wallet with an issuer, in the order of seed 003 "How do I pair Creds?": the app
 * scanned the issuer's QR code (step 2), the user accepted the permissions (step 3, app side)
 * and unlocked with the device PIN or biometrics (step 4). One pairing per issuer per wallet;
 * the wallet token returned speaks for that one pairing.
 */
import type { FastifyRequest } from 'fastify';
import type { CredsPairRequest, CredsPairResponse } from '../../models/device-api.ts';
import { randomId, randomToken, sha256hex } from '../domain/ids.ts';
import { bearerToken } from '../device-api/auth.ts';
import { fail } from '../http/errors.ts';
import { ensureOfferUnused, findLiveOffer } from './offers.ts';
import type { WalletPairingRecord } from './records.ts';
import { issuerOf, refuse, type CredsScope } from './scope.ts';
import type { Issuer } from './issuers.ts';

export const pairingId = (issuerId: string, walletId: string): string => `${issuerId}/${walletId}`;

export function pairWallet(scope: CredsScope, body: CredsPairRequest, request?: FastifyRequest): CredsPairResponse {
  const offer = findLiveOffer(scope, body.offer);
  ensureDeviceLockVerified(body.deviceLock);
  // Issue 9: the server chooses the wallet id (or reads it from the wallet's own token); a named one must be the caller's.
  const walletId = body.walletId ?? walletOfToken(scope, request) ?? `w${randomId(scope.context.rng, 23)}`;
  ensureWalletOwned(scope, walletId, request);
  ensureNotPairedWithIssuer(scope, walletId, offer.issuerId);
  ensureOfferUnused(offer);
  const issuer = issuerOf(scope, offer.issuerId);
  const pairing: WalletPairingRecord = {
    id: pairingId(issuer.id, walletId),
    walletId,
    issuerId: issuer.id,
    username: offer.username,
    offerId: offer.id,
    device: body.device,
    deviceLock: body.deviceLock.kind,
    pairedAt: scope.context.nowMs(),
  };
  const walletToken = randomToken(scope.context.rng);
  scope.context.store.transaction(() => {
    scope.context.store.put('walletPairings', pairing.id, pairing);
    scope.context.store.put('credsOffers', offer.id, { ...offer, pairingId: pairing.id });
    scope.context.store.put('walletTokens', sha256hex(walletToken), { hash: sha256hex(walletToken), pairingId: pairing.id });
  });
  return { walletToken, walletId, issuer: { id: issuer.id, name: issuer.name } };
}

/** The wallet id behind a Bearer wallet token, if the request carries a valid one. */
function walletOfToken(scope: CredsScope, request: FastifyRequest | undefined): string | undefined {
  const token = request ? bearerToken(request) : undefined;
  const record = token ? scope.context.store.get('walletTokens', sha256hex(token)) : undefined;
  return record ? scope.context.store.get('walletPairings', record.pairingId)?.walletId : undefined;
}

/** Seed 003 "Before you begin" 1 and step 4: a device lock, and the user just unlocked with it. */
function ensureDeviceLockVerified(lock: CredsPairRequest['deviceLock']): void {
  if (!lock.verified) {
    refuse('CREDS_DEVICE_LOCK_REQUIRED', 'Pairing with an issuer needs the device PIN or biometrics, verified.', ['CREDS-PAIR-LOCK-REQUIRED', 'CREDS-PAIR-DEVICE-AUTH'], {
      userMessage: 'Set up a PIN or biometrics on this device, then try again.',
    });
  }
}

/**
 * A wallet id names one wallet (issue 9, Creds hijack): the first pairing claims it; every later
 * pairing for that id must carry `Authorization: Bearer <walletToken>` of one of the wallet's
 * pairings, so nobody adds a pairing to (and presents the Creds of) a wallet that is not theirs.
 */
function ensureWalletOwned(scope: CredsScope, walletId: string, request: FastifyRequest | undefined): void {
  const pairings = scope.context.store.list('walletPairings').filter((p) => p.walletId === walletId);
  if (pairings.length === 0) return;
  const token = request ? bearerToken(request) : undefined;
  const record = token ? scope.context.store.get('walletTokens', sha256hex(token)) : undefined;
  const owner = record ? scope.context.store.get('walletPairings', record.pairingId) : undefined;
  if (owner?.walletId !== walletId) {
    refuse('CREDS_WALLET_NOT_OWNED', 'This wallet id is taken: pair again with a wallet token of this wallet (Authorization: Bearer).', ['CREDS-PAIR-OFFER-AUTHENTICATED'], {
      userMessage: 'This wallet could not be verified. Pair from the phone that holds it.',
    });
  }
}

/** Seed 003 "How do I pair Creds?": each issuer separately, once. */
function ensureNotPairedWithIssuer(scope: CredsScope, walletId: string, issuerId: string): void {
  if (scope.context.store.get('walletPairings', pairingId(issuerId, walletId))) {
    refuse('CREDS_ALREADY_PAIRED', 'This wallet is already paired with this issuer.', ['CREDS-PAIR-ONCE-PER-ISSUER'], {
      userMessage: 'You are already paired with this issuer.',
    });
  }
}

/** The wallet pairing behind `Authorization: Bearer <walletToken>`, or 401 UNAUTHORIZED. */
export function authenticateWallet(scope: CredsScope, request: FastifyRequest): { pairing: WalletPairingRecord; issuer: Issuer } {
  const token = bearerToken(request);
  const record = token ? scope.context.store.get('walletTokens', sha256hex(token)) : undefined;
  const pairing = record ? scope.context.store.get('walletPairings', record.pairingId) : undefined;
  const issuer = pairing ? scope.config.issuers.get(pairing.issuerId) : undefined;
  if (!pairing || !issuer) fail('UNAUTHORIZED', 'A valid wallet token is required: Authorization: Bearer <walletToken>.');
  return { pairing, issuer };
}
