/**
 * The hostile-input suite (issue 9, item 6): every route the Fastify instance registers (listed by
 * an onRoute hook, so a new route is covered without editing this file) gets malformed, oversized,
 * deeply nested and prototype-polluting bodies, wrong and mixed-case media types, and foreign,
 * overlong and undecodable ids in each path parameter; replayed and parallel actions have one
 * winner; test control answers nothing when off. Invariants: never a 5xx, a registry code on every
 * 4xx, and a refusal leaves the store as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { isErrorCode } from '../models/error-codes.ts';
import type { Collection } from './store/records.ts';
import { MemoryStore } from './store/memory.ts';
import { bearer, pairMobile, portalBrowser, post, testServer } from './test-helpers.ts';
import { act, mobilePayload, signedIn, startFlow, step, XSRF } from './authn/authn-test-kit.ts';

interface Route {
  method: string;
  url: string;
}

/** Every collection a server keeps, the Creds plugin's included (keyGuesses: counting wrong keys is the rule). */
const collections = ['users', 'devices', 'pairingKeys', 'tokens', 'pushes', 'flows', 'sessions', 'authCodes', 'credsOffers', 'walletPairings', 'walletTokens', 'credentials', 'credsNotifications', 'presentations'] as const satisfies readonly Collection[];

function snapshot(store: MemoryStore): string {
  return JSON.stringify(collections.map((c) => store.list(c)));
}

/** The code of a 4xx: the JSON body's, or the failure page's `failure-reason` for a browser route. */
function codeOf(res: LightMyRequestResponse): string | undefined {
  if (String(res.headers['content-type'] ?? '').includes('json')) {
    try {
      return (res.json() as { code?: string }).code;
    } catch {
      return undefined;
    }
  }
  return /data-testid="(?:failure-reason|signon-error|auth-otp-error|creds-error-code)"[^>]*>(?:[^<]*<code>)?([A-Z_]+)</.exec(res.body)?.[1];
}

function expectHandled(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
  if (res.statusCode >= 400) expect(isErrorCode(codeOf(res) ?? ''), `${what} -> ${res.statusCode} without a registry code: ${res.body.slice(0, 200)}`).toBe(true);
}

let app: FastifyInstance;
let store: MemoryStore;
const routes: Route[] = [];
/** DELETE last: unpairing alice's device would turn every later request into a 401 before it reads the input. */
const inOrder = (list: Route[]): Route[] => [...list].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
let aliceToken = '';
/** Ids of resources that belong to bob (foreign to alice, whose token every request carries). */
const foreign: string[] = [];

beforeAll(async () => {
  store = new MemoryStore();
  ({ app } = testServer({ store }));
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  await app.ready();
  aliceToken = (await pairMobile(app, 'alice')).deviceToken;
  const bob = await pairMobile(app, 'bob');
  const flow = await startFlow(app);
  foreign.push(bob.deviceId, bob.authenticationRequestId!, flow.id, 'bob');
});
afterAll(async () => app.close());

const ids = (): string[] => [...foreign, 'nope', 'x'.repeat(300), '%E0%A4%A', '__proto__', 'constructor', '..%2F..%2Fetc', '%00'];
const withId = (url: string, id: string): string => url.replace(/:[A-Za-z]+/g, id).replace(/\*/g, id);

const hostileBodies: { name: string; payload: string; type: string }[] = [
  { name: 'malformed JSON', payload: '{"key":', type: 'application/json' },
  { name: 'oversized', payload: JSON.stringify({ key: 'x'.repeat(70 * 1024) }), type: 'application/json' },
  { name: 'deep JSON', payload: `${'['.repeat(30_000)}${']'.repeat(30_000)}`, type: 'application/json' },
  { name: 'deep object', payload: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, type: 'application/json' },
  {
    name: 'prototype keys',
    payload: '{"__proto__":{"polluted":true,"status":"COMPLETED"},"constructor":{"prototype":{"polluted":true}},"key":{"__proto__":{"polluted":true}},"deviceRef":{"__proto__":{"id":"x"}}}',
    type: 'application/json',
  },
  { name: 'wrong media type', payload: '<key>1</key>', type: 'application/xml' },
  { name: 'plain text', payload: 'key=1', type: 'text/plain' },
  { name: 'mixed-case JSON media type', payload: '{"key":7,"otp":[],"username":{}}', type: 'Application/JSON; Charset=UTF-8' },
  { name: 'mixed-case vendor media type', payload: '{"otp":{"$ne":1}}', type: 'APPLICATION/VND.PINGIDENTITY.CHECKOTP+JSON' },
  { name: 'form with arrays', payload: 'username=a&username=b&csrf=&otp[]=1', type: 'application/x-www-form-urlencoded' },
  { name: 'binary', payload: '\u0000\u00ff\u0001garbage', type: 'application/octet-stream' },
];

describe('hostile input on every route', () => {
  test('the route list comes from the instance and covers every part of the server', () => {
    const urls = routes.map((r) => r.url);
    for (const prefix of ['/device/v1/', '/pf-ws/authn/flows/', '/as/', '/portal/', '/test/v1/', '/creds/', '/.well-known/', '/idp/']) {
      expect(urls.some((u) => u.startsWith(prefix)), prefix).toBe(true);
    }
    expect(routes.length).toBeGreaterThan(50);
  });

  test('hostile bodies: never a 5xx, a registry code on every 4xx, nothing stored on a refusal, no prototype polluted', async () => {
    for (const route of inOrder(routes.filter((r) => r.method !== 'GET'))) {
      for (const body of hostileBodies) {
        for (const id of ['nope', foreign[2]!]) {
          const before = snapshot(store);
          const res = await app.inject({ method: route.method as 'POST', url: withId(route.url, id), payload: body.payload, headers: { 'content-type': body.type, ...XSRF, ...bearer(aliceToken) } });
          expectHandled(res, `${route.method} ${route.url} ${body.name}`);
          if (res.statusCode >= 400) expect(snapshot(store), `${route.method} ${route.url} ${body.name} refused but changed the store`).toBe(before);
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  test('foreign, overlong, undecodable and prototype-named ids in every path parameter', async () => {
    for (const route of inOrder(routes.filter((r) => r.url.includes(':') || r.url.includes('*')))) {
      for (const id of ids()) {
        const before = snapshot(store);
        const res = await app.inject({ method: route.method as 'GET', url: withId(route.url, id), ...(route.method === 'GET' ? {} : { payload: '{}' }), headers: { 'content-type': 'application/json', ...XSRF, ...bearer(aliceToken) } });
        expectHandled(res, `${route.method} ${withId(route.url, id)}`);
        if (res.statusCode >= 400) expect(snapshot(store), `${route.method} ${route.url} with ${id} refused but changed the store`).toBe(before);
      }
    }
  });

  test("another user's push request cannot be answered, and stays pending", async () => {
    const freshStore = new MemoryStore();
    const { app: fresh } = testServer({ store: freshStore });
    const alice = await pairMobile(fresh, 'alice');
    const bobRequest = (await pairMobile(fresh, 'bob')).authenticationRequestId!;
    for (const answer of ['approve', 'deny']) {
      const res = await post(fresh, `/device/v1/requests/${bobRequest}/${answer}`, { method: 'tap', pinVerified: true, biometricVerified: true }, bearer(alice.deviceToken));
      expect([res.statusCode, res.json().code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    }
    expect(freshStore.get('pushes', bobRequest)?.status).toBe('pending');
  });
});

describe('replayed and parallel actions have one winner', () => {
  test('a pairing key claimed ten times at once pairs once', async () => {
    const { app: fresh } = testServer();
    const { key } = (await post(fresh, '/test/v1/pairing-keys', { username: 'bob' })).json<{ key: string }>();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(fresh, '/device/v1/pairing-keys/claim', { key })));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.statusCode !== 200)) expect(a.json().code).toBe('PAIRING_KEY_USED');
  });

  test('a push approved and denied at once, and approved again: one decision', async () => {
    const { app: fresh } = testServer();
    const paired = await pairMobile(fresh, 'bob');
    const id = paired.authenticationRequestId!;
    const body = { method: 'tap', pinVerified: true, biometricVerified: true };
    const answers = await Promise.all([post(fresh, `/device/v1/requests/${id}/approve`, body, bearer(paired.deviceToken)), post(fresh, `/device/v1/requests/${id}/deny`, {}, bearer(paired.deviceToken))]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const replay = await post(fresh, `/device/v1/requests/${id}/approve`, body, bearer(paired.deviceToken));
    expect([replay.statusCode, replay.json().code]).toEqual([409, 'REQUEST_ALREADY_DECIDED']);
  });

  test('the right OTP sent twice at once to one flow, and to two flows: one MFA success', async () => {
    const { app: fresh } = testServer();
    await post(fresh, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'totp' }] });
    const otp = (await fresh.inject({ url: '/test/v1/users/dave' })).json<{ devices: { currentOtp: string }[] }>().devices[0]!.currentOtp;
    const a = await signedIn(fresh, 'dave', 'pw');
    const b = await signedIn(fresh, 'dave', 'pw');
    await step(fresh, a.id, 'authenticate', {});
    await step(fresh, b.id, 'authenticate', {});
    const answers = await Promise.all([act(fresh, a.id, 'checkOtp', { otp }), act(fresh, a.id, 'checkOtp', { otp }), act(fresh, b.id, 'checkOtp', { otp })]);
    expect(answers.filter((r) => r.statusCode === 200 && r.json().status === 'MFA_COMPLETED')).toHaveLength(1);
  });

  test('a code redeemed three times at once gives one token response', async () => {
    const { app: fresh } = testServer();
    const flow = await signedIn(fresh, 'alice', 'alice-password');
    await step(fresh, flow.id, 'authenticate', { mobilePayload: mobilePayload() });
    const code = ((await step(fresh, flow.id, 'continueAuthentication')).authorizeResponse as { code: string }).code;
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'authconf-app', client_secret: 'authconf-app-secret' }).toString();
    const answers = await Promise.all(Array.from({ length: 3 }, () => fresh.inject({ method: 'POST', url: '/as/token.oauth2', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 400, 400]);
  });

  test('a portal form replayed after sign-on completed does not sign on twice or mint a second code', async () => {
    const { app: fresh } = testServer();
    await post(fresh, '/test/v1/users', { username: 'dave', password: 'pw', devices: [{ kind: 'totp' }] });
    const browser = portalBrowser(fresh);
    await browser.post('/portal/signon', { username: 'dave', password: 'pw' });
    const otp = (await fresh.inject({ url: '/test/v1/users/dave' })).json<{ devices: { currentOtp: string }[] }>().devices[0]!.currentOtp;
    expect((await browser.post('/portal/otp', { otp })).headers.location).toBe('/portal/success');
    const replay = await browser.post('/portal/otp', { otp });
    expect([replay.statusCode, codeOf(replay)]).toEqual([400, 'OTP_REPLAYED']);
  });
});

describe('test control when it is off', () => {
  test('every /test/v1 route answers 404 TEST_CONTROL_DISABLED and changes nothing', async () => {
    const offStore = new MemoryStore();
    const { app: off } = testServer({ store: offStore, testControl: false });
    const listed: Route[] = [];
    off.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD' && route.url.startsWith('/test/v1')) listed.push({ method, url: route.url });
    });
    await off.ready();
    expect(listed.length).toBeGreaterThan(5);
    const before = snapshot(offStore);
    for (const route of listed) {
      const res = await off.inject({ method: route.method as 'POST', url: withId(route.url, 'alice'), payload: '{"username":"alice","password":"x","ms":1e12,"fault":"flow-expired","decision":"approve"}', headers: { 'content-type': 'application/json' } });
      expect([res.statusCode, res.json().code], `${route.method} ${route.url}`).toEqual([404, 'TEST_CONTROL_DISABLED']);
    }
    expect(snapshot(offStore)).toBe(before);
    await off.close();
  });
});
