/**
 * An Authentication API client as a vendor's integration would be: start a redirectless flow
 * (`response_mode=pi.flow`), POST actions to the `_links` href, GET the flow. Every exchange is
 * kept as evidence text.
 *
 * How an action is named (protocol facts §1): by the vendor media type
 * `application/vnd.pingidentity.<action>+json` (the default), or by `?action=<action>` with
 * `Content-Type: application/json` (variant `actionVia=query`). `X-XSRF-Header` goes with every
 * POST unless a check leaves it out on purpose.
 */
import { actionMediaType, AUTHORIZATION_PATH, type FlowState } from '../../../models/authn-api.ts';
import { targetFetch } from './transport.ts';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

export type ActionVia = 'content-type' | 'query';

export interface ActionRequest {
  via: ActionVia;
  /** false: the POST leaves `X-XSRF-Header` out (the refusal check). */
  xsrf: boolean;
}

const defaultActionRequest: ActionRequest = { via: 'content-type', xsrf: true };

export interface AuthnClientOptions {
  clientId: string;
  redirectUri: string;
}

export const defaultAuthnClient: AuthnClientOptions = { clientId: 'authconf-app', redirectUri: 'http://localhost/callback' };

export class AuthnClient {
  readonly exchanges: string[] = [];
  constructor(readonly base: string, readonly options: AuthnClientOptions = defaultAuthnClient) {}

  async #send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const response = await targetFetch(url, {
      method,
      headers: { accept: 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { unparsed: text.slice(0, 500) };
    }
    const shown = new URL(url);
    const note = method === 'POST' && headers['content-type'] ? ` [${headers['content-type']}${headers['x-xsrf-header'] ? ', X-XSRF-Header' : ', no X-XSRF-Header'}]` : '';
    this.exchanges.push(`${method} ${shown.pathname}${shown.search}${note}${body === undefined ? '' : ` ${JSON.stringify(body)}`} -> ${response.status} ${text.slice(0, 600)}`);
    return { status: response.status, body: parsed };
  }

  /** Starts a flow; `extra` adds authorization parameters (`state`, `nonce`, `code_challenge` with `code_challenge_method`). */
  start(extra: Record<string, string> = {}): Promise<ApiResponse> {
    const query = new URLSearchParams({ client_id: this.options.clientId, response_type: 'code', response_mode: 'pi.flow', redirect_uri: this.options.redirectUri, scope: 'openid', ...extra });
    return this.#send('GET', new URL(`${AUTHORIZATION_PATH}?${query.toString()}`, this.base).toString());
  }

  /** The URL and headers of an action POST: the `_links` href (else the flow's self link), named as `request` says. */
  actionRequest(flow: FlowState, action: string, request: ActionRequest = defaultActionRequest): { url: string; headers: Record<string, string> } {
    const url = new URL(flow._links[action]?.href ?? flow._links.self?.href ?? `${this.base}/pf-ws/authn/flows/${flow.id}`);
    if (request.via === 'query') url.searchParams.set('action', action);
    const headers: Record<string, string> = {
      'content-type': request.via === 'query' ? 'application/json' : actionMediaType(action),
      ...(request.xsrf ? { 'x-xsrf-header': 'authconf' } : {}),
    };
    return { url: url.toString(), headers };
  }

  /** POSTs `action` to the flow, named as `request` says (media type and X-XSRF-Header by default). */
  action(flow: FlowState, action: string, body: Record<string, unknown> = {}, request: ActionRequest = defaultActionRequest): Promise<ApiResponse> {
    const { url, headers } = this.actionRequest(flow, action, request);
    return this.#send('POST', url, body, headers);
  }

  get(flow: FlowState): Promise<ApiResponse> {
    return this.#send('GET', flow._links.self?.href ?? `${this.base}/pf-ws/authn/flows/${flow.id}`);
  }
}
