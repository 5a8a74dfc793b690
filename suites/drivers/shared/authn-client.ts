/**
 * An Authentication API client as a vendor's integration would be: start a redirectless flow
 * (`response_mode=pi.flow`), POST actions to the `_links` href with the action media type and
 * `X-XSRF-Header`, GET the flow. Every exchange is kept as evidence text.
 */
import { actionMediaType, AUTHORIZATION_PATH, type FlowState } from '../../../models/authn-api.ts';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface AuthnClientOptions {
  clientId: string;
  redirectUri: string;
}

export const defaultAuthnClient: AuthnClientOptions = { clientId: 'authconf-app', redirectUri: 'http://localhost/callback' };

export class AuthnClient {
  readonly exchanges: string[] = [];
  constructor(readonly base: string, readonly options: AuthnClientOptions = defaultAuthnClient) {}

  async #send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const response = await fetch(url, {
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
    this.exchanges.push(`${method} ${new URL(url).pathname}${body === undefined ? '' : ` ${JSON.stringify(body)}`} -> ${response.status} ${text.slice(0, 600)}`);
    return { status: response.status, body: parsed };
  }

  start(): Promise<ApiResponse> {
    const query = new URLSearchParams({ client_id: this.options.clientId, response_type: 'code', response_mode: 'pi.flow', redirect_uri: this.options.redirectUri, scope: 'openid' });
    return this.#send('GET', new URL(`${AUTHORIZATION_PATH}?${query.toString()}`, this.base).toString());
  }

  /** POSTs `action` to the flow; the href comes from `_links` when listed, else the flow's self link. */
  action(flow: FlowState, action: string, body: Record<string, unknown> = {}): Promise<ApiResponse> {
    const href = flow._links[action]?.href ?? flow._links.self?.href ?? `${this.base}/pf-ws/authn/flows/${flow.id}`;
    return this.#send('POST', href, body, { 'content-type': actionMediaType(action), 'x-xsrf-header': 'authconf' });
  }

  get(flow: FlowState): Promise<ApiResponse> {
    return this.#send('GET', flow._links.self?.href ?? `${this.base}/pf-ws/authn/flows/${flow.id}`);
  }
}
