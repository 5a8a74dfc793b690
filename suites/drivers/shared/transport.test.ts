import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { injectedRequests, injectFetch, routeInProcess, targetFetch, transportFor } from './transport.ts';

function app(): FastifyInstance {
  const server = Fastify();
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  server.get('/json', async (request, reply) => reply.header('set-cookie', ['a=1; Path=/', 'b=2; Path=/']).send({ host: request.headers.host, accept: request.headers.accept }));
  server.post('/echo', async (request) => ({ type: request.headers['content-type'], body: request.body }));
  server.post('/form', async (_request, reply) => reply.redirect('/json', 303));
  server.get('/empty', async (_request, reply) => reply.code(204).send());
  return server;
}

describe('injectFetch (the in-process transport of property mode)', () => {
  let server: FastifyInstance | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('answers as fetch does: status, JSON body, every Set-Cookie, the Host of the URL', async () => {
    server = app();
    const response = await injectFetch(server)('http://127.0.0.1:4321/json', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.url).toBe('http://127.0.0.1:4321/json');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await response.json()).toEqual({ host: '127.0.0.1:4321', accept: 'application/json' });
  });

  it('sends string and form bodies with their content type; 204 has no body', async () => {
    server = app();
    const send = injectFetch(server);
    const json = await send('http://x.test/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 1 }) });
    expect(await json.json()).toEqual({ type: 'application/json', body: { a: 1 } });
    const form = await send('http://x.test/echo', { method: 'POST', body: new URLSearchParams({ otp: '123456' }) });
    expect(await form.json()).toEqual({ type: 'application/x-www-form-urlencoded;charset=UTF-8', body: { otp: '123456' } });
    const empty = await send('http://x.test/empty');
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('lets the event loop turn once per answer (light-my-request frees each request on a setImmediate) and counts the requests', async () => {
    server = app();
    const send = injectFetch(server);
    const before = injectedRequests();
    for (let i = 0; i < 3; i++) {
      let turned = false;
      setImmediate(() => (turned = true));
      expect((await send('http://x.test/json')).status).toBe(200);
      // Without the turn an answer resolves on process.nextTick, before any setImmediate queued after the request.
      expect(turned).toBe(true);
    }
    expect(injectedRequests() - before).toBe(3);
  });

  it("follows a 303 as a GET unless redirect is 'manual'", async () => {
    server = app();
    const send = injectFetch(server);
    const manual = await send('http://x.test/form', { method: 'POST', redirect: 'manual', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(manual.status).toBe(303);
    expect(manual.headers.get('location')).toBe('/json');
    const followed = await send('http://x.test/form', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(followed.status).toBe(200);
    expect(followed.url).toBe('http://x.test/json');
  });

  it('routes an origin in-process only while registered; anything else goes to fetch', async () => {
    server = app();
    const unroute = routeInProcess('http://127.0.0.1:4321', server);
    expect(transportFor('http://127.0.0.1:4321/json')).not.toBe(globalThis.fetch);
    expect(transportFor('http://127.0.0.1:4322/json')).toBe(globalThis.fetch);
    expect((await transportFor('http://127.0.0.1:4321/json')('http://127.0.0.1:4321/json')).status).toBe(200);
    unroute();
    expect(transportFor('http://127.0.0.1:4321/json')).toBe(globalThis.fetch);
  });

  it('targetFetch sends to a routed origin in-process, any other origin to fetch; the global fetch is never replaced', async () => {
    server = app();
    const before = globalThis.fetch;
    const unroute = routeInProcess('http://127.0.0.1:4321', server);
    expect(globalThis.fetch).toBe(before);
    // Nothing listens on 4321: only the in-process route can answer.
    const answer = await targetFetch('http://127.0.0.1:4321/json', { headers: { accept: 'application/json' } });
    expect(await answer.json()).toEqual({ host: '127.0.0.1:4321', accept: 'application/json' });
    const asRequest = await targetFetch(new Request('http://127.0.0.1:4321/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"b":2}' }));
    expect(await asRequest.json()).toEqual({ type: 'application/json', body: { b: 2 } });
    unroute();
    await expect(targetFetch('http://127.0.0.1:4321/json')).rejects.toThrow();
    expect(globalThis.fetch).toBe(before);
  });

  it('reads a body once, as fetch does; body, clone and blob still work', async () => {
    server = app();
    const send = injectFetch(server);
    const once = await send('http://x.test/json');
    expect(once.ok).toBe(true);
    expect(once.bodyUsed).toBe(false);
    const copy = once.clone();
    await once.text();
    expect(once.bodyUsed).toBe(true);
    await expect(once.json()).rejects.toThrow(TypeError);
    expect(JSON.parse(await copy.text())).toEqual({ host: 'x.test' });
    const streamed = await send('http://x.test/json');
    const reader = streamed.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual({ host: 'x.test' });
    expect(await (await (await send('http://x.test/json')).blob()).text()).toBe('{"host":"x.test"}');
    expect((await send('http://x.test/empty')).body).toBeNull();
  });
});
