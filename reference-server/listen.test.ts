import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock, seededRng } from '../models/runtime.ts';
import { listen, PortInUseError, type Listening } from './listen.ts';

let server: Listening;
beforeAll(async () => {
  server = await listen({ port: 0, clock: new ManualClock(), rng: seededRng(7), testControl: true });
});
afterAll(async () => server.close());

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('on a real port', () => {
  test('serves the sign-on page and names itself by its real URL', async () => {
    const res = await fetch(`${server.url}/portal/signon`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-testid="portal-signon"');
    const discovery = await (await fetch(`${server.url}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(server.url);
  });

  test('streams authentication requests as server-sent events', async () => {
    const seeded = await (await fetch(`${server.url}/test/v1/users`, json({ username: 'sse', password: 'pw', devices: [{ kind: 'mobile' }] }))).json();
    const token = seeded.devices[0].deviceToken as string;
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/device/v1/requests/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    // A sign-on at the portal sends a push to the device.
    await fetch(`${server.url}/portal/signon`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'authconf_csrf=t0123456789abcdef' }, body: 'username=sse&password=pw&csrf=t0123456789abcdef', redirect: 'manual' });
    let text = '';
    while (!text.includes('event: request')) text += new TextDecoder().decode((await reader.read()).value);
    const data = JSON.parse(/data: (.*)\n/.exec(text.slice(text.indexOf('event: request')))![1]!);
    expect(data).toMatchObject({ kind: 'authentication', organization: { id: 'org-authconf' } });
    controller.abort();
  });

  test('a port in use is reported as PORT_IN_USE', async () => {
    const port = Number(new URL(server.url).port);
    await expect(listen({ port })).rejects.toBeInstanceOf(PortInUseError);
  });
});
