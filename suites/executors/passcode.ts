/**
 * Typing a passcode in the portal's Authentication field (seed 001 "or type the passcode";
 * seed 002 step 6): the current one the app shows, a wrong one, one from an earlier time step
 * (expired), or one already used (replayed).
 */
import { generate } from 'otplib';
import { mobile, portal } from '../../models/testids.ts';
import type { SimWorld } from '../drivers/sim/world.ts';
import { attachPortal, portalScreen } from './portal.ts';
import type { Step } from './types.ts';

const S = portal.screens;
const C = portal.controls;

/** The newest device's OTP seed and the code the server computes now (what the app shows). */
async function deviceInHand(world: SimWorld): Promise<{ secret: string; digits: 6 | 8; period: number; algorithm: 'sha1' | 'sha256' | 'sha512'; current: string }> {
  const view = await world.control.user(world.username);
  // The world's phone when it is paired (several devices: the one this person holds), else the newest.
  const mine = new Set(world.mobile.accounts().map((a) => a.deviceId));
  const device = view.devices.find((d) => mine.has(d.id)) ?? view.devices.at(-1);
  if (!device) throw new Error(`${world.username} has no device to read a passcode from`);
  return { ...device.otp, current: device.currentOtp };
}

export async function passcodeOf(world: SimWorld, kind: string): Promise<string> {
  const shown = world.mobile.snapshot().values[mobile.controls.otpValue];
  const device = await deviceInHand(world);
  const current = typeof shown === 'string' && /^\d+$/.test(shown) ? shown : device.current;
  if (kind === 'current') return current;
  if (kind === 'replayed') return (world.memo.get('acceptedOtp') as string | undefined) ?? current;
  if (kind === 'wrong') return current.slice(0, -1) + String((Number(current.at(-1)) + 5) % 10);
  // expired: the code of a time step beyond the accepted drift
  const epoch = Math.floor(world.clock.now() / 1000) - (world.policy.otp.driftSteps + 2) * device.period;
  return generate({ secret: device.secret, digits: device.digits, period: device.period, algorithm: device.algorithm, epoch });
}

/** Gets the portal to its Authentication field (via the push page's "enter the passcode" link). */
export async function openPasscodeField(world: SimWorld, ctx: Step): Promise<void> {
  if (portalScreen(world) === S.otp) return;
  await world.portal.get('/portal/pairing/continue');
  if (portalScreen(world) === S.pairingWaiting || portalScreen(world) === S.failure) await world.portal.get('/portal/push');
  if (portalScreen(world) === S.pushWaiting) await world.portal.follow(C.usePasscode);
  attachPortal(world, ctx);
}

export async function submitPasscode(world: SimWorld, kind: string, ctx: Step): Promise<void> {
  await openPasscodeField(world, ctx);
  const otp = await passcodeOf(world, kind);
  ctx.attach({ name: 'passcode typed', contentType: 'text/plain', body: `${kind}: ${otp}` });
  await world.portal.submit(C.otpSignOn, { otp });
  if (portalScreen(world) === S.success && kind === 'current') world.memo.set('acceptedOtp', otp);
  attachPortal(world, ctx);
}
