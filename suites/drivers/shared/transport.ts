/**
 * How the harness's HTTP clients reach a server (issue 12 item 5): over a real socket (`fetch`,
 * the default: path mode, `--target URL`, the browser) or, for the embedded reference server in
 * property mode, in-process through Fastify's `inject` (light-my-request): the same routes,
 * hooks, parsers and error handler, only the socket and undici are skipped. A request costs
 * about a seventh of a loopback `fetch` (`npm run bench -- --transport`).
 *
 * While an embedded server is routed (`routeInProcess`), the harness's requests to its origin go
 * in-process: everything that sends through `targetFetch` (the Authentication API and portal
 * clients, test control, the checks and executors, jose's JWKS fetch) and the sims' HTTP client,
 * given `transportFor(base)`. Requests to any other origin go to the real `fetch`; the global
 * `fetch` is never replaced.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const MAX_REDIRECTS = 20;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Request headers as a plain object with lower-case names (a plain object's own names lower-cased without building a `Headers`). */
function headersOf(init: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  if (init === undefined || init === null) return headers;
  if (init instanceof Headers || Array.isArray(init)) {
    new Headers(init).forEach((value, name) => {
      headers[name] = value;
    });
    return headers;
  }
  for (const [name, value] of Object.entries(init)) {
    const lower = name.toLowerCase();
    headers[lower] = lower in headers ? `${headers[lower]}, ${String(value)}` : String(value);
  }
  return headers;
}

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

/**
 * What `fetch` answers, for an injected reply: status, headers, url and the body readers the
 * harness uses (text, json, arrayBuffer, bytes), read straight from the reply's bytes. A WHATWG
 * `Response` (a body stream per answer) cost about as much as the request itself; anything else
 * a caller asks for (`body`, `blob`, `formData`, `clone`) comes from a real `Response` built on
 * first use.
 */
type RawHeaders = Record<string, string | string[] | number | undefined>;

/** Fastify's reply headers as a WHATWG `Headers`. */
function headersFrom(raw: RawHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [String(value)]) headers.append(name, one);
  }
  return headers;
}

class InjectedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic' as const;
  readonly statusText = '';
  #used = false;
  #real: Response | undefined;
  readonly #payload: Buffer | null;
  #headers: Headers | RawHeaders;

  /** `payload` null: a status without a body (204, 304...). `headers`: built into a `Headers` on first use (most callers read only the body). */
  constructor(readonly status: number, headers: Headers | RawHeaders, readonly url: string, payload: Buffer | null) {
    this.ok = status >= 200 && status < 300;
    this.#payload = payload;
    this.#headers = headers;
  }

  get headers(): Headers {
    if (!(this.#headers instanceof Headers)) this.#headers = headersFrom(this.#headers);
    return this.#headers;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#real?.bodyUsed ?? false);
  }

  #take(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    if (this.#payload === null) return Buffer.alloc(0);
    this.#used = true;
    return this.#payload;
  }

  #response(): Response {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#real ??= new Response(this.#payload === null ? null : new Uint8Array(this.#payload), { status: this.status, headers: this.headers });
    return this.#real;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#payload === null ? null : this.#response().body;
  }

  async text(): Promise<string> {
    return this.#take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.#take().toString('utf8')) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(this.#take());
  }

  blob(): Promise<Blob> {
    return this.#response().blob();
  }

  formData(): Promise<FormData> {
    return this.#response().formData();
  }

  clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new InjectedResponse(this.status, new Headers(this.headers), this.url, this.#payload) as unknown as Response;
  }
}

/** The request a `fetch(input, init)` call makes: a `Request` input gives its method, headers and body unless `init` overrides them. */
async function requestOf(input: string | URL | Request, init: RequestInit): Promise<{ url: URL; init: RequestInit }> {
  if (!(input instanceof Request)) return { url: new URL(String(input)), init };
  const body = input.body === null ? undefined : new Uint8Array(await input.arrayBuffer());
  return {
    url: new URL(input.url),
    init: { method: input.method, headers: input.headers, redirect: input.redirect, ...(body === undefined ? {} : { body }), ...init },
  };
}

let injected = 0;

/** Requests this thread has sent in-process so far (`npm run bench -- --mode property` prints them per command). */
export function injectedRequests(): number {
  return injected;
}

/** A `fetch` that answers from `app.inject`; redirects are followed as `fetch` does unless `redirect: 'manual'`. */
export function injectFetch(app: FastifyInstance): FetchLike {
  const once = async (url: URL, init: RequestInit): Promise<Response> => {
    injected++;
    const headers = headersOf(init.headers);
    const payload = payloadOf(init.body, headers);
    const answer = await app.inject({
      method: (init.method ?? 'GET').toUpperCase() as InjectOptions['method'],
      url: `${url.pathname}${url.search}`,
      headers: { host: url.host, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    // light-my-request's socket finishes each answer on a setImmediate, which holds the request's
    // and the answer's objects until the event loop turns. A caller that only ever awaits answers
    // never lets it turn (an answer resolves on process.nextTick): thousands of requests stayed
    // alive, and the collector moved them all to the old generation. One turn per request frees them.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return new InjectedResponse(answer.statusCode, answer.headers, url.toString(), NULL_BODY_STATUSES.has(answer.statusCode) ? null : answer.rawPayload) as unknown as Response;
  };
  const origin = (url: URL): string => url.origin;
  return async (input, init = {}) => {
    const request = await requestOf(input, init);
    let url = request.url;
    const home = origin(url);
    let current = request.init;
    for (let hop = 0; ; hop++) {
      const response = await once(url, current);
      if ((current.redirect ?? 'follow') !== 'follow' || response.status < 300 || response.status >= 400) return response;
      const location = response.headers.get('location');
      if (!location) return response;
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

const originOf = (url: string | URL | Request): string | undefined => {
  try {
    return new URL(url instanceof Request ? url.url : url).origin;
  } catch {
    return undefined; // not an absolute URL: the real fetch says why
  }
};

/** Routes requests to `base`'s origin into `app` until the returned function is called. */
export function routeInProcess(base: string, app: FastifyInstance): () => void {
  const key = new URL(base).origin;
  const route = injectFetch(app);
  inProcess.set(key, route);
  return () => {
    if (inProcess.get(key) === route) inProcess.delete(key);
  };
}

/** The transport for a request to `url`: in-process for a routed embedded server, else `fetch` over the socket. */
export function transportFor(url: string | URL | Request): FetchLike {
  return inProcess.get(originOf(url) ?? '') ?? globalThis.fetch;
}

/** `fetch` for the checks and executors: a request to a routed embedded server goes in-process, any other over the socket. */
export const targetFetch: FetchLike = (input, init) => transportFor(input)(input, init);
