import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceResult } from '../../reports/schema.ts';
import { exitCodeOf } from './engine.ts';
import { summaryTable } from './progress.ts';
import { runWithVitest } from './vitest-run.ts';

describe('runWithVitest (toy fixture module)', () => {
  it('runs the paths under Vitest with Allure and progress, writes the reports, returns the exit code', async () => {
    const out = await mkdtemp(join(tmpdir(), 'authconf-run-'));
    const err: string[] = [];
    const outcome = await runWithVitest({ plan: 'all', out, fixtureModule: resolve(import.meta.dirname, 'fixtures/toy-module.ts') }, { out: () => undefined, err: (l) => err.push(l) });
    const result = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as ConformanceResult;
    expect(outcome.result).toEqual(result);
    // The toy module cannot DENY_LOCATION, so the rule that needs it stays unchecked: INCOMPLETE, exit 1, with the reason.
    expect(result.summary.verdict).toBe('INCOMPLETE');
    expect(exitCodeOf(result)).toBe(1);
    expect(summaryTable(result, [])).toMatch(/verdict\s+INCOMPLETE/);
    expect(summaryTable(result, [])).toContain('to complete:');
    // Steady progress from the start to the last report written.
    expect(err[0]).toMatch(/^authconf run: preparing plan all/);
    expect(err.some((l) => l.startsWith('authconf run: writing reports'))).toBe(true);
    expect(err.at(-1)).toMatch(/^authconf run: wrote .*conformance\.json.* Allure files/);
    expect(result.paths.length).toBeGreaterThan(2);
    expect(result.paths.some((p) => p.status === 'not-applicable' && p.reason?.startsWith('DENY_LOCATION:'))).toBe(true);
    expect(err.some((l) => l.includes('✓ toy-pairing/default/1'))).toBe(true);
    expect(err.some((l) => l.includes('– toy-pairing/default/'))).toBe(true);
    expect(err.join('\n')).toContain('transitions');
    const allure = await readdir(join(out, 'allure-results'));
    expect(allure.filter((f) => f.endsWith('-result.json')).length).toBe(result.paths.length);
    const one = JSON.parse(await readFile(join(out, 'allure-results', allure.find((f) => f.endsWith('-result.json'))!), 'utf8')) as { labels: { name: string; value: string }[]; steps: unknown[] };
    expect(one.labels).toEqual(expect.arrayContaining([{ name: 'feature', value: 'toy-pairing' }, { name: 'epic', value: 'Toy pairing (test fixture)' }]));
  }, 60_000);

  it('a share with no path still writes its (empty) reports, so merge has every shard', async () => {
    const { shardOf } = await import('./shard.ts');
    const out = await mkdtemp(join(tmpdir(), 'authconf-run-'));
    const other = shardOf('toy-pairing/default/1', 2) === 1 ? 2 : 1;
    const err: string[] = [];
    const outcome = await runWithVitest(
      { plan: 'all', path: 'toy-pairing/default/1', shard: `${other}/2`, out, fixtureModule: resolve(import.meta.dirname, 'fixtures/toy-module.ts') },
      { out: () => undefined, err: (l) => err.push(l) },
    );
    expect(outcome.result?.paths).toEqual([]);
    expect(outcome.result?.run.shard).toEqual({ index: other, count: 2 });
    expect(err).toContain('authconf run: no path in this share; writing its reports...');
    expect(JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8'))).toMatchObject({ paths: [] });
  });

  it('records paths whose set-up throws as errors: INCOMPLETE, exit 1, each path in conformance.json and junit.xml', async () => {
    const out = await mkdtemp(join(tmpdir(), 'authconf-run-'));
    const err: string[] = [];
    const outcome = await runWithVitest({ plan: 'all', out, fixtureModule: resolve(import.meta.dirname, 'fixtures/toy-module-throws.ts') }, { out: () => undefined, err: (l) => err.push(l) });
    const result = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as ConformanceResult;
    expect(exitCodeOf(result)).toBe(1);
    expect(outcome.result?.summary.verdict).toBe('INCOMPLETE');
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.paths.every((p) => p.status === 'error' && p.error?.phase === 'set-up' && p.error.message === 'the toy world would not start')).toBe(true);
    expect(result.summary).toMatchObject({ verdict: 'INCOMPLETE', paths: expect.objectContaining({ error: result.paths.length }) });
    expect(err.some((l) => l.includes('! toy-pairing/default/1'))).toBe(true);
    expect(summaryTable(result, [])).toContain('[PATH_ERROR]');
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toContain('<error message="the toy world would not start"');
  }, 60_000);

  it('--jobs 2 with a lane whose driver never starts: its paths are reported as errors (INCOMPLETE), none goes missing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'authconf-run-'));
    const outcome = await runWithVitest({ plan: 'all', out, jobs: 2, fixtureModule: resolve(import.meta.dirname, 'fixtures/toy-module-second-lane-fails.ts') }, { out: () => undefined, err: () => undefined });
    const result = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as ConformanceResult;
    const planned = (await runWithVitest({ plan: 'all', out: null, fixtureModule: resolve(import.meta.dirname, 'fixtures/toy-module.ts') }, { out: () => undefined, err: () => undefined })).result!.paths.length;
    expect(result.paths.length).toBe(planned);
    const errored = result.paths.filter((p) => p.status === 'error');
    expect(errored.length).toBeGreaterThan(0);
    expect(errored.every((p) => p.error?.phase === 'set-up' && p.error.message.includes('the second lane would not start'))).toBe(true);
    expect(outcome.result?.summary.verdict).toBe('INCOMPLETE');
    expect(exitCodeOf(result)).toBe(1);
  }, 60_000);
});
