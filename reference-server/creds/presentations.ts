/**
 * The verifier (seed 003 "How do I share my Creds?"): a presentation request names one
 * credential type with required and optional fields and is shown as a QR code; it lives
 * policy creds.presentationTtlSeconds (5 min, protocol facts §5) on the injected clock, and is
 * answered once. A response is accepted only when it passes every check below, in order.
 */
import type { PresentationRequest, PresentationResponse } from '../../models/device-api.ts';
import { encodeQr } from '../../models/qr.ts';
import { iso, randomId } from '../domain/ids.ts';
import { fail, invalidField } from '../http/errors.ts';
import type { CredentialRecord, PresentationRecord, WalletPairingRecord } from './records.ts';
import { refuse, type CredsScope } from './scope.ts';

export interface PresentationInput {
  verifierName: string;
  credentialType: string;
  requiredFields: string[];
  optionalFields?: string[];
}

export function createPresentation(scope: CredsScope, input: PresentationInput): { record: PresentationRecord; qr: string; link: string } {
  const optional = input.optionalFields ?? [];
  const both = input.requiredFields.filter((f) => optional.includes(f));
  if (both.length > 0) invalidField('optionalFields', `A field is either required or optional, not both: ${both.join(', ')}.`);
  if (input.requiredFields.length + optional.length === 0) invalidField('requiredFields', 'A presentation request asks for at least one field.');
  const now = scope.context.nowMs();
  const record: PresentationRecord = {
    id: `p${randomId(scope.context.rng, 23)}`,
    verifier: { id: verifierId(input.verifierName), name: input.verifierName.trim() },
    credentialType: input.credentialType,
    requiredFields: [...input.requiredFields],
    optionalFields: [...optional],
    createdAt: now,
    expiresAt: now + scope.context.config.policy.creds.presentationTtlSeconds * 1000,
    received: null,
  };
  scope.context.store.put('presentations', record.id, record);
  return { record, ...presentationLinks(scope, record.id) };
}

export function presentationLinks(scope: CredsScope, id: string): { qr: string; link: string } {
  const base = scope.context.config.baseUrl;
  return { qr: encodeQr({ kind: 'creds-present', request: id, server: base }), link: `${base}/creds/verify/${id}` };
}

export function presentationStatus(scope: CredsScope, record: PresentationRecord): PresentationRequest['status'] {
  if (record.received) return 'verified';
  return scope.context.nowMs() >= record.expiresAt ? 'expired' : 'waiting';
}

export function presentationView(scope: CredsScope, record: PresentationRecord): PresentationRequest {
  return {
    id: record.id,
    verifier: { ...record.verifier },
    credentialType: record.credentialType,
    requiredFields: [...record.requiredFields],
    optionalFields: [...record.optionalFields],
    expiresAt: iso(record.expiresAt),
    status: presentationStatus(scope, record),
  };
}

export function presentationOf(scope: CredsScope, id: string): PresentationRecord {
  const record = scope.context.store.get('presentations', id);
  if (!record) fail('PRESENTATION_NOT_FOUND', `No presentation request ${id}.`);
  return record;
}

/** What a wallet may open: an existing request that has not expired (answered ones show `verified`). */
export function openPresentation(scope: CredsScope, id: string): PresentationRecord {
  const record = presentationOf(scope, id);
  ensureNotExpired(scope, record);
  return record;
}

/** The steps of accepting a share, in order; each refusal leaves the request as it was. */
export function respondToPresentation(scope: CredsScope, pairing: WalletPairingRecord, id: string, response: PresentationResponse): PresentationRecord {
  const record = openPresentation(scope, id);
  ensureNotAnsweredYet(scope, record);
  const credential = ensureCredentialFits(scope, pairing, record, response.credentialId);
  ensureNothingUnrequested(record, response.fields);
  ensureEveryRequiredField(scope, record, response.fields);
  ensureValuesAsIssued(credential, response.fields);
  const issuer = scope.config.issuers.get(credential.issuerId);
  const answered: PresentationRecord = {
    ...record,
    received: {
      credentialId: credential.id,
      credentialType: credential.type,
      issuer: { id: credential.issuerId, name: issuer?.name ?? credential.issuerId },
      walletId: pairing.walletId,
      fields: { ...response.fields },
      receivedAt: scope.context.nowMs(),
    },
  };
  scope.context.store.put('presentations', answered.id, answered);
  return answered;
}

function ensureNotExpired(scope: CredsScope, record: PresentationRecord): void {
  if (!record.received && scope.context.nowMs() >= record.expiresAt) {
    refuse('PRESENTATION_EXPIRED', 'The presentation request expired.', ['CREDS-SHARE-REQUEST-EXPIRY'], { userMessage: 'This request has expired. Ask for a new QR code.' });
  }
}

function ensureNotAnsweredYet(scope: CredsScope, record: PresentationRecord): void {
  if (presentationStatus(scope, record) === 'verified') fail('PRESENTATION_ALREADY_ANSWERED', 'This presentation request was already answered.');
}

/** A credential of the requested type, held by this wallet (from any of its issuers), not revoked or expired. */
function ensureCredentialFits(scope: CredsScope, pairing: WalletPairingRecord, record: PresentationRecord, credentialId: string): CredentialRecord {
  const credential = scope.context.store.get('credentials', credentialId);
  const why =
    !credential || credential.walletId !== pairing.walletId
      ? 'is not held by this wallet'
      : credential.type !== record.credentialType
        ? `is a ${credential.type}, not a ${record.credentialType}`
        : credential.revoked
          ? 'was revoked'
          : credential.expiresAt !== null && scope.context.nowMs() >= credential.expiresAt
            ? 'expired'
            : undefined;
  if (why || !credential) refuse('PRESENTATION_WRONG_CREDENTIAL', `Credential ${credentialId} ${why ?? 'is unknown'}.`, ['CREDS-SHARE-SUBMIT', 'CREDS-NO-BACKUP']);
  return credential;
}

/** Share sends exactly the selected information: nothing the verifier did not ask for. */
function ensureNothingUnrequested(record: PresentationRecord, fields: Record<string, string>): void {
  const extra = Object.keys(fields).filter((f) => !record.requiredFields.includes(f) && !record.optionalFields.includes(f));
  if (extra.length > 0) {
    refuse('PRESENTATION_UNREQUESTED_FIELD', `The verifier did not ask for ${extra.join(', ')}.`, ['CREDS-SHARE-SUBMIT', 'CREDS-SHARE-OPTIONAL-OPT-IN'], {
      details: extra.map((f) => ({ code: 'INVALID_VALUE', message: `${f} was not requested.`, target: `fields.${f}` })),
    });
  }
}

/** Seed 003 share step 2: "Required fields are pre-selected and can't be removed." */
function ensureEveryRequiredField(scope: CredsScope, record: PresentationRecord, fields: Record<string, string>): void {
  const missing = record.requiredFields.filter((f) => !Object.hasOwn(fields, f));
  if (missing.length === 0) return;
  if (scope.context.deviates('verifier-accepts-missing-required', 'CREDS-SHARE-REQUIRED-FIXED')) return; // deviation: models/deviations.ts
  refuse('PRESENTATION_MISSING_REQUIRED_FIELD', `The response lacks the required ${missing.join(', ')}.`, ['CREDS-SHARE-REQUIRED-FIXED'], {
    details: missing.map((f) => ({ code: 'INVALID_VALUE', message: `${f} is required.`, target: `fields.${f}` })),
  });
}

/** What is shared is what the issuer issued: each value equal to the credential's, byte for byte. */
function ensureValuesAsIssued(credential: CredentialRecord, fields: Record<string, string>): void {
  const differing = Object.keys(fields).filter((f) => credential.fields[f] !== fields[f]);
  if (differing.length > 0) {
    refuse('PRESENTATION_FIELD_MISMATCH', `The values of ${differing.join(', ')} differ from what was issued.`, ['CREDS-SHARE-SUBMIT'], {
      details: differing.map((f) => ({ code: 'INVALID_VALUE', message: `${f} is not the issued value.`, target: `fields.${f}` })),
    });
  }
}

/** The requester's id from its name (reference-server/creds/README.md): spaces and other runs collapse to one hyphen first, so one is trimmed at each end (no trim() needed). */
function verifierId(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return slug || 'verifier';
}
