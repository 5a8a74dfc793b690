/**
 * Pairing keys and QR images as a test produces them: the portal's own (valid), one never
 * issued (wrong), one used up by another installation (used), one past its lifetime (expired),
 * an image with no QR code (unreadable) and a QR code that is not a pairing payload.
 */
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { DeviceApiClient } from '../../sims/shared/device-client.ts';
import type { PathWorld } from '../port/world.ts';

/** A key in the policy's alphabet and length that the server never issued. */
export function wrongKey(world: PathWorld): string {
  const alphabet = world.policy.pairingKey.format === 'numeric' ? '0123456789' : 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: world.policy.pairingKey.length }, () => alphabet[world.rng.int(0, alphabet.length - 1)]).join('');
}

/** Another installation claims the key first (the claim alone uses it up). */
export async function useUpKey(world: PathWorld, key: string): Promise<void> {
  const claimed = await new DeviceApiClient(world.http, world.base).claimKey(key);
  if (!claimed.ok) throw new Error(`could not use up key for the test: ${claimed.code}`);
}

/** Moves the server's clock past the key lifetime (test control: no real waiting). */
export async function expireKeys(world: PathWorld): Promise<void> {
  await world.control.advanceClock(world.policy.pairingKey.ttlSeconds * 1000 + 1000);
}

export function blankPng(): Uint8Array {
  const png = new PNG({ width: 64, height: 64 });
  png.data.fill(255);
  return new Uint8Array(PNG.sync.write(png));
}

export async function qrPng(text: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }));
}
