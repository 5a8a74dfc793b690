/**
 * Pairing offers (seed 003 "Before you begin": "A QR code or link from the issuing
 * organization"): one offer per wallet, single use, short-lived. The QR carries
 * `authconf://creds/pair?v=1&offer=ID&server=BASE` (`models/qr.ts`); the link is
 * `BASE/creds/offers/ID`. The app may send either, or the bare offer id.
 */
import { decodeQr, encodeQr } from '../../models/qr.ts';
import { randomId } from '../domain/ids.ts';
import type { CredsOfferRecord } from './records.ts';
import { issuerOf, refuse, type CredsScope } from './scope.ts';

export interface IssuedOffer {
  record: CredsOfferRecord;
  qr: string;
  link: string;
}

export function createOffer(scope: CredsScope, issuerId: string, username: string | null): IssuedOffer {
  const issuer = issuerOf(scope, issuerId);
  const now = scope.context.nowMs();
  const record: CredsOfferRecord = {
    id: `o${randomId(scope.context.rng, 23)}`,
    issuerId: issuer.id,
    username: username === null ? null : username.trim().toLowerCase(),
    createdAt: now,
    expiresAt: now + scope.config.offerTtlSeconds * 1000,
    pairingId: null,
  };
  scope.context.store.put('credsOffers', record.id, record);
  return { record, ...offerLinks(scope, record.id) };
}

export function offerLinks(scope: CredsScope, offerId: string): { qr: string; link: string } {
  const base = scope.context.config.baseUrl;
  return { qr: encodeQr({ kind: 'creds-pair', offer: offerId, server: base }), link: `${base}/creds/offers/${offerId}` };
}

const OFFER_ID = /^[A-Za-z0-9]{1,64}$/;

/** The offer id inside what the app sent: the QR payload, the link, or the bare id. */
export function offerIdFrom(input: string): string | undefined {
  const text = input.trim();
  if (/^authconf:/i.test(text)) {
    const payload = decodeQr(text);
    return payload?.kind === 'creds-pair' && OFFER_ID.test(payload.offer) ? payload.offer : undefined;
  }
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    return /^\/creds\/offers\/([A-Za-z0-9]{1,64})\/?$/.exec(url.pathname)?.[1];
  }
  return OFFER_ID.test(text) ? text : undefined;
}

/** An offer that exists and has not expired (used offers are checked after the one-pairing rule). */
export function findLiveOffer(scope: CredsScope, input: string): CredsOfferRecord {
  const id = offerIdFrom(input);
  const offer = id ? scope.context.store.get('credsOffers', id) : undefined;
  if (!offer || !scope.config.issuers.has(offer.issuerId)) {
    refuse('CREDS_OFFER_INVALID', 'This is not a pairing offer from this server.', ['CREDS-PAIR-QR-OR-LINK'], {
      userMessage: 'This QR code or link is not valid. Ask the issuer for a new one.',
    });
  }
  if (scope.context.nowMs() >= offer.expiresAt) {
    refuse('CREDS_OFFER_INVALID', 'The pairing offer expired.', ['CREDS-PAIR-QR-OR-LINK'], { userMessage: 'This QR code or link has expired. Ask the issuer for a new one.' });
  }
  return offer;
}

export function ensureOfferUnused(offer: CredsOfferRecord): void {
  if (offer.pairingId !== null) {
    refuse('CREDS_OFFER_INVALID', 'The pairing offer was already used by another wallet.', ['CREDS-PAIR-QR-OR-LINK'], {
      userMessage: 'This QR code or link was already used. Ask the issuer for a new one.',
    });
  }
}
