/**
 * Seed 003 "How do I receive Creds": the device is notified whenever new Creds arrive. The app
 * port has no reading of the phone's system notifications for Creds, so the check observes the
 * notification channel the device API documents (GET /device/v1/creds/notifications) from a
 * wallet of its own: paired with the issuer through the device API (offer and issuance from test
 * control, playing the issuer), it must list one `creds-issued` notification per Creds issued.
 */
import type { ListRequestsResponse } from '../../../models/device-api.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { controlPost, pairProbeWallet } from './probe-wallet.ts';

export const ensureWalletNotifiedOfNewCreds = defineCheck('ensureWalletNotifiedOfNewCreds', ['CREDS-RECEIVE-NOTIFICATION'], async (world: PathWorld, issuer: string, step: Step) => {
  const { api, walletId, walletToken } = await pairProbeWallet(world, issuer, 'notified');
  const before = await api.call<ListRequestsResponse>('credsNotifications', { token: walletToken });
  const fields = issuer === 'acme' ? { name: 'Probe', employeeId: 'E-0' } : { name: 'Probe', cardNumber: 'L-0' };
  await controlPost(world, '/test/v1/creds/issue', { issuerId: issuer, walletId, credentialType: issuer === 'acme' ? 'EmployeeCard' : 'LibraryCard', fields });
  const after = await api.call<ListRequestsResponse>('credsNotifications', { token: walletToken });
  step.attach({ name: 'Creds notifications of a probe wallet (device API; offer and issuance by test control as the issuer)', contentType: 'application/json', body: JSON.stringify({ before, after }) });
  ensure(before.ok && after.ok, [], 'the notifications could not be read', { code: 'NO_RESPONSE', actual: { before, after } });
  const issued = (list: ListRequestsResponse): number => list.requests.filter((r) => r.kind === 'creds-issued').length;
  ensure(issued(after.value) === issued(before.value) + 1, [], `after new Creds the wallet lists ${issued(after.value)} creds-issued notification(s), ${issued(before.value)} before`, { code: 'NOT_NOTIFIED', actual: after.value });
});
