/**
 * Detection: a conformance harness is only as good as the faults it catches. For each named
 * deviation (models/deviations.ts), run the engine in-process on the narrowest plan, machine
 * and variant that reaches it, and assert the run fails (exit code 1) with the requirement the
 * deviation breaks reported failed.
 */
import { describe, expect, it } from 'vitest';
import { deviations, type DeviationName } from '../models/deviations.ts';
import { flowMachines } from '../models/machines/index.ts';
import { exitCodeOf, runPlan } from './runner/engine.ts';

interface Reach {
  plan: string;
  machine: string;
  variants: string[];
  driver?: string;
}

const mobilePairing: Reach = { plan: 'mobile', machine: 'mobile-pairing', variants: ['pin=6', 'pin6Distinct=4', 'location=required', 'keyFormat=numeric', 'keyLifetime=10m'] };
const adapterAdditional: Reach = { plan: 'adapter', machine: 'adapter-additional-device', variants: ['devices=several', 'selection=prompt', 'statusAttribute=pingone.mfa.status', 'poll=post'] };
const adapterInitial: Reach = { plan: 'adapter', machine: 'adapter-initial-pairing', variants: ['devices=one', 'statusAttribute=pingone.mfa.status', 'poll=post'] };

/** Where each deviation shows: the narrowest plan, machine and variant that reach it. Every deviation has one. */
const reach: Record<DeviationName, Reach> = {
  'accept-expired-pairing-key': mobilePairing,
  'accept-reused-pairing-key': mobilePairing,
  'skip-location-requirement': mobilePairing,
  'accept-sequential-pin': mobilePairing,
  'complete-after-rejected-push': adapterAdditional,
  'link-then-refuse': adapterAdditional,
  'no-attempts-remaining': adapterAdditional,
  'get-advances-flow': adapterAdditional,
  'paired-after-pairing-error': adapterInitial,
  'accept-replayed-otp': { plan: 'desktop', machine: 'desktop-signon', variants: [] },
  'desktop-accept-pin-mismatch': { plan: 'desktop', machine: 'desktop-pairing', variants: ['pin=4', 'keyFormat=numeric', 'keyLifetime=10m'] },
  'verifier-accepts-missing-required': { plan: 'creds', machine: 'creds', variants: [] },
  'share-unselected-optional': { plan: 'creds', machine: 'creds', variants: [] },
  'new-label-never-expires': { plan: 'creds', machine: 'creds', variants: [] },
  // Issue 9: security holes, each caught by a check in suites/checks/security/ (probes.ts says where it runs).
  'register-without-mfa': { plan: 'desktop', machine: 'desktop-signon', variants: [] },
  'otp-lockout-per-flow': adapterAdditional,
  'earlier-pairing-keys-live': mobilePairing,
  'reusable-authorization-code': adapterInitial,
  'accept-short-pkce-challenge': adapterInitial,
  'id-token-status-web-login-mobile': adapterInitial,
  'offer-for-any-username': { plan: 'creds', machine: 'creds', variants: [] },
};

describe('every deviation is caught on the requirement it breaks', () => {
  for (const [name, where] of Object.entries(reach) as [DeviationName, Reach][]) {
    const breaks = deviations[name].breaks;
    it(`${name} fails ${breaks}`, async () => {
      const machines = flowMachines.filter((m) => m.id === where.machine).map((m) => ({ ...m }));
      const result = await runPlan({ plan: where.plan, machines, variants: where.variants, deviations: [name], out: null, ...(where.driver ? { driver: where.driver } : {}) });
      expect(exitCodeOf(result)).toBe(1);
      const verdict = result.requirements.find((r) => r.id === breaks);
      expect(verdict?.status, `${breaks}: ${verdict?.reason ?? 'not in the result'}`).toBe('failed');
    });
  }
});
