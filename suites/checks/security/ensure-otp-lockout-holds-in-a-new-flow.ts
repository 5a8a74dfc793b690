/**
 * OTP lockout is per user, across flows and channels (API-GEN-OTP-LOCKOUT-PER-USER; RFC 6238 §5.2):
 * once the user is locked out (MFA_FAILED in one flow, or OTP_LOCKED at the portal), a NEW
 * Authentication API flow for the same user, brought to its OTP step, must refuse even the right
 * OTP (MFA_FAILED), not complete MFA with fresh tries.
 */
import type { FlowState } from '../../../models/authn-api.ts';
import { AuthnClient, type ApiResponse } from '../../drivers/shared/authn-client.ts';
import type { Step } from '../../executors/types.ts';
import { ensure } from '../../runner/errors.ts';
import { defineCheck } from '../check.ts';

export interface LockoutProbe {
  base: string;
  username: string;
  password: string;
  /** The right OTP of one of the user's devices now (device id from the flow), if the probe can read it. */
  otpOf(deviceId: string | undefined): Promise<string | undefined>;
  /** Which device to pick when the flow asks (an OTP-capable one). */
  otpDeviceId?: string;
  /** Moves the target's clock past the push window (test control), when a push comes first. */
  passPushWindow?(): Promise<void>;
  step: Pick<Step, 'attach'>;
}

const isState = (response: ApiResponse): boolean => typeof response.body.status === 'string' && typeof response.body._links === 'object';

/** Drives a fresh flow to the OTP and sends the right one; returns the answer. */
async function rightOtpInANewFlow(probe: LockoutProbe, client: AuthnClient): Promise<ApiResponse> {
  let answer = await client.start();
  if (!isState(answer)) return answer;
  answer = await client.action(answer.body as unknown as FlowState, 'checkUsernamePassword', { username: probe.username, password: probe.password });
  if (!isState(answer)) return answer;
  answer = await client.action(answer.body as unknown as FlowState, 'authenticate', {});
  for (let hop = 0; hop < 6 && isState(answer); hop++) {
    const flow = answer.body as unknown as FlowState;
    switch (flow.status) {
      case 'DEVICE_SELECTION_REQUIRED':
        answer = await client.action(flow, 'selectDevice', { deviceRef: { id: probe.otpDeviceId ?? '' } });
        break;
      case 'PUSH_CONFIRMATION_WAITING':
        if (!probe.passPushWindow) return answer;
        await probe.passPushWindow();
        // A GET shows the time-out where the target reflects push outcomes on GET; else poll.
        answer = await client.get(flow);
        if (answer.body.status === 'PUSH_CONFIRMATION_WAITING' && flow._links.poll) answer = await client.action(flow, 'poll', {});
        break;
      case 'OTP_REQUIRED':
      case 'PUSH_CONFIRMATION_TIMED_OUT': {
        const otp = await probe.otpOf(flow.selectedDeviceRef?.id);
        if (otp === undefined) return answer;
        answer = await client.action(flow, 'checkOtp', { otp });
        return answer;
      }
      default:
        return answer;
    }
  }
  return answer;
}

export const ensureOtpLockoutHoldsInANewFlow = defineCheck('ensureOtpLockoutHoldsInANewFlow', ['API-GEN-OTP-LOCKOUT-PER-USER'], async (probe: LockoutProbe) => {
  const client = new AuthnClient(probe.base);
  const answer = await rightOtpInANewFlow(probe, client);
  probe.step.attach({ name: 'a new flow for the locked-out user, with the right OTP', contentType: 'text/plain', body: client.exchanges.join('\n') });
  const status = String(answer.body.status ?? answer.body.code ?? answer.status);
  ensure(status !== 'MFA_COMPLETED' && status !== 'MOBILE_PAIRING_REQUIRED' && status !== 'COMPLETED', [], `a locked-out user completed MFA in a new flow (${status}): the lockout is per flow, not per user`, {
    continuable: true, code: 'LOCKOUT_BYPASSED', expected: 'MFA_FAILED', actual: answer.body,
  });
  ensure(status === 'MFA_FAILED', [], `the new flow of a locked-out user ended ${status}, not MFA_FAILED (ACCOUNT_LOCKED_OUT)`, { continuable: true, code: 'NOT_LOCKED', expected: 'MFA_FAILED', actual: answer.body });
});
