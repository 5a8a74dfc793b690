/**
 * Requirement IDs cited in the server's comments are checked like the typed ones: each must
 * be in the registry (`models/requirements.ts`), so a typo or a renamed ID fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { isRequirementId } from '../models/requirements.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('every requirement ID mentioned in reference-server/ is in the registry', () => {
  const cited = new Map<string, string>();
  for (const file of sources(import.meta.dirname)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:MOB|DSK|CREDS|API|POL)-[A-Z0-9]+(?:-[A-Z0-9]+)+\b/g)) cited.set(match[0], file);
  }
  expect(cited.size).toBeGreaterThan(15);
  expect([...cited].filter(([id]) => !isRequirementId(id))).toEqual([]);
});
