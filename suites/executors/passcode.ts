/**
 * Typing a passcode in the portal's Authentication field (seed 001 "or type the passcode";
 * seed 002 step 6): the current one the app shows, a wrong one, one from an earlier time step
 * (expired), or one already used (replayed).
 *
 * The current passcode is read from the app's screen, as the person reads it (issue 8 item 6):
 * the phone's OTP screen or its Authentication tab, the desktop app's OTP. When the app shows the
 * request on top, the person types the passcode they read on the app a moment before, as long as
 * it is still the code of the current time step. If the app shows no passcode at all, the step
 * fails: test control never supplies what a person reads.
 * Only the expired passcode, a negative input no screen shows, is built from the device's OTP
 * seed read through test control; the step records that it did.
 */
import { generate } from 'otplib';
import { desktop, mobile, portal } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import { ensure } from '../runner/errors.ts';
import { attachPortal, portalScreen } from './portal.ts';
import type { Step } from './types.ts';

const S = portal.screens;
const C = portal.controls;

export type PasscodeApp = 'mobile' | 'desktop';

const timeStep = (world: PathWorld): number => Math.floor(world.clock.now() / 1000 / world.policy.otp.periodSeconds);
const digitsOnly = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, '') : '');

/** The passcode the app shows now, by testID ('' when it shows none). */
export function passcodeShown(world: PathWorld, app: PasscodeApp): string {
  if (app === 'desktop') {
    const snap = world.desktop.snapshot();
    return snap.screen === desktop.screens.otp ? digitsOnly(snap.values[desktop.controls.otpValue]) : '';
  }
  const snap = world.mobile.snapshot();
  if (snap.screen === mobile.screens.otp || snap.screen === mobile.screens.authRequest) return digitsOnly(snap.values[mobile.controls.otpValue]);
  if (snap.screen !== mobile.screens.accounts) return '';
  // The Authentication tab: the passcode beside the organisation the portal signs on to.
  const organisation = world.portal.snapshot().values[C.organization];
  const accounts = [snap.values[mobile.controls.accountItem] ?? []].flat();
  const codes = [snap.values[mobile.controls.otpValue] ?? []].flat();
  const index = Math.max(0, accounts.indexOf(String(organisation ?? '')));
  return digitsOnly(codes[index]);
}

/** Remembers the passcode the app shows now, with its time step (what the person has just read). */
export function notePasscodeShown(world: PathWorld, app: PasscodeApp): void {
  const code = passcodeShown(world, app);
  if (/^\d+$/.test(code)) world.memo.set(`passcodeSeen:${app}`, { code, step: timeStep(world) });
}

/** The current passcode as the person reads it from the app, or a failed step when the app shows none. */
export function currentPasscode(world: PathWorld, app: PasscodeApp): string {
  const now = passcodeShown(world, app);
  if (/^\d+$/.test(now)) return now;
  const seen = world.memo.get(`passcodeSeen:${app}`) as { code: string; step: number } | undefined;
  ensure(seen !== undefined && seen.step === timeStep(world), [], `the ${app} app shows no passcode to type (screen ${app === 'mobile' ? world.mobile.snapshot().screen : world.desktop.snapshot().screen}${seen ? `; the one read earlier belongs to an older time step` : ''})`, {
    code: 'PASSCODE_NOT_SHOWN', expected: 'a passcode on the app screen', actual: seen ?? null,
  });
  return seen.code;
}

/** A passcode of a time step beyond the accepted drift, from the device's OTP seed (test control), recorded on the step. */
async function expiredPasscode(world: PathWorld, app: PasscodeApp, ctx: Step): Promise<string> {
  const view = await world.control.user(world.username);
  // The device this person holds: the first of the app's kind (the world's phone is paired first).
  const device = view.devices.find((d) => d.kind === app) ?? view.devices.at(-1);
  if (!device) throw new Error(`${world.username} has no device to build an expired passcode for`);
  const epoch = Math.floor(world.clock.now() / 1000) - (world.policy.otp.driftSteps + 2) * device.otp.period;
  ctx.attach({ name: 'test control used', contentType: 'text/plain', body: `the ${app} device's OTP seed (GET /test/v1/users/:username) built a passcode ${world.policy.otp.driftSteps + 2} periods old: a negative input no screen shows` });
  return generate({ ...device.otp, epoch });
}

export async function passcodeOf(world: PathWorld, kind: string, ctx: Step, app: PasscodeApp = 'mobile'): Promise<string> {
  if (kind === 'expired') return expiredPasscode(world, app, ctx);
  if (kind === 'replayed' && world.memo.get('acceptedOtp')) return world.memo.get('acceptedOtp') as string;
  const current = currentPasscode(world, app);
  if (kind === 'wrong') return current.slice(0, -1) + String((Number(current.at(-1)) + 5) % 10);
  return current;
}

/** Gets the portal to its Authentication field (via the push page's "enter the passcode" link). */
export async function openPasscodeField(world: PathWorld, ctx: Step): Promise<void> {
  if (portalScreen(world) === S.otp) return;
  await world.portal.get('/portal/pairing/continue');
  if (portalScreen(world) === S.pairingWaiting || portalScreen(world) === S.failure) await world.portal.get('/portal/push');
  if (portalScreen(world) === S.pushWaiting) await world.portal.follow(C.usePasscode);
  attachPortal(world, ctx);
}

export async function submitPasscode(world: PathWorld, kind: string, ctx: Step): Promise<void> {
  await openPasscodeField(world, ctx);
  const otp = await passcodeOf(world, kind, ctx);
  ctx.attach({ name: 'passcode typed', contentType: 'text/plain', body: `${kind}: ${otp}` });
  await world.portal.submit(C.otpSignOn, { [C.otpField]: otp });
  if (portalScreen(world) === S.success && kind === 'current') world.memo.set('acceptedOtp', otp);
  attachPortal(world, ctx);
}
