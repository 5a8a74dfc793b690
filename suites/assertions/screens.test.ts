import { describe, expect, it } from 'vitest';
import { desktop, mobile, portal } from '../../models/testids.ts';
import type { PathWorld } from '../port/world.ts';
import { CheckError } from '../runner/errors.ts';
import { ensureScreenContents } from './screens.ts';

/** A world whose apps show exactly `values` on `screen` (only what ensureScreenContents reads). */
function showing(screen: string, values: Record<string, string | string[]>): PathWorld {
  const snap = () => ({ screen, values });
  return { portal: { snapshot: snap }, mobile: { snapshot: snap }, desktop: { snapshot: snap } } as unknown as PathWorld;
}

const cited: { ids: readonly string[]; check?: string }[] = [];
const ctx = { cite: (ids: readonly string[], check?: string) => cited.push({ ids, ...(check ? { check } : {}) }) };

async function failureOf(run: () => Promise<unknown>): Promise<CheckError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CheckError) return error;
    throw error;
  }
  throw new Error('expected a CheckError');
}

describe('screenContents: what a screen must show on every visit', () => {
  it('passes the welcome screen with the terms link and Continue, crediting MOB-PAIR-WELCOME-TERMS to each named row check', async () => {
    const world = showing(mobile.screens.welcome, { [mobile.controls.termsLink]: 'Terms of Service', [mobile.controls.welcomeContinue]: 'Continue' });
    cited.length = 0;
    expect(await ensureScreenContents(world, { surface: 'mobile', screen: mobile.screens.welcome }, ctx)).toEqual(['MOB-PAIR-WELCOME-TERMS']);
    expect(cited).toEqual([
      { ids: ['MOB-PAIR-WELCOME-TERMS'], check: 'ensureMobileWelcomeShowsALinkToTheTermsOfService' },
      { ids: ['MOB-PAIR-WELCOME-TERMS'], check: 'ensureMobileWelcomeShowsContinue' },
    ]);
  });

  it('fails a welcome screen without the terms link, on MOB-PAIR-WELCOME-TERMS', async () => {
    const world = showing(mobile.screens.welcome, { [mobile.controls.welcomeContinue]: 'Continue' });
    const failure = await failureOf(() => ensureScreenContents(world, { surface: 'mobile', screen: mobile.screens.welcome }, ctx));
    expect(failure.check).toBe('ensureMobileWelcomeShowsALinkToTheTermsOfService');
    expect(failure.requirements).toEqual(['MOB-PAIR-WELCOME-TERMS']);
    expect(failure.message).toMatch(/terms of service/);
  });

  it('fails Add a New Device without a pairing key beneath the QR code, on MOB-PAIR-ADD-DEVICE-KEY', async () => {
    const world = showing(portal.screens.addDevice, { [portal.controls.qrImage]: 'data:image/png;base64,iVBORw0KGgo=' });
    expect((await failureOf(() => ensureScreenContents(world, { surface: 'portal', screen: portal.screens.addDevice }, ctx))).requirements).toEqual(['MOB-PAIR-ADD-DEVICE-KEY']);
  });

  it('fails a share review whose optional field has no checkbox, on CREDS-SHARE-OPTIONAL-HEADING', async () => {
    const world = showing(mobile.screens.credsShare, {
      [mobile.controls.shareRequiredField]: ['name: Alex'],
      [mobile.controls.shareOptionalField]: ['department: QA', 'email: a@example.com'],
      [mobile.controls.shareOptionalCheckbox]: ['unchecked'],
    });
    expect((await failureOf(() => ensureScreenContents(world, { surface: 'mobile', screen: mobile.screens.credsShare }, ctx))).requirements).toEqual(['CREDS-SHARE-OPTIONAL-HEADING']);
  });

  it('fails a desktop OTP screen whose OTP is not digits, on DSK-PAIR-OTP-SHOWN', async () => {
    const world = showing(desktop.screens.otp, { [desktop.controls.otpValue]: '------', [desktop.controls.otpCopy]: 'Copy', [desktop.controls.otpRefresh]: 'Refresh' });
    expect((await failureOf(() => ensureScreenContents(world, { surface: 'desktop', screen: desktop.screens.otp }, ctx))).requirements).toEqual(['DSK-PAIR-OTP-SHOWN']);
  });

  it('has nothing to say about a screen without rows', async () => {
    expect(await ensureScreenContents(showing(mobile.screens.scan, {}), { surface: 'mobile', screen: mobile.screens.scan }, ctx)).toEqual([]);
  });
});
