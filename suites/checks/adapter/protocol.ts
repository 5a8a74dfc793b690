/**
 * Authentication API rules common to every state (protocol facts §1-2), checked on the answers
 * and probed at their edges:
 * - `_links` lists exactly the actions the documented table allows for the status (selectDevice
 *   only with several devices);
 * - an action outside `_links` is 400 INVALID_ACTION_ID, a validation error keeps the state
 *   (a GET after it finds the flow where it was), and every error body has `code`, `message` and
 *   well-formed `details[]`;
 * - GET never moves a flow (a second GET answers the same state);
 * - a POST without X-XSRF-Header is 400 MISSING_XSRF_HEADER;
 * - an expired or unknown flow id is 404 RESOURCE_NOT_FOUND.
 */
import type { FlowState } from '../../../models/authn-api.ts';
import { errorCodes } from '../../../models/error-codes.ts';
import type { PathWorld } from '../../port/world.ts';
import { AuthnClient, type ApiResponse } from '../../drivers/shared/authn-client.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { currentFlow, devicesSetUp, ensureOffersExactly, ensureRefusedWith, lastAnswer } from './answers.ts';

/** Protocol facts §2 "Per state": the actions each status allows. */
const allowed: Record<string, readonly string[]> = {
  USERNAME_PASSWORD_REQUIRED: ['checkUsernamePassword', 'cancelAuthentication'],
  AUTHENTICATION_REQUIRED: ['authenticate', 'cancelAuthentication'],
  DEVICE_SELECTION_REQUIRED: ['selectDevice', 'cancelAuthentication'],
  PUSH_CONFIRMATION_WAITING: ['poll', 'cancelAuthentication'],
  PUSH_CONFIRMATION_REJECTED: ['cancelAuthentication'],
  PUSH_CONFIRMATION_TIMED_OUT: ['checkOtp', 'cancelAuthentication'],
  OTP_REQUIRED: ['checkOtp', 'cancelAuthentication'],
  MOBILE_PAIRING_REQUIRED: ['continueAuthentication'],
  MFA_COMPLETED: ['continueAuthentication'],
  MFA_FAILED: ['cancelAuthentication'],
  COMPLETED: [],
  FAILED: [],
};
const changeDevice = new Set(['PUSH_CONFIRMATION_WAITING', 'PUSH_CONFIRMATION_TIMED_OUT', 'OTP_REQUIRED']);

export const ensureLinksAreTheStatusActions = defineCheck('ensureLinksAreTheStatusActions', ['API-GEN-LINKS-EXACT'], (world: PathWorld) => {
  const flow = currentFlow(world);
  const actions = allowed[flow.status];
  ensure(actions !== undefined, [], `unknown status ${flow.status}`, { code: 'STATUS_MISMATCH', actual: flow.status });
  const several = devicesSetUp(world).length > 1;
  ensureOffersExactly(flow, [...actions, ...(several && changeDevice.has(flow.status) ? ['selectDevice'] : [])], `${flow.status} for a user with ${devicesSetUp(world).length} device(s)`);
});

/** code and message strings; details[] entries with code and message. */
function ensureErrorBody(response: ApiResponse, what: string): void {
  const body = response.body;
  ensure(typeof body.code === 'string' && typeof body.message === 'string', [], `${what}: the error body lacks code or message`, { code: 'ERROR_BODY', actual: body });
  const details = body.details;
  ensure(details === undefined || (Array.isArray(details) && details.every((d: { code?: unknown; message?: unknown }) => typeof d.code === 'string' && typeof d.message === 'string')), [], `${what}: malformed details[]`, { code: 'ERROR_BODY', actual: details });
}

/** The flow as a fresh GET finds it (a probe: GET must not move it). */
async function statusNow(world: PathWorld, flow: FlowState, step: Step): Promise<string> {
  const api = new AuthnClient(world.base);
  const seen = await api.get(flow);
  step.attach({ name: 'GET after the answer (probe)', contentType: 'text/plain', body: api.exchanges.join('\n') });
  return String(seen.body.status);
}

export const ensureUnlistedActionRefusedInPlace = defineCheck('ensureUnlistedActionRefusedInPlace', ['API-GEN-INVALID-ACTION-ID'], async (world: PathWorld, step: Step) => {
  const response = lastAnswer(world);
  ensureRefusedWith(response, 'INVALID_ACTION_ID', `'${String(world.memo.get('action'))}', not in _links`);
  const flow = currentFlow(world);
  const now = await statusNow(world, flow, step);
  ensure(now === flow.status, [], `the refused action moved the flow from ${flow.status} to ${now}`, { code: 'REFUSAL_CHANGED_STATE', expected: flow.status, actual: now });
});

export const ensureErrorAnswersHaveTheirBody = defineCheck('ensureErrorAnswersHaveTheirBody', ['API-GEN-ERROR-BODY'], (world: PathWorld) => {
  const response = lastAnswer(world);
  const code = String(response.body.code);
  ensureErrorBody(response, `${response.status} ${code}`);
  const registered = (errorCodes as Record<string, { status: number }>)[code];
  ensure(registered !== undefined && registered.status === response.status, [], `${code} answered with HTTP ${response.status}, the error registry says ${registered?.status ?? '(not registered)'}`, { code: 'ERROR_CODE', expected: registered?.status, actual: response.status });
});

export const ensureValidationErrorKeepsTheState = defineCheck('ensureValidationErrorKeepsTheState', ['API-GEN-ERROR-KEEPS-STATE'], async (world: PathWorld, step: Step) => {
  const flow = currentFlow(world);
  const now = await statusNow(world, flow, step);
  ensure(now === flow.status, [], `after ${String(lastAnswer(world).body.code)} the flow moved from ${flow.status} to ${now}`, { code: 'REFUSAL_CHANGED_STATE', expected: flow.status, actual: now });
});

export const ensureGetLeavesTheFlowAsItWas = defineCheck('ensureGetLeavesTheFlowAsItWas', ['API-GEN-GET-IDEMPOTENT'], async (world: PathWorld, step: Step) => {
  const flow = currentFlow(world);
  const before = world.memo.get('statusBefore');
  ensure(flow.status === before, [], `a GET moved the flow from ${String(before)} to ${flow.status}`, { code: 'GET_CHANGED_STATE', expected: before, actual: flow.status });
  const again = await statusNow(world, flow, step);
  ensure(again === flow.status, [], `a second GET answers ${again}, the first ${flow.status}`, { code: 'GET_CHANGED_STATE', expected: flow.status, actual: again });
});

export const ensurePostWithoutXsrfRefused = defineCheck('ensurePostWithoutXsrfRefused', ['API-GEN-XSRF-HEADER'], (world: PathWorld) => {
  const refusal = world.memo.get('refusal') as ApiResponse | undefined;
  ensure(refusal !== undefined, [], 'no answer to the POST without X-XSRF-Header', { code: 'NO_RESPONSE' });
  ensureRefusedWith(refusal, 'MISSING_XSRF_HEADER', 'a POST without X-XSRF-Header');
  ensureErrorBody(refusal, 'MISSING_XSRF_HEADER');
});

export const ensureGoneFlowIsNotFound = defineCheck('ensureGoneFlowIsNotFound', ['API-GEN-FLOW-NOT-FOUND'], async (world: PathWorld, step: Step) => {
  ensureRefusedWith(lastAnswer(world), 'RESOURCE_NOT_FOUND', 'the expired flow');
  const api = new AuthnClient(world.base);
  const flow = currentFlow(world);
  const unknown = await api.get({ ...flow, _links: { self: { href: flow._links.self!.href.replace(/[^/]+$/, 'no-such-flow') } } });
  step.attach({ name: 'an unknown flow id (probe)', contentType: 'text/plain', body: api.exchanges.join('\n') });
  ensureRefusedWith(unknown, 'RESOURCE_NOT_FOUND', 'an unknown flow id');
});
