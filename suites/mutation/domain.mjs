// The domain code `npm run mutants` mutates: pairing keys, PIN rules, OTP, pushes, devices, the
// Authentication API steps, SDK pairing, Creds presentation and share selection. Not tests,
// fixtures, pages' markup or the deviations/faults tables, and not purge.ts: the store's
// housekeeping drops records that expired long ago, which every API refuses whether they are
// still stored or not, so no answer can show when (or whether) it ran (purge.test.ts covers it). One list for stryker.config.mjs (the
// full run) and suites/mutation/run.ts (the sample).
import { readdirSync } from 'node:fs';

const serverDomain = readdirSync(new URL('../../reference-server/domain/', import.meta.url))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'faults.ts' && name !== 'purge.ts')
  .sort()
  .map((name) => `reference-server/domain/${name}`);

/** Paths relative to the repository root. */
export const domainFiles = [
  ...serverDomain,
  'reference-server/authn/steps.ts',
  'reference-server/authn/sdk-pairing.ts',
  'reference-server/creds/presentations.ts',
  'sims/shared/pin-rules.ts',
  'sims/shared/totp.ts',
  'sims/shared/creds-share.ts',
];
