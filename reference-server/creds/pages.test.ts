/**
 * The pages for people: the issuer's offer QR (a real PNG that jsQR reads back to a payload that
 * pairs), the link page, the verifier's page with its QR, fields and what it received, and the
 * form that makes a request. Also: the OpenAPI document lists the Creds routes, and without test
 * control the Creds test routes are off while the wallet routes and pages stay.
 */
import { describe, expect, test } from 'vitest';
import { deviceRoutes } from '../../models/device-api.ts';
import { bearer, post, testServer } from '../test-helpers.ts';
import { credsPageIds as T } from './pages.ts';
import { decodeQrDataUrl, employee, issue, pairBody, pairWallet, presentation, share } from './creds-test-kit.ts';

const imgSrc = (html: string, testId: string): string => {
  const tag = new RegExp(`<img[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';
  return /src="([^"]+)"/.exec(tag)?.[1] ?? '';
};
const texts = (html: string, testId: string): string[] => [...html.matchAll(new RegExp(`data-testid="${testId}"[^>]*>(.*?)</li>`, 'g'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

describe('Creds pages', () => {
  test('the issuer offer page shows a QR PNG that decodes to a pairing offer, and its link, both usable once', async () => {
    const { app } = testServer();
    const page = await app.inject({ url: '/creds/issuers/city-library/offer' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-testid="${T.offer}"`);
    expect(page.body).toContain('City Library');
    const text = decodeQrDataUrl(imgSrc(page.body, T.offerQr));
    expect(text).toMatch(/^authconf:\/\/creds\/pair\?v=1&offer=o\w+&server=http%3A%2F%2Fauthconf.test$/);
    const link = /data-testid="creds-offer-link" href="([^"]+)"/.exec(page.body)![1]!;
    const linkPage = await app.inject({ url: link.replace('http://authconf.test', '') });
    expect(linkPage.statusCode).toBe(200);
    expect(decodeQrDataUrl(imgSrc(linkPage.body, T.offerQr))).toBe(text);
    const paired = await post(app, '/device/v1/creds/pairings', pairBody(text!, 'wallet-a'));
    expect(paired.json().issuer).toEqual({ id: 'city-library', name: 'City Library' });
    const used = await app.inject({ url: link.replace('http://authconf.test', '') });
    expect([used.statusCode, /data-testid="creds-error-code">(\w+)</.exec(used.body)?.[1]]).toEqual([404, 'CREDS_OFFER_INVALID']);
  });

  test('the verify page shows the QR while waiting, the fields, then exactly what was received', async () => {
    const { app } = testServer();
    const token = await pairWallet(app, 'wallet-a');
    const card = await issue(app, 'wallet-a');
    const request = await presentation(app, ['name'], ['email', 'phone']);
    const waiting = await app.inject({ url: `/creds/verify/${request.id}` });
    expect(decodeQrDataUrl(imgSrc(waiting.body, T.verifyQr))).toBe(request.qr);
    expect(texts(waiting.body, T.requiredField)).toEqual(['name']);
    expect(texts(waiting.body, T.optionalField)).toEqual(['email', 'phone']);
    expect(waiting.body).toContain(`data-testid="${T.verifyStatus}">waiting<`);
    await share(app, token, request.id, card.id, { name: employee.name, phone: employee.phone });
    const done = await app.inject({ url: `/creds/verify/${request.id}` });
    expect(done.body).toContain(`data-testid="${T.verifyStatus}">verified<`);
    expect(imgSrc(done.body, T.verifyQr)).toBe('');
    expect(texts(done.body, T.receivedField)).toEqual([`name: ${employee.name}`, `phone: ${employee.phone}`]);
    expect(new RegExp(`data-testid="${T.receivedIssuer}">([^<]*)<`).exec(done.body)?.[1]).toBe('Acme Corp');
  });

  test('the index form makes a request and redirects to its page; bad forms and unknown ids are error pages with codes', async () => {
    const { app } = testServer();
    const index = await app.inject({ url: '/creds' });
    expect(index.body).toContain('/creds/issuers/acme/offer');
    const form = (fields: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/creds/verify', payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const made = await form({ verifierName: 'Bar', credentialType: 'LibraryCard', requiredFields: 'name, cardNumber', optionalFields: 'branch' });
    expect(made.statusCode).toBe(303);
    const shown = await app.inject({ url: made.headers.location as string });
    expect(texts(shown.body, T.requiredField)).toEqual(['name', 'cardNumber']);
    const code = (html: string) => /data-testid="creds-error-code">(\w+)</.exec(html)?.[1];
    const bad = await form({ verifierName: '', credentialType: 'LibraryCard', requiredFields: 'name' });
    expect([bad.statusCode, code(bad.body)]).toEqual([400, 'VALIDATION_ERROR']);
    const overlap = await form({ verifierName: 'Bar', credentialType: 'LibraryCard', requiredFields: 'name', optionalFields: 'name' });
    expect([overlap.statusCode, code(overlap.body)]).toEqual([400, 'VALIDATION_ERROR']);
    const unknownIssuer = await app.inject({ url: '/creds/issuers/nope/offer' });
    expect([unknownIssuer.statusCode, code(unknownIssuer.body)]).toEqual([404, 'CREDS_ISSUER_NOT_FOUND']);
    const unknownRequest = await app.inject({ url: '/creds/verify/pNope' });
    expect([unknownRequest.statusCode, code(unknownRequest.body)]).toEqual([404, 'PRESENTATION_NOT_FOUND']);
  });
});

describe('OpenAPI and test control off', () => {
  test('the device API document lists every Creds route of models/device-api.ts with the wallet token scheme', async () => {
    const { app } = testServer();
    const doc = (await app.inject({ url: '/device/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } }>();
    const creds = Object.values(deviceRoutes).filter((r) => r.includes('/creds'));
    expect(creds.length).toBeGreaterThanOrEqual(4);
    for (const route of creds) {
      const [method, path] = route.split(' ') as [string, string];
      expect(doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()], route).toBeDefined();
    }
    expect(doc.paths['/device/v1/pairing-keys/claim']).toBeDefined(); // the rest of the document is intact
    expect(doc.components.securitySchemes).toHaveProperty('walletToken');
    expect(doc.components.securitySchemes).toHaveProperty('deviceToken');
  });

  test('without test control the Creds test routes answer TEST_CONTROL_DISABLED; pages and wallet routes still work', async () => {
    const { app } = testServer({ testControl: false });
    for (const url of ['/test/v1/creds/offers', '/test/v1/creds/issue', '/test/v1/creds/presentations']) {
      const res = await post(app, url, {});
      expect([res.statusCode, res.json().code], url).toEqual([404, 'TEST_CONTROL_DISABLED']);
    }
    expect((await app.inject({ url: '/test/v1/creds/verifier/x' })).json().code).toBe('TEST_CONTROL_DISABLED');
    const page = await app.inject({ url: '/creds/issuers/acme/offer' });
    const offer = decodeQrDataUrl(imgSrc(page.body, T.offerQr))!;
    const paired = await post(app, '/device/v1/creds/pairings', pairBody(offer, 'wallet-a'));
    expect(paired.statusCode).toBe(201);
    expect((await app.inject({ url: '/device/v1/creds', headers: bearer(paired.json().walletToken) })).json()).toEqual({ credentials: [] });
  });
});
