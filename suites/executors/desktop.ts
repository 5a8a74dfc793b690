/** Desktop app gestures (seed 002), with the screen after each attached as evidence. */
import type { DesktopControlId } from '../../models/testids.ts';
import { desktop } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import { validPin } from './pair-mobile.ts';
import type { Step } from './types.ts';

const D = desktop.controls;

export function attachDesktop(world: PathWorld, ctx: Step): void {
  ctx.attach({ name: 'desktop screen', contentType: 'application/json', body: JSON.stringify(world.desktop.snapshot()) });
}

export async function dtap(world: PathWorld, control: DesktopControlId, ctx: Step): Promise<void> {
  await world.desktop.tap(control);
  attachDesktop(world, ctx);
}

export async function dtype(world: PathWorld, field: DesktopControlId, text: string, submit: DesktopControlId, ctx: Step): Promise<void> {
  await world.desktop.type(field, text);
  await dtap(world, submit, ctx);
}

/** Precondition of desktop sign-on: the desktop app paired (key from test control, PIN when asked). */
export async function pairDesktopFirst(world: PathWorld, ctx: Step): Promise<void> {
  const { key } = await world.control.issuePairingKey(world.username);
  const app = world.desktop;
  await app.type(D.pairingKeyInput, key);
  await app.tap(D.pair);
  if (app.snapshot().screen === desktop.screens.pinCreate) {
    const pin = validPin(world.policy.pin.length || 4);
    await app.type(D.pinInput, pin);
    await app.tap(D.pinNext);
    await app.type(D.pinConfirmInput, pin);
    await app.tap(D.pinDone);
  }
  attachDesktop(world, ctx);
  if (app.snapshot().screen !== desktop.screens.otp) throw new Error(`setting up: the desktop sim did not pair (shows ${app.snapshot().screen})`);
}
