/**
 * The portal states both pairing flows share (seed 000 steps 1, seed 002 steps 1-2): sign-on,
 * the registration window with Start, Add a New Device. One table, used by the mobile-pairing and
 * desktop-pairing state tables; returns whether `state` was one of them.
 */
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import * as Portal from './sign-on.ts';

export async function checkPortalPairingState(world: PathWorld, state: string, ctx: Step): Promise<boolean> {
  switch (state) {
    case 'signOn':
      if (world.lastEvent?.type === 'SIGNON.SUBMIT') await Portal.ensureWrongPasswordRefusedAtSignOn(ctx, world);
      return true;
    case 'registration':
      await Portal.ensureSecondMethodAdvised(ctx, world);
      await Portal.ensureSignedOnUserSeesStart(ctx, world);
      return true;
    case 'addDevice':
      await Portal.ensureQrCodeEncodesTheKeyShownBeneath(ctx, world);
      return true;
    default:
      return false;
  }
}
