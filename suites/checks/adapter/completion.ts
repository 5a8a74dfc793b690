/**
 * The end of both adapter flows (seed 004 initial steps 4-8, additional step 4-5): authenticate
 * with the SDK's mobile payload; MOBILE_PAIRING_REQUIRED carries a serverPayload and offers
 * continueAuthentication only; the SDK pairs with it (and the user then has exactly one primary
 * device, read through the device API with the new device's own token); MFA_COMPLETED offers
 * continueAuthentication only; continueAuthentication completes with an authorization code,
 * which the client redeems at the token endpoint with PKCE (RFC 7636), and the ID token verifies
 * against the JWKS (signature, iss, aud, nonce, exp) and carries the status attribute.
 */
import { decodeJwt, jwtVerify } from 'jose';
import type { FlowState } from '../../../models/authn-api.ts';
import { errorCodes } from '../../../models/error-codes.ts';
import { STATUS_VALUE_PREFIX } from '../../../models/policy.ts';
import type { RequirementId } from '../../../models/requirements.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { PathWorld } from '../../port/world.ts';
import { defaultAuthnClient } from '../../drivers/shared/authn-client.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { targetTimeMs } from '../shared/target-time.ts';
import { discoveryOf, redeemCode, signingKeysOf, type TokenAnswer } from '../security/oauth-client.ts';
import { defineCheck } from '../check.ts';
import { currentFlow, devicesSetUp, ensureOffersExactly, ensureRefusedWith, ensureStatus, lastAnswer } from './answers.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

/** What authenticate sent decides the answer: the SDK's payload is understood, an unreadable one is INVALID_MOBILE_PAYLOAD. */
function authenticateAnswered(initial: boolean) {
  return (world: PathWorld): void => {
    const sent = String(world.memo.get('mobilePayloadSent'));
    if (sent === 'invalid' || (initial && sent === 'none')) {
      ensureRefusedWith(lastAnswer(world), 'VALIDATION_ERROR', `authenticate with ${sent === 'none' ? 'no' : 'an unreadable'} mobile payload`, 'INVALID_MOBILE_PAYLOAD');
      ensureStatus(currentFlow(world), 'AUTHENTICATION_REQUIRED', 'after a refused authenticate');
      return;
    }
    const flow = currentFlow(world);
    const expected = initial ? ['MOBILE_PAIRING_REQUIRED'] : ['PUSH_CONFIRMATION_WAITING', 'OTP_REQUIRED', 'DEVICE_SELECTION_REQUIRED'];
    ensure(expected.includes(flow.status), [], `authenticate with the SDK's mobile payload led to ${flow.status}, expected ${expected.join(' or ')}`, { code: 'STATUS_MISMATCH', expected, actual: flow.status });
  };
}
export const ensureInitialAuthenticateReadsTheMobilePayload = defineCheck('ensureInitialAuthenticateReadsTheMobilePayload', ['API-INIT-AUTHENTICATE', 'API-INIT-MOBILE-PAYLOAD'], authenticateAnswered(true));
export const ensureAdditionalAuthenticateReadsTheMobilePayload = defineCheck('ensureAdditionalAuthenticateReadsTheMobilePayload', ['API-ADD-AUTHENTICATE', 'API-ADD-MOBILE-PAYLOAD'], authenticateAnswered(false));

/** MOBILE_PAIRING_REQUIRED: a serverPayload (a signed token for the SDK) and continueAuthentication only. */
function pairingRequired(world: PathWorld): void {
  const flow = currentFlow(world);
  ensureStatus(flow, 'MOBILE_PAIRING_REQUIRED', 'MFA done for a new installation');
  ensureOffersExactly(flow, ['continueAuthentication'], 'MOBILE_PAIRING_REQUIRED');
  const payload = flow.serverPayload;
  ensure(typeof payload === 'string' && payload.split('.').length === 3, [], `MOBILE_PAIRING_REQUIRED carries serverPayload ${JSON.stringify(payload)}, not a signed token`, { code: 'SERVER_PAYLOAD', actual: payload });
  const claims = decodeJwt(payload);
  const audience = [claims.aud].flat();
  ensure(audience.includes('authconf-mobile-sdk'), [], `the serverPayload is for audience ${JSON.stringify(claims.aud)}, not the mobile SDK`, { code: 'SERVER_PAYLOAD', actual: claims });
}
export const ensureInitialPairingRequiredCarriesServerPayload = defineCheck('ensureInitialPairingRequiredCarriesServerPayload', ['API-INIT-MOBILE-PAIRING-REQUIRED'], pairingRequired);
export const ensureAdditionalPairingRequiredCarriesServerPayload = defineCheck('ensureAdditionalPairingRequiredCarriesServerPayload', ['API-ADD-MOBILE-PAIRING-REQUIRED'], pairingRequired);

/**
 * The SDK's pairing with the serverPayload: 201 with the new device (paired), 400
 * SERVER_PAYLOAD_INVALID for a tampered payload; after a pairing, the user has exactly one
 * primary device: the new one for a first device, the one set up before otherwise.
 */
function sdkPairingAnswered(world: PathWorld, step: Step): Promise<void> {
  return (async () => {
    const answer = world.memo.get('sdkPairing') as { status: number; body: Record<string, unknown> } | undefined;
    ensure(answer !== undefined, [], 'the SDK pairing got no answer', { code: 'NO_RESPONSE' });
    if (world.memo.get('sdkOutcome') !== 'paired') {
      ensure(answer.status === 400 && answer.body.code === 'SERVER_PAYLOAD_INVALID' && typeof answer.body.message === 'string' && answer.body.message.trim() !== '', [], `a tampered serverPayload got ${answer.status} ${String(answer.body.code)} ${JSON.stringify(answer.body.message)}, expected 400 SERVER_PAYLOAD_INVALID with a message`, { code: 'ERROR_CODE', actual: answer });
      return;
    }
    if (devicesSetUp(world).length >= world.policy.devices.max) {
      // Maximum Allowed Devices reached (POL-MAX-DEVICES): the pairing is refused with its registry status.
      const status = errorCodes.DEVICE_LIMIT_REACHED.status;
      ensure(answer.status === status && answer.body.code === 'DEVICE_LIMIT_REACHED', [], `pairing beyond ${world.policy.devices.max} device(s) got ${answer.status} ${String(answer.body.code)}, expected ${status} DEVICE_LIMIT_REACHED`, { code: 'ERROR_CODE', actual: answer });
      return;
    }
    ensure(answer.status === 201 && typeof answer.body.deviceId === 'string' && typeof answer.body.deviceToken === 'string', [], `the SDK pairing answered ${answer.status}, expected 201 with the new device`, { code: 'NOT_PAIRED', actual: answer });
    const listed = await new DeviceApiClient(world.http, world.base).call<{ devices: { id: string; primary: boolean }[] }>('listDevices', { token: answer.body.deviceToken as string });
    step.attach({ name: 'devices after the SDK pairing (device API, the new device\'s token)', contentType: 'application/json', body: JSON.stringify(listed) });
    ensure(listed.ok, [], `the new device cannot list its user's devices (${listed.ok ? '' : listed.code})`, { code: 'NOT_PAIRED', actual: listed });
    const devices = listed.value.devices;
    ensure(devices.some((d) => d.id === answer.body.deviceId), [], 'the new device is not among its user\'s devices', { code: 'NOT_PAIRED', actual: devices });
    const primaries = devices.filter((d) => d.primary);
    const expectedPrimary = devicesSetUp(world)[0]?.id ?? (answer.body.deviceId as string);
    ensure(primaries.length === 1 && primaries[0]!.id === expectedPrimary, [], `after the pairing the primary device(s) are ${JSON.stringify(primaries.map((d) => d.id))}, expected exactly ${expectedPrimary}`, { code: 'PRIMARY_MISMATCH', expected: expectedPrimary, actual: devices });
    await ensureServerPayloadPairsOnce(world, step);
  })();
}
/** The serverPayload the flow carried pairs one device: the same payload again (the SDK retrying, or a copy) is SERVER_PAYLOAD_INVALID. */
async function ensureServerPayloadPairsOnce(world: PathWorld, step: Step): Promise<void> {
  const payload = currentFlow(world).serverPayload;
  if (typeof payload !== 'string') return; // pairingRequired already failed on it
  const installationId = decodeJwt(payload)['installation'];
  const body = { serverPayload: payload, device: { kind: 'mobile', name: 'Copy of the new phone', platform: 'ios' }, installationId };
  const response = await targetFetch(new URL('/device/v1/sdk/pairings', world.base), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as { code?: unknown; message?: unknown };
  step.attach({ name: 'the serverPayload a second time (device API)', contentType: 'text/plain', body: `POST /device/v1/sdk/pairings -> ${response.status} ${JSON.stringify(answer).slice(0, 400)}` });
  const status = errorCodes.SERVER_PAYLOAD_INVALID.status;
  ensure(response.status === status && answer.code === 'SERVER_PAYLOAD_INVALID' && typeof answer.message === 'string' && answer.message.trim() !== '', [], `the serverPayload used a second time got ${response.status} ${String(answer.code)}, expected ${status} SERVER_PAYLOAD_INVALID with a message`, {
    code: 'ERROR_CODE', expected: { status, code: 'SERVER_PAYLOAD_INVALID' }, actual: { status: response.status, body: answer },
  });
}
export const ensureSdkPairsWithTheServerPayload = defineCheck('ensureSdkPairsWithTheServerPayload', ['API-INIT-SERVER-PAYLOAD'], sdkPairingAnswered);
export const ensureNewInstallationPairsWithTheServerPayload = defineCheck('ensureNewInstallationPairsWithTheServerPayload', ['API-ADD-MOBILE-PAIRING-REQUIRED'], sdkPairingAnswered);

export const ensureMfaCompletedOffersContinueOnly = defineCheck('ensureMfaCompletedOffersContinueOnly', ['API-ADD-MFA-COMPLETED'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'MFA_COMPLETED', 'MFA done without a new installation');
  ensureOffersExactly(flow, ['continueAuthentication'], 'MFA_COMPLETED');
});

/** continueAuthentication: 200 COMPLETED with an authorization code and the state sent at the start. */
function completedWithCode(world: PathWorld): void {
  const response = lastAnswer(world);
  ensure(response.status === 200, [], `continueAuthentication answered ${response.status}`, { code: 'ERROR_CODE', actual: response.body });
  const flow = currentFlow(world);
  ensureStatus(flow, 'COMPLETED', 'after continueAuthentication');
  ensure(typeof flow.authorizeResponse?.code === 'string' && flow.authorizeResponse.code.length > 0, [], 'COMPLETED carries no authorization code', { code: 'NO_CODE', actual: flow });
  const pkce = world.memo.get('pkce') as { state: string } | undefined;
  if (pkce) ensure(flow.authorizeResponse.state === pkce.state, [], `COMPLETED returns state ${String(flow.authorizeResponse.state)}, the client sent ${pkce.state}`, { code: 'STATE_MISMATCH', expected: pkce.state, actual: flow.authorizeResponse.state });
}
export const ensureInitialContinueCompletesWithACode = defineCheck('ensureInitialContinueCompletesWithACode', ['API-INIT-CONTINUE'], completedWithCode);
export const ensureAdditionalContinueCompletesWithACode = defineCheck('ensureAdditionalContinueCompletesWithACode', ['API-ADD-CONTINUE'], completedWithCode);

/**
 * The authorization code redeemed at the token endpoint (client_secret_basic, PKCE S256): a wrong
 * code_verifier is refused (invalid_grant), the right one answers an ID token that verifies with
 * the JWKS (signature, iss, aud, nonce, exp). The verified claims are kept for the
 * status-attribute checks; the code redeemed a second time is the security probe's
 * (`ensureAuthorizationCodeIsSingleUse`, API-GEN-CODE-SINGLE-USE, with client_secret_post).
 */
async function redeemForAVerifiedIdToken(world: PathWorld, step: Step): Promise<void> {
  const flow = currentFlow(world);
  const code = flow.authorizeResponse?.code;
  const pkce = world.memo.get('pkce') as { verifier: string; nonce: string } | undefined;
  ensure(typeof code === 'string' && pkce !== undefined, [], 'no authorization code (or no PKCE start) to redeem', { code: 'NO_CODE', actual: flow });
  const discovery = await discoveryOf(world);
  ensure(discovery !== undefined, [], 'the target has no OpenID Connect discovery document (GET /.well-known/openid-configuration)', { code: 'NO_DISCOVERY' });
  const redeem = (verifier: string): Promise<TokenAnswer> => redeemCode(world, code, { auth: 'client_secret_basic', params: { code_verifier: verifier } });
  const wrong = await redeem(`${pkce.verifier.slice(0, -1)}${pkce.verifier.endsWith('A') ? 'B' : 'A'}`);
  const right = await redeem(pkce.verifier);
  step.attach({ name: 'token endpoint (wrong verifier, right verifier)', contentType: 'application/json', body: JSON.stringify({ wrong: { status: wrong.status, body: wrong.body }, right: { status: right.status, keys: Object.keys(right.body) } }) });
  // The security probe's single-use check takes this redemption as the code's first (suites/checks/security/probes.ts).
  world.memo.set('codeRedeemed', { code, answer: right });
  ensure(wrong.status === 400 && wrong.body.error === 'invalid_grant', [], `a wrong code_verifier got ${wrong.status} ${String(wrong.body.error)}, expected 400 invalid_grant`, { code: 'PKCE_NOT_ENFORCED', actual: wrong });
  ensure(right.status === 200 && typeof right.body.id_token === 'string', [], `the code with its verifier got ${right.status}, no ID token`, { code: 'NO_TOKEN', actual: right });
  // A second redemption (RFC 6749 §4.1.2: single use) is the security probe's (ensureAuthorizationCodeIsSingleUse), after this check, with client_secret_post.
  const jwks = signingKeysOf(world, discovery);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(right.body.id_token as string, jwks, { issuer: discovery.issuer, audience: defaultAuthnClient.clientId, currentDate: new Date(await targetTimeMs(world)) }));
  } catch (error) {
    ensure(false, [], `the ID token does not verify: ${(error as Error).message}`, { code: 'ID_TOKEN_INVALID', actual: decodeJwt(right.body.id_token as string) });
  }
  step.attach({ name: 'ID token claims (verified)', contentType: 'application/json', body: JSON.stringify(payload) });
  ensure(payload.nonce === pkce.nonce, [], `the ID token's nonce is ${String(payload.nonce)}, the client sent ${pkce.nonce}`, { code: 'NONCE_MISMATCH', expected: pkce.nonce, actual: payload.nonce });
  ensure(typeof payload.exp === 'number', [], 'the ID token has no exp', { code: 'ID_TOKEN_INVALID', actual: payload });
  world.memo.set('idTokenClaims', payload);
}
export const ensureCodeRedeemsForAVerifiedIdToken = defineCheck('ensureCodeRedeemsForAVerifiedIdToken', ['API-INIT-COMPLETED'], redeemForAVerifiedIdToken);
export const ensureAdditionalCodeRedeemsForAVerifiedIdToken = defineCheck('ensureAdditionalCodeRedeemsForAVerifiedIdToken', ['API-ADD-CONTINUE'], redeemForAVerifiedIdToken);

function claimedStatus(world: PathWorld): unknown {
  const claims = world.memo.get('idTokenClaims') as Record<string, unknown> | undefined;
  ensure(claims !== undefined, [], 'no verified ID token to read the status attribute from', { code: 'NO_TOKEN' });
  return claims[world.policy.statusAttribute];
}

/** The status attribute in the verified ID token, and in the COMPLETED body, is com.pingidentity.pingone.<outcome>. */
const statusIs = (outcome: string) => (world: PathWorld): void => {
  const want = `${STATUS_VALUE_PREFIX}${outcome}`;
  const inToken = claimedStatus(world);
  ensure(inToken === want, [], `the ID token's ${world.policy.statusAttribute} is ${JSON.stringify(inToken)}, expected ${want}`, { code: 'STATUS_ATTRIBUTE', expected: want, actual: inToken });
};

/** Status values carry the prefix com.pingidentity.pingone. */
export const ensureStatusValueHasThePrefix = defineCheck('ensureStatusValueHasThePrefix', ['API-GEN-STATUS-PREFIX'], (world: PathWorld) => {
  const value = claimedStatus(world);
  ensure(typeof value === 'string' && value.startsWith(STATUS_VALUE_PREFIX), [], `the status attribute ${JSON.stringify(value)} lacks the prefix ${STATUS_VALUE_PREFIX}`, { code: 'STATUS_ATTRIBUTE', actual: value });
});

const outcomeChecks: Record<string, { value: string; initial?: RequirementId; additional?: RequirementId }> = {
  completedDevicePaired: { value: 'device_paired', initial: 'API-INIT-STATUS-PAIRED', additional: 'API-ADD-STATUS-PAIRED' },
  completedDeviceNotPaired: { value: 'device_not_paired', initial: 'API-INIT-STATUS-NOT-PAIRED', additional: 'API-ADD-STATUS-NOT-PAIRED' },
  completedPairingError: { value: 'pairing_error', initial: 'API-INIT-STATUS-PAIRING-ERROR', additional: 'API-ADD-STATUS-PAIRING-ERROR' },
  completedWebLoginMobile: { value: 'web_login_mobile', additional: 'API-ADD-STATUS-WEB-LOGIN' },
  completedWebLoginOtp: { value: 'web_login_otp', additional: 'API-ADD-STATUS-WEB-LOGIN' },
};
const sentenceOf = (value: string): string => value.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** One check per completed state and flow: `ensureIdTokenStatusIs<Outcome>` (initial) / `ensureAdditionalIdTokenStatusIs<Outcome>`. */
export const idTokenStatusChecks = Object.fromEntries(
  Object.entries(outcomeChecks).map(([state, o]) => [
    state,
    {
      // The status claim names the method used: the outcome's requirement and API-GEN-ID-TOKEN-CLAIMS.
      ...(o.initial ? { initial: defineCheck(`ensureIdTokenStatusIs${sentenceOf(o.value)}`, [o.initial, 'API-GEN-ID-TOKEN-CLAIMS'], statusIs(o.value)) } : {}),
      ...(o.additional ? { additional: defineCheck(`ensureAdditionalIdTokenStatusIs${sentenceOf(o.value)}`, [o.additional, 'API-GEN-ID-TOKEN-CLAIMS'], statusIs(o.value)) } : {}),
    },
  ]),
) as Record<string, { initial?: ReturnType<typeof defineCheck<[PathWorld]>>; additional?: ReturnType<typeof defineCheck<[PathWorld]>> }>;

export type { FlowState };
