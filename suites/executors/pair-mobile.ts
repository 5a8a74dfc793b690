/**
 * Precondition for flows that start with a paired phone (seed 001): pair the mobile sim through
 * its own screens with a key issued by test control, answer the request that follows pairing,
 * and come back to the app's home screen. `extraDevices` seeds other devices first.
 */
import { mobile } from '../../models/testids.ts';
import type { AppView } from '../port/app-view.ts';
import type { PathWorld } from '../port/world.ts';
import type { Step } from './types.ts';

const M = mobile.controls;
const S = mobile.screens;

/** A PIN valid under the policy: distinct digits, no sequence. */
export function validPin(length: number): string {
  // Starts with a run (123, 12) that is not mirrored: valid, and next to the mirrored-run rule's edge (seed 002's 123321).
  return '123790'.slice(0, length);
}

/**
 * Pairs the world's phone; with `secondPhone`, then pairs another installation too, so the
 * world's phone stays the first paired (the primary, protocol facts §4) and a second exists.
 */
export async function pairMobileFirst(world: PathWorld, ctx: Step, secondPhone = false): Promise<void> {
  await pairApp(world, world.mobile, ctx);
  if (secondPhone) {
    await pairApp(world, await world.otherPhone({ name: 'Second phone' }), ctx);
  }
  const held = await world.control.user(world.username);
  if (held.devices.filter((d) => d.kind === 'mobile').length !== (secondPhone ? 2 : 1)) throw new Error(`setting up: the mobile sim did not pair (shows ${world.mobile.snapshot().screen})`);
}

async function pairApp(world: PathWorld, app: AppView<'mobile'>, ctx: Step): Promise<void> {
  const { key } = await world.control.issuePairingKey(world.username);
  await app.tap(M.welcomeContinue);
  await app.tap(M.notificationsContinue);
  await app.tap(M.notificationsAllow);
  await app.tap(M.enterPairingKey);
  await app.type(M.pairingKeyInput, key);
  await app.tap(M.pairingKeySubmit);
  if (app.snapshot().screen === S.pinCreate) {
    const pin = validPin(world.policy.pin.length);
    await app.type(M.pinInput, pin);
    await app.tap(M.pinNext);
    await app.type(M.pinConfirmInput, pin);
    await app.tap(M.pinConfirmDone);
    world.memo.set('pin', pin);
  }
  if (app.snapshot().screen === S.location) {
    await app.tap(M.locationContinue);
    await app.tap(M.locationAllow);
  }
  if (app.snapshot().screen === S.authRequest) {
    await app.tap(M.approve);
    if (app.snapshot().screen === S.pinEntry) {
      await app.type(M.pinEntryInput, String(world.memo.get('pin')));
      await app.tap(M.pinEntrySubmit);
    }
  }
  if (app.snapshot().screen === S.success) await app.tap(M.successClose);
  ctx.attach({ name: 'set-up: paired phone', contentType: 'application/json', body: JSON.stringify(app.snapshot()) });
}
