/**
 * The screen a model state expects, from the state's `meta.testId` (the models name it), and
 * the named checks every machine shares: "the app that owns this screen shows it".
 */
import type { RequirementId } from '../../models/requirements.ts';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { desktop, mobile, portal } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import { type CheckContext, defineCheck } from '../checks/check.ts';
import { ensure } from '../runner/errors.ts';

export const portalScreens = Object.values(portal.screens);
export const mobileScreens: readonly string[] = Object.values(mobile.screens);
export const desktopScreens: readonly string[] = Object.values(desktop.screens);

export type Surface = 'portal' | 'mobile' | 'desktop';

export function stateNode(machine: AnyStateMachine, path: string): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = machine.root;
  for (const part of path.split('.')) node = node?.states[part];
  return node;
}

/** The screen ID in a state's meta (the first leaf of a parallel state that names one). */
export function expectedScreen(machine: AnyStateMachine, state: string): { surface: Surface; screen: string } | undefined {
  for (const leaf of state.split(',')) {
    const testId = (stateNode(machine, leaf)?.meta as { testId?: string } | undefined)?.testId;
    if (!testId) continue;
    if ((portalScreens as readonly string[]).includes(testId)) return { surface: 'portal', screen: testId };
    if (mobileScreens.includes(testId)) return { surface: 'mobile', screen: testId };
    if (desktopScreens.includes(testId)) return { surface: 'desktop', screen: testId };
  }
  return undefined;
}

export function currentScreen(world: PathWorld, surface: Surface): string {
  if (surface === 'portal') return world.portal.snapshot().screen;
  if (surface === 'mobile') return world.mobile.snapshot().screen;
  return world.desktop.snapshot().screen;
}

/** Snapshot of a surface as evidence text. */
export function snapshotText(world: PathWorld, surface: Surface): string {
  const snap = surface === 'portal' ? world.portal.snapshot() : surface === 'mobile' ? world.mobile.snapshot() : world.desktop.snapshot();
  return JSON.stringify(snap, null, 1);
}

/** The named check shared by every state: the app that owns the expected screen shows it. */
export function ensureScreenShown(world: PathWorld, expected: { surface: Surface; screen: string }, requirements: readonly RequirementId[]): void {
  const actual = currentScreen(world, expected.surface);
  ensure(actual === expected.screen, requirements, `the ${expected.surface} shows ${actual}, the model expects ${expected.screen}`, {
    code: 'SCREEN_MISMATCH', expected: expected.screen, actual,
  });
}

/** What a screen shows: its controls' visible text (one entry per item for repeated controls). */
type Shown = Record<string, string | string[] | undefined>;
const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join(' ') : (v ?? ''));
const matches = (control: string, pattern: RegExp) => (shown: Shown): boolean => pattern.test(text(shown[control]));

/**
 * What a screen must show every time it is shown, whichever flow reaches it, with the
 * requirement each row checks. The screen ID alone proves the app is on the right screen; these
 * rows prove the documented contents are on it. Only contents that hold on every visit belong
 * here (an empty Creds tab on a new phone is right, so "a Creds item is listed" is not a row).
 */
export const screenContents: readonly { surface: Surface; screen: string; what: string; holds: (shown: Shown) => boolean; requirements: readonly RequirementId[] }[] = [
  // Seed 000 step 1: the registration window has Start; "Before you begin": add a second method.
  { surface: 'portal', screen: portal.screens.registration, what: 'a Start button', holds: matches(portal.controls.start, /^start$/i), requirements: ['MOB-PAIR-REGISTRATION-START'] },
  { surface: 'portal', screen: portal.screens.registration, what: 'the advice to add a second method', holds: matches(portal.controls.secondMethodAdvice, /more authentication method/i), requirements: ['MOB-PAIR-SECOND-METHOD'] },
  // Seed 000 step 1 result and step 7 note: the QR code, and the pairing key printed beneath it.
  { surface: 'portal', screen: portal.screens.addDevice, what: 'the QR code as a PNG image', holds: matches(portal.controls.qrImage, /^data:image\/png;base64,|\.png\b/), requirements: ['MOB-PAIR-ADD-DEVICE-QR'] },
  { surface: 'portal', screen: portal.screens.addDevice, what: 'the pairing key', holds: matches(portal.controls.pairingKey, /^[0-9A-Z][0-9A-Z -]{6,}[0-9A-Z]$/), requirements: ['MOB-PAIR-ADD-DEVICE-KEY'] },
  // Seed 002 step 2 result: Desktop Setup displays a Pairing Key.
  { surface: 'portal', screen: portal.screens.desktopSetup, what: 'the pairing key', holds: matches(portal.controls.desktopPairingKey, /^[0-9A-Z][0-9A-Z -]{6,}[0-9A-Z]$/), requirements: ['DSK-PAIR-SETUP-KEY'] },
  // Seed 000 step 2 result: the welcome screen links the terms of service and has Continue.
  { surface: 'mobile', screen: mobile.screens.welcome, what: 'a link to the terms of service', holds: matches(mobile.controls.termsLink, /terms/i), requirements: ['MOB-PAIR-WELCOME-TERMS'] },
  { surface: 'mobile', screen: mobile.screens.welcome, what: 'Continue', holds: matches(mobile.controls.welcomeContinue, /continue/i), requirements: ['MOB-PAIR-WELCOME-TERMS'] },
  // Seed 001 step 1: allow all requested permissions.
  { surface: 'mobile', screen: mobile.screens.notifications, what: 'the advice to allow all requested permissions', holds: matches(mobile.controls.permissionsAdvice, /allow all requested permissions/i), requirements: ['MOB-PAIR-ALLOW-PERMISSIONS'] },
  // Seed 003 share step 2: the details to review; each optional field has its checkbox.
  { surface: 'mobile', screen: mobile.screens.credsShare, what: 'the requested details to review', holds: (shown) => text(shown[mobile.controls.shareRequiredField]).length > 0, requirements: ['CREDS-SHARE-REVIEW'] },
  {
    surface: 'mobile', screen: mobile.screens.credsShare, what: 'a checkbox for each optional field',
    holds: (shown) => [shown[mobile.controls.shareOptionalField] ?? []].flat().length === [shown[mobile.controls.shareOptionalCheckbox] ?? []].flat().length,
    requirements: ['CREDS-SHARE-OPTIONAL-HEADING'],
  },
  // Seed 002 step 5 result: the OTP, with Copy and Refresh.
  { surface: 'desktop', screen: desktop.screens.otp, what: 'the OTP', holds: matches(desktop.controls.otpValue, /^\d{6,8}$/), requirements: ['DSK-PAIR-OTP-SHOWN'] },
  { surface: 'desktop', screen: desktop.screens.otp, what: 'Copy and Refresh', holds: (shown) => /copy/i.test(text(shown[desktop.controls.otpCopy])) && /refresh/i.test(text(shown[desktop.controls.otpRefresh])), requirements: ['DSK-PAIR-OTP-SHOWN'] },
];

/** Words to a camel-case name part: `portal-add-device` -> `PortalAddDevice`, `the QR code as a PNG image` -> `TheQrCodeAsAPngImage`. */
const sentence = (words: string): string => words.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('');

/** One named check per `screenContents` row (defined once, when this module loads, so the catalog lists them). */
export const screenContentChecks = screenContents.map((row) => ({
  row,
  check: defineCheck(`ensure${sentence(row.screen)}Shows${sentence(row.what)}`, row.requirements, (shown: Shown) => {
    ensure(row.holds(shown), [], `the ${row.surface} screen ${row.screen} does not show ${row.what}`, {
      code: 'VALUE_MISMATCH', expected: row.what, actual: JSON.stringify(shown).slice(0, 300),
    });
  }),
}));

/** Runs the check of every `screenContents` row of the screen shown; returns the requirements they passed. */
export async function ensureScreenContents(world: PathWorld, expected: { surface: Surface; screen: string }, ctx: CheckContext): Promise<readonly RequirementId[]> {
  const rows = screenContentChecks.filter(({ row }) => row.surface === expected.surface && row.screen === expected.screen);
  if (!rows.length) return [];
  const snap = expected.surface === 'portal' ? world.portal.snapshot() : expected.surface === 'mobile' ? world.mobile.snapshot() : world.desktop.snapshot();
  const shown = snap.values as Shown;
  for (const { check } of rows) await check(ctx, shown);
  return [...new Set(rows.flatMap(({ row }) => row.requirements))];
}
