/**
 * Each server-side deviation (`models/deviations.ts`), checked at the HTTP level as the
 * documented behaviour plus one mutation: the same steps without and with the deviation.
 */
import { describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DeviationName } from '../models/deviations.ts';
import { deviations } from '../models/deviations.ts';
import { post, portalBrowser, testServer, claimKey, mobilePairing } from './test-helpers.ts';
import { act, getFlow, linksOf, mobilePayload, signedIn, step } from './authn/authn-test-kit.ts';

type ServerDeviation = { [K in DeviationName]: (typeof deviations)[K]['side'] extends 'server' ? K : never }[DeviationName];
type Check = (app: FastifyInstance, clock: { advance(ms: number): number }) => Promise<unknown>;

async function seed(app: FastifyInstance, devices: { kind: string }[]) {
  await post(app, '/test/v1/users', { username: 'dave', password: 'pw', devices });
}
async function otpOf(app: FastifyInstance): Promise<string> {
  return (await app.inject({ url: '/test/v1/users/dave' })).json<{ devices: { currentOtp: string }[] }>().devices[0]!.currentOtp;
}

/** A completed redirectless flow for alice (no device: pairing skipped), and its code. */
async function completedCode(app: FastifyInstance): Promise<string> {
  const flow = await signedIn(app, 'alice', 'alice-password');
  await step(app, flow.id, 'authenticate', { mobilePayload: mobilePayload() });
  return ((await step(app, flow.id, 'continueAuthentication')).authorizeResponse as { code: string }).code;
}
async function redeem(app: FastifyInstance, code: string) {
  return app.inject({ method: 'POST', url: '/as/token.oauth2', payload: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'authconf-app', client_secret: 'authconf-app-secret' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

/** What each deviation changes: the observation, and its documented and deviant values. */
const cases: Record<Exclude<ServerDeviation, 'verifier-accepts-missing-required'>, { policy?: object; observe: Check; documented: unknown; deviant: unknown }> = {
  'accept-expired-pairing-key': {
    observe: async (app, clock) => {
      const { key } = (await post(app, '/test/v1/pairing-keys', { username: 'alice' })).json<{ key: string }>();
      clock.advance(600_000);
      return (await post(app, '/device/v1/pairing-keys/claim', { key })).statusCode;
    },
    documented: 410,
    deviant: 200,
  },
  'accept-reused-pairing-key': {
    observe: async (app) => {
      const { key } = await claimKey(app);
      return (await post(app, '/device/v1/pairing-keys/claim', { key })).statusCode;
    },
    documented: 409,
    deviant: 200,
  },
  'complete-after-rejected-push': {
    observe: async (app) => {
      await seed(app, [{ kind: 'mobile' }]);
      const auth = await signedIn(app, 'dave', 'pw');
      await step(app, auth.id, 'authenticate', {});
      await post(app, '/test/v1/push/decide', { username: 'dave', decision: 'deny' });
      return (await step(app, auth.id, 'poll')).status;
    },
    documented: 'PUSH_CONFIRMATION_REJECTED',
    deviant: 'MFA_COMPLETED',
  },
  'link-then-refuse': {
    observe: async (app) => {
      await seed(app, [{ kind: 'sms' }]);
      const auth = await signedIn(app, 'dave', 'pw');
      const otp = await step(app, auth.id, 'authenticate', {});
      expect(linksOf(otp)).toContain('cancelAuthentication');
      return (await act(app, auth.id, 'cancelAuthentication')).statusCode;
    },
    documented: 200,
    deviant: 400,
  },
  'paired-after-pairing-error': {
    observe: async (app) => {
      const auth = await signedIn(app, 'alice', 'alice-password');
      const pairing = await step(app, auth.id, 'authenticate', { mobilePayload: mobilePayload() });
      await post(app, '/test/v1/faults', { fault: 'pairing-error' });
      await post(app, '/device/v1/sdk/pairings', { serverPayload: pairing.serverPayload, installationId: 'inst-1', device: { kind: 'mobile', name: 'P', platform: 'android' } });
      return (await step(app, auth.id, 'continueAuthentication')).attributes;
    },
    documented: { 'pingone.mfa.status': 'com.pingidentity.pingone.pairing_error' },
    deviant: { 'pingone.mfa.status': 'com.pingidentity.pingone.device_paired' },
  },
  'accept-replayed-otp': {
    observe: async (app) => {
      await seed(app, [{ kind: 'totp' }]);
      const otp = await otpOf(app);
      const signOnAndType = async () => {
        const browser = portalBrowser(app);
        await browser.post('/portal/signon', { username: 'dave', password: 'pw' });
        return browser.post('/portal/otp', { otp });
      };
      expect((await signOnAndType()).statusCode).toBe(303);
      return (await signOnAndType()).statusCode;
    },
    documented: 400,
    deviant: 303,
  },
  'get-advances-flow': {
    observe: async (app) => {
      await seed(app, [{ kind: 'mobile' }]);
      const auth = await signedIn(app, 'dave', 'pw');
      await step(app, auth.id, 'authenticate', {});
      await post(app, '/test/v1/push/decide', { username: 'dave', decision: 'approve' });
      return (await getFlow(app, auth.id)).json().status;
    },
    documented: 'PUSH_CONFIRMATION_WAITING',
    deviant: 'MFA_COMPLETED',
  },
  'no-attempts-remaining': {
    observe: async (app) => {
      await seed(app, [{ kind: 'sms' }]);
      const auth = await signedIn(app, 'dave', 'pw');
      await step(app, auth.id, 'authenticate', {});
      const otp = await otpOf(app);
      return (await act(app, auth.id, 'checkOtp', { otp: otp === '000000' ? '111111' : '000000' })).json().details[0].attemptsRemaining;
    },
    documented: 2,
    deviant: undefined,
  },
  'skip-location-requirement': {
    policy: { locationRequired: true },
    observe: async (app) => {
      const { claimToken } = await claimKey(app);
      return (await post(app, '/device/v1/pairings', mobilePairing(claimToken, { location: { permission: 'denied' } }))).statusCode;
    },
    documented: 400,
    deviant: 201,
  },
  // --- Issue 9: each security hole reproduced as an attack; refused without the deviation ---
  'register-without-mfa': {
    observe: async (app) => {
      // The attacker knows dave's password; dave has a phone. Start must not pair the attacker's device.
      await seed(app, [{ kind: 'mobile' }]);
      const browser = portalBrowser(app);
      await browser.post('/portal/signon', { username: 'dave', password: 'pw' });
      const start = await browser.post('/portal/registration/start', {});
      return start.statusCode === 403 ? /failure-reason">(\w+)</.exec(start.body)?.[1] : start.headers.location;
    },
    documented: 'MFA_REQUIRED',
    deviant: '/portal/add-device',
  },
  'otp-lockout-per-flow': {
    observe: async (app) => {
      // Locked out after otp.maxAttempts wrong OTPs in one flow; a fresh flow with the right OTP must stay locked.
      await seed(app, [{ kind: 'totp' }]);
      const first = await signedIn(app, 'dave', 'pw');
      await step(app, first.id, 'authenticate', {});
      const otp = await otpOf(app);
      for (let i = 0; i < 3; i++) await act(app, first.id, 'checkOtp', { otp: otp === '000000' ? '111111' : '000000' });
      const second = await signedIn(app, 'dave', 'pw');
      await step(app, second.id, 'authenticate', {});
      return (await step(app, second.id, 'checkOtp', { otp })).status;
    },
    documented: 'MFA_FAILED',
    deviant: 'MFA_COMPLETED',
  },
  'earlier-pairing-keys-live': {
    observe: async (app) => {
      const browser = portalBrowser(app);
      await browser.post('/portal/signon', { username: 'bob', password: 'bob-password' });
      await browser.post('/portal/registration/start', {});
      const earlier = (await app.inject({ url: '/test/v1/users/bob' })).json<{ pairingKeys: { key: string }[] }>().pairingKeys[0]!.key;
      await browser.post('/portal/registration/start', {});
      return (await post(app, '/device/v1/pairing-keys/claim', { key: earlier })).json().code ?? 'claimed';
    },
    documented: 'PAIRING_KEY_REVOKED',
    deviant: 'claimed',
  },
  'reusable-authorization-code': {
    observe: async (app) => {
      const code = await completedCode(app);
      await redeem(app, code);
      return (await redeem(app, code)).statusCode;
    },
    documented: 400,
    deviant: 200,
  },
  'accept-short-pkce-challenge': {
    observe: async (app) => (await app.inject({ url: '/as/authorization.oauth2?response_mode=pi.flow&client_id=authconf-app&code_challenge=x&code_challenge_method=S256' })).statusCode,
    documented: 400,
    deviant: 200,
  },
  'id-token-status-web-login-mobile': {
    observe: async (app) => {
      await seed(app, [{ kind: 'totp' }]);
      const flow = await signedIn(app, 'dave', 'pw');
      await step(app, flow.id, 'authenticate', {});
      await step(app, flow.id, 'checkOtp', { otp: await otpOf(app) });
      const done = await step(app, flow.id, 'continueAuthentication');
      const idToken = (await redeem(app, (done.authorizeResponse as { code: string }).code)).json().id_token as string;
      return JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString())['pingone.mfa.status'];
    },
    documented: 'com.pingidentity.pingone.web_login_otp',
    deviant: 'com.pingidentity.pingone.web_login_mobile',
  },
  'offer-for-any-username': {
    observe: async (app) => (await app.inject({ url: '/creds/issuers/acme/offer?username=alice' })).statusCode,
    documented: 401,
    deviant: 200,
  },
};

describe('server deviations', () => {
  test.each(Object.entries(cases))('%s: documented without it, deviant with it', async (name, c) => {
    const plain = testServer({ ...(c.policy ? { policy: c.policy } : {}) });
    expect(await c.observe(plain.app, plain.clock)).toEqual(c.documented);
    const deviating = testServer({ deviations: [name as DeviationName], ...(c.policy ? { policy: c.policy } : {}) });
    expect(await c.observe(deviating.app, deviating.clock)).toEqual(c.deviant);
  });

  test('every server deviation is covered here, except the Creds verifier one (owned by the Creds plugin)', () => {
    const server = Object.entries(deviations).filter(([, d]) => d.side === 'server').map(([n]) => n);
    expect(server.filter((n) => !(n in cases))).toEqual(['verifier-accepts-missing-required']);
  });

  test('an unknown deviation name is refused by build()', () => {
    expect(() => testServer({ deviations: ['nope' as DeviationName] })).toThrow(/unknown deviation/);
  });
});
