/**
 * What each policy variant key selects, for `authconf run --help` and the README's variants
 * table. Keys and values come from `suites/plans/variants.ts`; this record is typed by its key
 * names, so a new key without a line here does not compile.
 */
import { type VariantKeyName, variantKeyNames, variantKeys } from '../suites/plans/variants.ts';

export const variantHelp: Record<VariantKeyName, string> = {
  pin: 'PIN required and its length (seed 000 step 8, seed 002 step 5)',
  pin6Distinct: '**disagreement**: distinct digits of a 6-digit PIN: 3 (seed 002) or 4 (seed 000); only with pin=6',
  biometrics: 'biometrics required (seed 000, before you begin)',
  location: 'device location required (seed 000 step 9)',
  keyFormat: '**disagreement**: "long numerical code" (seed 000) vs alphanumeric keys (SDK 1.7.2)',
  keyLifetime: '**disagreement**: PingOne pairing keys (10m) vs the PingID API activation code (48h)',
  devices: 'Maximum Allowed Devices',
  selection: 'with several devices: Default to Primary or Prompt User to Select; only with devices=several',
  statusAttribute: '**disagreement**: the attribute name at the end of seed 004',
  poll: '**disagreement**: POST `poll` (seed 004) vs re-GET (the widget)',
  push: 'Push Total Timeout: default 40 s, long 3 min (outlasts the PIN block); only with pin=4',
  actionVia: 'how the API client names an Authentication API action: vendor media type or `?action=` (a server must accept both)',
};

export interface VariantRow {
  key: VariantKeyName;
  values: string[];
  policyRequirement: string | undefined;
  help: string;
}

export function variantRows(): VariantRow[] {
  return variantKeyNames.map((key) => {
    const entry: { values: object; policyRequirement?: string } = variantKeys[key];
    return { key, values: Object.keys(entry.values), policyRequirement: entry.policyRequirement, help: variantHelp[key] };
  });
}

/** One line per key for `run --help` (markdown emphasis removed). */
export function variantHelpLines(): string[] {
  return variantRows().flatMap((r) => [`  ${r.key}=${r.values.join('|')}`, `      ${r.help.replace(/\*\*|`/g, '')}`]);
}

/** The README's variants table (between <!-- variants:start --> and <!-- variants:end -->). */
export function variantsMarkdown(): string {
  const lines = ['| key | values | what it selects |', '| --- | --- | --- |'];
  for (const r of variantRows()) {
    const requirement = r.policyRequirement ? ` — \`${r.policyRequirement}\`` : '';
    lines.push(`| \`${r.key}\` | ${r.values.map((v) => `\`${v}\``).join(', ')} | ${r.help}${requirement} |`);
  }
  return lines.join('\n');
}
