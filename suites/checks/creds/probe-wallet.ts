/**
 * A wallet of the check's own (never the phone's keystore): paired with an issuer through the
 * device API from an offer the test makes as the issuer (test control), so checks can observe the
 * server side of Creds rules through the documented device API.
 */
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { PathWorld } from '../../port/world.ts';
import { ensure } from '../../runner/errors.ts';
import { targetFetch } from '../../drivers/shared/transport.ts';

export async function controlPost<T>(world: PathWorld, path: string, body: unknown): Promise<T> {
  const response = await targetFetch(new URL(path, world.base), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as T;
}

export async function pairProbeWallet(world: PathWorld, issuer: string, purpose: string): Promise<{ api: DeviceApiClient; walletId: string; walletToken: string }> {
  const api = new DeviceApiClient(world.http, world.base);
  const offer = await controlPost<{ qr: string }>(world, '/test/v1/creds/offers', { issuerId: issuer, username: `${world.username}-${purpose}` });
  const walletId = `w-${purpose}-${Buffer.from(world.rng.bytes(6)).toString('hex')}`;
  const paired = await api.credsPair({ offer: offer.qr, walletId, deviceLock: { kind: 'pin', verified: true }, device: { kind: 'mobile', name: `Wallet ${purpose}`, platform: 'ios', notificationsEnabled: true } });
  ensure(paired.ok, [], `the probe wallet could not pair with ${issuer} (${paired.ok ? '' : paired.code})`, { code: 'CLAIM_FAILED', actual: paired });
  return { api, walletId, walletToken: paired.value.walletToken };
}
