/**
 * End to end, as an Allure user reads a run: a real deviation run (mobile plan, the sim accepts a
 * sequential PIN) gives a *failed* test grouped by plan, machine, variant and flow with the
 * requirement it breaks, the environment beside the results, and two reports keep two runs of history.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWithVitest } from '../../suites/runner/vitest-run.ts';
import { generateAllureReport } from './report.ts';

interface AllureResult {
  name: string;
  status: string;
  statusDetails: { message?: string };
  labels: { name: string; value: string }[];
}

describe('a deviation run in Allure (mobile plan, accept-sequential-pin)', () => {
  it('reports the broken requirement failed, grouped by plan, machine, variant and flow, with the environment; two reports keep two runs of history', async () => {
    const out = await mkdtemp(join(tmpdir(), 'authconf-allure-dev-'));
    try {
      const variants = ['pin=6', 'pin6Distinct=3', 'location=required', 'biometrics=required', 'keyFormat=numeric', 'keyLifetime=10m', 'devices=one', 'push=default'];
      const { result } = await runWithVitest({ plan: 'mobile', deviations: ['accept-sequential-pin'], variants, out }, { out: () => undefined, err: () => undefined });
      expect(result?.summary.verdict).toBe('FAIL');
      const dir = join(out, 'allure-results');
      const files = (await readdir(dir)).filter((f) => f.endsWith('-result.json'));
      const all = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as AllureResult));
      const failed = all.filter((r) => r.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(all.some((r) => r.status === 'broken')).toBe(false);
      const label = (r: AllureResult, name: string): string[] => r.labels.filter((l) => l.name === name).map((l) => l.value);
      for (const r of failed) {
        expect(label(r, 'parentSuite')).toEqual(['mobile']);
        expect(label(r, 'suite')).toEqual(['mobile-pairing']);
        expect(label(r, 'subSuite')).toEqual([r.name.split('/')[1]]);
        expect(label(r, 'epic')).toEqual(['Mobile app pairing']);
        expect(label(r, 'feature')).toEqual(['mobile-pairing']);
        expect(label(r, 'story')).toContain('MOB-PAIR-PIN-NO-SEQUENCE');
        expect(r.statusDetails.message).toContain('MOB-PAIR-PIN-NO-SEQUENCE');
      }
      const env = await readFile(join(dir, 'environment.properties'), 'utf8');
      expect(env).toContain('plan=mobile');
      expect(env).toContain('deviations=accept-sequential-pin');
      expect((await generateAllureReport(out)).history.runs).toBe(1);
      expect((await generateAllureReport(out)).history.runs).toBe(2);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 180_000);
});
