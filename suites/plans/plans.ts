/**
 * Plans: named sets of flow machines, and which policy variant keys each machine branches on.
 * Machines are matched by id prefix, so a plan follows the models' registry as it grows.
 */
import { UsageError } from '../../models/error-codes.ts';
import type { OutOfScope } from '../../reports/summarize.ts';
import type { ModelEntry } from '../paths/types.ts';
import type { VariantKeyName } from './variants.ts';

export const planNames = ['mobile', 'desktop', 'creds', 'adapter', 'all'] as const;
export type PlanName = (typeof planNames)[number];

/** Plan -> machine id prefixes (seed 000/001 mobile, 002 desktop, 003 Creds, 004 adapter). */
const planPrefixes: Record<Exclude<PlanName, 'all'>, string[]> = {
  mobile: ['mobile-'],
  desktop: ['desktop-'],
  creds: ['creds'],
  adapter: ['adapter'],
};

/** Machine id prefix -> the variant keys its flow branches on (longest prefix wins). */
const relevantKeys: [prefix: string, keys: VariantKeyName[]][] = [
  ['mobile-pairing', ['pin', 'pin6Distinct', 'location', 'biometrics', 'keyFormat', 'keyLifetime']],
  ['mobile-auth', ['pin', 'devices', 'selection', 'push']],
  ['desktop-pairing', ['pin', 'pin6Distinct', 'keyFormat', 'keyLifetime', 'devices']],
  ['desktop-sign', []],
  ['creds', []],
  ['adapter', ['statusAttribute', 'poll', 'devices', 'selection', 'actionVia']],
];

export function variantKeysOf(machineId: string): VariantKeyName[] {
  const match = relevantKeys.filter(([prefix]) => machineId.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  return match ? match[1] : [];
}

export function isPlanName(name: string): name is PlanName {
  return (planNames as readonly string[]).includes(name);
}

/**
 * Requirements a plan declares out of its scope, each with the reason (the report lists them;
 * they never count towards the verdict). Declaring one is a claim a reviewer reads: use it only
 * for rules the plan's flows cite but cannot observe by design, never to hide a missing check.
 */
const planOutOfScope: Partial<Record<PlanName, OutOfScope>> = {};

export function outOfScopeOf(plan: string): OutOfScope {
  return isPlanName(plan) ? (planOutOfScope[plan] ?? {}) : {};
}

export function machinesOf(plan: string, registry: readonly ModelEntry[]): ModelEntry[] {
  if (!isPlanName(plan)) throw new UsageError(`unknown plan '${plan}'. Plans: ${planNames.join(', ')}`, 'UNKNOWN_PLAN');
  if (plan === 'all') return [...registry];
  return registry.filter((m) => planPrefixes[plan].some((p) => m.id.startsWith(p)));
}
