/**
 * Input no widget sends but any client can (issue 8 item 5: refusals at the edges, exact status
 * and code, never a 500): a password that is not a string, `authenticate {}` for a user who has
 * no device yet (a payload is required to pair one), an OTP that is not a string, one digit too
 * long, or not digits. Each on a probe user of its own (test control: the user and its TOTP
 * device, a precondition), so the path's own flow and OTP attempts stay untouched; every answer is
 * the Authentication API's own.
 */
import type { FlowState } from '../../../models/authn-api.ts';
import type { ErrorCode } from '../../../models/error-codes.ts';
import type { PathWorld } from '../../port/world.ts';
import { AuthnClient, type ApiResponse } from '../../drivers/shared/authn-client.ts';
import type { Step } from '../../executors/types.ts';
import { defineCheck } from '../check.ts';
import { ensureRefusedWith, ensureStatus } from './answers.ts';

/** VALIDATION_ERROR with the detail `detail`, each with a message (answers.ts). */
function ensureRefusedWithMessage(response: ApiResponse, detail: ErrorCode, what: string): void {
  ensureRefusedWith(response, 'VALIDATION_ERROR', what, detail);
}

export const ensureMalformedInputRefusedWithItsCode = defineCheck('ensureMalformedInputRefusedWithItsCode', ['API-ADD-FIRST-FACTOR', 'API-INIT-AUTHENTICATE', 'API-ADD-OTP-INVALID', 'API-GEN-ERROR-BODY'], async (world: PathWorld, step: Step) => {
  const api = new AuthnClient(world.base);
  // Probe users of this path's own (wrong OTPs count per user); the check runs once per target (checks/adapter/states.ts).
  const user = async (purpose: string, devices: { kind: 'totp' }[]): Promise<string> => {
    const username = `${world.username}-malformed-${purpose}`;
    await world.control.seedUser(username, world.password, devices);
    return username;
  };
  const signedOn = async (username: string): Promise<FlowState> => {
    const started = await api.start();
    const answer = await api.action(started.body as FlowState, 'checkUsernamePassword', { username, password: world.password });
    ensureStatus(answer.body as FlowState, 'AUTHENTICATION_REQUIRED', `${username} signed on`);
    return answer.body as FlowState;
  };
  const otpRequired = async (username: string): Promise<FlowState> => {
    const answer = await api.action(await signedOn(username), 'authenticate', {});
    ensureStatus(answer.body as FlowState, 'OTP_REQUIRED', `${username}: authenticate with one TOTP device`);
    return answer.body as FlowState;
  };
  try {
    const withOtp = await user('otp', [{ kind: 'totp' }]);
    const started = await api.start();
    ensureRefusedWithMessage(await api.action(started.body as FlowState, 'checkUsernamePassword', { username: withOtp, password: 12345 }), 'INVALID_CREDENTIALS', 'a password that is a number, not a string');
    const noDevice = await user('no-device', []);
    ensureRefusedWithMessage(await api.action(await signedOn(noDevice), 'authenticate', {}), 'INVALID_MOBILE_PAYLOAD', 'authenticate without a mobile payload for a user with no device to use');
    const flow = await otpRequired(withOtp);
    ensureRefusedWithMessage(await api.action(flow, 'checkOtp', { otp: 123456 }), 'INVALID_VALUE', 'an OTP that is a number, not a string');
    const digits = world.policy.otp.digits;
    ensureRefusedWithMessage(await api.action(flow, 'checkOtp', { otp: '1'.repeat(digits + 1) }), 'INVALID_OTP', `an OTP of ${digits + 1} digits (policy: ${digits})`);
    const other = await otpRequired(await user('otp-letters', [{ kind: 'totp' }]));
    ensureRefusedWithMessage(await api.action(other, 'checkOtp', { otp: 'abcdefgh'.slice(0, digits) }), 'INVALID_OTP', 'an OTP of letters');
  } finally {
    step.attach({ name: 'malformed input (own flows; test control: probe users, one with a TOTP device)', contentType: 'text/plain', body: api.exchanges.join('\n') });
  }
});
