/**
 * JSON Schemas of the device API bodies (`models/device-api.ts`), used twice: by Fastify to
 * validate requests (failures become VALIDATION_ERROR with `details[]`) and by the OpenAPI
 * document served at `GET /device/v1/openapi.json`.
 */

const platform = { type: 'string', enum: ['ios', 'android', 'web', 'macos', 'windows', 'linux'] } as const;

export const deviceInfo = {
  type: 'object',
  required: ['kind', 'name', 'platform'],
  properties: {
    kind: { type: 'string', enum: ['mobile', 'desktop'] },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    platform,
    notificationsEnabled: { type: 'boolean' },
    profile: { type: 'string', maxLength: 100 },
  },
} as const;

export const claimKeyRequest = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', minLength: 1, maxLength: 2000, description: 'The key as typed, or the whole QR payload.' } },
} as const;

export const completePairingRequest = {
  type: 'object',
  required: ['claimToken', 'device', 'pin', 'location', 'biometrics'],
  properties: {
    claimToken: { type: 'string', minLength: 1, maxLength: 200 },
    device: deviceInfo,
    pin: {
      type: 'object',
      required: ['configured', 'length'],
      properties: { configured: { type: 'boolean' }, length: { type: 'integer', enum: [0, 4, 6] } },
    },
    location: {
      type: 'object',
      required: ['permission'],
      properties: {
        permission: { type: 'string', enum: ['granted', 'denied', 'not-asked'] },
        latitude: { type: 'number', minimum: -90, maximum: 90 },
        longitude: { type: 'number', minimum: -180, maximum: 180 },
      },
    },
    biometrics: { type: 'object', required: ['enrolled'], properties: { enrolled: { type: 'boolean' } } },
  },
} as const;

export const sdkPairingRequest = {
  type: 'object',
  required: ['serverPayload', 'device', 'installationId'],
  properties: {
    serverPayload: { type: 'string', minLength: 1, maxLength: 8000 },
    device: deviceInfo,
    installationId: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export const approveRequest = {
  type: 'object',
  required: ['method', 'pinVerified', 'biometricVerified'],
  properties: {
    method: { type: 'string', enum: ['tap', 'notification', 'biometrics'] },
    pinVerified: { type: 'boolean' },
    biometricVerified: { type: 'boolean' },
  },
} as const;

export const listRequestsQuery = {
  type: 'object',
  properties: { waitSeconds: { type: 'integer', minimum: 0, maximum: 300 } },
} as const;

export const requestIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 100 } },
} as const;

const organization = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;
const otpSeed = {
  type: 'object',
  properties: {
    secret: { type: 'string' },
    digits: { type: 'integer', enum: [6, 8] },
    period: { type: 'integer' },
    algorithm: { type: 'string', enum: ['sha1', 'sha256', 'sha512'] },
  },
} as const;

export const responses = {
  apiError: {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string', description: 'A stable code from docs/errors.md.' },
      message: { type: 'string' },
      userMessage: { type: 'string' },
      details: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            target: { type: 'string' },
            userMessage: { type: 'string' },
            attemptsRemaining: { type: 'integer' },
          },
        },
      },
    },
  },
  claimKey: {
    type: 'object',
    properties: {
      claimToken: { type: 'string' },
      organization,
      username: { type: 'string' },
      requirements: {
        type: 'object',
        properties: {
          pinLength: { type: 'integer', enum: [0, 4, 6] },
          pinDistinctDigits4: { type: 'integer' },
          pinDistinctDigits6: { type: 'integer' },
          locationRequired: { type: 'boolean' },
          biometricsRequired: { type: 'boolean' },
          otpDigits: { type: 'integer' },
          otpPeriodSeconds: { type: 'integer' },
        },
      },
      expiresAt: { type: 'string', format: 'date-time' },
    },
  },
  completePairing: {
    type: 'object',
    properties: {
      deviceId: { type: 'string' },
      deviceToken: { type: 'string' },
      organization,
      username: { type: 'string' },
      otp: otpSeed,
      authenticationRequestId: { type: 'string' },
    },
  },
  deviceRequest: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      kind: { type: 'string', enum: ['authentication', 'creds-issued', 'creds-revoked', 'creds-pairing'] },
      organization,
      application: { type: 'string' },
      location: { type: 'string' },
      browser: { type: 'string' },
      ipAddress: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      expiresAt: { type: 'string', format: 'date-time' },
      credentialId: { type: 'string' },
    },
  },
  requestOutcome: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', enum: ['approved', 'denied'] } } },
  deviceSummary: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      kind: { type: 'string', enum: ['mobile', 'desktop', 'sms', 'totp', 'email'] },
      name: { type: 'string' },
      primary: { type: 'boolean' },
      pairedAt: { type: 'string', format: 'date-time' },
    },
  },
} as const;
