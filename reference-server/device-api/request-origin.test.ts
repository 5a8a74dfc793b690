/**
 * Issue 10 (additive to the device API): a request the portal sends carries the browser and the
 * address of the sign-on, beside its time, so the phone can tell an old request from a new one.
 */
import { describe, expect, it } from 'vitest';
import type { ListRequestsResponse } from '../../models/device-api.ts';
import { bearer, mobilePairing, pairMobile, portalBrowser, post, testServer } from '../test-helpers.ts';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

describe('a portal sign-on request carries its time, browser and address', () => {
  it('lists browser "Chrome on Linux", the sign-on address and createdAt; a non-browser client gets no browser', async () => {
    const { app, clock } = testServer();
    const { deviceToken, authenticationRequestId } = await pairMobile(app, 'alice');
    const list = async (): Promise<ListRequestsResponse> => (await app.inject({ url: '/device/v1/requests', headers: bearer(deviceToken) })).json<ListRequestsResponse>();
    // The request made at pairing has no browser behind it.
    const atPairing = (await list()).requests.find((r) => r.id === authenticationRequestId)!;
    expect(atPairing.browser).toBeUndefined();
    await app.inject({ method: 'POST', url: `/device/v1/requests/${authenticationRequestId}/approve`, headers: bearer(deviceToken), payload: { method: 'tap', pinVerified: true, biometricVerified: false } });
    clock.advance(5_000);
    // A browser's sign-on: the sign-on page first (its CSRF cookie), then the form POST.
    const page = await app.inject({ url: '/portal/signon', remoteAddress: '203.0.113.7', headers: { 'user-agent': chrome } });
    const csrf = (page.cookies as { name: string; value: string }[]).find((c) => c.name === 'authconf_csrf')!.value;
    const signOn = await app.inject({
      method: 'POST',
      url: '/portal/signon',
      remoteAddress: '203.0.113.7',
      headers: { 'user-agent': chrome, 'content-type': 'application/x-www-form-urlencoded', cookie: `authconf_csrf=${csrf}` },
      payload: `username=alice&password=alice-password&csrf=${encodeURIComponent(csrf)}`,
    });
    expect(signOn.headers.location).toBe('/portal/push');
    const [request] = (await list()).requests;
    expect(request).toMatchObject({ kind: 'authentication', browser: 'Chrome on Linux', ipAddress: '203.0.113.7', createdAt: new Date(clock.now()).toISOString() });
  });

  it('the request that completes pairing comes from the browser that pressed Start', async () => {
    const { app } = testServer();
    const browser = portalBrowser(app);
    const chromeHeaders = { 'user-agent': chrome };
    expect((await browser.post('/portal/signon', { username: 'alice', password: 'alice-password' }, chromeHeaders)).headers.location).toBe('/portal/registration');
    await browser.post('/portal/registration/start', {}, chromeHeaders);
    const addDevice = await browser.get('/portal/add-device');
    const key = addDevice.body.match(/data-testid="add-device-pairing-key"[^>]*>([^<]+)</)?.[1]?.replace(/\s+/g, '');
    expect(key, addDevice.body.slice(0, 300)).toMatch(/^[0-9A-Z]+$/);
    const claim = (await post(app, '/device/v1/pairing-keys/claim', { key })).json<{ claimToken: string }>();
    const paired = (await post(app, '/device/v1/pairings', mobilePairing(claim.claimToken))).json<{ deviceToken: string; authenticationRequestId: string }>();
    const listed = (await app.inject({ url: '/device/v1/requests', headers: bearer(paired.deviceToken) })).json<ListRequestsResponse>();
    expect(listed.requests.find((r) => r.id === paired.authenticationRequestId)).toMatchObject({ browser: 'Chrome on Linux', ipAddress: '127.0.0.1' });
  });

  it('the OpenAPI document describes the two new optional fields', async () => {
    const { app } = testServer();
    const text = (await app.inject({ url: '/device/v1/openapi.json' })).body;
    expect(text).toContain('"browser"');
    expect(text).toContain('"ipAddress"');
  });
});
