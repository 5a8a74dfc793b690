/** Desktop app gestures (seed 002), with the screen after each attached as evidence. */
import type { DesktopControlId } from '../../models/testids.ts';
import { desktop } from '../../models/testids.ts';
import type { SimWorld } from '../drivers/sim/world.ts';
import { validPin } from './pair-mobile.ts';
import type { Step } from './types.ts';

const D = desktop.controls;

export function attachDesktop(world: SimWorld, ctx: Step): void {
  ctx.attach({ name: 'desktop screen', contentType: 'application/json', body: JSON.stringify(world.desktop.snapshot()) });
}

export async function dtap(world: SimWorld, control: DesktopControlId, ctx: Step): Promise<void> {
  await world.desktop.tap(control);
  attachDesktop(world, ctx);
}

export async function dtype(world: SimWorld, field: DesktopControlId, text: string, submit: DesktopControlId, ctx: Step): Promise<void> {
  world.desktop.type(field, text);
  await dtap(world, submit, ctx);
}

/** Precondition of desktop sign-on: the desktop app paired (key from test control, PIN when asked). */
export async function pairDesktopFirst(world: SimWorld, ctx: Step): Promise<void> {
  const { key } = await world.control.issuePairingKey(world.username);
  const app = world.desktop;
  app.type(D.pairingKeyInput, key);
  await app.tap(D.pair);
  if (app.snapshot().screen === desktop.screens.pinCreate) {
    const pin = validPin(world.policy.pin.length || 4);
    app.type(D.pinInput, pin);
    await app.tap(D.pinNext);
    app.type(D.pinConfirmInput, pin);
    await app.tap(D.pinDone);
  }
  attachDesktop(world, ctx);
  if (app.snapshot().screen !== desktop.screens.otp) throw new Error(`setting up: the desktop sim did not pair (shows ${app.snapshot().screen})`);
}
