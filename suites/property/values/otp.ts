/**
 * OTP properties (issue 12):
 * - the passcode the apps show (sims/shared/totp.ts, the pure generator both sims use) is RFC
 *   6238's on the RFC's own test vectors (Appendix B: SHA-1, SHA-256, SHA-512, 8 digits);
 * - the server accepts the code of the current period and of `otp.driftSteps` periods either
 *   side, and no other (any offset, any second of the period);
 * - an accepted code is refused when typed again, in another flow of the same user;
 * - the lockout counts wrong codes per user across flows (`otp.maxAttempts` in all).
 * The server-side ones go over the Authentication API (checkOtp) of a server with test control
 * (users with a TOTP device; the secret comes from test control as a precondition, the way the
 * adapter executors compute codes).
 */
import fc from 'fast-check';
import { generateSync } from 'otplib';
import type { FlowState } from '../../../models/authn-api.ts';
import type { Policy } from '../../../models/policy.ts';
import { passcodeAt } from '../../../sims/shared/totp.ts';
import { defineCheck } from '../../checks/check.ts';
import { ensure } from '../../runner/errors.ts';
import { assertProperty } from './assert-property.ts';
import { portal } from '../../../models/testids.ts';
import { portalScreens } from '../../assertions/screens.ts';
import { WebClient } from '../../drivers/shared/web-client.ts';
import { type Answer, type ApiTarget, freshUsername, post, send, startFlow } from './authn-api.ts';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(ascii: string): string {
  let bits = '';
  for (const c of Buffer.from(ascii, 'ascii')) bits += c.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += B32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

/** RFC 6238 Appendix B: time (s), algorithm, expected 8-digit TOTP (secrets: "1234567890" repeated to 20, 32, 64 bytes). */
export const rfc6238Vectors: readonly [number, 'sha1' | 'sha256' | 'sha512', string][] = [
  [59, 'sha1', '94287082'], [59, 'sha256', '46119246'], [59, 'sha512', '90693936'],
  [1111111109, 'sha1', '07081804'], [1111111109, 'sha256', '68084774'], [1111111109, 'sha512', '25091201'],
  [1111111111, 'sha1', '14050471'], [1111111111, 'sha256', '67062674'], [1111111111, 'sha512', '99943326'],
  [1234567890, 'sha1', '89005924'], [1234567890, 'sha256', '91819424'], [1234567890, 'sha512', '93441116'],
  [2000000000, 'sha1', '69279037'], [2000000000, 'sha256', '90698825'], [2000000000, 'sha512', '38618901'],
  [20000000000, 'sha1', '65353130'], [20000000000, 'sha256', '77737706'], [20000000000, 'sha512', '47863826'],
];
const rfcSecret = { sha1: 20, sha256: 32, sha512: 64 } as const;

/** The apps' passcode generator gives RFC 6238's test vectors. */
export const ensureAppPasscodesAreRfc6238 = defineCheck('ensureAppPasscodesAreRfc6238', ['MOB-PAIR-OTP-SCREEN', 'DSK-PAIR-OTP-SHOWN'], () => {
  for (const [time, algorithm, expected] of rfc6238Vectors) {
    const secret = base32('1234567890'.repeat(7).slice(0, rfcSecret[algorithm]));
    const { code } = passcodeAt({ secret, algorithm, digits: 8, period: 30 }, { now: () => time * 1000 });
    ensure(code === expected, [], `RFC 6238 vector T=${time} ${algorithm}: the apps show ${code}, the RFC ${expected}`, { code: 'TOTP_VECTOR', expected, actual: code });
  }
});

interface OtpUser {
  username: string;
  secret: string;
}

async function otpUser(target: ApiTarget): Promise<OtpUser> {
  const username = freshUsername('otp-user');
  const seeded = await target.control.seedUser(username, `${username}-pw`, [{ kind: 'totp' }]);
  return { username, secret: seeded.devices[0]!.otp.secret };
}

/** A flow of `user` in OTP_REQUIRED (first factor done, the TOTP device selected). */
async function otpFlow(target: ApiTarget, user: OtpUser): Promise<FlowState> {
  const first = await startFlow(target, 'USERNAME_PASSWORD_REQUIRED');
  const signed = await post(target, first, 'checkUsernamePassword', JSON.stringify({ username: user.username, password: `${user.username}-pw` }));
  // A browser's authenticate (no mobile payload): a user with one TOTP device is asked for its code.
  const asked = await post(target, signed.body as unknown as FlowState, 'authenticate', '{}');
  ensure(asked.body.status === 'OTP_REQUIRED', [], `a user with one TOTP device is in ${String(asked.body.status ?? asked.body.code)} after the first factor and authenticate, not OTP_REQUIRED`, { code: 'UNEXPECTED_STATUS', actual: asked.body });
  return asked.body as unknown as FlowState;
}

async function serverSeconds(target: ApiTarget): Promise<number> {
  const { now } = (await send(target.base, 'GET', '/test/v1/clock')).body as { now: string };
  return Math.floor(Date.parse(now) / 1000);
}

const codeAt = (user: OtpUser, policy: Policy, epoch: number): string =>
  generateSync({ secret: user.secret, digits: policy.otp.digits, period: policy.otp.periodSeconds, algorithm: policy.otp.algorithm, epoch });

const accepted = (answer: Answer): boolean => answer.status === 200 && answer.body.status !== 'OTP_REQUIRED' && answer.body.status !== 'MFA_FAILED';

export interface OtpPropertyOptions {
  seed: number;
  runs: number;
  policy: Policy;
}

/** The code of the current period and of driftSteps periods either side is accepted; any other is refused. */
export const ensureOtpWindowIsThePolicyDrift = defineCheck('ensureOtpWindowIsThePolicyDrift', ['MOB-AUTH-PASSCODE-EXPIRED', 'API-ADD-CHECK-OTP', 'API-ADD-OTP-INVALID'], async (target: ApiTarget, options: OtpPropertyOptions) => {
  const { driftSteps, periodSeconds } = options.policy.otp;
  await assertProperty(fc.asyncProperty(fc.integer({ min: -(driftSteps + 2), max: driftSteps + 2 }), fc.integer({ min: 0, max: periodSeconds - 1 }), async (offset, second) => {
    const user = await otpUser(target);
    const flow = await otpFlow(target, user);
    const now = await serverSeconds(target);
    // The code of the period `offset` periods from now, at `second` into that period.
    const epoch = (Math.floor(now / periodSeconds) + offset) * periodSeconds + second;
    const answer = await post(target, flow, 'checkOtp', JSON.stringify({ otp: codeAt(user, options.policy, epoch) }));
    const inWindow = Math.abs(offset) <= driftSteps;
    ensure(accepted(answer) === inWindow, [], `the code of ${offset} period(s) from now was ${accepted(answer) ? 'accepted' : 'refused'} (driftSteps ${driftSteps}): ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`, {
      code: 'OTP_WINDOW', expected: inWindow ? 'accepted' : 'refused', actual: answer.body.status ?? answer.body.code,
    });
  }), options);
});

/** A code that signed on once is refused in the user's next flow. */
export const ensureAcceptedOtpIsRefusedAgain = defineCheck('ensureAcceptedOtpIsRefusedAgain', ['DSK-SIGN-OTP-SINGLE-USE', 'API-ADD-OTP-INVALID'], async (target: ApiTarget, options: OtpPropertyOptions) => {
  await assertProperty(fc.asyncProperty(fc.integer({ min: 0, max: options.policy.otp.periodSeconds - 1 }), async (second) => {
    const user = await otpUser(target);
    const code = codeAt(user, options.policy, await serverSeconds(target));
    const first = await post(target, await otpFlow(target, user), 'checkOtp', JSON.stringify({ otp: code }));
    ensure(accepted(first), [], `the current code was refused the first time: ${first.status} ${JSON.stringify(first.body).slice(0, 160)}`, { code: 'OTP_REFUSED' });
    await target.control.advanceClock(second * 1000);
    const again = await post(target, await otpFlow(target, user), 'checkOtp', JSON.stringify({ otp: code }));
    ensure(!accepted(again), [], `the same code was accepted again ${second} s later, in a new flow`, { code: 'OTP_REPLAYED', expected: 'refused', actual: again.body.status });
  }), options);
});

/** Wrong codes count per user: otp.maxAttempts of them, spread over two flows, lock the user out. */
export const ensureOtpLockoutCountsPerUserAcrossFlows = defineCheck('ensureOtpLockoutCountsPerUserAcrossFlows', ['API-ADD-OTP-LOCKED', 'POL-OTP-ATTEMPTS'], async (target: ApiTarget, options: OtpPropertyOptions) => {
  const max = options.policy.otp.maxAttempts;
  await assertProperty(fc.asyncProperty(fc.integer({ min: 1, max: max - 1 }), async (inFirst) => {
    const user = await otpUser(target);
    const wrong = (code: string): string => code.slice(0, -1) + String((Number(code.at(-1)) + 5) % 10);
    const firstFlow = await otpFlow(target, user);
    for (let i = 0; i < inFirst; i++) await post(target, firstFlow, 'checkOtp', JSON.stringify({ otp: wrong(codeAt(user, options.policy, await serverSeconds(target))) }));
    const second = await otpFlow(target, user);
    let last: Answer | undefined;
    for (let i = inFirst; i < max; i++) last = await post(target, second, 'checkOtp', JSON.stringify({ otp: wrong(codeAt(user, options.policy, await serverSeconds(target))) }));
    ensure(last?.body.status === 'MFA_FAILED', [], `${inFirst} wrong code(s) in one flow and ${max - inFirst} in the next (maxAttempts ${max}) left the user ${String(last?.body.status ?? last?.body.code)}, not locked out (MFA_FAILED); attemptsRemaining ${JSON.stringify((last?.body.details as { attemptsRemaining?: number }[] | undefined)?.[0]?.attemptsRemaining)}`, {
      code: 'OTP_LOCKOUT_PER_FLOW', expected: 'MFA_FAILED', actual: last?.body.status ?? last?.body.code,
    });
  }), options);
});

/** A user with a desktop (OTP) device who signs on at the portal: the portal's OTP screen, or what it shows instead. */
async function portalOtpSession(target: ApiTarget, username: string): Promise<WebClient> {
  const web = new WebClient(target.base);
  await web.get('/portal/signon');
  await web.submit(portal.controls.signOnSubmit, { username, password: `${username}-pw` });
  return web;
}

/** Wrong codes count per user across channels: some typed at the portal, the rest in the Authentication API, otp.maxAttempts in all lock the user out. */
export const ensureOtpLockoutCountsAcrossPortalAndApi = defineCheck('ensureOtpLockoutCountsAcrossPortalAndApi', ['API-ADD-OTP-LOCKED', 'DSK-SIGN-OTP-LOCKED', 'POL-OTP-ATTEMPTS'], async (target: ApiTarget, options: OtpPropertyOptions) => {
  const max = options.policy.otp.maxAttempts;
  await assertProperty(fc.asyncProperty(fc.integer({ min: 1, max: max - 1 }), async (atPortal) => {
    const username = freshUsername('otp-channels');
    const seeded = await target.control.seedUser(username, `${username}-pw`, [{ kind: 'desktop' }]);
    const user = { username, secret: seeded.devices[0]!.otp.secret };
    const wrong = async (): Promise<string> => {
      const code = codeAt(user, options.policy, await serverSeconds(target));
      return code.slice(0, -1) + String((Number(code.at(-1)) + 5) % 10);
    };
    const web = await portalOtpSession(target, username);
    ensure(web.snapshot(portalScreens).screen === portal.screens.otp, [], `a user with a desktop device signs on and the portal shows ${web.snapshot(portalScreens).screen}, not the OTP screen`, { code: 'UNEXPECTED_SCREEN' });
    for (let i = 0; i < atPortal; i++) await web.submit(portal.controls.otpSignOn, { otp: await wrong() });
    const flow = await otpFlow(target, user);
    let last: Answer | undefined;
    for (let i = atPortal; i < max; i++) last = await post(target, flow, 'checkOtp', JSON.stringify({ otp: await wrong() }));
    ensure(last?.body.status === 'MFA_FAILED', [], `${atPortal} wrong code(s) at the portal and ${max - atPortal} in the Authentication API (maxAttempts ${max}) left the user ${String(last?.body.status ?? last?.body.code)}, not locked out`, {
      code: 'OTP_LOCKOUT_PER_CHANNEL', expected: 'MFA_FAILED', actual: last?.body.status ?? last?.body.code,
    });
  }), options);
});
