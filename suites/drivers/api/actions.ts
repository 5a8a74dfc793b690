/**
 * How a client names an Authentication API action (protocol facts §1): by the vendor media type
 * `application/vnd.pingidentity.<action>+json` (the default), or by `?action=<action>` with
 * `Content-Type: application/json` (variant `actionVia=query`). `X-XSRF-Header` goes with every
 * POST unless a check leaves it out on purpose. The exchange is kept in the client's evidence.
 */
import { actionMediaType, type FlowState } from '../../../models/authn-api.ts';
import type { AuthnClient, ApiResponse } from '../shared/authn-client.ts';

export type ActionVia = 'content-type' | 'query';

export interface ActionRequest {
  via: ActionVia;
  /** false: the POST leaves `X-XSRF-Header` out (the refusal check). */
  xsrf: boolean;
}

export function actionHref(client: AuthnClient, flow: FlowState, action: string): string {
  return flow._links[action]?.href ?? flow._links.self?.href ?? `${client.base}/pf-ws/authn/flows/${flow.id}`;
}

/** The URL and headers of an action POST, per how the action is named and whether the XSRF header goes. */
export function actionRequest(client: AuthnClient, flow: FlowState, action: string, request: ActionRequest): { url: string; headers: Record<string, string> } {
  const url = new URL(actionHref(client, flow, action));
  if (request.via === 'query') url.searchParams.set('action', action);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': request.via === 'query' ? 'application/json' : actionMediaType(action),
    ...(request.xsrf ? { 'x-xsrf-header': 'authconf' } : {}),
  };
  return { url: url.toString(), headers };
}

/** POSTs `action` as `request` says; the exchange joins `client.exchanges`. */
export async function postAction(client: AuthnClient, flow: FlowState, action: string, body: Record<string, unknown>, request: ActionRequest): Promise<ApiResponse> {
  const { url, headers } = actionRequest(client, flow, action, request);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { unparsed: text.slice(0, 500) };
  }
  const shown = new URL(url);
  const headerNote = `[${headers['content-type']}${request.xsrf ? ', X-XSRF-Header' : ', no X-XSRF-Header'}]`;
  client.exchanges.push(`POST ${shown.pathname}${shown.search} ${headerNote} ${JSON.stringify(body)} -> ${response.status} ${text.slice(0, 600)}`);
  return { status: response.status, body: parsed };
}
