/**
 * Portal steps shared by the flows (seed 000 step 1, seed 001, seed 002 steps 1, 2 and 6), done
 * the way a person does them: open the page, fill the form found by its controls' testIDs.
 */
import { portal } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import type { Step } from './types.ts';

const C = portal.controls;
const S = portal.screens;

export function portalScreen(world: PathWorld): string {
  return world.portal.snapshot().screen;
}

/** Evidence: the portal's last exchanges and the screen it shows. */
export function attachPortal(world: PathWorld, ctx: Step): void {
  const exchanges = world.portal.exchanges.splice(0);
  if (exchanges.length) ctx.attach({ name: 'portal HTTP exchanges', contentType: 'text/plain', body: exchanges.join('\n') });
  ctx.attach({ name: 'portal screen', contentType: 'application/json', body: JSON.stringify(world.portal.snapshot()) });
}

export async function signOn(world: PathWorld, credentials: 'valid' | 'wrong', ctx: Step): Promise<void> {
  if (portalScreen(world) !== S.signOn) await world.portal.get('/portal/signon');
  await world.portal.submit(C.signOnSubmit, {
    [C.username]: world.username,
    [C.password]: credentials === 'valid' ? world.password : `${world.password}-wrong`,
  });
  attachPortal(world, ctx);
}

export async function startRegistration(world: PathWorld, ctx: Step): Promise<void> {
  if (portalScreen(world) !== S.registration) await world.portal.get('/portal/registration');
  await world.portal.submit(C.start);
  attachPortal(world, ctx);
}

/** Signs on again when the portal session is gone (a clock moved past its lifetime). */
export async function ensureSignedOn(world: PathWorld, ctx: Step): Promise<void> {
  await world.portal.get('/portal/registration');
  if (portalScreen(world) === S.signOn || portalScreen(world) === S.failure) {
    await world.portal.get('/portal/signon');
    await signOn(world, 'valid', ctx);
  }
}

/** The pairing key the portal shows now, without grouping spaces. */
export function portalKey(world: PathWorld): string | undefined {
  const shown = world.portal.snapshot().values[C.pairingKey] ?? world.portal.snapshot().values[C.desktopPairingKey];
  if (typeof shown !== 'string') return undefined;
  // What the person read (checks compare with it after the page moved on by itself).
  world.memo.set('portalKeyShown', shown);
  return shown.replace(/\s+/g, '');
}

/**
 * The Add a New Device page with a key that can still pair: after a key was used up or let
 * expire on purpose, the person asks the portal for a new one (registration Start again).
 */
export async function freshAddDevice(world: PathWorld, ctx: Step): Promise<void> {
  if (world.memo.get('portalKeyStale')) {
    await ensureSignedOn(world, ctx);
    if (portalScreen(world) !== S.registration) await world.portal.get('/portal/registration');
    await world.portal.submit(C.start);
    world.memo.delete('portalKeyStale');
  } else if (portalScreen(world) !== S.addDevice) {
    await world.portal.get('/portal/add-device');
  }
  attachPortal(world, ctx);
}
