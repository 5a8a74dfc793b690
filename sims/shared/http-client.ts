/**
 * The one way the sims reach a server: an HTTP client they are given. Two implementations:
 * `fetchHttpClient` over a real socket (what an app does), and `injectHttpClient`, which routes
 * the same requests into a Fastify instance's `inject` (in-process tests: the protocol is the
 * same, only the socket is skipped). A client throws only when the server cannot be reached;
 * every HTTP status, 4xx and 5xx included, is a normal response.
 */

export interface HttpResponse {
  status: number;
  /** The parsed JSON body, or `undefined` when the body is empty or not JSON. */
  json: unknown;
  headers: Record<string, string>;
}

export interface HttpClient {
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
}

/** Thrown by a client when no HTTP response came back (refused, reset, DNS). */
export class NetworkError extends Error {
  override name = 'NetworkError';
  readonly code = 'NETWORK_ERROR';
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function requestHeaders(body: unknown, headers: Record<string, string> | undefined): Record<string, string> {
  return {
    accept: 'application/json',
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...headers,
  };
}

export function fetchHttpClient(fetchImpl: typeof fetch = globalThis.fetch): HttpClient {
  return {
    async request(method, url, body, headers) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers: requestHeaders(body, headers),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        throw new NetworkError(`cannot reach ${url}: ${(error as Error).message}`);
      }
      const text = await response.text();
      return { status: response.status, json: parseJson(text), headers: Object.fromEntries(response.headers) };
    },
  };
}

/** The part of a Fastify instance that `inject` needs (no Fastify import: any look-alike works). */
export interface Injectable {
  inject(options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }): Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>;
}

/**
 * Routes requests to `app.inject`. URLs may be absolute (their origin is dropped) or paths.
 */
export function injectHttpClient(app: Injectable): HttpClient {
  return {
    async request(method, url, body, headers) {
      const path = /^https?:\/\//.test(url) ? url.replace(/^https?:\/\/[^/]+/, '') : url;
      const response = await app.inject({
        method,
        url: path,
        headers: requestHeaders(body, headers),
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) flat[name] = String(value);
      return { status: response.statusCode, json: parseJson(response.body), headers: flat };
    },
  };
}
