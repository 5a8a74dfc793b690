/**
 * The value properties and races as a part of `--mode property` (issue 12): each check runs
 * once against the embedded target (a reference server built for it with the run's
 * server-side deviations, on a real loopback port) and is reported as a path of one step,
 * `property-values/<check>`, passed with the requirements it credits or failed with its
 * counterexample. Which run: the plan's flows decide (PIN rules with mobile and desktop, keys
 * with mobile, OTP, the Authentication API and the races with adapter and desktop).
 * Against a --target they are not applicable: they need the embedded server's test control
 * and a second server.
 */
import { performance } from 'node:perf_hooks';
import type { Policy } from '../../models/policy.ts';
import { isRequirementId, type RequirementId } from '../../models/requirements.ts';
import type { PathResult } from '../../reports/schema.ts';
import type { CheckInfo } from '../checks/check.ts';
import { TestControl } from '../drivers/sim/control.ts';
import { type EmbeddedServer, startEmbeddedServer } from '../drivers/sim/server.ts';
import { variantOf } from '../plans/variants.ts';
import { CheckError } from '../runner/errors.ts';
import type { ResolvedRun } from '../runner/options.ts';
import { ensureOnePhoneWinsAConcurrentKeyClaim, raceChecks } from './races.ts';
import { apiValueChecks } from './values/authn-api.ts';
import { ensureAcceptedOtpIsRefusedAgain, ensureOtpLockoutCountsAcrossPortalAndApi, ensureAppPasscodesAreRfc6238, ensureOtpLockoutCountsPerUserAcrossFlows, ensureOtpWindowIsThePolicyDrift } from './values/otp.ts';
import { ensurePairingKeyHasPolicyFormat, ensurePairingKeyIsBoundToUserAndServer, ensurePairingKeyIsSingleUse, ensurePairingKeyLifetimeIsExact } from './values/pairing-keys.ts';
import { ensureMobilePinScreenFollowsTheModelRule } from './values/pin-screen.ts';
import { createSimDriver } from '../drivers/sim/driver.ts';
import { ensureDesktopPinRuleMatchesModelOnEveryPin, ensureMobilePinRuleMatchesModelOnEveryPin, pinReadings } from './values/pin-rules.ts';

interface Servers {
  main: { base: string; control: TestControl; policy: Policy };
  other: { base: string; control: TestControl };
}

interface ValueProperty {
  check: CheckInfo;
  plans: readonly string[];
  run(cite: (ids: readonly RequirementId[]) => void, servers: Servers, seed: number, runs: number, run: ResolvedRun): Promise<void>;
}

const few = (runs: number): number => Math.max(3, Math.min(runs, 20));

const valueProperties: ValueProperty[] = [
  { check: ensureMobilePinRuleMatchesModelOnEveryPin, plans: ['mobile'], run: async (cite) => { for (const r of pinReadings) await ensureMobilePinRuleMatchesModelOnEveryPin({ cite }, r); } },
  { check: ensureDesktopPinRuleMatchesModelOnEveryPin, plans: ['desktop'], run: async (cite) => { for (const r of pinReadings) await ensureDesktopPinRuleMatchesModelOnEveryPin({ cite }, r); } },
  ...[ensurePairingKeyHasPolicyFormat, ensurePairingKeyIsSingleUse, ensurePairingKeyIsBoundToUserAndServer, ensurePairingKeyLifetimeIsExact].map((check): ValueProperty => ({
    check, plans: ['mobile'], run: (cite, s, seed, runs) => check({ cite }, s.main, { seed, runs: few(runs), other: s.other }),
  })),
  {
    check: ensureMobilePinScreenFollowsTheModelRule, plans: ['mobile'],
    run: async (cite, _s, seed, runs, run) => {
      const driver = createSimDriver({ ...run, driver: 'sim' });
      try {
        for (const values of [{ pin: '4' }, { pin: '6', pin6Distinct: '3' }, { pin: '6', pin6Distinct: '4' }] as Record<string, string>[]) {
          await ensureMobilePinScreenFollowsTheModelRule({ cite }, driver, run, variantOf({ ...values, location: 'optional', biometrics: 'optional' }), { seed, runs: Math.min(few(runs), 8) });
        }
      } finally {
        await driver.close();
      }
    },
  },
  { check: ensureAppPasscodesAreRfc6238, plans: ['mobile', 'desktop'], run: (cite) => ensureAppPasscodesAreRfc6238({ cite }) },
  ...[ensureOtpWindowIsThePolicyDrift, ensureAcceptedOtpIsRefusedAgain, ensureOtpLockoutCountsPerUserAcrossFlows, ensureOtpLockoutCountsAcrossPortalAndApi].map((check): ValueProperty => ({
    check, plans: ['adapter', 'desktop'], run: (cite, s, seed, runs) => check({ cite }, s.main, { seed, runs: few(runs), policy: s.main.policy }),
  })),
  ...apiValueChecks.map((check): ValueProperty => ({ check, plans: ['adapter'], run: (cite, s, seed, runs) => check({ cite }, s.main, { seed, runs: few(runs) }) })),
  { check: ensureOnePhoneWinsAConcurrentKeyClaim, plans: ['mobile'], run: (cite, s, seed, runs) => ensureOnePhoneWinsAConcurrentKeyClaim({ cite }, s.main, { seed, runs: few(runs) }) },
  ...raceChecks.map((check): ValueProperty => ({ check, plans: ['adapter'], run: (cite, s, seed, runs) => check({ cite }, s.main, { seed, runs: few(runs) }) })),
];

const requirementIds = (ids: Iterable<string>): RequirementId[] => [...new Set(ids)].filter(isRequirementId);

/** The value properties of the run's plan, each as a one-step path. */
export async function runValueProperties(run: ResolvedRun, onPath?: (p: PathResult) => void): Promise<PathResult[]> {
  const selected = valueProperties.filter((v) => run.plan === 'all' || v.plans.includes(run.plan));
  if (run.path !== undefined && !run.path.startsWith('property-values/')) return [];
  const wanted = run.path === undefined ? selected : selected.filter((v) => `property-values/${v.check.name}` === run.path);
  const paths: PathResult[] = [];
  const embedded: EmbeddedServer[] = [];
  try {
    let servers: Servers | undefined;
    for (const value of wanted) {
      const id = `property-values/${value.check.name}`;
      const base = { id, machine: 'property-values', variant: {}, description: `value property ${value.check.name} (fast-check, seed ${run.seed})`, repro: `npx authconf run --mode property --plan ${run.plan} --driver ${run.driver} --seed ${run.seed} --runs ${run.runs}${run.deviations.map((d) => ` --deviate ${d}`).join('')} --path ${id}`, transitions: [] };
      if (run.target) {
        paths.push({ ...base, status: 'not-applicable', reason: 'value properties run against the embedded reference server (test control, a second server)', steps: [] });
        continue;
      }
      if (!servers) {
        const { policy } = variantOf({});
        const [main, other] = [await startEmbeddedServer(policy, run.seed, run.deviations), await startEmbeddedServer(policy, run.seed + 1, [])];
        embedded.push(main, other);
        servers = { main: { base: main.base, control: new TestControl(main.base), policy }, other: { base: other.base, control: new TestControl(other.base) } };
      }
      const cited = new Set<string>();
      const started = performance.now();
      let path: PathResult;
      try {
        await value.run((ids) => ids.forEach((i) => cited.add(i)), servers, run.seed, run.runs, run);
        const credited = requirementIds(cited);
        path = { ...base, status: 'passed', steps: [{ event: 'property', state: value.check.name, requirements: credited, checks: [{ name: value.check.name, requirements: credited, status: 'passed' }], status: 'passed', durationMs: Math.round(performance.now() - started) }] };
      } catch (error) {
        const check = error instanceof CheckError ? error : undefined;
        const message = error instanceof Error ? error.message : String(error);
        const durationMs = Math.round(performance.now() - started);
        if (!check) {
          // Not a failed check: an error of the run (recorded, never a verdict either way).
          path = {
            ...base, status: 'error', reason: message,
            error: { phase: 'step', step: 0, message, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) },
            steps: [{ event: 'property', state: value.check.name, requirements: requirementIds(value.check.requirements), checks: [], status: 'error', durationMs }],
          };
        } else {
          const charged = requirementIds(check.requirements.length ? check.requirements : value.check.requirements);
          path = {
            ...base, status: 'failed', reason: message,
            steps: [{
              event: 'property', state: value.check.name, requirements: charged, checks: [{ name: check.check ?? value.check.name, requirements: charged, status: 'failed' }], status: 'failed', durationMs,
              error: { ...(check.code ? { code: check.code } : {}), message, ...('expected' in check ? { expected: check.expected } : {}), ...('actual' in check ? { actual: check.actual } : {}) },
            }],
          };
        }
      }
      paths.push(path);
      onPath?.(path);
    }
  } finally {
    await Promise.all(embedded.map((s) => s.close()));
  }
  return paths;
}
