/**
 * Policy variants: every point where the documents disagree (both readings), the
 * administrator choices the flows branch on, and client choices a server must accept both ways
 * (actionVia). A plan runs a small matrix per machine (every
 * value at least once, then the most new value pairs, `MATRIX_ROWS` rows at most);
 * `--variant KEY=VALUE` (repeatable) narrows a key to the values given.
 */
import { isDeepStrictEqual } from 'node:util';
import { UsageError } from '../../models/error-codes.ts';
import { defaultPolicy, type Policy, type PolicyParameters, resolvePolicy } from '../../models/policy.ts';
import type { Variant } from '../../models/driver.ts';
import { didYouMean } from '../runner/suggest.ts';

interface VariantKey {
  /** Requirement (POLICY) whose readings the values select, when the key is a disagreement. */
  policyRequirement?: string;
  values: Record<string, PolicyParameters>;
  /** When the value matters only with another key's value (pin6Distinct only with pin=6). */
  onlyWith?: { key: string; value: string };
}

export const variantKeys = {
  pin: { policyRequirement: 'POL-PIN-LENGTH', values: { off: { pin: { length: 0 } }, '4': { pin: { length: 4 } }, '6': { pin: { length: 6 } } } },
  pin6Distinct: {
    policyRequirement: 'POL-PIN-DISTINCT-DIGITS-6',
    values: { '3': { pin: { distinctDigits6: 3 } }, '4': { pin: { distinctDigits6: 4 } } },
    onlyWith: { key: 'pin', value: '6' },
  },
  biometrics: { policyRequirement: 'POL-BIOMETRICS-REQUIRED', values: { required: { biometricsRequired: true }, optional: { biometricsRequired: false } } },
  location: { policyRequirement: 'POL-LOCATION-REQUIRED', values: { required: { locationRequired: true }, optional: { locationRequired: false } } },
  keyFormat: { policyRequirement: 'POL-PAIRING-KEY-FORMAT', values: { numeric: { pairingKey: { format: 'numeric' } }, alphanumeric: { pairingKey: { format: 'alphanumeric' } } } },
  keyLifetime: { policyRequirement: 'POL-PAIRING-KEY-LIFETIME', values: { '10m': { pairingKey: { ttlSeconds: 600 } }, '48h': { pairingKey: { ttlSeconds: 48 * 3600 } } } },
  devices: { policyRequirement: 'POL-MAX-DEVICES', values: { one: { devices: { max: 1 } }, several: { devices: { max: 5 } } } },
  selection: {
    policyRequirement: 'POL-DEVICE-SELECTION',
    values: { primary: { devices: { selection: 'primary' } }, prompt: { devices: { selection: 'prompt' } } },
    onlyWith: { key: 'devices', value: 'several' },
  },
  statusAttribute: {
    policyRequirement: 'POL-STATUS-ATTRIBUTE',
    values: { 'pingone.mfa.status': { statusAttribute: 'pingone.mfa.status' }, 'com.pingidentity.pingone.status': { statusAttribute: 'com.pingidentity.pingone.status' } },
  },
  poll: { policyRequirement: 'POL-POLL-STYLE', values: { post: { pollStyle: 'post' }, get: { pollStyle: 'get' } } },
  /**
   * Push Total Timeout (protocol facts §4: default 40 s, set by the administrator). `long` (3 min)
   * outlasts the PIN block (2 min): only then can the block lift while the request still waits
   * (mobile-authentication pinBlocked -> pinEntry). Meaningful only with a PIN set.
   */
  push: {
    policyRequirement: 'POL-PUSH-WINDOW',
    values: { default: { push: { totalTimeoutSeconds: 40 } }, long: { push: { totalTimeoutSeconds: 180 } } },
    onlyWith: { key: 'pin', value: '4' },
  },
  /**
   * How the API client names an Authentication API action (protocol facts §1; not a policy: the
   * server must accept both, so no policy parameter changes): `content-type` by the vendor media
   * type `application/vnd.pingidentity.<action>+json` (API-GEN-ACTION-MEDIA-TYPE), `query` by
   * `?action=<action>` with `Content-Type: application/json` (API-GEN-ACTION-QUERY). Adapter plans only.
   */
  actionVia: { values: { 'content-type': {}, query: {} } },
} as const satisfies Record<string, VariantKey>;

export type VariantKeyName = keyof typeof variantKeys;
export const variantKeyNames = Object.keys(variantKeys) as VariantKeyName[];

/** Key -> allowed values (all of them unless narrowed). */
export type VariantDomain = Partial<Record<VariantKeyName, string[]>>;

/** How many combinations a machine runs by default (each value still appears at least once). */
export const MATRIX_ROWS = 4;

function valuesOf(key: VariantKeyName): string[] {
  return Object.keys(variantKeys[key].values);
}

export function validVariantsText(): string {
  return variantKeyNames.map((k) => `${k}=${valuesOf(k).join('|')}`).join(', ');
}

/** Parses repeated `KEY=VALUE` into a domain; unknown key or value is a usage error (UNKNOWN_VARIANT). */
export function parseVariantArgs(args: readonly string[]): VariantDomain {
  const domain: VariantDomain = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = arg.slice(0, eq) as VariantKeyName;
    const value = arg.slice(eq + 1);
    if (eq < 1 || !Object.hasOwn(variantKeys, key)) {
      const near = didYouMean(eq < 1 ? arg : arg.slice(0, eq), variantKeyNames);
      throw new UsageError(`unknown variant '${arg}'.${near} Valid: ${validVariantsText()}`, 'UNKNOWN_VARIANT');
    }
    if (!valuesOf(key).includes(value)) {
      throw new UsageError(`unknown value '${value}' for variant ${key}.${didYouMean(value, valuesOf(key))} Valid: ${key}=${valuesOf(key).join('|')}`, 'UNKNOWN_VARIANT');
    }
    domain[key] = [...new Set([...(domain[key] ?? []), value])];
  }
  return domain;
}

/**
 * A real target runs one policy: the harness cannot rebuild it per variant as it does the
 * embedded server. So every key that configures the server is pinned to one value: the one the
 * user names with `--variant` (their server's configuration), else the reading of the reference
 * server's defaults (`defaultPolicy`). Keys that configure only the client (`actionVia`) stay free.
 */
export function pinForTarget(domain: VariantDomain): VariantDomain {
  const pinned: VariantDomain = { ...domain };
  for (const key of variantKeyNames) {
    const values = variantKeys[key].values as Record<string, PolicyParameters>;
    if (Object.values(values).every((parameters) => Object.keys(parameters).length === 0)) continue;
    const given = domain[key];
    if (given && given.length > 1) {
      throw new UsageError(
        `a real target runs one policy: give one value for '${key}' (the one your server is configured with), not ${given.join(' and ')}`,
        'USAGE',
      );
    }
    if (given) continue;
    const reading = Object.keys(values).find((value) => isDeepStrictEqual(policyOf({ [key]: value }), defaultPolicy));
    if (reading) pinned[key] = [reading];
  }
  return pinned;
}

/** The resolved policy of a set of variant values (keys left out keep `defaultPolicy`). */
export function policyOf(values: Record<string, string>): Policy {
  const merged: PolicyParameters = {};
  for (const [key, value] of Object.entries(values)) {
    const parameters = (variantKeys[key as VariantKeyName].values as Record<string, PolicyParameters>)[value];
    if (!parameters) continue;
    for (const [field, v] of Object.entries(parameters)) {
      const current = (merged as Record<string, unknown>)[field];
      (merged as Record<string, unknown>)[field] = typeof v === 'object' && v !== null ? { ...(current as object), ...v } : v;
    }
  }
  return resolvePolicy(merged);
}

export function variantOf(values: Record<string, string>): Variant {
  return { values, policy: policyOf(values) };
}

/** `pin=6,location=required`, in key order; `default` when empty. */
export function variantId(values: Record<string, string>): string {
  const parts = variantKeyNames.filter((k) => values[k] !== undefined).map((k) => `${k}=${values[k]}`);
  return parts.length ? parts.join(',') : 'default';
}

/** The value/pair facts a row covers; dependent values count only with their condition. */
function factsOf(row: Record<string, string>): string[] {
  const meaningful = Object.entries(row).filter(([k]) => {
    const only = (variantKeys[k as VariantKeyName] as VariantKey).onlyWith;
    return !only || row[only.key] === only.value;
  });
  const singles = meaningful.map(([k, v]) => `${k}=${v}`);
  const pairs = singles.flatMap((a, i) => singles.slice(i + 1).map((b) => `${a}&${b}`));
  return [...singles, ...pairs];
}

export function cartesian(keys: readonly VariantKeyName[], domain: VariantDomain): Record<string, string>[] {
  return keys.reduce<Record<string, string>[]>(
    (rows, key) => rows.flatMap((row) => (domain[key] ?? valuesOf(key)).map((v) => ({ ...row, [key]: v }))),
    [{}],
  );
}

/**
 * The matrix for a machine that branches on `keys`: greedily pick the combination that covers
 * the most uncovered single values (then pairs), until every value is covered and `maxRows` is
 * reached or nothing new is gained. Deterministic.
 */
export function variantMatrix(keys: readonly VariantKeyName[], domain: VariantDomain = {}, maxRows = MATRIX_ROWS): Record<string, string>[] {
  const relevant = keys.filter((k) => Object.hasOwn(variantKeys, k));
  const candidates = cartesian(relevant, domain);
  if (relevant.length === 0) return [{}];
  const allSingles = new Set(candidates.flatMap(factsOf).filter((f) => !f.includes('&')));
  const covered = new Set<string>();
  const rows: Record<string, string>[] = [];
  const singlesLeft = (): boolean => [...allSingles].some((s) => !covered.has(s));
  while (rows.length < candidates.length) {
    let best: Record<string, string> | undefined;
    let bestScore = 0;
    for (const candidate of candidates) {
      if (rows.includes(candidate)) continue;
      const fresh = factsOf(candidate).filter((f) => !covered.has(f));
      const score = fresh.filter((f) => !f.includes('&')).length * 1000 + fresh.length;
      if (score > bestScore) [best, bestScore] = [candidate, score];
    }
    if (!best || (rows.length >= maxRows && !singlesLeft())) break;
    rows.push(best);
    for (const f of factsOf(best)) covered.add(f);
  }
  // A dependent key means nothing without its condition: leave it out (the policy default applies).
  const trimmed = rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => {
      const only = (variantKeys[k as VariantKeyName] as VariantKey).onlyWith;
      return !only || row[only.key] === only.value;
    })),
  );
  return [...new Map(trimmed.map((r) => [variantId(r), r])).values()];
}
