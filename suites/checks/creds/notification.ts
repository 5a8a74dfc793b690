/**
 * Seed 003 "How do I receive Creds": the device is notified whenever new Creds arrive. The app
 * port has no reading of the phone's system notifications for Creds, so the check observes the
 * notification channel the device API documents (GET /device/v1/creds/notifications) from a
 * wallet of its own: paired with the issuer through the device API (offer and issuance from test
 * control, playing the issuer), it must list one `creds-issued` notification per Creds issued.
 */
import type { ListRequestsResponse } from '../../../models/device-api.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { SimWorld } from '../../drivers/sim/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';

async function post<T>(world: SimWorld, path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, world.base), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as T;
}

export const ensureWalletNotifiedOfNewCreds = defineCheck('ensureWalletNotifiedOfNewCreds', ['CREDS-RECEIVE-NOTIFICATION'], async (world: SimWorld, issuer: string, step: Step) => {
  const api = new DeviceApiClient(world.http, world.base);
  const username = `${world.username}-wallet-probe`;
  const offer = await post<{ qr: string }>(world, '/test/v1/creds/offers', { issuerId: issuer, username });
  const walletId = `w-probe-${Buffer.from(world.rng.bytes(6)).toString('hex')}`;
  const paired = await api.credsPair({ offer: offer.qr, walletId, deviceLock: { kind: 'pin', verified: true }, device: { kind: 'mobile', name: 'Wallet probe', platform: 'ios', notificationsEnabled: true } });
  ensure(paired.ok, [], `the probe wallet could not pair with ${issuer} (${paired.ok ? '' : paired.code})`, { code: 'CLAIM_FAILED', actual: paired });
  const before = await api.call<ListRequestsResponse>('credsNotifications', { token: paired.value.walletToken });
  const fields = issuer === 'acme' ? { name: 'Probe', employeeId: 'E-0' } : { name: 'Probe', cardNumber: 'L-0' };
  await post(world, '/test/v1/creds/issue', { issuerId: issuer, walletId, credentialType: issuer === 'acme' ? 'EmployeeCard' : 'LibraryCard', fields });
  const after = await api.call<ListRequestsResponse>('credsNotifications', { token: paired.value.walletToken });
  step.attach({ name: 'Creds notifications of a probe wallet (device API; offer and issuance by test control as the issuer)', contentType: 'application/json', body: JSON.stringify({ before, after }) });
  ensure(before.ok && after.ok, [], 'the notifications could not be read', { code: 'NO_RESPONSE', actual: { before, after } });
  const issued = (list: ListRequestsResponse): number => list.requests.filter((r) => r.kind === 'creds-issued').length;
  ensure(issued(after.value) === issued(before.value) + 1, [], `after new Creds the wallet lists ${issued(after.value)} creds-issued notification(s), ${issued(before.value)} before`, { code: 'NOT_NOTIFIED', actual: after.value });
});
