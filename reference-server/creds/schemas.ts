/**
 * JSON Schemas of the Creds bodies (`models/device-api.ts`, `models/test-control.ts`): Fastify
 * validates with them (failures become VALIDATION_ERROR with `details[]`) and the device API's
 * OpenAPI document lists the same (`openapi.ts`).
 */
import { deviceInfo } from '../device-api/schemas.ts';

/** A field name: letters, digits, `_ . -`, starting with a letter (no `__proto__` and friends). */
export const fieldName = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' } as const;
const fieldNames = { type: 'array', items: fieldName, maxItems: 50, uniqueItems: true } as const;
const fieldValues = {
  type: 'object',
  maxProperties: 50,
  propertyNames: { maxLength: 64 },
  additionalProperties: { type: 'string', maxLength: 2000 },
} as const;
const id = { type: 'string', minLength: 1, maxLength: 100 } as const;
/** A wallet id: the app's installation, chosen by the app (the sims use `wallet-<hex>`). */
export const walletId = { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,100}$' } as const;

export const credsPairRequest = {
  type: 'object',
  required: ['offer', 'deviceLock', 'device'],
  properties: {
    offer: { type: 'string', minLength: 1, maxLength: 2000, description: "The issuer's QR payload or link (models/qr.ts kind creds-pair)." },
    walletId: { ...walletId, description: 'Optional: omitted, the server chooses it (or reads it from the Bearer wallet token). A taken id needs a token of that wallet.' },
    deviceLock: {
      type: 'object',
      required: ['kind', 'verified'],
      properties: { kind: { type: 'string', enum: ['pin', 'biometrics'] }, verified: { type: 'boolean' } },
    },
    device: deviceInfo,
  },
} as const;

export const presentationResponse = {
  type: 'object',
  required: ['credentialId', 'fields'],
  properties: { credentialId: id, fields: fieldValues },
} as const;

export const idParams = { type: 'object', required: ['id'], properties: { id } } as const;

const issuer = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;

export const responses = {
  credsPair: { type: 'object', properties: { walletToken: { type: 'string' }, issuer } },
  credential: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      type: { type: 'string' },
      issuer,
      issuedAt: { type: 'string', format: 'date-time' },
      expiresAt: { type: ['string', 'null'], format: 'date-time' },
      fields: { type: 'object', additionalProperties: { type: 'string' } },
      revoked: { type: 'boolean' },
    },
  },
  presentationRequest: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      verifier: issuer,
      credentialType: { type: 'string' },
      requiredFields: { type: 'array', items: { type: 'string' } },
      optionalFields: { type: 'array', items: { type: 'string' } },
      expiresAt: { type: 'string', format: 'date-time' },
      status: { type: 'string', enum: ['waiting', 'verified', 'failed', 'expired'] },
    },
  },
  presentationOutcome: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', enum: ['verified'] } } },
} as const;

// ---- test control ----

export const offerBody = {
  type: 'object',
  required: ['issuerId'],
  properties: { issuerId: id, username: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const issueBody = {
  type: 'object',
  required: ['issuerId', 'credentialType', 'fields'],
  properties: {
    issuerId: id,
    walletId,
    username: { type: 'string', minLength: 1, maxLength: 200 },
    credentialType: id,
    fields: fieldValues,
    expiresAt: { type: ['string', 'null'], maxLength: 40 },
  },
} as const;

export const credentialIdBody = { type: 'object', required: ['credentialId'], properties: { credentialId: id } } as const;
export const reissueBody = { type: 'object', required: ['credentialId', 'walletId'], properties: { credentialId: id, walletId } } as const;

export const presentationBody = {
  type: 'object',
  required: ['verifierName', 'credentialType', 'requiredFields'],
  properties: {
    verifierName: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    credentialType: id,
    requiredFields: fieldNames,
    optionalFields: fieldNames,
  },
} as const;

export const usernameParams = { type: 'object', required: ['username'], properties: { username: { type: 'string', minLength: 1, maxLength: 200 } } } as const;
export const walletIdParams = { type: 'object', required: ['walletId'], properties: { walletId } } as const;
export const requestIdParams = { type: 'object', required: ['requestId'], properties: { requestId: id } } as const;
export const offerPageQuery = { type: 'object', properties: { username: { type: 'string', minLength: 1, maxLength: 200 } } } as const;
