/**
 * Push on the user's phone (seed 004 additional device step 5.1): the push reaches the device the
 * flow selected (read through the device API with that phone's own token, as the phone would);
 * poll keeps waiting until it is answered; approved ends MFA, denied is PUSH_CONFIRMATION_REJECTED
 * offering cancel only, no answer is PUSH_CONFIRMATION_TIMED_OUT offering the passcode; a decided
 * request cannot be answered a second time.
 */
import type { RequirementId } from '../../../models/requirements.ts';
import { DeviceApiClient } from '../../../sims/shared/device-client.ts';
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';
import { currentFlow, devicesSetUp, ensureOffersExactly, ensureStatus } from './answers.ts';

export const ensurePushReachesTheSelectedPhone = defineCheck('ensurePushReachesTheSelectedPhone', ['API-ADD-PUSH-WAITING'], async (world: PathWorld, step: Step) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'PUSH_CONFIRMATION_WAITING', 'a phone selected');
  const phone = devicesSetUp(world).find((d) => d.id === flow.selectedDeviceRef?.id);
  ensure(phone?.kind === 'mobile' && phone.deviceToken !== undefined, [], `PUSH_CONFIRMATION_WAITING selected ${String(flow.selectedDeviceRef?.id)}, not one of the user's phones`, { code: 'DEVICE_MISMATCH', actual: flow.selectedDeviceRef });
  const pending = await new DeviceApiClient(world.http, world.base).listRequests(phone.deviceToken);
  step.attach({ name: 'the phone\'s pending requests (device API)', contentType: 'application/json', body: JSON.stringify(pending) });
  ensure(pending.ok && pending.value.requests.length > 0, [], `the selected phone has no pending request (${pending.ok ? 'none listed' : pending.code})`, { code: 'PUSH_NOT_SENT', actual: pending });
  world.memo.set('pushRequest', { id: pending.value.requests.at(-1)!.id, deviceToken: phone.deviceToken });
});

export const ensurePollKeepsWaitingUntilAnswered = defineCheck('ensurePollKeepsWaitingUntilAnswered', ['API-ADD-POLL'], (world: PathWorld) => {
  ensureStatus(currentFlow(world), 'PUSH_CONFIRMATION_WAITING', 'poll before the user answered');
});

export const ensureRejectedPushOffersCancelOnly = defineCheck('ensureRejectedPushOffersCancelOnly', ['API-ADD-PUSH-REJECTED', 'API-GEN-REJECTED-CANCEL-ONLY'], (world: PathWorld) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'PUSH_CONFIRMATION_REJECTED', 'after the push was denied');
  ensureOffersExactly(flow, ['cancelAuthentication'], 'PUSH_CONFIRMATION_REJECTED');
  ensure(flow.authorizeResponse === undefined, [], 'a rejected push carries an authorization code', { code: 'CODE_AFTER_REJECT' });
});

export const ensureTimedOutPushOffersThePasscode = defineCheck('ensureTimedOutPushOffersThePasscode', ['API-ADD-PUSH-TIMED-OUT', 'API-GEN-TIMED-OUT-RETRY'], async (world: PathWorld, step: Step) => {
  const flow = currentFlow(world);
  ensureStatus(flow, 'PUSH_CONFIRMATION_TIMED_OUT', 'after the push window closed');
  const several = devicesSetUp(world).length > 1;
  ensureOffersExactly(flow, ['checkOtp', 'cancelAuthentication', ...(several ? ['selectDevice'] : [])], 'PUSH_CONFIRMATION_TIMED_OUT');
  const push = world.memo.get('pushRequest') as { id: string; deviceToken: string } | undefined;
  if (push) await ensureNoLongerPending(world, step, push, 'timed out');
  // Said, not skipped in silence: with no request seen on the phone there is no pending list to read.
  else step.attach({ name: 'pending requests not read', contentType: 'text/plain', body: 'no push request was seen on the phone on this path: whether the timed-out request left its pending list is not observed here' });
});

/** The request the phone already answered: a second answer from the phone is 409 REQUEST_ALREADY_DECIDED. */
async function decidedOnce(world: PathWorld, step: Step): Promise<void> {
  const push = world.memo.get('pushRequest') as { id: string; deviceToken: string } | undefined;
  ensure(push !== undefined, [], 'no push request was seen on the phone before it was answered', { code: 'NO_RESPONSE' });
  const again = await new DeviceApiClient(world.http, world.base).approve(push.deviceToken, push.id, { method: 'tap', pinVerified: true, biometricVerified: false });
  step.attach({ name: 'the decided request approved again (device API)', contentType: 'application/json', body: JSON.stringify(again) });
  ensure(!again.ok && again.status === 409 && again.code === 'REQUEST_ALREADY_DECIDED', [], `a second answer to a decided request got ${again.ok ? 'accepted' : `${again.status} ${again.code}`}, expected 409 REQUEST_ALREADY_DECIDED`, {
    code: 'ERROR_CODE', expected: { status: 409, code: 'REQUEST_ALREADY_DECIDED' }, actual: again,
  });
  await ensureNoLongerPending(world, step, push, 'answered');
}

/** A request the phone can no longer answer is not among its pending ones (docs/device-api.md: `GET /device/v1/requests` lists pending, unexpired requests). */
async function ensureNoLongerPending(world: PathWorld, step: Step, push: { id: string; deviceToken: string }, why: string): Promise<void> {
  const pending = await new DeviceApiClient(world.http, world.base).listRequests(push.deviceToken);
  step.attach({ name: `the phone's pending requests once the push was ${why} (device API)`, contentType: 'application/json', body: JSON.stringify(pending) });
  ensure(pending.ok && !pending.value.requests.some((r) => r.id === push.id), [], `the phone still lists the push it ${why === 'answered' ? 'answered' : 'can no longer answer'} (${pending.ok ? JSON.stringify(pending.value.requests.map((r) => r.id)) : pending.code})`, {
    code: 'VALUE_MISMATCH', actual: pending,
  });
}
const decided = (name: string, ids: RequirementId[]) => defineCheck(name, ids, decidedOnce);
export const ensureApprovedPushCannotBeAnsweredAgain = decided('ensureApprovedPushCannotBeAnsweredAgain', ['API-ADD-PUSH-APPROVED']);
export const ensureDeniedPushCannotBeAnsweredAgain = decided('ensureDeniedPushCannotBeAnsweredAgain', ['API-ADD-PUSH-REJECTED']);
