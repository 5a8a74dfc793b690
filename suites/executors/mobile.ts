/**
 * Mobile app gestures as a person makes them, with the screen after each gesture attached as
 * evidence. Shared by the flows the mobile app takes part in (seeds 000, 001, 003).
 */
import type { MobileControlId } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import type { Step } from './types.ts';

export function attachMobile(world: PathWorld, ctx: Step): void {
  ctx.attach({ name: 'mobile screen', contentType: 'application/json', body: JSON.stringify(world.mobile.snapshot()) });
}

export async function tap(world: PathWorld, control: MobileControlId, ctx: Step, item?: number | string): Promise<void> {
  await world.mobile.tap(control, item);
  attachMobile(world, ctx);
}

export async function typeAndTap(world: PathWorld, field: MobileControlId, text: string, submit: MobileControlId, ctx: Step): Promise<void> {
  await world.mobile.type(field, text);
  await tap(world, submit, ctx);
}

/**
 * Approving includes what the app asks on the way: biometrics when the policy requires them,
 * and the app PIN when the policy sets one (seed 000 step 8: "use the PIN every time you
 * authenticate"), typed as it was created.
 */
export async function answerPinIfAsked(world: PathWorld, ctx: Step): Promise<void> {
  const { mobile: ids } = await import('../../models/testids.ts');
  // With biometrics required by the policy, the app may ask for them (and the consent) first.
  if (world.mobile.snapshot().screen === ids.screens.biometricConsent && world.policy.biometricsRequired) {
    await world.mobile.tap(ids.controls.biometricAllow);
    attachMobile(world, ctx);
  }
  if (world.mobile.snapshot().screen !== ids.screens.pinEntry) return;
  const pin = world.memo.get('pin') as string | undefined;
  if (!pin) return; // no PIN created in this path: leave the prompt for the assertion to judge
  await world.mobile.type(ids.controls.pinEntryInput, pin);
  await world.mobile.tap(ids.controls.pinEntrySubmit);
  attachMobile(world, ctx);
}
