/**
 * Where the security checks run in the plans (issue 9): one function per flow, run after that
 * flow's assertion (`withSecurityProbes` in its binding) with the state just reached. Each probe acts on the system under test from
 * the outside, as an attacker or a standard client would (another browser, a new flow, the
 * token endpoint), once per path (the probes whose request involves no user of the path, and the
 * portal probes, once per target), and leaves the path's own session and flow alone.
 *
 * | plan | state | check |
 * | --- | --- | --- |
 * | adapter | usernamePasswordRequired | ensureShortPkceChallengeIsRefused (once per target) |
 * | adapter | completed* | ensureAuthorizationCodeIsSingleUse, ensureIdTokenClaimsMatchTheFlow |
 * | adapter | mfaFailed | ensureOtpLockoutHoldsInANewFlow |
 * | desktop (portal) | desktop-signon authentication | ensureStartNeedsMfaForAUserWithADevice |
 * | desktop (portal) | desktop-signon locked | ensureOtpLockoutHoldsInANewFlow (portal lock -> API) |
 * | mobile (portal) | mobile-pairing registration | ensureEarlierPairingKeyIsRevoked |
 * | creds | home | ensureIssuerOfferNeedsAuthentication |
 */
import { generate } from 'otplib';
import type { PathWorld } from '../../port/world.ts';
import type { SeededDevice } from '../../drivers/sim/control.ts';
import type { FlowState } from '../../../models/authn-api.ts';
import { passcodeOf } from '../../executors/passcode.ts';
import type { Assertion, Step } from '../../executors/types.ts';
import { ensureAuthorizationCodeIsSingleUse, redeemTwice } from './ensure-authorization-code-is-single-use.ts';
import type { TokenAnswer } from './oauth-client.ts';
import { oncePerPath, oncePerTarget } from '../once.ts';
import { targetEpochSeconds } from '../shared/target-time.ts';
import { ensureEarlierPairingKeyIsRevoked } from './ensure-earlier-pairing-key-is-revoked.ts';
import { ensureIdTokenClaimsMatchTheFlow } from './ensure-id-token-claims-match-the-flow.ts';
import { ensureIssuerOfferNeedsAuthentication } from './ensure-issuer-offer-needs-authentication.ts';
import { ensureOtpLockoutHoldsInANewFlow } from './ensure-otp-lockout-holds-in-a-new-flow.ts';
import { ensureShortPkceChallengeIsRefused } from './ensure-short-pkce-challenge-is-refused.ts';
import { ensureStartNeedsMfaForAUserWithADevice } from './ensure-start-needs-mfa-for-a-user-with-a-device.ts';

/**
 * A flow's assertion followed by its security probes: the probes run after the state's own
 * checks, so a hole they find (a continuable failure) never hides those checks.
 */
export function withSecurityProbes(assert: Assertion, probes: (world: PathWorld, state: string, ctx: Step) => Promise<void>): Assertion {
  return async (world, state, ctx) => {
    await assert(world, state, ctx);
    await probes(world, state, ctx);
  };
}

export async function adapterSecurityProbes(world: PathWorld, state: string, ctx: Step): Promise<void> {
  // A request of its own, with no user and no flow: what it observes is the target's, so once per target.
  if (state === 'usernamePasswordRequired' && oncePerTarget(world, 'pkce')) await ensureShortPkceChallengeIsRefused(ctx, world.base, ctx);
  if (state.startsWith('completed') && oncePerPath(world, 'code')) {
    // The flow the adapter executor recorded last (its `flow` note).
    const flow = world.memo.get('flow') as FlowState | undefined;
    if (!flow) return;
    const code = (flow.authorizeResponse as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string') return;
    // The completion check's own redemption of this code, when it made one: the probe's is the second.
    const earlier = world.memo.get('codeRedeemed') as { code: string; answer: TokenAnswer } | undefined;
    const pkce = world.memo.get('pkce') as { verifier: string } | undefined;
    const { first, second } = await redeemTwice(world, code, ctx, earlier?.code === code ? earlier.answer : undefined, pkce ? { code_verifier: pkce.verifier } : {});
    await ensureAuthorizationCodeIsSingleUse(ctx, first, second);
    const attribute = world.policy.statusAttribute;
    // The token response for this code (the completion check's, or ours when no check redeemed it first).
    if (first.status === 200) await ensureIdTokenClaimsMatchTheFlow(ctx, first.body, attribute, ((flow.attributes ?? {}) as Record<string, unknown>)[attribute]);
  }
  if (state === 'mfaFailed' && oncePerPath(world, 'lockout')) {
    const devices = (world.memo.get('devices') as SeededDevice[] | undefined) ?? [];
    const otpDevice = devices.find((d) => (d as SeededDevice & { kind?: string }).kind !== 'mobile') ?? devices.at(-1);
    await ensureOtpLockoutHoldsInANewFlow(ctx, {
      base: world.base,
      username: world.username,
      password: world.password,
      ...(otpDevice ? { otpDeviceId: otpDevice.id } : {}),
      otpOf: async (deviceId) => {
        const device = devices.find((d) => d.id === deviceId) ?? otpDevice;
        return device ? generate({ ...device.otp, epoch: await targetEpochSeconds(world) }) : undefined;
      },
      passPushWindow: async () => {
        await world.control.advanceClock(world.policy.push.totalTimeoutSeconds * 1000 + 1000);
      },
      step: ctx,
    });
  }
}

export async function desktopSignonSecurityProbes(world: PathWorld, state: string, ctx: Step): Promise<void> {
  if (state === 'authentication' && oncePerTarget(world, 'mfa-before-device')) await ensureStartNeedsMfaForAUserWithADevice(ctx, world.base, world.username, world.password, ctx);
  if (state === 'locked' && oncePerPath(world, 'lockout')) {
    await ensureOtpLockoutHoldsInANewFlow(ctx, {
      base: world.base,
      username: world.username,
      password: world.password,
      // The OTP the desktop app shows now (read from its screen, as the person would).
      otpOf: async () => passcodeOf(world, 'current', ctx, 'desktop'),
      step: ctx,
    });
  }
}

export async function mobilePairingSecurityProbes(world: PathWorld, state: string, ctx: Step): Promise<void> {
  if (state === 'registration' && oncePerTarget(world, 'latest-key')) await ensureEarlierPairingKeyIsRevoked(ctx, world.base, world.username, world.password, ctx);
}

export async function credsSecurityProbes(world: PathWorld, state: string, ctx: Step): Promise<void> {
  if (state === 'home' && oncePerTarget(world, 'offer')) await ensureIssuerOfferNeedsAuthentication(ctx, world.base, 'acme', `${world.username}-victim`, ctx);
}

