import { describe, expect, it } from 'vitest';
import type { FlowState } from '../../../models/authn-api.ts';
import { AuthnClient } from './authn-client.ts';

const client = new AuthnClient('http://127.0.0.1:1');
const flow = {
  id: 'f1',
  status: 'USERNAME_PASSWORD_REQUIRED',
  _links: { self: { href: 'http://127.0.0.1:1/pf-ws/authn/flows/f1' }, checkUsernamePassword: { href: 'http://127.0.0.1:1/pf-ws/authn/flows/f1' } },
} as unknown as FlowState;

describe('action requests', () => {
  it('names the action by its vendor media type by default, with X-XSRF-Header', () => {
    const { url, headers } = client.actionRequest(flow, 'checkUsernamePassword', { via: 'content-type', xsrf: true });
    expect(url).toBe('http://127.0.0.1:1/pf-ws/authn/flows/f1');
    expect(headers).toMatchObject({ 'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json', 'x-xsrf-header': 'authconf' });
  });

  it('names the action by ?action= with application/json under actionVia=query (API-GEN-ACTION-QUERY)', () => {
    const { url, headers } = client.actionRequest(flow, 'checkUsernamePassword', { via: 'query', xsrf: true });
    expect(new URL(url).searchParams.get('action')).toBe('checkUsernamePassword');
    expect(headers['content-type']).toBe('application/json');
  });

  it('leaves X-XSRF-Header out only when asked (the refusal check)', () => {
    expect(client.actionRequest(flow, 'cancelAuthentication', { via: 'content-type', xsrf: false }).headers).not.toHaveProperty('x-xsrf-header');
  });
});
