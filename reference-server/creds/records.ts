/**
 * What the Creds plugin keeps (seed 003), added to the store by declaration merging on
 * `StoreRecords` (`../store/records.ts`). Both stores are generic over collection names (the
 * memory store keeps a map per name, SQLite one table keyed by collection and id), so these
 * collections need no migration and survive a restart on SQLite. Times are ms from the clock.
 */
import type { DeviceInfo, DeviceRequestKind } from '../../models/device-api.ts';

/** A pairing offer: what the issuer's QR code or link carries. Single use, short-lived. */
export interface CredsOfferRecord {
  id: string;
  issuerId: string;
  /** The person the issuer made the offer for (its support desk, seed 003 last section), if known. */
  username: string | null;
  createdAt: number;
  expiresAt: number;
  /** The wallet pairing this offer completed, once used. */
  pairingId: string | null;
}

/** One wallet paired with one issuer (seed 003: pair per issuer). Id: `${issuerId}/${walletId}`. */
export interface WalletPairingRecord {
  id: string;
  walletId: string;
  issuerId: string;
  username: string | null;
  offerId: string;
  device: DeviceInfo;
  deviceLock: 'pin' | 'biometrics';
  pairedAt: number;
}

/** A wallet token: sha256 of the bearer (the record id) and the pairing it speaks for. */
export interface WalletTokenRecord {
  hash: string;
  pairingId: string;
}

export interface CredentialRecord {
  id: string;
  issuerId: string;
  walletId: string;
  pairingId: string;
  type: string;
  fields: Record<string, string>;
  issuedAt: number;
  expiresAt: number | null;
  revoked: boolean;
  revokedAt: number | null;
  /** The credential this one was reissued from (a new device, seed 003 last section). */
  reissuedFrom: string | null;
}

/** A notification to a wallet pairing: Creds issued or revoked (seed 003 "How do I receive Creds?"). */
export interface CredsNotificationRecord {
  id: string;
  pairingId: string;
  kind: Extract<DeviceRequestKind, 'creds-issued' | 'creds-revoked'>;
  credentialId: string;
  createdAt: number;
  expiresAt: number;
}

/** What the verifier received: exactly the fields shared, from which credential and wallet. */
export interface ReceivedPresentation {
  credentialId: string;
  credentialType: string;
  issuer: { id: string; name: string };
  walletId: string;
  fields: Record<string, string>;
  receivedAt: number;
}

export interface PresentationRecord {
  id: string;
  verifier: { id: string; name: string };
  credentialType: string;
  requiredFields: string[];
  optionalFields: string[];
  createdAt: number;
  expiresAt: number;
  received: ReceivedPresentation | null;
}

declare module '../store/records.ts' {
  interface StoreRecords {
    credsOffers: CredsOfferRecord;
    walletPairings: WalletPairingRecord;
    walletTokens: WalletTokenRecord;
    credentials: CredentialRecord;
    credsNotifications: CredsNotificationRecord;
    presentations: PresentationRecord;
  }
}
