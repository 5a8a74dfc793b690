/**
 * Which checks run at which creds state (seed 003), after which event: called from
 * `suites/assertions/creds.ts` after the screen check, on every visit.
 */
import type { PathWorld } from '../../port/world.ts';
import type { Step } from '../../executors/types.ts';
import * as R from './receive.ts';
import * as Sh from './share.ts';
import { ensureWalletNotifiedOfNewCreds } from './notification.ts';

const employeeCard = { name: 'Alex Example', employeeId: 'E-1001', department: 'QA', email: 'alex@example.com' };
const libraryCard = { name: 'Alex Example', cardNumber: 'L-77' };

export async function checkCredsState(world: PathWorld, state: string, ctx: Step): Promise<void> {
  const event = world.lastEvent?.type;
  const e = world.lastEvent as Record<string, unknown> | undefined;
  if (event === 'CREDS.ISSUE') {
    const issuer = R.issuerOf(e?.issuer);
    // Only a paired issuer's Creds arrive (CREDS-RECEIVE-REQUIRES-PAIRING): an unpaired one's are not the newest on the tab.
    if (world.memo.get(`paired:${issuer}`) === true) {
      world.memo.set(`issued:${issuer}`, true);
      world.memo.set('lastIssued', issuer);
    }
  }
  if (event === 'DEVICE.REPLACE') for (const issuer of Object.keys(R.typeOfIssuer)) world.memo.delete(`issued:${issuer}`);
  const issuedFrom = Object.keys(R.typeOfIssuer).filter((i) => world.memo.get(`issued:${i}`) === true && world.memo.get(`paired:${i}`) === true);
  switch (state) {
    case 'notified':
      return ensureWalletNotifiedOfNewCreds(ctx, world, R.issuerOf(e?.issuer), ctx);
    case 'home':
      if (event === 'CREDS.ISSUE') await R.ensureUnpairedIssuerDeliversNothing(ctx, world, R.issuerOf(e?.issuer), ctx);
      return;
    case 'scanIssuer':
      return R.ensureScanOpensTheCamera(ctx, world);
    case 'permissions':
      return R.ensureIssuerPairingAsksThePermissions(ctx, world);
    case 'deviceAuth':
      return R.ensureDeviceCheckAsked(ctx, world, event === 'DEVICE_AUTH.SUBMIT');
    case 'pairRefused':
      if (event === 'PERMISSIONS.DENY') return R.ensureDeclinedPermissionsExplained(ctx, world);
      if (event === 'QR.SCAN' && world.memo.get('scanned') !== 'invalid') {
        const noLock = world.memo.get('lock') === 'none';
        return R.ensurePairingRefusedWithItsCode(ctx, world, noLock ? 'CREDS_DEVICE_LOCK_REQUIRED' : 'CREDS_ALREADY_PAIRED');
      }
      return;
    case 'credsNew':
    case 'credsList': {
      if (state === 'credsNew') await R.ensureNewCredsListedAsNew(ctx, world, R.typeOfIssuer[String(world.memo.get('lastIssued'))]);
      await R.ensureCredsOnlyFromPairedIssuers(ctx, world);
      if (issuedFrom.length > 1) await R.ensureCredsFromEachPairedIssuer(ctx, world, issuedFrom);
      if (state === 'credsList' && event === 'NAV.BACK') await R.ensureNewLabelGoneOnceOpened(ctx, world, 0);
      if (state === 'credsList' && event === 'CLOCK.ADVANCE') await R.ensureNewLabelLastsItsHours(ctx, world, ctx);
      return;
    }
    case 'credDetails': {
      const first = world.mobile.snapshot().values['cred-field'];
      const issued = [first ?? []].flat().some((f) => f.startsWith('employeeId')) ? employeeCard : libraryCard;
      return R.ensureDetailsShowTheIssuedFields(ctx, world, issued);
    }
    case 'shareReview':
      if (event === 'SHARE.SCAN') await Sh.ensureShareShowsWhatTheRequesterAsks(ctx, world);
      return Sh.ensureOptionalFieldsUnderTheirHeading(ctx, world, Boolean(world.memo.get('optionalSelected')));
    case 'shared':
      await Sh.ensureShareSendsExactlyTheSelection(ctx, world, Boolean(world.memo.get('optionalSelected')), ctx);
      await Sh.ensureRequesterRefusesAMissingRequiredField(ctx, world, ctx);
      await Sh.ensureRequesterFormMakesTheRequestAsked(ctx, world, ctx);
      return Sh.ensureRequesterTakesOnlyTheIssuedSelectionOnce(ctx, world, ctx);
    case 'shareExpired':
      await Sh.ensureExpiredShareRefused(ctx, world);
      return Sh.ensureRequesterPageShowsTheRequestExpire(ctx, world, ctx);
    case 'shareNothing':
      return Sh.ensureNothingToShareExplained(ctx, world);
    case 'newDevice':
      return R.ensureNewPhoneHoldsNoCreds(ctx, world);
  }
}
