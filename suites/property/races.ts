/**
 * Races (issue 12) with fast-check's scheduler (`fc.scheduler`): two requests that a person or
 * two devices can send at the same moment go to the server over real HTTP; the scheduler
 * chooses the order in which they are sent (each is released while the other may still be in
 * flight), so every interleaving fast-check tries is a real concurrent exchange. Each race
 * expects exactly one outcome, no 5xx, and nothing half-written (what a GET shows afterwards
 * agrees with the winner).
 */
import fc from 'fast-check';
import type { FlowState } from '../../models/authn-api.ts';
import type { Policy } from '../../models/policy.ts';
import { fetchHttpClient } from '../../sims/shared/http-client.ts';
import { DeviceApiClient } from '../../sims/shared/device-client.ts';
import { defineCheck } from '../checks/check.ts';
import { ensure } from '../runner/errors.ts';
import { assertProperty } from './values/assert-property.ts';
import { type Answer, type ApiTarget, freshUsername, post, send, startFlow } from './values/authn-api.ts';
import { claim, type KeyTarget, portalKey } from './values/pairing-keys.ts';
import { generateSync } from 'otplib';

export interface RaceOptions {
  seed: number;
  runs: number;
}

const http = fetchHttpClient();
const statusOf = (r: { ok: true } | { ok: false; status: number }): number => (r.ok ? 200 : r.status);

/** Runs `a` and `b` released in the order the scheduler picks; returns both results. */
async function race<A, B>(s: fc.Scheduler, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  const both = Promise.all([s.scheduleFunction(a)(), s.scheduleFunction(b)()]);
  await s.waitAll();
  return both;
}

/** Two phones claim one pairing key at once: exactly one wins, the other gets PAIRING_KEY_USED. */
export const ensureOnePhoneWinsAConcurrentKeyClaim = defineCheck('ensureOnePhoneWinsAConcurrentKeyClaim', ['MOB-PAIR-KEY-SINGLE-USE'], async (target: KeyTarget, options: RaceOptions) => {
  await assertProperty(fc.asyncProperty(fc.scheduler(), async (s) => {
    const { key } = await portalKey(target);
    const [a, b] = await race(s, () => claim(target, key), () => claim(target, key));
    ensure(statusOf(a) < 500 && statusOf(b) < 500, [], `a concurrent claim answered ${statusOf(a)} / ${statusOf(b)}`, { code: 'SERVER_ERROR' });
    const won = [a, b].filter((r) => r.ok).length;
    const lost = [a, b].filter((r) => !r.ok && r.code === 'PAIRING_KEY_USED').length;
    ensure(won === 1 && lost === 1, [], `two concurrent claims of one key: ${won} won, ${lost} refused as used (${[a, b].map((r) => (r.ok ? 'ok' : r.code)).join(', ')})`, { code: 'RACE', expected: '1 won, 1 PAIRING_KEY_USED', actual: [a, b].map((r) => (r.ok ? 'ok' : r.code)) });
  }), options);
});

/** A flow of a new user with one phone, waiting for the push; the phone's device token. */
async function pushFlow(target: ApiTarget): Promise<{ flow: FlowState; deviceToken: string; username: string }> {
  const username = freshUsername('race-user');
  const seeded = await target.control.seedUser(username, 'pw', [{ kind: 'mobile' }]);
  const first = await startFlow(target, 'USERNAME_PASSWORD_REQUIRED');
  const signed = await post(target, first, 'checkUsernamePassword', JSON.stringify({ username, password: 'pw' }));
  const waiting = await post(target, signed.body as unknown as FlowState, 'authenticate', '{}');
  ensure(waiting.body.status === 'PUSH_CONFIRMATION_WAITING', [], `a user with one phone is in ${String(waiting.body.status ?? waiting.body.code)}, not PUSH_CONFIRMATION_WAITING`, { code: 'UNEXPECTED_STATUS' });
  return { flow: waiting.body as unknown as FlowState, deviceToken: seeded.devices[0]!.deviceToken, username };
}

/** Approve and deny of one request at once: one of them decides, the other is refused, and the flow follows the one that decided. */
export const ensureApproveAndDenyAtOnceDecideOnce = defineCheck('ensureApproveAndDenyAtOnceDecideOnce', ['API-ADD-PUSH-REJECTED', 'API-GEN-ERROR-KEEPS-STATE'], async (target: ApiTarget, options: RaceOptions) => {
  await assertProperty(fc.asyncProperty(fc.scheduler(), async (s) => {
    const { flow, deviceToken } = await pushFlow(target);
    const device = new DeviceApiClient(http, target.base);
    const listed = await device.listRequests(deviceToken);
    ensure(listed.ok && listed.value.requests.length > 0, [], 'the phone lists no pending request', { code: 'NO_REQUEST' });
    const id = listed.value.requests[0]!.id;
    const [approved, denied] = await race(s, () => device.approve(deviceToken, id, { method: 'tap', pinVerified: true, biometricVerified: true }), () => device.deny(deviceToken, id));
    ensure(statusOf(approved) < 500 && statusOf(denied) < 500, [], `approve/deny answered ${statusOf(approved)} / ${statusOf(denied)}`, { code: 'SERVER_ERROR' });
    ensure(approved.ok !== denied.ok, [], `approve and deny at once: approve ${approved.ok ? 'ok' : approved.code}, deny ${denied.ok ? 'ok' : denied.code}`, { code: 'RACE', expected: 'exactly one decides', actual: [approved.ok, denied.ok] });
    const after = await post(target, flow, 'poll', '{}');
    const expected = approved.ok ? 'MFA_COMPLETED' : 'PUSH_CONFIRMATION_REJECTED';
    ensure(after.body.status === expected, [], `the ${approved.ok ? 'approve' : 'deny'} won, the flow shows ${String(after.body.status ?? after.body.code)}`, { code: 'HALF_WRITTEN', expected, actual: after.body.status });
  }), options);
});

/** A poll racing the push time-out: the poll sees waiting or timed out, never an error, and afterwards the flow is timed out. */
export const ensurePollRacingThePushTimeoutIsConsistent = defineCheck('ensurePollRacingThePushTimeoutIsConsistent', ['API-ADD-PUSH-WAITING', 'API-GEN-TIMED-OUT-RETRY'], async (target: ApiTarget & { policy: Policy }, options: RaceOptions) => {
  await assertProperty(fc.asyncProperty(fc.scheduler(), async (s) => {
    const { flow } = await pushFlow(target);
    const [polled] = await race(s, () => post(target, flow, 'poll', '{}'), () => target.control.advanceClock(target.policy.push.totalTimeoutSeconds * 1000 + 1000));
    ensure(polled.status < 500 && ['PUSH_CONFIRMATION_WAITING', 'PUSH_CONFIRMATION_TIMED_OUT'].includes(String(polled.body.status)), [], `a poll racing the time-out answered ${polled.status} ${String(polled.body.status ?? polled.body.code)}`, { code: 'RACE', actual: polled.body });
    const after = await post(target, flow, 'poll', '{}');
    ensure(after.body.status === 'PUSH_CONFIRMATION_TIMED_OUT', [], `after the time-out the flow shows ${String(after.body.status ?? after.body.code)}`, { code: 'HALF_WRITTEN', expected: 'PUSH_CONFIRMATION_TIMED_OUT', actual: after.body.status });
  }), options);
});

/** A TOTP user's flow in OTP_REQUIRED, and the user's current code. */
async function otpFlows(target: ApiTarget & { policy: Policy }, count: number): Promise<{ flows: FlowState[]; code: string }> {
  const username = freshUsername('race-otp');
  const seeded = await target.control.seedUser(username, 'pw', [{ kind: 'totp' }]);
  const flows: FlowState[] = [];
  for (let i = 0; i < count; i++) {
    const first = await startFlow(target, 'USERNAME_PASSWORD_REQUIRED');
    const signed = await post(target, first, 'checkUsernamePassword', JSON.stringify({ username, password: 'pw' }));
    flows.push((await post(target, signed.body as unknown as FlowState, 'authenticate', '{}')).body as unknown as FlowState);
  }
  const { now } = (await send(target.base, 'GET', '/test/v1/clock')).body as { now: string };
  const otp = seeded.devices[0]!.otp;
  return { flows, code: generateSync({ secret: otp.secret, digits: otp.digits, period: otp.period, algorithm: otp.algorithm, epoch: Math.floor(Date.parse(now) / 1000) }) };
}

const accepted = (a: Answer): boolean => a.status === 200 && a.body.status !== 'OTP_REQUIRED' && a.body.status !== 'MFA_FAILED';

/** The same OTP submitted twice at once, in two flows of one user: exactly one signs on. */
export const ensureSameOtpTwiceAtOnceSignsOnOnce = defineCheck('ensureSameOtpTwiceAtOnceSignsOnOnce', ['DSK-SIGN-OTP-SINGLE-USE'], async (target: ApiTarget & { policy: Policy }, options: RaceOptions) => {
  await assertProperty(fc.asyncProperty(fc.scheduler(), async (s) => {
    const { flows, code } = await otpFlows(target, 2);
    const [a, b] = await race(s, () => post(target, flows[0]!, 'checkOtp', JSON.stringify({ otp: code })), () => post(target, flows[1]!, 'checkOtp', JSON.stringify({ otp: code })));
    ensure(a.status < 500 && b.status < 500, [], `checkOtp answered ${a.status} / ${b.status}`, { code: 'SERVER_ERROR' });
    ensure([a, b].filter(accepted).length === 1, [], `one OTP submitted at once in two flows signed on ${[a, b].filter(accepted).length} time(s)`, { code: 'RACE', expected: 1, actual: [a, b].map((x) => x.body.status ?? x.body.code) });
  }), options);
});

/** Two tabs finish one flow at once (the same code, the same flow): one completes it, the other is refused, the flow is completed once. */
export const ensureTwoTabsFinishOneFlowOnce = defineCheck('ensureTwoTabsFinishOneFlowOnce', ['API-GEN-LINKS-EXACT', 'API-GEN-INVALID-ACTION-ID'], async (target: ApiTarget & { policy: Policy }, options: RaceOptions) => {
  await assertProperty(fc.asyncProperty(fc.scheduler(), async (s) => {
    const { flows, code } = await otpFlows(target, 1);
    const flow = flows[0]!;
    const [a, b] = await race(s, () => post(target, flow, 'checkOtp', JSON.stringify({ otp: code })), () => post(target, flow, 'checkOtp', JSON.stringify({ otp: code })));
    ensure(a.status < 500 && b.status < 500, [], `checkOtp from two tabs answered ${a.status} / ${b.status}`, { code: 'SERVER_ERROR' });
    ensure([a, b].filter(accepted).length === 1, [], `two tabs finishing one flow: ${[a, b].filter(accepted).length} completed it`, { code: 'RACE', expected: 1, actual: [a, b].map((x) => x.body.status ?? x.body.code) });
    const shown = await send(target.base, 'GET', `/pf-ws/authn/flows/${flow.id}`, undefined, { 'x-xsrf-header': 'authconf' });
    const winner = [a, b].find(accepted)!;
    ensure(shown.body.status === winner.body.status, [], `the winning tab saw ${String(winner.body.status)}, a GET shows ${String(shown.body.status ?? shown.body.code)}`, { code: 'HALF_WRITTEN', expected: winner.body.status, actual: shown.body.status });
  }), options);
});

export const raceChecks = [ensureApproveAndDenyAtOnceDecideOnce, ensurePollRacingThePushTimeoutIsConsistent, ensureSameOtpTwiceAtOnceSignsOnOnce, ensureTwoTabsFinishOneFlowOnce];
