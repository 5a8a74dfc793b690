/** desktop-signon states (seed 002 step 6): the portal's Authentication field, its refusals, lock-out and success. */
import type { RequirementId } from '../../models/requirements.ts';
import { desktopSignonMachine } from '../../models/machines/desktop-signon.ts';
import { portal } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import { currentPasscode } from '../executors/passcode.ts';
import { portalScreen } from '../executors/portal.ts';
import type { Step } from '../executors/types.ts';
import { defineCheck } from '../checks/check.ts';
import { ensure } from '../runner/errors.ts';
import { ensureStateScreen, ensureValue } from './shared.ts';
import { checkDesktopSignonState } from '../checks/desktop/states.ts';

const machine = desktopSignonMachine;

const refusalCodes: Record<string, { code: string; requirements: RequirementId[] }> = {
  wrong: { code: 'OTP_INVALID', requirements: ['DSK-SIGN-OTP-WRONG'] },
  expired: { code: 'OTP_INVALID', requirements: ['DSK-SIGN-OTP-EXPIRED'] },
  replayed: { code: 'OTP_REPLAYED', requirements: ['DSK-SIGN-OTP-SINGLE-USE'] },
};

/** A refused OTP keeps the Authentication field and shows why, with a stable code (seed 002 step 6.4): one named check per refusal. */
const otpRefusedChecks = Object.fromEntries(Object.entries({ ...refusalCodes, other: { code: 'OTP_', requirements: ['DSK-SIGN-OTP-WRONG'] as RequirementId[] } }).map(([kind, refusal]) => [kind, defineCheck(`ensurePortalRefusesThe${kind[0]!.toUpperCase()}${kind.slice(1)}OtpWith${refusal.code}`, refusal.requirements, (world: PathWorld) => {
  ensure(portalScreen(world) === portal.screens.otp, refusal.requirements, `after a ${kind} OTP the portal shows ${portalScreen(world)}`, { code: 'SCREEN_MISMATCH', expected: portal.screens.otp, actual: portalScreen(world) });
  ensureValue(world.portal.snapshot().values[portal.controls.otpError], refusal.code, refusal.requirements, 'OTP refusal');
})]));

function ensureOtpRefusedWithCode(world: PathWorld, ctx: Step): Promise<void> {
  return (otpRefusedChecks[String(world.memo.get('pastedKind'))] ?? otpRefusedChecks['other']!)(ctx, world);
}

/** Copy puts the shown OTP on the clipboard (seed 002 step 6.2). */
const ensureClipboardHoldsOtp = defineCheck('ensureClipboardHoldsOtp', ['DSK-SIGN-COPY'], async (world: PathWorld): Promise<void> => {
  const requirements: RequirementId[] = ['DSK-SIGN-COPY'];
  const shown = String(world.desktop.snapshot().values['desktop-otp-value'] ?? '').replace(/\s+/g, '');
  const pasted = await world.desktop.clipboard();
  ensure(shown !== '' && pasted.replace(/\s+/g, '') === shown, requirements, `clipboard '${pasted}' differs from the OTP shown '${shown}'`, { code: 'VALUE_MISMATCH' });
});

/**
 * After the last wrong OTP sign-on is locked (OTP_LOCKED): even the current OTP is refused now.
 * The model ends on the failure page; a portal may keep the field with the lock error instead:
 * the rule is the lock, the page taken is attached as evidence.
 */
const ensureSignOnLockedAfterWrongOtps = defineCheck('ensureSignOnLockedAfterWrongOtps', ['DSK-SIGN-OTP-LOCKED'], async (world: PathWorld, ctx: Step): Promise<void> => {
  const requirements: RequirementId[] = ['DSK-SIGN-OTP-LOCKED'];
  const snap = world.portal.snapshot();
  const shown = String(snap.values[portal.controls.otpError] ?? snap.values[portal.controls.failureReason] ?? '');
  ctx.attach({ name: 'lock-out page', contentType: 'text/plain', body: `${snap.screen}: ${shown}` });
  ensure(shown.includes('OTP_LOCKED'), requirements, `after ${world.policy.otp.maxAttempts} wrong OTPs the portal shows ${snap.screen} '${shown}', not OTP_LOCKED`, { code: 'NOT_LOCKED', expected: 'OTP_LOCKED', actual: shown });
  if (snap.screen === portal.screens.otp) {
    await world.portal.submit(portal.controls.otpSignOn, { [portal.controls.otpField]: currentPasscode(world, 'desktop') });
    ensure(portalScreen(world) !== portal.screens.success, requirements, 'a locked sign-on accepted the current OTP', { code: 'NOT_LOCKED' });
  }
});

export async function assertDesktopSignon(world: PathWorld, state: string, ctx: Step): Promise<void> {
  await assertDesktopSignonScreen(world, state, ctx);
  // What each screen shows by value, the server's answers and the edges (suites/checks/desktop).
  await checkDesktopSignonState(world, state, ctx);
}

async function assertDesktopSignonScreen(world: PathWorld, state: string, ctx: Step): Promise<void> {
  if (state === 'otpRefused') return ensureOtpRefusedWithCode(world, ctx);
  if (state === 'locked') return ensureSignOnLockedAfterWrongOtps(ctx, world, ctx);
  await ensureStateScreen(machine, world, state, ctx);
  if (state === 'otpCopied') await ensureClipboardHoldsOtp(ctx, world);
}
