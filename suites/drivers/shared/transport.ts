/**
 * How the harness's HTTP clients reach a server (issue 12 item 5): over a real socket (`fetch`,
 * the default: path mode, `--target URL`, the browser) or, for the embedded reference server in
 * property mode, in-process through Fastify's `inject` (light-my-request): the same routes,
 * hooks, parsers and error handler, only the socket and undici are skipped. A request costs
 * about a seventh of a loopback `fetch` (`npm run bench -- --transport`).
 *
 * The clients ask `transportFor(url)` for each request; the embedded server routes its own
 * origin in-process with `routeInProcess` while it runs. Nothing global is patched: a client that
 * does not ask (a raw `fetch` in a check) still goes over the socket, to the same server.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const MAX_REDIRECTS = 20;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function payloadOf(body: RequestInit['body'], headers: Record<string, string>): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return body.toString();
  }
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(new Uint8Array(body));
  throw new TypeError(`in-process transport: a ${Object.prototype.toString.call(body)} body is not supported (send a string, URLSearchParams or bytes)`);
}

/** A `fetch` that answers from `app.inject`; redirects are followed as `fetch` does unless `redirect: 'manual'`. */
export function injectFetch(app: FastifyInstance): FetchLike {
  const once = async (url: URL, init: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const payload = payloadOf(init.body, headers);
    const answer = await app.inject({
      method: (init.method ?? 'GET').toUpperCase() as InjectOptions['method'],
      url: `${url.pathname}${url.search}`,
      headers: { host: url.host, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    const out = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [String(value)]) out.append(name, one);
    }
    const response = new Response(NULL_BODY_STATUSES.has(answer.statusCode) ? null : new Uint8Array(answer.rawPayload), { status: answer.statusCode, headers: out });
    Object.defineProperty(response, 'url', { value: url.toString() });
    return response;
  };
  const origin = (url: URL): string => url.origin;
  return async (input, init = {}) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    const home = origin(url);
    let current = init;
    for (let hop = 0; ; hop++) {
      const response = await once(url, current);
      const location = response.headers.get('location');
      if ((current.redirect ?? 'follow') !== 'follow' || response.status < 300 || response.status >= 400 || !location) return response;
      if (hop >= MAX_REDIRECTS) throw new TypeError(`in-process transport: more than ${MAX_REDIRECTS} redirects from ${String(input)}`);
      url = new URL(location, url);
      // 307/308 repeat the request; the others turn it into a GET without a body (as fetch does).
      if (response.status !== 307 && response.status !== 308) {
        const headers = new Headers(current.headers);
        headers.delete('content-type');
        current = { ...current, method: 'GET', body: null, headers };
      }
      if (origin(url) !== home) return transportFor(url)(url, current);
    }
  };
}

const inProcess = new Map<string, FetchLike>();

/** Routes requests to `base`'s origin into `app` until the returned function is called. */
export function routeInProcess(base: string, app: FastifyInstance): () => void {
  const key = new URL(base).origin;
  inProcess.set(key, injectFetch(app));
  return () => {
    inProcess.delete(key);
  };
}

/** The transport for a request to `url`: in-process for a routed embedded server, else `fetch` over the socket. */
export function transportFor(url: string | URL | Request): FetchLike {
  return inProcess.get(new URL(url instanceof Request ? url.url : url).origin) ?? globalThis.fetch;
}
