import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './policy.ts';
import { SEEDS, isRequirementId, requirementIds, requirements } from './requirements.ts';
import type { Requirement } from './requirements.ts';

const seedsDir = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const haveSeeds = existsSync(seedsDir);

/** The `section_ids` keys of a seed's front matter. */
function sectionIds(seed: string): Set<string> {
  const text = readFileSync(`${seedsDir}${seed}`, 'utf8');
  const front = text.split('---')[1] ?? '';
  const block = front.split('section_ids:')[1] ?? '';
  return new Set([...block.matchAll(/^ {2}([a-z0-9-]+):/gm)].map((m) => m[1] as string));
}

const entries = Object.entries(requirements) as [string, Requirement][];

describe('requirement registry', () => {
  it('uses the AREA-FLOW-SLUG scheme with known areas', () => {
    for (const id of requirementIds) expect(id).toMatch(/^(MOB-PAIR|MOB-AUTH|DSK-PAIR|DSK-SIGN|CREDS-(PAIR|RECEIVE|SHARE|NO|REISSUE)|API-(INIT|ADD|GEN)|POL|OOS)-[A-Z0-9-]+$/);
  });

  it('gives every entry a one-line text and a seed+section or a URL source', () => {
    for (const [id, r] of entries) {
      expect(r.text, id).not.toMatch(/\n/);
      expect(r.text.length, id).toBeGreaterThan(10);
      const bySeed = r.source.seed !== undefined && r.source.section !== undefined;
      const byUrl = r.source.url !== undefined && /^https:\/\//.test(r.source.url);
      expect(bySeed || byUrl, id).toBe(true);
      if (r.source.seed !== undefined) expect(Object.values(SEEDS), id).toContain(r.source.seed);
    }
  });

  it.skipIf(!haveSeeds)('cites only section ids that exist in the seed front matter (needs ../shared/seeds)', () => {
    const known = new Map(Object.values(SEEDS).map((seed) => [seed, sectionIds(seed)]));
    for (const [id, r] of entries) {
      if (r.source.seed === undefined) continue;
      expect(known.get(r.source.seed as (typeof SEEDS)[keyof typeof SEEDS])?.has(r.source.section ?? ''), `${id} cites ${r.source.seed}#${r.source.section}`).toBe(true);
    }
  });

  it('records POLICY entries with readings, keyed by the policy values that select them', () => {
    const policies = entries.filter(([, r]) => r.level === 'POLICY');
    for (const [id, r] of policies) expect(Object.keys(r.readings ?? {}).length, id).toBeGreaterThanOrEqual(1);
    for (const [id, r] of entries.filter(([, r]) => r.level !== 'POLICY')) expect(r.readings, id).toBeUndefined();
    const readings = (id: string) => Object.keys((requirements as Record<string, Requirement>)[id]?.readings ?? {}).sort();
    expect(readings('POL-PIN-DISTINCT-DIGITS-6')).toEqual(['3', '4']);
    expect(readings('POL-STATUS-ATTRIBUTE')).toEqual(['com.pingidentity.pingone.status', 'pingone.mfa.status']);
    expect(readings('POL-PAIRING-KEY-FORMAT')).toEqual(['alphanumeric', 'numeric']);
    expect(readings('POL-PAIRING-KEY-LIFETIME')).toEqual(['172800', '600']);
    expect(readings('POL-POLL-STYLE')).toEqual(['get', 'post']);
    // The default policy picks one documented reading of each disagreement.
    expect(readings('POL-PIN-DISTINCT-DIGITS-6')).toContain(String(defaultPolicy.pin.distinctDigits6));
    expect(readings('POL-STATUS-ATTRIBUTE')).toContain(defaultPolicy.statusAttribute);
    expect(readings('POL-PAIRING-KEY-FORMAT')).toContain(defaultPolicy.pairingKey.format);
    expect(readings('POL-PAIRING-KEY-LIFETIME')).toContain(String(defaultPolicy.pairingKey.ttlSeconds));
    expect(readings('POL-POLL-STYLE')).toContain(defaultPolicy.pollStyle);
  });

  it('types its IDs: isRequirementId accepts registry keys only', () => {
    expect(isRequirementId('MOB-PAIR-PIN-DISTINCT-DIGITS')).toBe(true);
    expect(isRequirementId('MOB-PAIR-08')).toBe(false);
    // @ts-expect-error a missing ID does not compile
    const missing: keyof typeof requirements = 'MOB-PAIR-NOPE';
    expect(isRequirementId(missing)).toBe(false);
  });
});
