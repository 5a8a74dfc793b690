/**
 * Issuing, revoking and reissuing Creds (seed 003 "How do I receive Creds?" and "Can I backup
 * or move my Creds to a new device?"), each followed by a notification to the wallet pairing.
 * Creds go only to a wallet paired with the issuer; a new device (a new wallet id after a
 * reinstall) pairs again and gets its Creds reissued: nothing moves from the old wallet.
 */
import type { Credential, DeviceRequest } from '../../models/device-api.ts';
import { iso, randomId } from '../domain/ids.ts';
import { fail, invalidField } from '../http/errors.ts';
import { credentialTypeOf, type CredentialType, type Issuer } from './issuers.ts';
import type { CredentialRecord, CredsNotificationRecord, WalletPairingRecord } from './records.ts';
import { issuerOf, refuse, type CredsScope } from './scope.ts';
import { pairingId } from './pairing.ts';

export interface IssueInput {
  issuerId: string;
  /** The wallet to issue to; or `username`: the wallet most recently paired from an offer made for that user. */
  walletId?: string;
  username?: string;
  credentialType: string;
  fields: Record<string, string>;
  /** ISO 8601, or null / absent for never (PingOne User Credentials `expiresAt`). */
  expiresAt?: string | null;
}

export function issueCredential(scope: CredsScope, input: IssueInput, reissuedFrom: string | null = null): CredentialRecord {
  const issuer = issuerOf(scope, input.issuerId);
  const type = credentialTypeOf(issuer, input.credentialType);
  if (!type) fail('CREDS_CREDENTIAL_TYPE_UNKNOWN', `${issuer.name} does not issue ${input.credentialType}; it issues ${issuer.types.map((t) => t.name).join(', ')}.`);
  ensureFieldsFitType(type, input.fields);
  const expiresAt = expiryFrom(scope, input.expiresAt);
  const pairing = pairedWalletOf(scope, issuer, input);
  const credential: CredentialRecord = {
    id: `c${randomId(scope.context.rng, 23)}`,
    issuerId: issuer.id,
    walletId: pairing.walletId,
    pairingId: pairing.id,
    type: type.name,
    fields: orderedFields(type, input.fields),
    issuedAt: scope.context.nowMs(),
    expiresAt,
    revoked: false,
    revokedAt: null,
    reissuedFrom,
  };
  scope.context.store.transaction(() => {
    scope.context.store.put('credentials', credential.id, credential);
    notify(scope, pairing.id, 'creds-issued', credential.id);
  });
  return credential;
}

export function revokeCredential(scope: CredsScope, credentialId: string): CredentialRecord {
  const credential = credentialOf(scope, credentialId);
  if (credential.revoked) return credential; // revoking twice changes nothing and notifies once
  const revoked: CredentialRecord = { ...credential, revoked: true, revokedAt: scope.context.nowMs() };
  scope.context.store.transaction(() => {
    scope.context.store.put('credentials', revoked.id, revoked);
    notify(scope, revoked.pairingId, 'creds-revoked', revoked.id);
  });
  return revoked;
}

/**
 * Seed 003 last section: the issuer pairs the new device, then reissues. The new wallet gets a
 * new credential with the same type and fields; the old one is revoked (Creds live on a single
 * device). Nothing is copied from the old wallet's side.
 */
export function reissueCredential(scope: CredsScope, credentialId: string, walletId: string): { credential: CredentialRecord; revoked: CredentialRecord } {
  const old = credentialOf(scope, credentialId);
  return scope.context.store.transaction(() => {
    const credential = issueCredential(
      scope,
      { issuerId: old.issuerId, walletId, credentialType: old.type, fields: old.fields, expiresAt: old.expiresAt === null ? null : iso(old.expiresAt) },
      old.id,
    );
    return { credential, revoked: revokeCredential(scope, old.id) };
  });
}

export function credentialOf(scope: CredsScope, credentialId: string): CredentialRecord {
  const credential = scope.context.store.get('credentials', credentialId);
  if (!credential) fail('CREDS_CREDENTIAL_NOT_FOUND', `No credential ${credentialId}.`);
  return credential;
}

/** The Creds a wallet holds from one issuer, oldest first; revoked ones stay listed with `revoked: true`. */
export function credentialsOf(scope: CredsScope, pairing: WalletPairingRecord): CredentialRecord[] {
  return scope.context.store.find('credentials', 'pairingId', pairing.id);
}

export function credentialView(scope: CredsScope, credential: CredentialRecord): Credential {
  const issuer = scope.config.issuers.get(credential.issuerId);
  return {
    id: credential.id,
    type: credential.type,
    issuer: { id: credential.issuerId, name: issuer?.name ?? credential.issuerId },
    issuedAt: iso(credential.issuedAt),
    expiresAt: credential.expiresAt === null ? null : iso(credential.expiresAt),
    fields: { ...credential.fields },
    revoked: credential.revoked,
  };
}

/** Notifications of one pairing still within the "New" window (policy creds.newLabelHours). */
export function notificationsOf(scope: CredsScope, pairing: WalletPairingRecord): DeviceRequest[] {
  const now = scope.context.nowMs();
  const issuer = scope.config.issuers.get(pairing.issuerId);
  return scope.context.store
    .find('credsNotifications', 'pairingId', pairing.id)
    .filter((n) => now < n.expiresAt)
    .map((n) => ({
      id: n.id,
      kind: n.kind,
      organization: { id: pairing.issuerId, name: issuer?.name ?? pairing.issuerId },
      createdAt: iso(n.createdAt),
      expiresAt: iso(n.expiresAt),
      credentialId: n.credentialId,
    }));
}

/** Seed 003 "You'll be notified on your mobile device whenever you receive new Creds" (CREDS-RECEIVE-NOTIFICATION). */
function notify(scope: CredsScope, pairing: string, kind: CredsNotificationRecord['kind'], credentialId: string): void {
  const now = scope.context.nowMs();
  const notification: CredsNotificationRecord = {
    id: `n${randomId(scope.context.rng, 23)}`,
    pairingId: pairing,
    kind,
    credentialId,
    createdAt: now,
    // Listed for as long as the app would label the Creds "New" (seed 003: 24 hours).
    expiresAt: now + scope.context.config.policy.creds.newLabelHours * 3600 * 1000,
  };
  scope.context.store.put('credsNotifications', notification.id, notification);
}

/** Named fields only, every field the type requires (CREDS_FIELDS_INVALID names each problem). */
function ensureFieldsFitType(type: CredentialType, fields: Record<string, string>): void {
  const unknown = Object.keys(fields).filter((f) => !type.fields.includes(f));
  const missing = type.required.filter((f) => !Object.hasOwn(fields, f) || fields[f] === '');
  if (unknown.length === 0 && missing.length === 0) return;
  fail('CREDS_FIELDS_INVALID', `${type.name} has the fields ${type.fields.join(', ')} and requires ${type.required.join(', ')}.`, {
    details: [
      ...unknown.map((f) => ({ code: 'INVALID_VALUE' as const, message: `${type.name} has no field ${f}.`, target: `fields.${f}` })),
      ...missing.map((f) => ({ code: 'INVALID_VALUE' as const, message: `fields.${f} is required for ${type.name}.`, target: `fields.${f}` })),
    ],
  });
}

function orderedFields(type: CredentialType, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(type.fields.filter((f) => Object.hasOwn(fields, f)).map((f) => [f, fields[f]!]));
}

function expiryFrom(scope: CredsScope, expiresAt: string | null | undefined): number | null {
  if (expiresAt === undefined || expiresAt === null) return null;
  const ms = Date.parse(expiresAt);
  if (!Number.isFinite(ms)) invalidField('expiresAt', 'expiresAt must be an ISO 8601 date-time or null.');
  if (ms <= scope.context.nowMs()) invalidField('expiresAt', 'expiresAt is in the past.');
  return ms;
}

/** Seed 003 "To receive Creds, you must first pair your mobile device with the issuer". */
function pairedWalletOf(scope: CredsScope, issuer: Issuer, input: IssueInput): WalletPairingRecord {
  if (input.walletId === undefined && input.username === undefined) invalidField('walletId', 'walletId (or username) is required.');
  const pairing =
    input.walletId !== undefined
      ? scope.context.store.get('walletPairings', pairingId(issuer.id, input.walletId))
      : scope.context.store
          .find('walletPairings', 'username', input.username!.trim().toLowerCase())
          .filter((p) => p.issuerId === issuer.id)
          .sort((a, b) => a.pairedAt - b.pairedAt)
          .at(-1);
  if (!pairing) {
    refuse('CREDS_NOT_PAIRED', `${input.walletId ? `Wallet ${input.walletId}` : `No wallet of ${input.username}`} is paired with ${issuer.name}.`, ['CREDS-RECEIVE-REQUIRES-PAIRING', 'CREDS-PAIR-PER-ISSUER']);
  }
  return pairing;
}
