/**
 * Adapter flow states (seed 004; protocol facts §1-2), checked on the Authentication API's own
 * answers (never an extra GET, which would itself be a step): the status each state names,
 * every action the state offers listed in `_links` (and each listed action accepted), error
 * bodies with stable codes that leave the state as it was, GET idempotence, and the contract
 * attribute with its prefix under the policy's attribute name.
 */
import type { RequirementId } from '../../models/requirements.ts';
import type { AnyStateMachine } from 'xstate';
import type { FlowState } from '../../models/authn-api.ts';
import { flowMachines } from '../../models/machines/index.ts';
import { STATUS_VALUE_PREFIX } from '../../models/policy.ts';
import type { PathWorld } from '../port/world.ts';
import type { ApiResponse } from '../drivers/shared/authn-client.ts';
import { client, lastFlow, lastResponse, postToExpiredFlow } from '../executors/adapter.ts';
import type { Assertion, Step } from '../executors/types.ts';
import { defineCheck } from '../checks/check.ts';
import { ensure } from '../runner/errors.ts';
import { stateNode } from './screens.ts';
import { checkAdapterState } from '../checks/adapter/states.ts';

interface ApiMeta {
  status?: string;
  links?: readonly string[];
  /** Actions listed besides `links` when the user has several devices (the widget's change device). */
  linksWithSeveralDevices?: readonly string[];
}

/** The nearest `status`/`links` up the state's ancestry (sub-states inherit their parent's). */
function apiMeta(machine: AnyStateMachine, state: string): ApiMeta {
  const parts = state.split('.');
  for (let n = parts.length; n > 0; n--) {
    const meta = stateNode(machine, parts.slice(0, n).join('.'))?.meta as ApiMeta | undefined;
    if (meta?.status) return meta;
  }
  return {};
}

/** The flow reports the status the state names (protocol facts §1 "State body"). */
function ensureFlowStatus(flow: FlowState, expected: string, requirements: readonly RequirementId[]): void {
  ensure(flow.status === expected, requirements, `the flow is ${flow.status}, the model expects ${expected}`, { code: 'STATUS_MISMATCH', expected, actual: flow.status });
}

/** `_links` lists exactly the actions the state allows (API-GEN-LINKS-EXACT): none missing, none extra. */
const ensureLinksOffered = defineCheck('ensureLinksListExactlyTheStateActions', ['API-GEN-LINKS-EXACT'], (flow: FlowState, links: readonly string[], ctx: Step): void => {
  const requirements: RequirementId[] = ['API-GEN-LINKS-EXACT'];
  const listed = Object.keys(flow._links).filter((k) => k !== 'self');
  const missing = links.filter((l) => !listed.includes(l));
  const extra = listed.filter((l) => !links.includes(l));
  if (extra.length) ctx.attach({ name: 'links beyond the model', contentType: 'text/plain', body: `${flow.status}: ${extra.join(', ')} listed; the model offers ${links.join(', ') || 'none'}` });
  ensure(missing.length === 0, requirements, `${flow.status} does not list ${missing.join(', ')} in _links (lists ${listed.join(', ') || 'none'})`, { code: 'LINKS_MISMATCH', expected: links, actual: listed, continuable: true });
  ensure(extra.length === 0, requirements, `${flow.status} lists ${extra.join(', ')} in _links beyond the model's ${links.join(', ') || 'none'}`, { code: 'LINKS_MISMATCH', expected: links, actual: listed, continuable: true });
});

/** A listed action is accepted: an INVALID_ACTION_ID for an action the state listed breaks the links contract. */
function ensureListedActionAccepted(world: PathWorld): void {
  const response = lastResponse(world);
  const action = String(world.memo.get('action') ?? '');
  const code = response?.body.code;
  const listedBefore = (world.memo.get('linksBefore') as string[] | undefined) ?? [];
  if (response && response.status === 400 && code === 'INVALID_ACTION_ID' && world.lastEvent?.type !== 'INVALID_ACTION' && listedBefore.includes(action)) {
    const requirements: RequirementId[] = ['API-GEN-LINKS-EXACT'];
    ensure(false, requirements, `'${action}' was listed in _links and then refused with INVALID_ACTION_ID`, { code: 'LINK_REFUSED', actual: response.body });
  }
}

/** An error answer has a stable code and leaves the flow where it was (API-GEN-ERROR-BODY, API-GEN-ERROR-KEEPS-STATE). */
function ensureErrorBody(world: PathWorld, expectedCode: string | undefined, requirements: readonly RequirementId[]): void {
  const response = lastResponse(world)!;
  ensure(response.status >= 400 && response.status < 500, requirements, `expected a 4xx error, got ${response.status}`, { code: 'NOT_AN_ERROR', actual: response.status });
  ensure(typeof response.body.code === 'string' && typeof response.body.message === 'string', requirements, 'the error body lacks code/message', { code: 'ERROR_BODY', actual: response.body });
  if (expectedCode) ensure(response.body.code === expectedCode, requirements, `error code ${String(response.body.code)}, expected ${expectedCode}`, { code: 'ERROR_CODE', expected: expectedCode, actual: response.body.code });
}

/** An error answer with the HTTP status and stable code the protocol names, and an error body (API-GEN-ERROR-BODY). */
function ensureRefused(response: ApiResponse | undefined, status: number, code: string, requirements: readonly RequirementId[], what: string): void {
  ensure(response !== undefined, requirements, `${what}: no answer recorded`, { code: 'NO_RESPONSE' });
  ensure(response.status === status && response.body.code === code, requirements, `${what}: got ${response.status} ${String(response.body.code)}, expected ${status} ${code}`, {
    code: 'ERROR_CODE', expected: { status, code }, actual: { status: response.status, body: response.body },
  });
  ensure(typeof response.body.message === 'string', requirements, `${what}: the error body lacks message`, { code: 'ERROR_BODY', actual: response.body });
}

/** One named check per refusal the protocol names (each cites its own rule and the error body). */
const ensurePostWithoutXsrfHeaderRefused = defineCheck('ensurePostWithoutXsrfHeaderRefused', ['API-GEN-XSRF-HEADER', 'API-GEN-ERROR-BODY'], (response: ApiResponse | undefined, what: string) =>
  ensureRefused(response, 400, 'MISSING_XSRF_HEADER', ['API-GEN-XSRF-HEADER', 'API-GEN-ERROR-BODY'], what));
const ensureExpiredFlowNotFound = defineCheck('ensureExpiredFlowNotFound', ['API-GEN-FLOW-NOT-FOUND', 'API-GEN-ERROR-BODY'], (response: ApiResponse | undefined, what: string) =>
  ensureRefused(response, 404, 'RESOURCE_NOT_FOUND', ['API-GEN-FLOW-NOT-FOUND', 'API-GEN-ERROR-BODY'], what));
const ensureInvalidActionRefused = defineCheck('ensureInvalidActionRefusedWithErrorBody', ['API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-BODY'], (world: PathWorld) =>
  ensureErrorBody(world, 'INVALID_ACTION_ID', ['API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-BODY']));
const ensureRefusedActionHasErrorBody = defineCheck('ensureRefusedActionHasErrorBody', ['API-GEN-ERROR-BODY', 'API-GEN-ERROR-KEEPS-STATE'], (world: PathWorld) =>
  ensureErrorBody(world, undefined, ['API-GEN-ERROR-BODY', 'API-GEN-ERROR-KEEPS-STATE']));

/** After a POST without X-XSRF-Header the GET finds the flow where it was. */
const ensureRefusedPostLeavesFlowWhereItWas = defineCheck('ensureRefusedPostLeavesFlowWhereItWas', ['API-GEN-XSRF-HEADER', 'API-GEN-ERROR-KEEPS-STATE'], (world: PathWorld) => {
  const before = world.memo.get('statusBefore');
  ensure(lastFlow(world).status === before, [], `the refused POST moved the flow from ${String(before)} to ${lastFlow(world).status}`, { code: 'REFUSAL_CHANGED_STATE', expected: before, actual: lastFlow(world).status });
});

/** A POST without X-XSRF-Header: 400 MISSING_XSRF_HEADER, and the GET after it finds the flow where it was. */
async function ensureXsrfRefusalKeepsState(world: PathWorld, ctx: Step): Promise<void> {
  await ensurePostWithoutXsrfHeaderRefused(ctx, world.memo.get('refusal') as ApiResponse | undefined, `${String(world.memo.get('action'))} without X-XSRF-Header`);
  await ensureRefusedPostLeavesFlowWhereItWas(ctx, world);
}

/**
 * An expired flow is unknown (API-GEN-FLOW-NOT-FOUND): the last answer (the GET after expiry,
 * or whatever the client sent since) is 404 RESOURCE_NOT_FOUND; right after expiry an action
 * POST gets 404 too.
 */
async function ensureFlowGone(world: PathWorld, justExpired: boolean, ctx: Step): Promise<void> {
  await ensureExpiredFlowNotFound(ctx, lastResponse(world), `${String(world.memo.get('action'))} on the expired flow`);
  if (justExpired) await ensureExpiredFlowNotFound(ctx, await postToExpiredFlow(world, ctx), 'an action on the expired flow');
}

/** A wrong OTP: VALIDATION_ERROR with detail INVALID_OTP and attemptsRemaining (seed 004 step 5.2). */
const ensureInvalidOtpCountsDown = defineCheck('ensureInvalidOtpCountsDown', ['API-ADD-OTP-INVALID'], (world: PathWorld): void => {
  const requirements: RequirementId[] = ['API-ADD-OTP-INVALID'];
  ensureErrorBody(world, 'VALIDATION_ERROR', requirements);
  const details = (lastResponse(world)!.body.details ?? []) as { code?: string; attemptsRemaining?: unknown }[];
  const detail = details.find((d) => d.code === 'INVALID_OTP');
  ensure(detail !== undefined, requirements, 'no INVALID_OTP detail', { code: 'ERROR_DETAIL', actual: details });
  ensure(typeof detail.attemptsRemaining === 'number', requirements, 'INVALID_OTP without attemptsRemaining', { code: 'ERROR_DETAIL', actual: detail });
});

/** COMPLETED carries the contract attribute, named per policy, valued com.pingidentity.pingone.<outcome>. */
function ensureStatusAttribute(world: PathWorld, flow: FlowState, outcome: string, requirements: readonly RequirementId[]): void {
  const attributes = (flow.attributes ?? {}) as Record<string, unknown>;
  const name = world.policy.statusAttribute;
  const value = attributes[name];
  ensure(value === `${STATUS_VALUE_PREFIX}${outcome}`, requirements, `${name} is ${JSON.stringify(value)}, expected ${STATUS_VALUE_PREFIX}${outcome}`, { code: 'STATUS_ATTRIBUTE', expected: `${STATUS_VALUE_PREFIX}${outcome}`, actual: attributes });
}

const outcomes: Record<string, { value: string; requirements: RequirementId[] }> = {
  completedDevicePaired: { value: 'device_paired', requirements: ['API-INIT-STATUS-PAIRED', 'API-ADD-STATUS-PAIRED'] },
  completedDeviceNotPaired: { value: 'device_not_paired', requirements: ['API-INIT-STATUS-NOT-PAIRED', 'API-ADD-STATUS-NOT-PAIRED'] },
  completedPairingError: { value: 'pairing_error', requirements: ['API-INIT-STATUS-PAIRING-ERROR', 'API-ADD-STATUS-PAIRING-ERROR'] },
  completedWebLoginMobile: { value: 'web_login_mobile', requirements: ['API-ADD-STATUS-WEB-LOGIN'] },
  completedWebLoginOtp: { value: 'web_login_otp', requirements: ['API-ADD-STATUS-WEB-LOGIN'] },
};

/** One named check per outcome value and requirement (initial vs additional device), plus the prefix alone. */
const camel = (value: string): string => value.replace(/(^|_)(\w)/g, (_, _u: string, c: string) => c.toUpperCase());
const statusAttributeChecks = new Map(Object.values(outcomes).flatMap(({ value, requirements }) => [...requirements.map((r): RequirementId[] => [r, 'API-GEN-STATUS-PREFIX']), ['API-GEN-STATUS-PREFIX'] as RequirementId[]].map((ids) => [
  `${value} ${ids.join(' ')}`,
  defineCheck(`ensureStatusAttributeIs${camel(value)}${ids.length > 1 ? `For${ids[0]!.split('-').map((w) => w[0]! + w.slice(1).toLowerCase()).join('')}` : ''}`, ids, (world: PathWorld, flow: FlowState) => ensureStatusAttribute(world, flow, value, ids)),
] as const)));

async function ensureStatusAttributeFor(world: PathWorld, flow: FlowState, value: string, requirements: readonly RequirementId[], ctx: Step): Promise<void> {
  const cited = requirements.filter((r) => r !== 'API-GEN-STATUS-PREFIX');
  for (const ids of cited.length ? cited.map((r) => [r, 'API-GEN-STATUS-PREFIX']) : [['API-GEN-STATUS-PREFIX']]) await statusAttributeChecks.get(`${value} ${ids.join(' ')}`)!(ctx, world, flow);
}

/**
 * With pollStyle 'post', an answered push shows on the next poll, not on a GET: a GET now must
 * still say PUSH_CONFIRMATION_WAITING (the model cites API-GEN-GET-IDEMPOTENT on these states).
 */
const ensureGetDoesNotRevealOutcome = defineCheck('ensureGetDoesNotRevealOutcomeBeforePoll', ['API-GEN-GET-IDEMPOTENT'], async (world: PathWorld, ctx: Step): Promise<void> => {
  const requirements: RequirementId[] = ['API-GEN-GET-IDEMPOTENT'];
  const before = lastFlow(world);
  const seen = await client(world).get(before);
  ctx.attach({ name: 'GET before the poll', contentType: 'text/plain', body: client(world).exchanges.splice(0).join('\n') });
  ensure(seen.body.status === before.status, requirements, `a GET moved the flow from ${before.status} to ${String(seen.body.status)} before any poll`, { code: 'GET_CHANGED_STATE', expected: before.status, actual: seen.body.status });
});

/** A GET leaves the flow where it was (API-GEN-GET-IDEMPOTENT). */
const ensureGetLeavesFlowWhereItWas = defineCheck('ensureGetLeavesFlowWhereItWas', ['API-GEN-GET-IDEMPOTENT'], (world: PathWorld) => {
  ensure(lastFlow(world).status === world.memo.get('statusBefore'), [], `a GET moved the flow from ${String(world.memo.get('statusBefore'))} to ${lastFlow(world).status}`, {
    code: 'GET_CHANGED_STATE', expected: world.memo.get('statusBefore'), actual: lastFlow(world).status,
  });
});

export function assertAdapter(machineId: string): Assertion {
  const machine = flowMachines.find((m) => m.id === machineId)!.machine;
  return async (world, state, ctx) => {
    const event = world.lastEvent?.type;
    const meta = apiMeta(machine, state);
    const requirements = ctx.modelRequirements.filter((id) => id.startsWith('API-'));
    if (state === 'flowExpired') {
      // The XSRF check comes before the flow is looked up: still 400 MISSING_XSRF_HEADER, then the GET gets 404.
      if (event === 'POST.WITHOUT_XSRF') await ensurePostWithoutXsrfHeaderRefused(ctx, world.memo.get('refusal') as ApiResponse | undefined, 'a POST without X-XSRF-Header');
      return ensureFlowGone(world, event === 'FLOW.EXPIRE', ctx);
    }
    if (event === 'POST.WITHOUT_XSRF') {
      await ensureXsrfRefusalKeepsState(world, ctx);
    } else if (event === 'INVALID_ACTION') {
      await ensureInvalidActionRefused(ctx, world);
    } else if (event === 'GET') {
      await ensureGetLeavesFlowWhereItWas(ctx, world);
    } else {
      ensureListedActionAccepted(world);
      const response = lastResponse(world);
      if (response && response.status >= 400 && event !== 'PUSH.APPROVE' && event !== 'PUSH.DENY' && event !== 'APPROVAL.TIMEOUT' && event !== 'SDK.PAIR') {
        if (event === 'checkOtp' && (state === 'otpRequired' || state === 'pushTimedOut')) await ensureInvalidOtpCountsDown(ctx, world);
        else await ensureRefusedActionHasErrorBody(ctx, world);
      }
    }
    await checkAdapterState(machineId, world, state, ctx);
    if (!meta.status) return;
    if (/^pushWaiting\.(approved|denied|expired)$/.test(state) && world.policy.pollStyle === 'post') await ensureGetDoesNotRevealOutcome(ctx, world, ctx);
    const flow = lastFlow(world);
    ensureFlowStatus(flow, meta.status, requirements.length ? requirements : ['API-GEN-STATE-BODY']);
    const several = world.memo.get('userKind') === 'several';
    if (meta.links) await ensureLinksOffered(ctx, flow, [...meta.links, ...(several ? (meta.linksWithSeveralDevices ?? []) : [])], ctx);
    const outcome = outcomes[state];
    if (outcome) await ensureStatusAttributeFor(world, flow, outcome.value, outcome.requirements.filter((r) => ctx.modelRequirements.includes(r)), ctx);
  };
}
