import { describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { FlowState } from '../../models/authn-api.ts';
import { actionMediaType } from '../../models/authn-api.ts';
import { bearer, post, testServer } from '../test-helpers.ts';
import { act, expectUnlistedActionsRefused, getFlow, linksOf, mobilePayload, signedIn, startFlow, step, XSRF } from './authn-test-kit.ts';

const STATUS = 'pingone.mfa.status';
const sdkDevice = { kind: 'mobile', name: 'Pixel 8', platform: 'android' } as const;

async function seed(app: FastifyInstance, username: string, devices: { kind: string }[]) {
  return (await post(app, '/test/v1/users', { username, password: 'pw', devices })).json<{ devices: { id: string; deviceToken: string | null }[] }>();
}
async function currentOtp(app: FastifyInstance, username: string, index = 0): Promise<string> {
  return (await app.inject({ url: `/test/v1/users/${username}` })).json<{ devices: { currentOtp: string }[] }>().devices[index]!.currentOtp;
}

describe('start and first factor (seed 004 steps 1-2)', () => {
  test('redirectless start: USERNAME_PASSWORD_REQUIRED with exactly its actions', async () => {
    const { app } = testServer();
    const state = await startFlow(app);
    expect(state).toMatchObject({ status: 'USERNAME_PASSWORD_REQUIRED', pluginTypeId: expect.any(String) });
    expect(state.id).toMatch(/^[a-zA-Z0-9]{1,30}$/);
    expect(state._links.self!.href).toBe(`http://authconf.test/pf-ws/authn/flows/${state.id}`);
    expect(linksOf(state)).toEqual(['cancelAuthentication', 'checkUsernamePassword']);
    await expectUnlistedActionsRefused(app, state);
  });

  test('an unknown client: OAUTH_INVALID_CLIENT', async () => {
    const { app } = testServer();
    const res = await app.inject({ url: '/as/authorization.oauth2?response_mode=pi.flow&client_id=nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'OAUTH_INVALID_CLIENT', error: 'invalid_client' });
  });

  test('wrong password: VALIDATION_ERROR / INVALID_CREDENTIALS, state unchanged', async () => {
    const { app } = testServer();
    const state = await startFlow(app);
    const res = await act(app, state.id, 'checkUsernamePassword', { username: 'alice', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ code: 'INVALID_CREDENTIALS' }] });
    expect((await getFlow(app, state.id)).json().status).toBe('USERNAME_PASSWORD_REQUIRED');
  });

  test('AUTHENTICATION_REQUIRED carries the user, and the primary device when there is one', async () => {
    const { app } = testServer();
    const none = await signedIn(app, 'alice', 'alice-password');
    expect(none).toMatchObject({ status: 'AUTHENTICATION_REQUIRED', user: { username: 'alice' } });
    expect(none.devices).toBeUndefined();
    expect(linksOf(none)).toEqual(['authenticate', 'cancelAuthentication']);
    await expectUnlistedActionsRefused(app, none);
    const seeded = await seed(app, 'dave', [{ kind: 'mobile' }, { kind: 'sms' }]);
    const some = await signedIn(app, 'dave', 'pw');
    expect(some.devices).toEqual([expect.objectContaining({ id: seeded.devices[0]!.id, type: 'iPhone' })]);
  });
});

describe('initial device pairing (seed 004, first flow)', () => {
  const toPairing = async (app: FastifyInstance) => {
    const auth = await signedIn(app, 'alice', 'alice-password');
    const pairing = await step(app, auth.id, 'authenticate', { mobilePayload: mobilePayload() });
    expect(pairing.status).toBe('MOBILE_PAIRING_REQUIRED');
    expect(pairing.serverPayload).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(linksOf(pairing)).toEqual(['continueAuthentication']);
    return pairing;
  };

  test('paired by the SDK, then continueAuthentication: COMPLETED with code and device_paired', async () => {
    const { app } = testServer();
    const pairing = await toPairing(app);
    await expectUnlistedActionsRefused(app, pairing);
    const sdk = await post(app, '/device/v1/sdk/pairings', { serverPayload: pairing.serverPayload, device: sdkDevice, installationId: 'inst-1' });
    expect(sdk.statusCode).toBe(201);
    expect(sdk.json()).toMatchObject({ username: 'alice', otp: { digits: 6 } });
    const again = await post(app, '/device/v1/sdk/pairings', { serverPayload: pairing.serverPayload, device: sdkDevice, installationId: 'inst-1' });
    expect(again.json().code).toBe('SERVER_PAYLOAD_INVALID');
    const done = await step(app, pairing.id, 'continueAuthentication');
    expect(done.status).toBe('COMPLETED');
    expect(done.authorizeResponse?.code).toBeTruthy();
    expect(done.attributes).toEqual({ [STATUS]: 'com.pingidentity.pingone.device_paired' });
    expect(linksOf(done)).toEqual([]);
  });

  test('continueAuthentication without pairing: device_not_paired', async () => {
    const { app } = testServer();
    const pairing = await toPairing(app);
    const done = await step(app, pairing.id, 'continueAuthentication');
    expect(done.attributes).toEqual({ [STATUS]: 'com.pingidentity.pingone.device_not_paired' });
  });

  test('a pairing error (fault): the SDK gets PAIRING_ERROR, the flow still completes with pairing_error', async () => {
    const { app } = testServer({ policy: { statusAttribute: 'com.pingidentity.pingone.status' } });
    const pairing = await toPairing(app);
    await post(app, '/test/v1/faults', { fault: 'pairing-error' });
    const sdk = await post(app, '/device/v1/sdk/pairings', { serverPayload: pairing.serverPayload, device: sdkDevice, installationId: 'inst-1' });
    expect(sdk.statusCode).toBe(502);
    expect(sdk.json().code).toBe('PAIRING_ERROR');
    const done = await step(app, pairing.id, 'continueAuthentication');
    expect(done.attributes).toEqual({ 'com.pingidentity.pingone.status': 'com.pingidentity.pingone.pairing_error' });
  });

  test('a server payload for another installation, tampered or expired: SERVER_PAYLOAD_INVALID', async () => {
    const { app, clock } = testServer();
    const pairing = await toPairing(app);
    const other = await post(app, '/device/v1/sdk/pairings', { serverPayload: pairing.serverPayload, device: sdkDevice, installationId: 'inst-2' });
    expect(other.json().code).toBe('SERVER_PAYLOAD_INVALID');
    const tampered = await post(app, '/device/v1/sdk/pairings', { serverPayload: `${pairing.serverPayload!.slice(0, -4)}AAAA`, device: sdkDevice, installationId: 'inst-1' });
    expect(tampered.json().code).toBe('SERVER_PAYLOAD_INVALID');
    clock.advance(31 * 60_000);
    const late = await post(app, '/device/v1/sdk/pairings', { serverPayload: pairing.serverPayload, device: sdkDevice, installationId: 'inst-1' });
    expect(late.json().code).toBe('SERVER_PAYLOAD_INVALID');
  });

  test('no device and no mobile payload: VALIDATION_ERROR / INVALID_MOBILE_PAYLOAD; unreadable payload too', async () => {
    const { app } = testServer();
    const auth = await signedIn(app, 'alice', 'alice-password');
    expect((await act(app, auth.id, 'authenticate', {})).json()).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ code: 'INVALID_MOBILE_PAYLOAD' }] });
    expect((await act(app, auth.id, 'authenticate', { mobilePayload: 'garbage' })).json().details[0].code).toBe('INVALID_MOBILE_PAYLOAD');
  });
});

describe('additional device (seed 004, second flow)', () => {
  test('one mobile device: PUSH_CONFIRMATION_WAITING; poll waits, then approve leads to pairing the new installation', async () => {
    const { app } = testServer();
    const seeded = await seed(app, 'dave', [{ kind: 'mobile' }]);
    const auth = await signedIn(app, 'dave', 'pw');
    const waiting = await step(app, auth.id, 'authenticate', { mobilePayload: mobilePayload('new-phone') });
    expect(waiting).toMatchObject({ status: 'PUSH_CONFIRMATION_WAITING', selectedDeviceRef: { id: seeded.devices[0]!.id } });
    expect(linksOf(waiting)).toEqual(['cancelAuthentication', 'poll']);
    await expectUnlistedActionsRefused(app, waiting);
    // The push is visible on the device API.
    const requests = (await app.inject({ url: '/device/v1/requests', headers: bearer(seeded.devices[0]!.deviceToken!) })).json().requests;
    expect(requests).toHaveLength(1);
    expect((await step(app, auth.id, 'poll')).status).toBe('PUSH_CONFIRMATION_WAITING');
    await post(app, `/device/v1/requests/${requests[0].id}/approve`, { method: 'tap', pinVerified: true, biometricVerified: false }, bearer(seeded.devices[0]!.deviceToken!));
    // pollStyle 'post' (default): GET shows the state as it was until the client polls.
    expect((await getFlow(app, auth.id)).json().status).toBe('PUSH_CONFIRMATION_WAITING');
    const pairing = await step(app, auth.id, 'poll');
    expect(pairing.status).toBe('MOBILE_PAIRING_REQUIRED');
    await post(app, '/device/v1/sdk/pairings', { serverPayload: pairing.serverPayload, device: sdkDevice, installationId: 'new-phone' });
    const done = await step(app, auth.id, 'continueAuthentication');
    expect(done.attributes).toEqual({ [STATUS]: 'com.pingidentity.pingone.device_paired' });
  });

  test('a browser client (no mobile payload): approve -> MFA_COMPLETED -> continueAuthentication', async () => {
    const { app } = testServer();
    await seed(app, 'dave', [{ kind: 'mobile' }]);
    const auth = await signedIn(app, 'dave', 'pw');
    await step(app, auth.id, 'authenticate', {});
    await post(app, '/test/v1/push/decide', { username: 'dave', decision: 'approve' });
    const completed = await step(app, auth.id, 'poll');
    expect(completed.status).toBe('MFA_COMPLETED');
    expect(linksOf(completed)).toEqual(['continueAuthentication']);
    await expectUnlistedActionsRefused(app, completed);
    expect((await step(app, auth.id, 'continueAuthentication')).attributes).toEqual({ [STATUS]: 'com.pingidentity.pingone.web_login_mobile' });
  });

  test('denied: PUSH_CONFIRMATION_REJECTED (cancel only); timed out at push.totalTimeoutSeconds', async () => {
    const { app, clock } = testServer();
    await seed(app, 'dave', [{ kind: 'mobile' }]);
    const a = await signedIn(app, 'dave', 'pw');
    await step(app, a.id, 'authenticate', {});
    await post(app, '/test/v1/push/decide', { username: 'dave', decision: 'deny' });
    const rejected = await step(app, a.id, 'poll');
    expect(rejected.status).toBe('PUSH_CONFIRMATION_REJECTED');
    expect(linksOf(rejected)).toEqual(['cancelAuthentication']);
    await expectUnlistedActionsRefused(app, rejected);
    const b = await signedIn(app, 'dave', 'pw');
    await step(app, b.id, 'authenticate', {});
    clock.advance(39_999);
    expect((await step(app, b.id, 'poll')).status).toBe('PUSH_CONFIRMATION_WAITING');
    clock.advance(1);
    const timedOut = await step(app, b.id, 'poll');
    expect(timedOut.status).toBe('PUSH_CONFIRMATION_TIMED_OUT');
    expect(linksOf(timedOut)).toEqual(['cancelAuthentication', 'checkOtp']);
    const otp = await currentOtp(app, 'dave');
    expect((await step(app, b.id, 'checkOtp', { otp })).status).toBe('MFA_COMPLETED');
  });

  test("pollStyle 'get': a re-GET reflects the push outcome", async () => {
    const { app } = testServer({ policy: { pollStyle: 'get' } });
    await seed(app, 'dave', [{ kind: 'mobile' }]);
    const auth = await signedIn(app, 'dave', 'pw');
    await step(app, auth.id, 'authenticate', {});
    expect((await getFlow(app, auth.id)).json().status).toBe('PUSH_CONFIRMATION_WAITING');
    await post(app, '/test/v1/push/decide', { username: 'dave', decision: 'approve' });
    expect((await getFlow(app, auth.id)).json().status).toBe('MFA_COMPLETED');
    expect((await getFlow(app, auth.id)).json().status).toBe('MFA_COMPLETED');
  });

  test('only an SMS device: OTP_REQUIRED; wrong OTP counts down attemptsRemaining; the right one completes MFA', async () => {
    const { app } = testServer();
    await seed(app, 'dave', [{ kind: 'sms' }]);
    const auth = await signedIn(app, 'dave', 'pw');
    const otpState = await step(app, auth.id, 'authenticate', {});
    expect(otpState).toMatchObject({ status: 'OTP_REQUIRED', otpLength: 6 });
    expect(linksOf(otpState)).toEqual(['cancelAuthentication', 'checkOtp']);
    await expectUnlistedActionsRefused(app, otpState);
    const otp = await currentOtp(app, 'dave');
    const wrong = otp === '000000' ? '111111' : '000000';
    const bad = await act(app, auth.id, 'checkOtp', { otp: wrong });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ code: 'INVALID_OTP', attemptsRemaining: 2, userMessage: expect.any(String) }] });
    expect((await act(app, auth.id, 'checkOtp', { otp: wrong })).json().details[0].attemptsRemaining).toBe(1);
    expect((await step(app, auth.id, 'checkOtp', { otp })).status).toBe('MFA_COMPLETED');
  });

  test('OTP attempts exhausted: MFA_FAILED with ACCOUNT_LOCKED_OUT (cancel only)', async () => {
    const { app } = testServer();
    await seed(app, 'dave', [{ kind: 'totp' }]);
    const auth = await signedIn(app, 'dave', 'pw');
    await step(app, auth.id, 'authenticate', {});
    const otp = await currentOtp(app, 'dave');
    const wrong = otp === '000000' ? '111111' : '000000';
    await act(app, auth.id, 'checkOtp', { otp: wrong });
    await act(app, auth.id, 'checkOtp', { otp: wrong });
    const failed = await step(app, auth.id, 'checkOtp', { otp: wrong });
    expect(failed).toMatchObject({ status: 'MFA_FAILED', code: 'ACCOUNT_LOCKED_OUT', userMessage: expect.any(String) });
    expect(linksOf(failed)).toEqual(['cancelAuthentication']);
    const cancelled = await step(app, auth.id, 'cancelAuthentication');
    expect(cancelled).toMatchObject({ status: 'FAILED', code: 'AUTHENTICATION_CANCELED' });
  });

  test('several devices: DEVICE_SELECTION_REQUIRED; selectDevice goes to the device; an unknown id is INVALID_DEVICE', async () => {
    const { app } = testServer();
    const seeded = await seed(app, 'dave', [{ kind: 'mobile' }, { kind: 'email' }]);
    const auth = await signedIn(app, 'dave', 'pw');
    const selection = await step(app, auth.id, 'authenticate', {});
    expect(selection.status).toBe('DEVICE_SELECTION_REQUIRED');
    expect(selection.devices!.map((d) => d.type)).toEqual(['iPhone', 'Email']);
    expect(linksOf(selection)).toEqual(['cancelAuthentication', 'selectDevice']);
    await expectUnlistedActionsRefused(app, selection);
    const bad = await act(app, auth.id, 'selectDevice', { deviceRef: { id: 'nope' } });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ code: 'INVALID_DEVICE' }] });
    const otp = await step(app, auth.id, 'selectDevice', { deviceRef: { id: seeded.devices[1]!.id } });
    expect(otp.status).toBe('OTP_REQUIRED');
    expect(linksOf(otp)).toEqual(['cancelAuthentication', 'checkOtp', 'selectDevice']);
    const push = await step(app, auth.id, 'selectDevice', { deviceRef: { id: seeded.devices[0]!.id } });
    expect(push.status).toBe('PUSH_CONFIRMATION_WAITING');
  });

  test("devices.selection 'primary': several devices go straight to the primary", async () => {
    const { app } = testServer({ policy: { devices: { max: 5, selection: 'primary' } } });
    await seed(app, 'dave', [{ kind: 'totp' }, { kind: 'mobile' }]);
    const auth = await signedIn(app, 'dave', 'pw');
    expect((await step(app, auth.id, 'authenticate', {})).status).toBe('OTP_REQUIRED');
  });
});

describe('the resource and its errors (protocol facts §1)', () => {
  test('GET never changes the state', async () => {
    const { app } = testServer();
    const state = await startFlow(app);
    const first = (await getFlow(app, state.id)).json();
    expect((await getFlow(app, state.id)).json()).toEqual(first);
    expect(first).toEqual(state);
  });

  test('?action= with application/json names the action', async () => {
    const { app } = testServer();
    const state = await startFlow(app);
    const res = await app.inject({
      method: 'POST',
      url: `/pf-ws/authn/flows/${state.id}?action=checkUsernamePassword`,
      payload: { username: 'alice', password: 'alice-password' },
      headers: XSRF,
    });
    expect(res.json<FlowState>().status).toBe('AUTHENTICATION_REQUIRED');
  });

  test('POST without X-XSRF-Header: MISSING_XSRF_HEADER', async () => {
    const { app } = testServer();
    const state = await startFlow(app);
    const res = await app.inject({ method: 'POST', url: `/pf-ws/authn/flows/${state.id}`, payload: '{}', headers: { 'content-type': actionMediaType('cancelAuthentication') } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MISSING_XSRF_HEADER');
  });

  test('an unknown action, malformed JSON, a wrong media type, a non-object body', async () => {
    const { app } = testServer();
    const state = await startFlow(app);
    expect((await act(app, state.id, 'fly', {})).json().code).toBe('INVALID_ACTION_ID');
    const malformed = await app.inject({ method: 'POST', url: `/pf-ws/authn/flows/${state.id}`, payload: '{"username":', headers: { 'content-type': actionMediaType('checkUsernamePassword'), ...XSRF } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('MALFORMED_JSON');
    const text = await app.inject({ method: 'POST', url: `/pf-ws/authn/flows/${state.id}`, payload: 'hi', headers: { 'content-type': 'text/plain', ...XSRF } });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const array = await act(app, state.id, 'checkUsernamePassword', [1, 2]);
    expect(array.json().code).toBe('VALIDATION_ERROR');
    expect((await getFlow(app, state.id)).json().status).toBe('USERNAME_PASSWORD_REQUIRED');
  });

  test('unknown flow, expired flow (flow.ttlSeconds) and the flow-expired fault: RESOURCE_NOT_FOUND', async () => {
    const { app, clock } = testServer({ policy: { flow: { ttlSeconds: 60 } } });
    expect((await getFlow(app, 'nope')).json().code).toBe('RESOURCE_NOT_FOUND');
    const a = await startFlow(app);
    clock.advance(60_000);
    const expired = await getFlow(app, a.id);
    expect(expired.statusCode).toBe(404);
    expect(expired.json().code).toBe('RESOURCE_NOT_FOUND');
    const b = await startFlow(app);
    await post(app, '/test/v1/faults', { fault: 'flow-expired', target: b.id });
    expect((await act(app, b.id, 'checkUsernamePassword', { username: 'alice', password: 'alice-password' })).statusCode).toBe(404);
  });

  test('cancelAuthentication: FAILED', async () => {
    const { app } = testServer();
    const state = await startFlow(app);
    const failed = await step(app, state.id, 'cancelAuthentication');
    expect(failed).toMatchObject({ status: 'FAILED', code: 'AUTHENTICATION_CANCELED' });
    expect(linksOf(failed)).toEqual([]);
  });
});
