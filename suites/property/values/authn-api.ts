/**
 * Properties of the Authentication API's request handling (issue 12), fast-check against a
 * server over HTTP (the embedded reference server on a real loopback port, or any target with
 * test control to seed users). Each sample starts a fresh flow and puts it in one of the
 * statuses a first factor reaches, then:
 * - an action not in `_links` (a known action or any other name) is refused with
 *   INVALID_ACTION_ID and the flow is unchanged;
 * - GET, any number of times, never changes the flow;
 * - the vendor media type names the action whatever its letter case;
 * - a POST without X-XSRF-Header is refused, the flow unchanged;
 * - wrong JSON types in a field get a 4xx with a registered code, the flow unchanged; unknown
 *   fields never give a 5xx (ignored, or a 4xx with a registered code: the documents do not say).
 * Every 4xx body carries a code from the registry (models/error-codes.ts) and a message.
 */
import fc from 'fast-check';
import { actionMediaType, AUTHORIZATION_PATH, flowActions, type FlowState } from '../../../models/authn-api.ts';
import { isErrorCode } from '../../../models/error-codes.ts';
import { defineCheck } from '../../checks/check.ts';
import type { TestControl } from '../../drivers/sim/control.ts';
import { ensure } from '../../runner/errors.ts';
import { assertProperty } from './assert-property.ts';

export interface ApiTarget {
  base: string;
  control: TestControl;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export async function send(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(new URL(path, base), { method, headers: { accept: 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { unparsed: text.slice(0, 200) };
  }
  return { status: response.status, body: parsed };
}

/** Where a sample's flow starts: the first status, or the one a first factor reaches for a user with these devices. */
export type Start = 'USERNAME_PASSWORD_REQUIRED' | 'mobile' | 'totp' | 'several' | 'none';
const starts: readonly Start[] = ['USERNAME_PASSWORD_REQUIRED', 'mobile', 'totp', 'several', 'none'];

let users = 0;
/** A username no earlier sample used on this server. */
export const freshUsername = (prefix: string): string => `${prefix}-${++users}`;

export async function startFlow(target: ApiTarget, start: Start): Promise<FlowState> {
  const query = new URLSearchParams({ client_id: 'authconf-app', response_type: 'code', response_mode: 'pi.flow', redirect_uri: 'http://localhost/callback', scope: 'openid' });
  const first = (await send(target.base, 'GET', `${AUTHORIZATION_PATH}?${query.toString()}`)).body as unknown as FlowState;
  if (start === 'USERNAME_PASSWORD_REQUIRED') return first;
  const username = `prop-user-${++users}`;
  const devices = { mobile: [{ kind: 'mobile' as const }], totp: [{ kind: 'totp' as const }], several: [{ kind: 'mobile' as const }, { kind: 'totp' as const }], none: [] }[start];
  await target.control.seedUser(username, `${username}-pw`, devices);
  const signed = await post(target, first, 'checkUsernamePassword', JSON.stringify({ username, password: `${username}-pw` }));
  ensure(signed.status === 200, ['API-GEN-STATE-BODY'], `the first factor for a user with ${start} devices answered ${signed.status}`, { code: 'UNEXPECTED_STATUS', actual: signed.body });
  return signed.body as unknown as FlowState;
}

export function post(target: ApiTarget, flow: FlowState, action: string, body: string, options: { contentType?: string; xsrf?: boolean } = {}): Promise<Answer> {
  return send(target.base, 'POST', `/pf-ws/authn/flows/${flow.id}`, body, {
    'content-type': options.contentType ?? actionMediaType(action),
    ...(options.xsrf === false ? {} : { 'x-xsrf-header': 'authconf' }),
  });
}

const view = async (target: ApiTarget, flow: FlowState): Promise<Answer> => send(target.base, 'GET', `/pf-ws/authn/flows/${flow.id}`, undefined, { 'x-xsrf-header': 'authconf' });

/** The flow as a GET shows it, for "unchanged" comparisons. */
const snapshot = async (target: ApiTarget, flow: FlowState): Promise<string> => JSON.stringify((await view(target, flow)).body);

function ensureRegisteredError(answer: Answer, what: string): void {
  ensure(answer.status >= 400 && answer.status < 500, [], `${what}: answered ${answer.status}, not a 4xx`, { code: 'UNEXPECTED_STATUS', expected: '4xx', actual: answer.status });
  const code = typeof answer.body.code === 'string' ? answer.body.code : '';
  ensure(isErrorCode(code) && typeof answer.body.message === 'string', [], `${what}: the error body ${JSON.stringify(answer.body).slice(0, 200)} lacks a registered code and a message`, { code: 'ERROR_BODY', actual: answer.body });
}

export interface ApiPropertyOptions {
  seed: number;
  runs: number;
}

const links = (flow: FlowState): string[] => Object.keys(flow._links).filter((k) => k !== 'self');

/** An action not in `_links` (any known action, or any other name) is refused with INVALID_ACTION_ID; the flow is unchanged. */
export const ensureUnlistedActionsAreRefusedInEveryStatus = defineCheck(
  'ensureUnlistedActionsAreRefusedInEveryStatus',
  ['API-GEN-LINKS-EXACT', 'API-GEN-INVALID-ACTION-ID', 'API-GEN-ERROR-KEEPS-STATE', 'API-GEN-ERROR-BODY'],
  async (target: ApiTarget, options: ApiPropertyOptions) => {
    const action = fc.oneof(fc.constantFrom(...flowActions), fc.stringMatching(/^[a-z][A-Za-z]{0,20}$/));
    await assertProperty(fc.asyncProperty(fc.constantFrom(...starts), action, async (start, name) => {
      const flow = await startFlow(target, start);
      fc.pre(!links(flow).includes(name));
      const before = await snapshot(target, flow);
      const answer = await post(target, flow, name, '{}');
      ensureRegisteredError(answer, `${name} in ${flow.status}`);
      ensure(answer.body.code === 'INVALID_ACTION_ID', [], `${name}, not in _links of ${flow.status}, was refused with ${String(answer.body.code)}`, { code: 'WRONG_ERROR', expected: 'INVALID_ACTION_ID', actual: answer.body.code });
      ensure((await snapshot(target, flow)) === before, [], `refusing ${name} changed the flow in ${flow.status}`, { code: 'STATE_CHANGED' });
    }), options);
  },
);

/** GET, any number of times, shows the same flow and never moves it. */
export const ensureGetNeverChangesTheFlow = defineCheck('ensureGetNeverChangesTheFlow', ['API-GEN-GET-IDEMPOTENT'], async (target: ApiTarget, options: ApiPropertyOptions) => {
  await assertProperty(fc.asyncProperty(fc.constantFrom(...starts), fc.integer({ min: 1, max: 4 }), async (start, times) => {
    const flow = await startFlow(target, start);
    const first = await snapshot(target, flow);
    for (let i = 0; i < times; i++) ensure((await snapshot(target, flow)) === first, [], `GET ${i + 2} of a flow in ${flow.status} differs from the first`, { code: 'STATE_CHANGED' });
  }), options);
});

/** The vendor media type names the action in any letter case (media types are case-insensitive, RFC 9110 §8.3.1). */
export const ensureActionMediaTypeIsCaseInsensitive = defineCheck('ensureActionMediaTypeIsCaseInsensitive', ['API-GEN-ACTION-MEDIA-TYPE'], async (target: ApiTarget, options: ApiPropertyOptions) => {
  const mediaType = actionMediaType('checkUsernamePassword');
  const flips = fc.array(fc.boolean(), { minLength: mediaType.length, maxLength: mediaType.length });
  await assertProperty(fc.asyncProperty(flips, async (upper) => {
    const contentType = [...mediaType].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
    const flow = await startFlow(target, 'USERNAME_PASSWORD_REQUIRED');
    const username = `case-user-${++users}`;
    await target.control.seedUser(username, 'pw', [{ kind: 'mobile' }]);
    const answer = await post(target, flow, 'checkUsernamePassword', JSON.stringify({ username, password: 'pw' }), { contentType });
    ensure(answer.status === 200 && answer.body.status === 'AUTHENTICATION_REQUIRED', [], `checkUsernamePassword named by '${contentType}' answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`, { code: 'MEDIA_TYPE_CASE', expected: 'AUTHENTICATION_REQUIRED', actual: answer.body.status ?? answer.body.code });
  }), options);
});

/** A POST without X-XSRF-Header is refused, whatever the action and body; the flow is unchanged. */
export const ensurePostWithoutXsrfHeaderIsRefused = defineCheck('ensurePostWithoutXsrfHeaderIsRefused', ['API-GEN-XSRF-HEADER', 'API-GEN-ERROR-BODY'], async (target: ApiTarget, options: ApiPropertyOptions) => {
  await assertProperty(fc.asyncProperty(fc.constantFrom(...starts), fc.option(fc.constantFrom(...flowActions)), async (start, named) => {
    const flow = await startFlow(target, start);
    const action = named ?? links(flow)[0] ?? 'cancelAuthentication';
    const before = await snapshot(target, flow);
    const answer = await post(target, flow, action, '{}', { xsrf: false });
    ensureRegisteredError(answer, `${action} without X-XSRF-Header in ${flow.status}`);
    ensure((await snapshot(target, flow)) === before, [], `${action} without X-XSRF-Header changed the flow in ${flow.status}`, { code: 'STATE_CHANGED' });
  }), options);
});

/** A field of the wrong JSON type gets a 4xx with a registered code and leaves the flow; unknown fields never give a 5xx. */
export const ensureMalformedBodiesGetAStable4xx = defineCheck('ensureMalformedBodiesGetAStable4xx', ['API-GEN-ERROR-BODY', 'API-GEN-ERROR-KEEPS-STATE'], async (target: ApiTarget, options: ApiPropertyOptions) => {
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));
  const wrongTypes = fc.record({ username: fc.oneof(notString, fc.constant('valid')), password: fc.oneof(notString, fc.constant('valid')) }).filter((b) => b.username !== 'valid' || b.password !== 'valid');
  const unknown = fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/).filter((k) => k !== 'username' && k !== 'password'), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 });
  await assertProperty(fc.asyncProperty(wrongTypes, unknown, fc.boolean(), async (fields, extra, topLevelArray) => {
    const flow = await startFlow(target, 'USERNAME_PASSWORD_REQUIRED');
    const username = `body-user-${++users}`;
    await target.control.seedUser(username, 'pw', [{ kind: 'mobile' }]);
    const before = await snapshot(target, flow);
    const body = { username: fields.username === 'valid' ? username : fields.username, password: fields.password === 'valid' ? 'pw' : fields.password };
    const wrong = await post(target, flow, 'checkUsernamePassword', JSON.stringify(topLevelArray ? [body] : body));
    ensureRegisteredError(wrong, `checkUsernamePassword with ${JSON.stringify(topLevelArray ? [body] : body)}`);
    ensure((await snapshot(target, flow)) === before, [], 'a refused malformed body changed the flow', { code: 'STATE_CHANGED' });
    const withUnknown = await post(target, flow, 'checkUsernamePassword', JSON.stringify({ ...extra, username, password: 'pw' }));
    ensure(withUnknown.status < 500, [], `unknown fields ${JSON.stringify(extra).slice(0, 120)} gave ${withUnknown.status}`, { code: 'SERVER_ERROR', actual: withUnknown.body });
    if (withUnknown.status >= 400) ensureRegisteredError(withUnknown, `unknown fields ${JSON.stringify(extra).slice(0, 120)}`);
  }), options);
});

export const apiValueChecks = [
  ensureUnlistedActionsAreRefusedInEveryStatus,
  ensureGetNeverChangesTheFlow,
  ensureActionMediaTypeIsCaseInsensitive,
  ensurePostWithoutXsrfHeaderIsRefused,
  ensureMalformedBodiesGetAStable4xx,
];
