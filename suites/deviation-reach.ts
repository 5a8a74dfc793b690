/**
 * Where each named deviation (models/deviations.ts) shows: the narrowest plan, machine and one
 * fully pinned policy variant that reach the requirement it breaks. Path mode
 * (suites/deviations.test.ts) and property mode (suites/property/detection.test.ts) both prove
 * each deviation caught from this one table; `Record<DeviationName, Reach>` makes a new deviation
 * without a reach fail to compile.
 */
import type { DeviationName } from '../models/deviations.ts';

export interface Reach {
  plan: string;
  machine: string;
  variants: string[];
  driver?: string;
}

const mobilePairing: Reach = { plan: 'mobile', machine: 'mobile-pairing', variants: ['pin=6', 'pin6Distinct=4', 'location=required', 'biometrics=optional', 'keyFormat=numeric', 'keyLifetime=10m'] };
const adapterAdditional: Reach = { plan: 'adapter', machine: 'adapter-additional-device', variants: ['devices=several', 'selection=prompt', 'statusAttribute=pingone.mfa.status', 'poll=post', 'actionVia=content-type'] };
const adapterInitial: Reach = { plan: 'adapter', machine: 'adapter-initial-pairing', variants: ['devices=one', 'statusAttribute=pingone.mfa.status', 'poll=post', 'actionVia=content-type'] };
const mobileAuthentication: Reach = { plan: 'mobile', machine: 'mobile-authentication', variants: ['pin=off', 'biometrics=optional'] };
const desktopSignon: Reach = { plan: 'desktop', machine: 'desktop-signon', variants: [] };
const creds: Reach = { plan: 'creds', machine: 'creds', variants: [] };

export const deviationReach: Record<DeviationName, Reach> = {
  'accept-expired-pairing-key': mobilePairing,
  'accept-reused-pairing-key': mobilePairing,
  'skip-location-requirement': mobilePairing,
  'accept-sequential-pin': mobilePairing,
  'complete-after-rejected-push': adapterAdditional,
  'link-then-refuse': adapterAdditional,
  'no-attempts-remaining': adapterAdditional,
  'get-advances-flow': adapterAdditional,
  'paired-after-pairing-error': adapterInitial,
  'accept-replayed-otp': desktopSignon,
  'desktop-accept-pin-mismatch': { plan: 'desktop', machine: 'desktop-pairing', variants: ['pin=4', 'keyFormat=numeric', 'keyLifetime=10m'] },
  'verifier-accepts-missing-required': creds,
  'share-unselected-optional': creds,
  'new-label-never-expires': creds,
  // Issue 9: security holes, each caught by a check in suites/checks/security/ (probes.ts says where it runs).
  'register-without-mfa': desktopSignon,
  'otp-lockout-per-flow': adapterAdditional,
  'earlier-pairing-keys-live': mobilePairing,
  'reusable-authorization-code': adapterInitial,
  'accept-short-pkce-challenge': adapterInitial,
  'id-token-status-web-login-mobile': adapterInitial,
  'offer-for-any-username': creds,
  // Issue 10 item 4: web builds a person cannot use, each caught by a check reading the screen.
  'request-hides-passcode': mobileAuthentication,
  'request-without-origin': mobileAuthentication,
  'unstated-pin-rule': mobilePairing,
  'desktop-unstated-pin-rule': { plan: 'desktop', machine: 'desktop-pairing', variants: ['pin=4', 'keyFormat=numeric', 'keyLifetime=10m'] },
  'desktop-server-error-text': { plan: 'desktop', machine: 'desktop-pairing', variants: ['pin=off', 'keyFormat=numeric', 'keyLifetime=10m'] },
};
