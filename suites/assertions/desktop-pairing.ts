/** desktop-pairing states (seed 002 steps 1-5): screens, refusal codes, copy and refresh, the paired device. */
import type { RequirementId } from '../../models/requirements.ts';
import { desktopPairingMachine } from '../../models/machines/desktop-pairing.ts';
import { desktop, portal } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import type { Step } from '../executors/types.ts';
import { defineCheck } from '../checks/check.ts';
import { ensure } from '../runner/errors.ts';
import { devicesNamedByTheApi } from '../checks/shared/devices-named-by-the-api.ts';
import { ensureStateScreen, ensureValue } from './shared.ts';
import { checkDesktopPairingState } from '../checks/desktop/states.ts';

const machine = desktopPairingMachine;
const D = desktop.controls;

const refusals: Record<string, { code: string; requirements: RequirementId[] }> = {
  wrong: { code: 'PAIRING_KEY_INVALID', requirements: ['DSK-PAIR-KEY-WRONG'] },
  expired: { code: 'PAIRING_KEY_EXPIRED', requirements: ['DSK-PAIR-KEY-EXPIRED'] },
  used: { code: 'PAIRING_KEY_USED', requirements: ['DSK-PAIR-KEY-USED'] },
};

/** A refused key shows the error screen with the stable code for why (seed 002 step 3): one named check per refusal. */
const desktopKeyRefusedChecks = Object.fromEntries(Object.entries(refusals).map(([kind, refusal]) => [kind, defineCheck(`ensureDesktopAppRefusesThe${kind[0]!.toUpperCase()}${kind.slice(1)}KeyWith${refusal.code}`, refusal.requirements, (world: PathWorld) => {
  const snap = world.desktop.snapshot();
  ensure(snap.screen === desktop.screens.error, refusal.requirements, `the desktop app shows ${snap.screen} where the key must be refused`, { code: 'SCREEN_MISMATCH', expected: desktop.screens.error, actual: snap.screen });
  ensureValue(snap.values[D.errorCode], refusal.code, refusal.requirements, 'refusal code');
})]));

function ensureDesktopKeyRefusedWithCode(world: PathWorld, ctx: Step): Promise<void> {
  return desktopKeyRefusedChecks[String(world.memo.get('keyKind'))]!(ctx, world);
}

/** Copy puts the OTP shown on the clipboard (seed 002 step 5 result). */
const ensureOtpCopiedToClipboard = defineCheck('ensureOtpCopiedToClipboard', ['DSK-PAIR-OTP-COPY'], async (world: PathWorld): Promise<void> => {
  const requirements: RequirementId[] = ['DSK-PAIR-OTP-COPY'];
  const shown = String(world.desktop.snapshot().values[D.otpValue] ?? '').replace(/\s+/g, '');
  const pasted = await world.desktop.clipboard();
  ensure(shown !== '' && pasted.replace(/\s+/g, '') === shown, requirements, `clipboard holds '${pasted}', the app shows '${shown}'`, { code: 'VALUE_MISMATCH', expected: shown, actual: pasted });
});

/** Refresh shows the code of the current time step (a new one after a period). */
const ensureOtpRefreshed = defineCheck('ensureOtpRefreshed', ['DSK-PAIR-OTP-REFRESH'], (world: PathWorld): void => {
  const requirements: RequirementId[] = ['DSK-PAIR-OTP-REFRESH'];
  const shown = String(world.desktop.snapshot().values[D.otpValue] ?? '');
  ensure(shown !== '' && shown !== world.memo.get('otpBeforeRefresh'), requirements, `after a period and Refresh the OTP is still '${shown}'`, { code: 'VALUE_MISMATCH', actual: shown });
});

/**
 * My Devices lists the device already paired, marked primary, and offers Add a New Device while
 * the policy allows more than one (seed 002 "About this task").
 */
const ensureMyDevicesOffersAdd = defineCheck('ensureMyDevicesOffersAdd', ['DSK-PAIR-MY-DEVICES'], (world: PathWorld): void => {
  const requirements: RequirementId[] = ['DSK-PAIR-MY-DEVICES'];
  const { values } = world.portal.snapshot();
  const items = ([] as string[]).concat(values[portal.controls.myDevicesItem] ?? []);
  ensure(items.length === 1 && /\(primary\)/.test(items[0]!), requirements, `My Devices lists ${JSON.stringify(items)}, expected the one device already paired, marked primary`, { code: 'VALUE_MISMATCH', actual: items });
  ensure(values[portal.controls.myDevicesAdd] !== undefined, requirements, 'My Devices offers no Add a New Device though the policy allows several devices', { code: 'VALUE_MISMATCH' });
});

/** Once closed, the desktop app is a paired device of the user (seed 002 step 5 result), as the Authentication API names it. */
const ensureDesktopPairedOnTheServer = defineCheck('ensureDesktopPairedOnTheServer', ['DSK-PAIR-KEY-ENTRY'], async (world: PathWorld, ctx: Step): Promise<void> => {
  const named = await devicesNamedByTheApi(world, ctx, { listAll: true });
  ensure(named.primary !== undefined, [], `the Authentication API names no device of ${world.username} after the desktop app paired`, { code: 'NOT_PAIRED', actual: named });
  ensure(named.devices.some((d) => d.type === 'Desktop'), [], `the devices named are ${JSON.stringify(named.devices)}, none of them the desktop app`, { code: 'NOT_PAIRED', actual: named.devices });
});

/** Added from My Devices: the device already paired stays primary and the user now has several (DSK-PAIR-MY-DEVICES). */
const ensureExistingDeviceStaysPrimary = defineCheck('ensureExistingDeviceStaysPrimary', ['DSK-PAIR-MY-DEVICES'], async (world: PathWorld, existing: unknown, ctx: Step): Promise<void> => {
  const named = await devicesNamedByTheApi(world, ctx, { listAll: true });
  ensure(named.primary?.id === existing && named.several, [], `after adding the desktop app the Authentication API names primary ${JSON.stringify(named.primary)} (expected ${String(existing)}) and ${named.several ? 'offers' : 'does not offer'} a change of device`, { code: 'VALUE_MISMATCH', actual: named });
});

async function ensureDesktopPaired(world: PathWorld, ctx: Step): Promise<void> {
  await ensureDesktopPairedOnTheServer(ctx, world, ctx);
  const existing = world.memo.get('existingDeviceId');
  if (existing) await ensureExistingDeviceStaysPrimary(ctx, world, existing, ctx);
}

export async function assertDesktopPairing(world: PathWorld, state: string, ctx: Step): Promise<void> {
  await assertDesktopPairingScreen(world, state, ctx);
  // What each screen shows by value, the server's answers and the edges (suites/checks/desktop).
  await checkDesktopPairingState(world, state, ctx);
}

async function assertDesktopPairingScreen(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  if (state === 'keyRefused') return ensureDesktopKeyRefusedWithCode(world, ctx);
  if (state === 'done') return ensureDesktopPaired(world, ctx);
  await ensureStateScreen(machine, world, state, ctx);
  if (state === 'myDevices') await ensureMyDevicesOffersAdd(ctx, world);
  if (state === 'otp' && event === 'OTP.COPY') await ensureOtpCopiedToClipboard(ctx, world);
  if (state === 'otp' && event === 'OTP.REFRESH') await ensureOtpRefreshed(ctx, world);
}
