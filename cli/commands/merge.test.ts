import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceResult } from '../../reports/schema.ts';
import { toyEntry } from '../../suites/paths/fixtures/toy-pairing.ts';
import { exitCodeOf, runPlan } from '../../suites/runner/engine.ts';
import { toyDriver } from '../../suites/runner/fixtures/toy-driver.ts';
import { main } from '../main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('authconf merge', () => {
  it('joins two shard directories into one set of reports; summary on stdout, progress on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authconf-merge-cli-'));
    const base = { plan: 'all', machines: [toyEntry], driverFactory: async () => toyDriver() };
    const whole = await runPlan({ ...base, out: null });
    for (const i of [1, 2]) await runPlan({ ...base, shard: `${i}/2`, out: join(dir, `s${i}`) });
    const c = capture();
    // The merged run's verdict and exit code are the unsharded run's (the toy cannot DENY_LOCATION: INCOMPLETE, 1).
    expect(await main(['merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'merged'), '--format', 'json'], c.io)).toBe(exitCodeOf(whole));
    const summary = JSON.parse(c.out.join('\n')) as { exitCode: number; summary: ConformanceResult['summary']; files: string[] };
    expect(summary.exitCode).toBe(exitCodeOf(whole));
    expect(summary.summary).toEqual(whole.summary);
    expect(c.err[0]).toBe('authconf merge: reading 2 shard(s)...');
    const merged = JSON.parse(await readFile(join(dir, 'merged', 'conformance.json'), 'utf8')) as ConformanceResult;
    expect(merged.paths.map((p) => p.id)).toEqual(whole.paths.map((p) => p.id));
    expect(merged.run.shard).toBeUndefined();
  });

  it('exits 2 without --out, without shards, with --out one of the shards, or with a missing shard', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authconf-merge-cli-'));
    await runPlan({ plan: 'all', machines: [toyEntry], driverFactory: async () => toyDriver(), shard: '1/2', out: join(dir, 's1') });
    const cases: [string[], string][] = [
      [['merge', join(dir, 's1')], '[USAGE]'],
      [['merge', '--out', join(dir, 'o')], '[USAGE]'],
      [['merge', join(dir, 's1'), '--out', join(dir, 's1')], '[USAGE]'],
      [['merge', join(dir, 's1'), '--out', join(dir, 'o')], '2/2 missing'],
      [['merge', join(dir, 'nowhere'), '--out', join(dir, 'o')], '[MERGE_MISMATCH]'],
    ];
    for (const [argv, text] of cases) {
      const c = capture();
      expect(await main(argv, c.io), argv.join(' ')).toBe(2);
      expect(c.err.join('\n'), argv.join(' ')).toContain(text);
    }
  });
});
