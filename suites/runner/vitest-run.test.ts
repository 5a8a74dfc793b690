import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceResult } from '../../reports/schema.ts';
import { runWithVitest } from './vitest-run.ts';

describe('runWithVitest (toy fixture module)', () => {
  it('runs the paths under Vitest with Allure and progress, writes the reports, returns the exit code', async () => {
    const out = await mkdtemp(join(tmpdir(), 'authconf-run-'));
    const err: string[] = [];
    const code = await runWithVitest({ plan: 'all', out, fixtureModule: resolve(import.meta.dirname, 'fixtures/toy-module.ts') }, { out: () => undefined, err: (l) => err.push(l) });
    // The toy module cannot DENY_LOCATION, so the rule that needs it stays unchecked: INCOMPLETE, exit 1, with the reason.
    expect(code).toBe(1);
    const result = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as ConformanceResult;
    expect(result.summary.verdict).toBe('INCOMPLETE');
    expect(err.join('\n')).toMatch(/verdict\s+INCOMPLETE/);
    expect(err.join('\n')).toContain('to complete:');
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

  it('records paths whose set-up throws as errors: INCOMPLETE, exit 1, each path in conformance.json and junit.xml', async () => {
    const out = await mkdtemp(join(tmpdir(), 'authconf-run-'));
    const err: string[] = [];
    const code = await runWithVitest({ plan: 'all', out, fixtureModule: resolve(import.meta.dirname, 'fixtures/toy-module-throws.ts') }, { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(1);
    const result = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as ConformanceResult;
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.paths.every((p) => p.status === 'error' && p.error?.phase === 'set-up' && p.error.message === 'the toy world would not start')).toBe(true);
    expect(result.summary).toMatchObject({ verdict: 'INCOMPLETE', paths: expect.objectContaining({ error: result.paths.length }) });
    expect(err.some((l) => l.includes('! toy-pairing/default/1'))).toBe(true);
    expect(err.join('\n')).toContain('[PATH_ERROR]');
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toContain('<error message="the toy world would not start"');
  }, 60_000);
});
