/**
 * The device API as an app calls it (`models/device-api.ts`, which the reference server
 * implements exactly), over the HTTP client the app was given. Every call returns a result,
 * never throws: a server error becomes its stable code, an unreachable server NETWORK_ERROR,
 * a response the app cannot read UNEXPECTED_RESPONSE. The apps show these on error screens.
 */
import {
  deviceRoutes,
  type ApiError,
  type ApproveRequest,
  type ClaimKeyResponse,
  type CompletePairingRequest,
  type CompletePairingResponse,
  type Credential,
  type CredsPairRequest,
  type CredsPairResponse,
  type ListRequestsResponse,
  type PresentationRequest,
  type PresentationResponse,
  type RequestOutcome,
} from '../../models/device-api.ts';
import { isErrorCode, type ErrorCode } from '../../models/error-codes.ts';
import { NetworkError, type HttpClient } from './http-client.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; status: number; message: string };

type RouteName = keyof typeof deviceRoutes;

/** Clients always send the header the Ping clients send (protocol facts §1); harmless elsewhere. */
const XSRF = { 'x-xsrf-header': 'authconf-sim' };

export class DeviceApiClient {
  constructor(
    private readonly http: HttpClient,
    /** The server's origin, e.g. `http://127.0.0.1:4100` (no trailing slash needed). */
    readonly baseUrl: string,
  ) {}

  async call<T>(
    route: RouteName,
    options: { params?: Record<string, string>; body?: unknown; token?: string; query?: string; readable?: (json: unknown) => boolean } = {},
  ): Promise<Result<T>> {
    const [method, template] = deviceRoutes[route].split(' ') as [string, string];
    const path = template.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? ''));
    const url = `${this.baseUrl.replace(/\/+$/, '')}${path}${options.query ? `?${options.query}` : ''}`;
    const headers: Record<string, string> = { ...XSRF, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
    let response;
    try {
      response = await this.http.request(method, url, options.body, headers);
    } catch (error) {
      const message = error instanceof NetworkError ? error.message : `request failed: ${(error as Error).message}`;
      return { ok: false, code: 'NETWORK_ERROR', status: 0, message };
    }
    if (response.status >= 200 && response.status < 300) {
      // A 2xx the app cannot read is an error screen too, never a crash further on.
      if (options.readable && !options.readable(response.json)) return { ok: false, code: 'UNEXPECTED_RESPONSE', status: response.status, message: `unreadable ${route} response` };
      return { ok: true, value: response.json as T };
    }
    const body = response.json as Partial<ApiError> | undefined;
    const code = typeof body?.code === 'string' && isErrorCode(body.code) ? body.code : 'UNEXPECTED_RESPONSE';
    return { ok: false, code, status: response.status, message: typeof body?.message === 'string' ? body.message : `HTTP ${response.status}` };
  }

  claimKey(key: string): Promise<Result<ClaimKeyResponse>> {
    return this.call('claimKey', { body: { key }, readable: (j) => has(j, 'claimToken', 'string') && has(j, 'requirements', 'object') && has(j, 'organization', 'object') });
  }
  completePairing(body: CompletePairingRequest): Promise<Result<CompletePairingResponse>> {
    return this.call('completePairing', {
      body,
      readable: (j) => has(j, 'deviceId', 'string') && has(j, 'deviceToken', 'string') && has(j, 'organization', 'object') && has((j as { otp?: unknown }).otp, 'secret', 'string'),
    });
  }
  listRequests(deviceToken: string): Promise<Result<ListRequestsResponse>> {
    return this.call('listRequests', { token: deviceToken, readable: (j) => Array.isArray((j as { requests?: unknown } | undefined)?.requests) });
  }
  approve(deviceToken: string, id: string, body: ApproveRequest): Promise<Result<RequestOutcome>> {
    return this.call('approveRequest', { token: deviceToken, params: { id }, body });
  }
  deny(deviceToken: string, id: string): Promise<Result<RequestOutcome>> {
    return this.call('denyRequest', { token: deviceToken, params: { id }, body: {} });
  }
  unpair(deviceToken: string): Promise<Result<unknown>> {
    return this.call('unpair', { token: deviceToken });
  }
  /** `walletToken`: a token of an earlier pairing of the same wallet (the server asks for it once the wallet id is taken). */
  credsPair(body: CredsPairRequest, walletToken?: string): Promise<Result<CredsPairResponse>> {
    return this.call('credsPair', { body, ...(walletToken ? { token: walletToken } : {}), readable: (j) => has(j, 'walletToken', 'string') && has(j, 'issuer', 'object') });
  }
  credsList(walletToken: string): Promise<Result<{ credentials: Credential[] }>> {
    return this.call('credsList', { token: walletToken, readable: (j) => Array.isArray((j as { credentials?: unknown } | undefined)?.credentials) });
  }
  presentationGet(walletToken: string, id: string): Promise<Result<PresentationRequest>> {
    return this.call('presentationGet', {
      token: walletToken,
      params: { id },
      readable: (j) => has(j, 'id', 'string') && Array.isArray((j as PresentationRequest).requiredFields) && Array.isArray((j as PresentationRequest).optionalFields),
    });
  }
  presentationRespond(walletToken: string, id: string, body: PresentationResponse): Promise<Result<unknown>> {
    return this.call('presentationRespond', { token: walletToken, params: { id }, body });
  }
}

function has(value: unknown, key: string, type: 'string' | 'object'): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const field = (value as Record<string, unknown>)[key];
  return type === 'object' ? typeof field === 'object' && field !== null : typeof field === type;
}
