/** Seed 000 step 9: Enable Location Permissions with Continue and the advice to pick the most permissive option, then the system prompt. */
import { mobile } from '../../../models/testids.ts';
import type { PathWorld } from '../../port/world.ts';
import { defineCheck } from '../check.ts';
import { ensureScreen, ensureShows } from '../shared/shown.ts';

const M = mobile.controls;

export const ensureLocationAskedWithContinueThenPrompt = defineCheck('ensureLocationAskedWithContinueThenPrompt', ['MOB-PAIR-LOCATION-PROMPT'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  if (snap.screen === mobile.screens.location) return ensureShows(snap.values, M.locationContinue, /continue/i, 'Enable Location Permissions');
  ensureScreen(snap.screen, mobile.screens.locationPrompt, 'after Continue');
  ensureShows(snap.values, M.locationAllow, /allow/i, 'the location prompt');
  ensureShows(snap.values, M.locationDeny, /don.t allow/i, 'the location prompt');
});

export const ensureMostPermissiveLocationAdvised = defineCheck('ensureMostPermissiveLocationAdvised', ['MOB-PAIR-LOCATION-PERMISSIVE'], (world: PathWorld) => {
  const snap = world.mobile.snapshot();
  ensureScreen(snap.screen, mobile.screens.location, 'Enable Location Permissions');
  ensureShows(snap.values, M.locationAdvice, /precise/i, 'the location advice (Android: Precise)');
  ensureShows(snap.values, M.locationAdvice, /always allow/i, 'the location advice (iOS: Always Allow)');
});
