/**
 * Seed 004 step 6: the mobile SDK consumes the `serverPayload` of MOBILE_PAIRING_REQUIRED
 * (a signed ID token) and pairs the installation. The outcome is recorded on the flow, where
 * `continueAuthentication` reads it for the status attribute (seed 004 step 8).
 */
import type { SdkPairingRequest, SdkPairingResponse } from '../../models/device-api.ts';
import type { ServerContext } from '../context.ts';
import type { FlowRecord } from '../store/records.ts';
import { ApiFailure, fail } from '../http/errors.ts';
import { addDevice, ensureDeviceLimitNotReached, pairedAppResponse } from '../domain/devices.ts';

export const SDK_AUDIENCE = 'authconf-mobile-sdk';

export async function serverPayloadFor(context: ServerContext, flow: FlowRecord, userId: string, installationId: string): Promise<string> {
  return context.keys.sign(
    { flow: flow.id, installation: installationId, org: context.config.organization.id },
    {
      issuer: context.config.baseUrl,
      audience: SDK_AUDIENCE,
      subject: userId,
      nowSeconds: Math.floor(context.nowMs() / 1000),
      ttlSeconds: Math.max(60, Math.floor((flow.expiresAt - context.nowMs()) / 1000)),
    },
  );
}

export async function completeSdkPairing(context: ServerContext, request: SdkPairingRequest): Promise<SdkPairingResponse> {
  let claims: Record<string, unknown>;
  try {
    claims = await context.keys.verify(request.serverPayload, {
      issuer: context.config.baseUrl,
      audience: SDK_AUDIENCE,
      nowSeconds: Math.floor(context.nowMs() / 1000),
    });
  } catch {
    fail('SERVER_PAYLOAD_INVALID', 'The server payload is not a valid, unexpired token from this server.');
  }
  const flow = typeof claims.flow === 'string' ? context.store.get('flows', claims.flow) : undefined;
  if (!flow || flow.status !== 'MOBILE_PAIRING_REQUIRED' || flow.pairing !== null || context.nowMs() >= flow.expiresAt) {
    fail('SERVER_PAYLOAD_INVALID', 'The flow of this server payload is not waiting for pairing.');
  }
  if (claims.installation !== request.installationId) {
    fail('SERVER_PAYLOAD_INVALID', 'The server payload was issued to another installation.');
  }
  const user = typeof claims.sub === 'string' ? context.store.get('users', claims.sub) : undefined;
  if (!user) fail('SERVER_PAYLOAD_INVALID', 'The user of this server payload no longer exists.');

  // Seed 004 step 8: an error during pairing is recorded as pairing_error on the flow.
  const pairingError = (failure: ApiFailure): never => {
    context.store.put('flows', flow.id, { ...flow, pairing: 'pairing_error' });
    throw failure;
  };
  if (context.faults.take('pairing-error', [user.username, flow.id])) {
    pairingError(new ApiFailure('PAIRING_ERROR', 'Pairing failed on the server side (injected fault).'));
  }
  try {
    ensureDeviceLimitNotReached(context, user);
  } catch (error) {
    pairingError(error as ApiFailure);
  }
  return context.store.transaction(() => {
    const paired = addDevice(context, user, {
      kind: 'mobile',
      name: request.device.name,
      platform: request.device.platform,
      installationId: request.installationId,
    });
    context.store.put('flows', flow.id, { ...flow, pairing: 'device_paired' });
    return pairedAppResponse(context, user, paired);
  });
}
