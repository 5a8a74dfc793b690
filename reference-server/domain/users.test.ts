import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../config.ts';
import { MemoryStore } from '../store/memory.ts';
import { testServer } from '../test-helpers.ts';
import type { UserRecord } from '../store/records.ts';

const authorize = '/as/authorization.oauth2?client_id=authconf-app&response_type=code&response_mode=pi.flow&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&scope=openid';

/** Signs `username` on through the Authentication API; the status the flow answers. */
async function signOn(app: ReturnType<typeof testServer>['app'], username: string, password: string): Promise<string> {
  const started = (await app.inject({ method: 'GET', url: authorize, headers: { accept: 'application/json' } })).json<{ id: string }>();
  const answer = await app.inject({
    method: 'POST',
    url: `/pf-ws/authn/flows/${started.id}`,
    headers: { 'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json', 'x-xsrf-header': 't' },
    payload: JSON.stringify({ username, password }),
  });
  const body = answer.json<{ status?: string; code?: string }>();
  return body.status ?? String(body.code);
}

describe('passwordHashCost (scrypt N of new users)', () => {
  it('defaults to 1024 and refuses anything but a power of two from 2 to 1024', () => {
    expect(resolveConfig().passwordHashCost).toBe(1024);
    expect(resolveConfig({ passwordHashCost: 2 }).passwordHashCost).toBe(2);
    for (const bad of [0, 1, 3, 1000, 2048, 1.5]) expect(() => resolveConfig({ passwordHashCost: bad })).toThrow(ConfigError);
  });

  it('stores the default cost as bare hex and another cost with its N; both sign on, a wrong password does not', async () => {
    const store = new MemoryStore();
    const cheap = testServer({ store, passwordHashCost: 2 });
    await cheap.app.inject({ method: 'POST', url: '/test/v1/users', payload: { username: 'cheap', password: 'pw-cheap' } });
    const users = store.list('users') as UserRecord[];
    expect(users.find((u) => u.username === 'cheap')!.passwordHash).toMatch(/^n2\$[0-9a-f]{64}$/);
    // The demo users were made at the server's cost too; alice's hash says so.
    expect(users.find((u) => u.username === 'alice')!.passwordHash).toMatch(/^n2\$/);
    expect(await signOn(cheap.app, 'cheap', 'pw-cheap')).toBe('AUTHENTICATION_REQUIRED');
    expect(await signOn(cheap.app, 'cheap', 'pw-wrong')).toBe('VALIDATION_ERROR');
    await cheap.app.close();

    // The same store behind a server at the default cost: a hash keeps the cost it was made with.
    const strong = testServer({ store });
    await strong.app.inject({ method: 'POST', url: '/test/v1/users', payload: { username: 'strong', password: 'pw-strong' } });
    expect((store.list('users') as UserRecord[]).find((u) => u.username === 'strong')!.passwordHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await signOn(strong.app, 'cheap', 'pw-cheap')).toBe('AUTHENTICATION_REQUIRED');
    expect(await signOn(strong.app, 'strong', 'pw-strong')).toBe('AUTHENTICATION_REQUIRED');
    expect(await signOn(strong.app, 'strong', 'pw-cheap')).toBe('VALIDATION_ERROR');
    await strong.app.close();
  });
});
