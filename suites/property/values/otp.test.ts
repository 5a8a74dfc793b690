/**
 * OTP properties: the apps' generator on RFC 6238's vectors, and against the embedded server
 * (real loopback port, fixed seed, few runs): the drift window, single use, and the lockout
 * counted per user across flows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../models/policy.ts';
import { TestControl } from '../../drivers/sim/control.ts';
import { type EmbeddedServer, startEmbeddedServer } from '../../drivers/sim/server.ts';
import type { ApiTarget } from './authn-api.ts';
import { ensureAcceptedOtpIsRefusedAgain, ensureOtpLockoutCountsAcrossPortalAndApi, ensureAppPasscodesAreRfc6238, ensureOtpLockoutCountsPerUserAcrossFlows, ensureOtpWindowIsThePolicyDrift } from './otp.ts';

const options = { seed: 6238, runs: 8, policy: defaultPolicy };
const credit = (cited: string[]) => ({ cite: (ids: readonly string[]) => cited.push(...ids) });

describe('OTP properties', () => {
  let server: EmbeddedServer;
  let target: ApiTarget;
  beforeAll(async () => {
    server = await startEmbeddedServer(defaultPolicy, 1, []);
    target = { base: server.base, control: new TestControl(server.base) };
  });
  afterAll(async () => server.close());

  it('the apps show RFC 6238 test vectors (SHA-1, SHA-256, SHA-512)', async () => {
    const cited: string[] = [];
    await ensureAppPasscodesAreRfc6238(credit(cited));
    expect(cited).toEqual(['MOB-PAIR-OTP-SCREEN', 'DSK-PAIR-OTP-SHOWN']);
  });

  it('the server accepts exactly the codes of driftSteps periods either side', async () => {
    const cited: string[] = [];
    await ensureOtpWindowIsThePolicyDrift(credit(cited), target, options);
    expect(cited).toContain('API-ADD-CHECK-OTP');
  });

  it('an accepted code is refused in the next flow', async () => {
    const cited: string[] = [];
    await ensureAcceptedOtpIsRefusedAgain(credit(cited), target, options);
    expect(cited).toContain('DSK-SIGN-OTP-SINGLE-USE');
  });

  // The reference server counts wrong OTPs per user (reference-server/domain/otp-lockout.ts), so a
  // second flow does not start a fresh budget (the otp-lockout-per-flow deviation would).
  it('wrong codes spread over two flows lock the user out', async () => {
    await ensureOtpLockoutCountsPerUserAcrossFlows({ cite: () => undefined }, target, { ...options, runs: 3 });
  });

  // The same per-user lockout across channels: wrong codes at the portal's Authentication field
  // and in the Authentication API.
  it('wrong codes at the portal and in the API lock the user out', async () => {
    await ensureOtpLockoutCountsAcrossPortalAndApi({ cite: () => undefined }, target, { ...options, runs: 2 });
  });
});
