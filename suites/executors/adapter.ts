/**
 * The adapter flows (seed 004) through the Authentication API: one executor table for both
 * machines (initial pairing, additional device). The user's existing phone answers pushes
 * through test control (`POST /test/v1/push/decide`); the new phone's SDK pairs with the
 * `serverPayload`; a pairing error and time-outs come from test control too. A target without
 * test control makes the steps that need it not-applicable.
 */
import { flowActions, type FlowState } from '../../models/authn-api.ts';
import { encodeMobilePayload } from '../../models/device-api.ts';
import type { ModelEvent } from '../../models/driver.ts';
import { createHash } from 'node:crypto';
import { generate } from 'otplib';
import { assertAdapter } from '../assertions/adapter.ts';
import { AuthnClient, type ActionVia, type ApiResponse } from '../drivers/shared/authn-client.ts';
import type { PathWorld } from '../port/world.ts';
import { defineCheck } from '../checks/check.ts';
import { ensure, NotApplicableError } from '../runner/errors.ts';
import type { Executor, MachineBinding, Step } from './types.ts';
import { adapterSecurityProbes, withSecurityProbes } from '../checks/security/probes.ts';
import { targetEpochSeconds } from '../checks/shared/target-time.ts';
import { targetFetch } from '../drivers/shared/transport.ts';

export function client(world: PathWorld): AuthnClient {
  let c = world.memo.get('authn') as AuthnClient | undefined;
  if (!c) world.memo.set('authn', (c = new AuthnClient(world.base)));
  return c;
}

export function lastFlow(world: PathWorld): FlowState {
  const flow = world.memo.get('flow') as FlowState | undefined;
  if (!flow) throw new Error('no flow started');
  return flow;
}

export function lastResponse(world: PathWorld): ApiResponse | undefined {
  return world.memo.get('response') as ApiResponse | undefined;
}

/** Records a response; a state body (it has `status` and `_links`) becomes the current flow. */
function record(world: PathWorld, response: ApiResponse, ctx: Step): void {
  world.memo.set('response', response);
  if (typeof response.body.status === 'string' && response.body._links) world.memo.set('flow', response.body as FlowState);
  const exchanges = client(world).exchanges.splice(0);
  ctx.attach({ name: 'HTTP exchanges', contentType: 'text/plain', body: exchanges.join('\n') });
}

/** How this path names actions (variant actionVia; the vendor media type unless `query`). */
function actionVia(ctx: Step): ActionVia {
  return ctx.variant.values.actionVia === 'query' ? 'query' : 'content-type';
}

async function act(world: PathWorld, action: string, body: Record<string, unknown>, ctx: Step): Promise<void> {
  world.memo.set('action', action);
  world.memo.set('linksBefore', Object.keys(lastFlow(world)._links));
  const via = actionVia(ctx);
  // API-GEN-ACTION-QUERY: under actionVia=query the action is named by `?action=` with
  // Content-Type application/json; else by its vendor media type (API-GEN-ACTION-MEDIA-TYPE).
  // Either way the POST carries X-XSRF-Header (whose refusal API-GEN-XSRF-HEADER's check observes).
  if (via === 'query') ctx.notExercised(['API-GEN-ACTION-MEDIA-TYPE']);
  const response = await client(world).action(lastFlow(world), action, body, { via, xsrf: true });
  record(world, response, ctx);
  await (via === 'query' ? ensureActionNamedByQueryUnderstood : ensureActionNamedByMediaTypeUnderstood)(ctx, response, action);
}

/**
 * The server understood how the action was named: no 415 / UNSUPPORTED_MEDIA_TYPE. (An
 * INVALID_ACTION_ID for an action the state listed is the links check's, API-GEN-LINKS-EXACT; a
 * refusal of the action itself, such as a wrong OTP, is the state check's.)
 */
function ensureActionUnderstood(response: ApiResponse, action: string): void {
  const code = String(response.body.code ?? '');
  ensure(response.status !== 415 && code !== 'UNSUPPORTED_MEDIA_TYPE', [], `'${action}' was not understood as named: ${response.status} ${code}`, {
    code: 'ACTION_NOT_UNDERSTOOD', expected: 'the action performed or refused on its merits', actual: { status: response.status, body: response.body }, continuable: true,
  });
}
const ensureActionNamedByQueryUnderstood = defineCheck('ensureActionNamedByQueryUnderstood', ['API-GEN-ACTION-QUERY'], ensureActionUnderstood);
const ensureActionNamedByMediaTypeUnderstood = defineCheck('ensureActionNamedByMediaTypeUnderstood', ['API-GEN-ACTION-MEDIA-TYPE'], ensureActionUnderstood);

function requireControl(world: PathWorld, what: string): void {
  if (world.memo.get('noTestControl')) {
    throw new NotApplicableError(`${what} needs the target's test-control hook (GET /test/v1/faults did not answer)`, 'implement the test-control routes in models/test-control.ts on the target (authconf serve --test-control shows them)');
  }
}

/**
 * The faults the target can inject (`GET /test/v1/faults`), asked once per target: the list is the
 * target's, not the path's. Undefined when it has no test control (asked again by the next path).
 */
async function injectableFaults(world: PathWorld): Promise<string[] | undefined> {
  const known = world.target.get('control:faults') as string[] | undefined;
  if (known) return known;
  const faults = await world.control.faults();
  if (faults) world.target.set('control:faults', faults);
  return faults;
}

const installation = (world: PathWorld): string => `inst-${world.username}`;

/** The first factor per the user kind: seeded by test control with the devices that kind has. */
const checkUsernamePassword: Executor = async (world, event, ctx) => {
  const kind = String(event.user ?? (event.credentials === 'wrong' ? 'wrong' : 'none'));
  const devices = { mobile: [{ kind: 'mobile' as const }], otp: [{ kind: 'totp' as const }], several: [{ kind: 'mobile' as const }, { kind: 'totp' as const }], none: [], wrong: [] }[kind] ?? [];
  requireControl(world, 'setting up the user');
  const seeded = await world.control.seedUser(world.username, world.password, devices);
  world.memo.set('devices', seeded.devices);
  world.memo.set('userKind', kind);
  const password = kind === 'wrong' || event.credentials === 'wrong' ? `${world.password}-wrong` : world.password;
  await act(world, 'checkUsernamePassword', { username: world.username, password }, ctx);
};

/** With the new installation's mobile payload, an unreadable one, or none (a browser's `{}`). */
const authenticate: Executor = async (world, event, ctx) => {
  world.memo.set('mobilePayloadSent', event.mobilePayload === 'none' || event.mobilePayload === 'invalid' ? event.mobilePayload : 'valid');
  if (event.mobilePayload === 'none') return act(world, 'authenticate', {}, ctx);
  const mobilePayload = event.mobilePayload === 'invalid' ? 'not-a-mobile-payload' : encodeMobilePayload({ v: 1, installationId: installation(world), platform: 'ios', name: 'New phone (sdk)' });
  await act(world, 'authenticate', { mobilePayload }, ctx);
};

function seededDevice(world: PathWorld, kind: 'mobile' | 'totp'): { id: string; otp: { secret: string; digits: 6 | 8; period: number; algorithm: 'sha1' | 'sha256' | 'sha512' } } | undefined {
  const devices = (world.memo.get('devices') as { id: string; kind?: string; otp: never }[] | undefined) ?? [];
  const kinds = ['mobile', 'totp'];
  // seedUser returns devices in the order asked: mobile first, then totp
  const order = { mobile: 0, totp: devices.length - 1 }[kind];
  const found = devices.find((d) => d.kind === kind) ?? devices[order];
  return found && kinds.includes(kind) ? found : undefined;
}

/** The device's id as the flow under test lists it (a phone for a push, else an OTP device); never from test control. */
const selectDevice: Executor = async (world, event, ctx) => {
  const which = String(event.device);
  const types = which === 'otp' ? ['TOTP', 'SMS', 'Email'] : ['iPhone', 'Android'];
  const id = which === 'unknown' ? 'no-such-device' : (lastFlow(world).devices ?? []).find((d) => types.includes(d.type))?.id ?? 'missing';
  world.memo.set('deviceRefSent', id);
  await act(world, 'selectDevice', { deviceRef: { id } }, ctx);
};

/** POST poll, or re-GET the flow (policy pollStyle: the widget's way). */
const poll: Executor = async (world, _e, ctx) => {
  if (world.policy.pollStyle === 'get') {
    world.memo.set('action', 'GET');
    record(world, await client(world).get(lastFlow(world)), ctx);
  } else await act(world, 'poll', {}, ctx);
};

const decide = (decision: 'approve' | 'deny'): Executor => async (world, _e, ctx) => {
  requireControl(world, `a push ${decision}`);
  const outcome = await world.control.decidePush(world.username, decision);
  ctx.attach({ name: 'push decided by the user\'s phone', contentType: 'application/json', body: JSON.stringify(outcome) });
  if (world.policy.pollStyle === 'get') await poll(world, { type: 'poll' }, ctx);
};

const approvalTimeout: Executor = async (world, _e, ctx) => {
  requireControl(world, 'moving the clock past the push window');
  await world.control.advanceClock(world.policy.push.totalTimeoutSeconds * 1000 + 1000);
  if (world.policy.pollStyle === 'get') await poll(world, { type: 'poll' }, ctx);
};

/** An OTP of the device the flow selected (a push device's passcode after a time-out), else of the TOTP device. */
const checkOtp: Executor = async (world, event, ctx) => {
  const selected = lastFlow(world).selectedDeviceRef?.id;
  const seeded = (world.memo.get('devices') as { id: string; otp: { secret: string; digits: 6 | 8; period: number; algorithm: 'sha1' | 'sha256' | 'sha512' } }[] | undefined) ?? [];
  const device = seeded.find((d) => d.id === selected) ?? seededDevice(world, 'totp');
  if (!device) throw new Error('the user has no OTP device');
  const valid = await generate({ ...device.otp, epoch: await targetEpochSeconds(world) });
  const otp = event.otp === 'valid' ? valid : valid.slice(0, -1) + String((Number(valid.at(-1)) + 3) % 10);
  await act(world, 'checkOtp', { otp }, ctx);
};

/** The new phone's SDK with the `serverPayload`: pairs, fails to (bad payload), or meets a pairing error (fault). */
const sdkPair: Executor = async (world, event, ctx) => {
  const flow = lastFlow(world);
  const outcome = String(event.outcome);
  world.memo.set('sdkOutcome', outcome);
  if (outcome === 'error') {
    requireControl(world, 'a pairing error');
    await world.control.injectFault('pairing-error', world.username);
    ctx.attach({ name: 'fault', contentType: 'text/plain', body: `pairing-error armed for ${world.username}` });
    return;
  }
  const serverPayload = typeof flow.serverPayload === 'string' ? flow.serverPayload : '';
  const body = {
    serverPayload: outcome === 'paired' ? serverPayload : `${serverPayload.slice(0, -4)}AAAA`,
    device: { kind: 'mobile', name: 'New phone (sdk)', platform: 'ios' },
    installationId: installation(world),
  };
  const response = await targetFetch(new URL('/device/v1/sdk/pairings', world.base), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  world.memo.set('sdkPairing', { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> });
  ctx.attach({ name: 'SDK pairing', contentType: 'text/plain', body: `POST /device/v1/sdk/pairings -> ${response.status} ${text.slice(0, 400)}` });
};

const invalidAction: Executor = async (world, _e, ctx) => {
  const flow = lastFlow(world);
  const offered = new Set(Object.keys(flow._links));
  const action = flowActions.find((a) => !offered.has(a)) ?? 'poll';
  world.memo.set('statusBefore', flow.status);
  await act(world, action, {}, ctx);
};

const getFlow: Executor = async (world, _e, ctx) => {
  world.memo.set('statusBefore', lastFlow(world).status);
  world.memo.set('action', 'GET');
  record(world, await client(world).get(lastFlow(world)), ctx);
};

/**
 * An action the state lists, POSTed without X-XSRF-Header (API-GEN-XSRF-HEADER): the refusal is
 * kept for the check, then a GET shows where the flow is (the refusal must not have moved it).
 */
const postWithoutXsrf: Executor = async (world, _e, ctx) => {
  const flow = lastFlow(world);
  const action = Object.keys(flow._links).find((a) => a !== 'self') ?? 'cancelAuthentication';
  world.memo.set('statusBefore', flow.status);
  world.memo.set('action', action);
  const refusal = await client(world).action(flow, action, {}, { via: actionVia(ctx), xsrf: false });
  world.memo.set('refusal', refusal);
  record(world, await client(world).get(flow), ctx);
};

/**
 * The flow expires (API-GEN-FLOW-NOT-FOUND): the target's `flow-expired` fault for this flow,
 * else its clock moved past policy flow.ttlSeconds; then the client GETs it.
 */
const expireFlow: Executor = async (world, _e, ctx) => {
  requireControl(world, 'expiring the flow');
  const flow = lastFlow(world);
  if ((await injectableFaults(world))?.includes('flow-expired')) {
    await world.control.injectFault('flow-expired', flow.id);
    ctx.attach({ name: 'fault', contentType: 'text/plain', body: `flow-expired armed for flow ${flow.id}` });
  } else {
    await world.control.advanceClock(world.policy.flow.ttlSeconds * 1000 + 1000);
    ctx.attach({ name: 'clock', contentType: 'text/plain', body: `clock advanced past flow.ttlSeconds (${world.policy.flow.ttlSeconds} s)` });
  }
  world.memo.set('action', 'GET');
  record(world, await client(world).get(flow), ctx);
};

/** After expiry: an action the flow listed, POSTed as any other, must get 404 too. */
export async function postToExpiredFlow(world: PathWorld, ctx: Step): Promise<ApiResponse> {
  const flow = lastFlow(world);
  const action = Object.keys(flow._links).find((a) => a !== 'self') ?? 'cancelAuthentication';
  const response = await client(world).action(flow, action, {}, { via: actionVia(ctx), xsrf: true });
  ctx.attach({ name: 'action on the expired flow', contentType: 'text/plain', body: client(world).exchanges.splice(0).join('\n') });
  return response;
}

const simple = (action: string): Executor => (world, _e, ctx) => act(world, action, {}, ctx);

function adapterBinding(machine: string): MachineBinding {
  return {
    machine,
    // checkUsernamePassword seeds the user with its devices; setUp finds out whether the target has test control.
    seedsUser: true,
    async setUp(world, ctx) {
      if ((await injectableFaults(world)) === undefined) world.memo.set('noTestControl', true);
      // The client's own PKCE verifier (RFC 7636 §4.1), nonce and state, from the run's RNG: the completion check redeems the code with them.
      const token = (n: number): string => Buffer.from(world.rng.bytes(n)).toString('base64url');
      const pkce = { verifier: token(32), nonce: token(12), state: token(8) };
      world.memo.set('pkce', pkce);
      const challenge = createHash('sha256').update(pkce.verifier).digest('base64url');
      record(world, await client(world).start({ state: pkce.state, nonce: pkce.nonce, code_challenge: challenge, code_challenge_method: 'S256' }), ctx);
    },
    executors: {
      checkUsernamePassword: { role: 'api', run: checkUsernamePassword },
      authenticate: { role: 'api', run: authenticate },
      selectDevice: { role: 'api', run: selectDevice },
      poll: { role: 'api', run: poll },
      'PUSH.APPROVE': { role: 'control', run: decide('approve') },
      'PUSH.DENY': { role: 'control', run: decide('deny') },
      'APPROVAL.TIMEOUT': { role: 'control', run: approvalTimeout },
      checkOtp: { role: 'api', run: checkOtp },
      'SDK.PAIR': { role: 'mobile', run: sdkPair },
      continueAuthentication: { role: 'api', run: simple('continueAuthentication') },
      cancelAuthentication: { role: 'api', run: simple('cancelAuthentication') },
      GET: { role: 'api', run: getFlow },
      INVALID_ACTION: { role: 'api', run: invalidAction },
      'POST.WITHOUT_XSRF': { role: 'api', run: postWithoutXsrf },
      'FLOW.EXPIRE': { role: 'control', run: expireFlow },
    },
    assert: withSecurityProbes(assertAdapter(machine), adapterSecurityProbes),
    supports(event, variant) {
      if (event.type === 'checkUsernamePassword' && event.user === 'several' && variant.policy.devices.max < 2) {
        return { reason: 'a user with several devices cannot be set up when the policy allows one device (devices=one)' };
      }
      return true;
    },
  };
}

export const adapterInitialPairingBinding = adapterBinding('adapter-initial-pairing');
export const adapterAdditionalDeviceBinding = adapterBinding('adapter-additional-device');
export type { ModelEvent };
