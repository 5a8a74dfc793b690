/**
 * Which adapter checks run at which model state (seed 004), after which event: the Authentication
 * API's answer to the step just taken is judged by the checks that cite the requirements it
 * shows. Called from `suites/assertions/adapter.ts` for every state of both adapter machines.
 */
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import { oncePerTarget } from '../once.ts';
import * as C from './completion.ts';
import * as D from './devices.ts';
import * as M from './malformed-input.ts';
import * as F from './first-factor.ts';
import * as O from './otp.ts';
import * as P from './push.ts';
import * as G from './protocol.ts';
import * as B from './state-body.ts';

/** Events the API client POSTs as a named action (the others are GETs, control, or deliberate refusals). */
const actions = new Set(['checkUsernamePassword', 'authenticate', 'selectDevice', 'checkOtp', 'continueAuthentication', 'cancelAuthentication']);

export async function checkAdapterState(machine: string, world: PathWorld, state: string, ctx: Step): Promise<void> {
  if (!world.memo.get('flow')) return;
  const initial = machine === 'adapter-initial-pairing';
  const event = world.lastEvent?.type;
  if (event === 'POST.WITHOUT_XSRF') await G.ensurePostWithoutXsrfRefused(ctx, world);
  if (state === 'flowExpired') {
    if (event === 'FLOW.EXPIRE') await G.ensureGoneFlowIsNotFound(ctx, world, ctx);
    return;
  }
  const response = world.memo.get('response') as { status: number } | undefined;
  const refused = response !== undefined && response.status >= 400 && event !== undefined && ['checkUsernamePassword', 'authenticate', 'selectDevice', 'checkOtp', 'continueAuthentication', 'cancelAuthentication', 'INVALID_ACTION'].includes(event);
  if (refused) {
    await G.ensureErrorAnswersHaveTheirBody(ctx, world);
    if (event === 'INVALID_ACTION') await G.ensureUnlistedActionRefusedInPlace(ctx, world, ctx);
    else await G.ensureValidationErrorKeepsTheState(ctx, world, ctx);
  }
  if (event === 'GET') await G.ensureGetLeavesTheFlowAsItWas(ctx, world, ctx);
  await G.ensureLinksAreTheStatusActions(ctx, world);
  const entered = (...events: string[]): boolean => event !== undefined && events.includes(event);
  const several = world.memo.get('userKind') === 'several';
  // selectDevice where the state listed it (else the refusal is API-GEN-INVALID-ACTION-ID's check).
  const selected = entered('selectDevice') && ((world.memo.get('linksBefore') as string[] | undefined) ?? []).includes('selectDevice');
  await B.ensureStateBodyHasIdStatusAndSelf(ctx, world);
  if (event && (actions.has(event) || (event === 'poll' && world.policy.pollStyle === 'post'))) {
    if (ctx.variant.values.actionVia === 'query') await B.ensureAnswerUnderstandsTheQueryAction(ctx, world);
    else await B.ensureAnswerUnderstandsTheMediaTypeAction(ctx, world);
  }
  const authenticated = initial ? C.ensureInitialAuthenticateReadsTheMobilePayload : C.ensureAdditionalAuthenticateReadsTheMobilePayload;
  if (entered('authenticate')) await authenticated(ctx, world);
  const leaf = state.split('.').at(-1)!;
  switch (state.split('.')[0]) {
    case 'usernamePasswordRequired':
      if (event === undefined) await F.ensureFirstFactorOffersCancel(ctx, world);
      if (entered('checkUsernamePassword')) await (initial ? F.ensureInitialFlowFirstFactorPrecedesMfa : F.ensureAdditionalFlowFirstFactorPrecedesMfa)(ctx, world, false);
      return;
    case 'authenticationRequired':
      if (entered('checkUsernamePassword')) {
        await (initial ? F.ensureInitialFlowFirstFactorPrecedesMfa : F.ensureAdditionalFlowFirstFactorPrecedesMfa)(ctx, world, true);
        await (initial ? D.ensureAuthenticationRequiredWithoutDevices : D.ensureAuthenticationRequiredNamesThePrimaryDevice)(ctx, world);
      }
      return;
    case 'deviceSelectionRequired':
      if (entered('authenticate')) await D.ensureDeviceSelectionListsTheUsersDevices(ctx, world);
      if (selected) await D.ensureSelectDeviceStartsOnTheChosenDevice(ctx, world);
      return;
    case 'pushWaiting':
      if (selected) await D.ensureSelectDeviceStartsOnTheChosenDevice(ctx, world);
      if ((entered('authenticate') || selected) && world.memo.get('deviceRefSent') !== 'no-such-device') {
        if (entered('authenticate') && several) await D.ensurePrimaryDeviceUsedByDefault(ctx, world);
        if (leaf === 'waiting' || leaf === 'pushWaiting') await P.ensurePushReachesTheSelectedPhone(ctx, world, ctx);
      }
      if (entered('poll') && leaf === 'waiting') await P.ensurePollKeepsWaitingUntilAnswered(ctx, world);
      if (leaf === 'waiting' && entered('authenticate', 'selectDevice', 'poll')) await D.ensureChangeDeviceOnlyWithSeveralDevices(ctx, world);
      if (leaf === 'approved' && world.memo.get('pushRequest')) await P.ensureApprovedPushCannotBeAnsweredAgain(ctx, world, ctx);
      if (leaf === 'denied' && world.memo.get('pushRequest')) await P.ensureDeniedPushCannotBeAnsweredAgain(ctx, world, ctx);
      return;
    case 'pushRejected':
      if (entered('poll', 'PUSH.DENY')) await P.ensureRejectedPushOffersCancelOnly(ctx, world);
      return;
    case 'pushTimedOut':
      if (entered('poll', 'APPROVAL.TIMEOUT')) await P.ensureTimedOutPushOffersThePasscode(ctx, world, ctx);
      return;
    case 'otpRequired':
      if (selected) await D.ensureSelectDeviceStartsOnTheChosenDevice(ctx, world);
      if (entered('authenticate') || selected) {
        await O.ensureOtpRequiredForTheOtpDevice(ctx, world);
        await D.ensureChangeDeviceOnlyWithSeveralDevices(ctx, world);
      }
      // Probe users and flows of their own: what these observe is the target's, so once per target (checks/once.ts).
      if (entered('authenticate') && world.memo.get('userKind') === 'otp' && !world.memo.get('noTestControl') && oncePerTarget(world, 'otp-probe-users')) {
        await O.ensureOtpWindowEdges(ctx, world, ctx);
        await O.ensureSmsAndEmailDevicesAskForOtp(ctx, world, ctx);
        await M.ensureMalformedInputRefusedWithItsCode(ctx, world, ctx);
      }
      return;
    case 'mfaFailed':
      if (entered('checkOtp')) await O.ensureTooManyWrongOtpsLockTheFlow(ctx, world);
      await B.ensureMfaFailedIsADeadEnd(ctx, world);
      return;
    case 'mfaCompleted':
    case 'mobilePairingRequired':
      if (entered('checkOtp')) await O.ensureRightOtpEndsMfa(ctx, world);
      if (entered('poll', 'PUSH.APPROVE')) {
        await O.ensureApprovedPushEndsMfa(ctx, world);
        if (world.memo.get('pushRequest') && world.policy.pollStyle === 'get') await P.ensureApprovedPushCannotBeAnsweredAgain(ctx, world, ctx);
      }
      if (state === 'mfaCompleted') return C.ensureMfaCompletedOffersContinueOnly(ctx, world);
      if (entered('authenticate', 'checkOtp', 'poll', 'PUSH.APPROVE')) await (initial ? C.ensureInitialPairingRequiredCarriesServerPayload : C.ensureAdditionalPairingRequiredCarriesServerPayload)(ctx, world);
      if (entered('SDK.PAIR') && world.memo.get('sdkOutcome') !== 'error') await (initial ? C.ensureSdkPairsWithTheServerPayload : C.ensureNewInstallationPairsWithTheServerPayload)(ctx, world, ctx);
      return;
    case 'canceled':
      return B.ensureCancelEndsWithoutAuthenticating(ctx, world);
    default: {
      const status = C.idTokenStatusChecks[state];
      if (!status || !entered('continueAuthentication')) return;
      await (initial ? C.ensureInitialContinueCompletesWithACode : C.ensureAdditionalContinueCompletesWithACode)(ctx, world);
      await (initial ? C.ensureCodeRedeemsForAVerifiedIdToken : C.ensureAdditionalCodeRedeemsForAVerifiedIdToken)(ctx, world, ctx);
      const byOutcome = initial ? status.initial : status.additional;
      if (byOutcome) await byOutcome(ctx, world);
      await C.ensureStatusValueHasThePrefix(ctx, world);
    }
  }
}
