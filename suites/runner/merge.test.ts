import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDirs } from '../../cli/commands/merge.ts';
import type { ConformanceResult } from '../../reports/schema.ts';
import { runPlan } from './engine.ts';
import { mergeResults } from './merge.ts';
import { fnv1a, inShard, parseShard, shardOf } from './shard.ts';

/** What a shard cannot change: verdicts, the requirement table, path outcomes, coverage (evidence holds generated values, which depend on the paths run before). */
const comparable = (r: ConformanceResult) => ({
  summary: r.summary,
  requirements: r.requirements.map(({ id, level, status, paths }) => ({ id, level, status, paths })),
  paths: r.paths.map((p) => ({ id: p.id, status: p.status, transitions: p.transitions, steps: p.steps.map((s) => [s.event, s.state, s.status]) })),
  machines: r.machines,
});

describe('shards', () => {
  it('a path belongs to one shard by its id alone', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(shardOf('desktop-pairing/default/3', 4)).toBe(shardOf('desktop-pairing/default/3', 4));
    const ids = Array.from({ length: 200 }, (_, i) => `m/v/${i}`);
    const sizes = [1, 2, 3].map((index) => ids.filter((id) => inShard(id, { index, count: 3 })).length);
    expect(sizes.reduce((a, b) => a + b)).toBe(200);
    for (const size of sizes) expect(size).toBeGreaterThan(40);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard takes I\/N/);
  });

  it('two shards merged equal the unsharded run (plan desktop, pin=6): verdict, requirement table, paths, coverage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authconf-merge-'));
    const base = { plan: 'desktop', variants: ['pin=6'], seed: 3 };
    const whole = await runPlan({ ...base, out: join(dir, 'whole') });
    const one = await runPlan({ ...base, shard: '1/2', out: join(dir, 's1') });
    const two = await runPlan({ ...base, shard: '2/2', out: join(dir, 's2') });
    expect(one.paths.length).toBeGreaterThan(0);
    expect(two.paths.length).toBeGreaterThan(0);
    expect(one.paths.length + two.paths.length).toBe(whole.paths.length);
    expect(one.run.shard).toEqual({ index: 1, count: 2 });

    const { result, files } = await mergeDirs([join(dir, 's2'), join(dir, 's1')], join(dir, 'merged'));
    expect(comparable(result)).toEqual(comparable(whole));
    expect(result.run.shard).toBeUndefined();
    const written = JSON.parse(await readFile(files[0]!, 'utf8')) as ConformanceResult;
    expect(written.summary).toEqual(whole.summary);
    expect(await readdir(join(dir, 'merged'))).toEqual(expect.arrayContaining(['conformance.json', 'conformance.html', 'junit.xml']));
  }, 120_000);

  it('refuses results of different runs, a missing shard and a shard given twice (MERGE_MISMATCH)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authconf-merge-'));
    const base = { plan: 'desktop', variants: ['pin=off', 'keyFormat=numeric', 'keyLifetime=10m', 'devices=one'] };
    const a = await runPlan({ ...base, shard: '1/2', out: null });
    const b = await runPlan({ ...base, shard: '2/2', out: null });
    const otherSeed = await runPlan({ ...base, seed: 9, shard: '2/2', out: null });
    const merge = (...results: ConformanceResult[]) => () => mergeResults(results.map((result, i) => ({ name: `dir${i}`, result })));
    expect(merge(a, b)().summary.paths.total).toBe(a.paths.length + b.paths.length);
    expect(merge(a, otherSeed)).toThrow(expect.objectContaining({ code: 'MERGE_MISMATCH', message: expect.stringContaining('seed') }));
    expect(merge(a)).toThrow(expect.objectContaining({ code: 'MERGE_MISMATCH', message: expect.stringContaining('2/2 missing') }));
    expect(merge(a, a)).toThrow(expect.objectContaining({ code: 'MERGE_MISMATCH', message: expect.stringContaining('both shard 1/2') }));
    const newer = { ...b, run: { ...b.run, authconfVersion: '9.9.9' } };
    expect(merge(a, newer)).toThrow(expect.objectContaining({ code: 'MERGE_MISMATCH', message: expect.stringContaining('authconfVersion') }));
    await expect(mergeDirs([join(dir, 'nothing')], join(dir, 'out'))).rejects.toMatchObject({ code: 'MERGE_MISMATCH' });
  }, 120_000);
});
