/** Test helpers for the Authentication API: start a flow, post actions, check `_links` against what is accepted. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { FlowAction, FlowState } from '../../models/authn-api.ts';
import { actionMediaType, flowActions } from '../../models/authn-api.ts';
import { encodeMobilePayload } from '../../models/device-api.ts';

export const XSRF = { 'x-xsrf-header': 'PingFederate' };

export async function startFlow(app: FastifyInstance, extra = ''): Promise<FlowState> {
  const res = await app.inject({ url: `/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&response_type=code&scope=openid${extra}` });
  expect(res.statusCode).toBe(200);
  return res.json<FlowState>();
}

export async function act(app: FastifyInstance, flowId: string, action: string, body: unknown = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/pf-ws/authn/flows/${flowId}`,
    payload: JSON.stringify(body),
    headers: { 'content-type': actionMediaType(action), ...XSRF },
  });
}

/** Posts an action that must succeed; returns the next state. */
export async function step(app: FastifyInstance, flowId: string, action: FlowAction, body: unknown = {}): Promise<FlowState> {
  const res = await act(app, flowId, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json<FlowState>();
}

export async function getFlow(app: FastifyInstance, flowId: string): Promise<LightMyRequestResponse> {
  return app.inject({ url: `/pf-ws/authn/flows/${flowId}`, headers: XSRF });
}

export function linksOf(state: FlowState): string[] {
  return Object.keys(state._links).filter((k) => k !== 'self').sort();
}

/**
 * API-GEN-LINKS-EXACT, the negative half: every action NOT in `_links` is refused with
 * INVALID_ACTION_ID and leaves the flow as it was.
 */
export async function expectUnlistedActionsRefused(app: FastifyInstance, state: FlowState): Promise<void> {
  const listed = new Set(linksOf(state));
  for (const action of flowActions.filter((a) => !listed.has(a))) {
    const res = await act(app, state.id, action, {});
    expect(res.statusCode, `${action} in ${state.status}`).toBe(400);
    expect(res.json().code).toBe('INVALID_ACTION_ID');
  }
  const after = (await getFlow(app, state.id)).json<FlowState>();
  expect(after.status).toBe(state.status);
}

export function mobilePayload(installationId = 'inst-1', name = 'Pixel 8'): string {
  return encodeMobilePayload({ v: 1, installationId, platform: 'android', name });
}

export async function signedIn(app: FastifyInstance, username: string, password: string): Promise<FlowState> {
  const start = await startFlow(app);
  return step(app, start.id, 'checkUsernamePassword', { username, password });
}
