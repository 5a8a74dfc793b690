import { describe, expect, test } from 'vitest';
import { testServer } from '../test-helpers.ts';

describe('the one error handler', () => {
  test('an unknown route: 404 NOT_FOUND as JSON, or as the failure page for a browser under /portal', async () => {
    const { app } = testServer();
    const api = await app.inject({ url: '/device/v1/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ code: 'NOT_FOUND', message: 'No route GET /device/v1/nothing.' });
    const page = await app.inject({ url: '/portal/nothing', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('data-testid="failure-reason">NOT_FOUND<');
  });

  test('a known route with another method: 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const { app } = testServer();
    const res = await app.inject({ method: 'GET', url: '/device/v1/pairings' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.json().code).toBe('METHOD_NOT_ALLOWED');
    const flow = await app.inject({ method: 'DELETE', url: '/pf-ws/authn/flows/abc' });
    expect(flow.statusCode).toBe(405);
    expect(String(flow.headers.allow).split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
  });

  test('an empty JSON body reads as {} (model-less actions), validated like any other', async () => {
    const { app } = testServer();
    const res = await app.inject({ method: 'POST', url: '/device/v1/pairing-keys/claim', payload: '', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ code: 'INVALID_VALUE', target: 'body.key', message: 'body.key is required' }] });
  });
});
