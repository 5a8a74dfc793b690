/**
 * Seed 000 steps 2-7 as the phone shows them: Continue on the welcome screen asks to enable
 * notifications; Continue shows the system prompt with Allow and Don't Allow; Allow leads to Scan
 * (Scan and Enter Pairing Key), Don't Allow keeps the notifications screen; Scan asks for the
 * camera (Allow, Don't Allow); allowed, the capture screen; denied, Scan with Enter Pairing Key.
 */
import { mobile } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows } from '../shared/shown.ts';

const M = mobile.controls;
const S = mobile.screens;

function ensurePhoneShows(world: PathWorld, screen: string, controls: [string, RegExp][], what: string): void {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, screen, what);
  for (const [control, pattern] of controls) ensureShows(snap.values, control, pattern, what);
}

export const ensureWelcomeContinueAsksForNotifications = defineCheck('ensureWelcomeContinueAsksForNotifications', ['MOB-PAIR-TERMS-CONTINUE'], (world: PathWorld) =>
  ensurePhoneShows(world, S.notifications, [[M.notificationsContinue, /continue/i]], 'after Continue on the welcome screen'));

export const ensureNotificationsScreenLeadsToThePrompt = defineCheck('ensureNotificationsScreenLeadsToThePrompt', ['MOB-PAIR-NOTIFICATIONS-PROMPT'], (world: PathWorld) => {
  const screen = world.mobile.snapshot().screen;
  if (screen === S.notifications) return ensurePhoneShows(world, S.notifications, [[M.notificationsContinue, /continue/i]], 'the enable-notifications screen');
  return ensurePhoneShows(world, S.notificationsPrompt, [[M.notificationsAllow, /allow/i], [M.notificationsDeny, /don.t allow/i]], 'the notifications prompt');
});

export const ensureAllowedNotificationsLeadToScan = defineCheck('ensureAllowedNotificationsLeadToScan', ['MOB-PAIR-NOTIFICATIONS-ALLOW'], (world: PathWorld) =>
  ensurePhoneShows(world, S.scan, [[M.scan, /scan/i]], 'after Allow'));

export const ensureDeniedNotificationsKeepTheirScreen = defineCheck('ensureDeniedNotificationsKeepTheirScreen', ['MOB-PAIR-NOTIFICATIONS-DENY'], (world: PathWorld) =>
  ensurePhoneShows(world, S.notifications, [[M.notificationsContinue, /continue/i]], "after Don't Allow"));

export const ensureScanOffersScanAndPairingKey = defineCheck('ensureScanOffersScanAndPairingKey', ['MOB-PAIR-SCAN'], (world: PathWorld) =>
  ensurePhoneShows(world, S.scan, [[M.scan, /^scan$/i], [M.enterPairingKey, /enter pairing key/i]], 'the Scan screen'));

export const ensureCameraPromptOffersAllowAndDeny = defineCheck('ensureCameraPromptOffersAllowAndDeny', ['MOB-PAIR-CAMERA-PROMPT'], (world: PathWorld) =>
  ensurePhoneShows(world, S.cameraPrompt, [[M.cameraAllow, /\S/], [M.cameraDeny, /don.t allow/i]], 'the camera prompt'));

export const ensureCameraAllowedShowsCapture = defineCheck('ensureCameraAllowedShowsCapture', ['MOB-PAIR-CAMERA-ALLOW'], (world: PathWorld) =>
  ensurePhoneShows(world, S.capture, [[M.enterPairingKey, /enter pairing key/i]], 'with the camera allowed'));

export const ensureCameraDeniedKeepsKeyEntry = defineCheck('ensureCameraDeniedKeepsKeyEntry', ['MOB-PAIR-CAMERA-DENY'], (world: PathWorld) =>
  ensurePhoneShows(world, S.scan, [[M.enterPairingKey, /enter pairing key/i]], 'with the camera denied'));

export const ensureKeyEntryOffersPair = defineCheck('ensureKeyEntryOffersPair', ['MOB-PAIR-KEY-ENTRY'], (world: PathWorld) =>
  ensurePhoneShows(world, S.enterKey, [[M.pairingKeySubmit, /\S/]], 'Enter Pairing Key'));

/** Seed 000 step 2 result: the welcome screen links the terms of service and has Continue. */
export const ensureWelcomeLinksTheTerms = defineCheck('ensureWelcomeLinksTheTerms', ['MOB-PAIR-WELCOME-TERMS'], (world: PathWorld) =>
  ensurePhoneShows(world, S.welcome, [[M.termsLink, /terms/i], [M.welcomeContinue, /continue/i]], 'the welcome screen'));

/** Seed 001 step 1: allow all requested permissions, said where the first permission is asked. */
export const ensureAllPermissionsAdvised = defineCheck('ensureAllPermissionsAdvised', ['MOB-PAIR-ALLOW-PERMISSIONS'], (world: PathWorld) =>
  ensurePhoneShows(world, S.notifications, [[M.permissionsAdvice, /allow all/i]], 'the enable-notifications screen'));
