import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishRun } from '../../cli/commands/run.ts';
import { main } from '../../cli/main.ts';
import { type Baseline, checkBaseline, parseBaseline } from './baseline.ts';
import { runPlan } from './engine.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('baselines: known failures, exactly', () => {
  it('a deviation run passes against its baseline, fails on a new failure and when the known one disappears', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authconf-baseline-'));
    const base = { plan: 'desktop', variants: ['pin=4', 'keyFormat=numeric', 'keyLifetime=10m', 'devices=one'] };
    const deviating = await runPlan({ ...base, deviations: ['desktop-accept-pin-mismatch'], out: join(dir, 'deviating') });
    const clean = await runPlan({ ...base, out: null });
    expect(deviating.requirements.find((r) => r.id === 'DSK-PAIR-PIN-CONFIRM')?.status).toBe('failed');
    expect(clean.summary.requirements.failed).toBe(0);

    // authconf baseline writes the run's failures, each with a reason.
    const file = join(dir, 'baseline.json');
    const c = capture();
    expect(await main(['baseline', '--from', join(dir, 'deviating', 'conformance.json'), '--out', file], c.io)).toBe(0);
    const baseline = parseBaseline(await readFile(file, 'utf8'), file);
    expect(baseline.knownFailures.map((k) => k.requirement)).toContain('DSK-PAIR-PIN-CONFIRM');
    for (const known of baseline.knownFailures) expect(known.reason.length).toBeGreaterThan(0);

    // Exactly the known failures: exit 0 although a MUST failed.
    const same = capture();
    expect(deviating.summary.mustPassed).toBe(false);
    expect(finishRun(deviating, [], same.io, { baseline: { file, baseline } })).toBe(0);
    expect(same.out.join('\n')).toContain('known failure(s) and no other (exit 0)');

    // The known failure disappeared: exit 1, naming it (the baseline cannot rot).
    const fixed = capture();
    expect(finishRun(clean, [], fixed.io, { baseline: { file, baseline } })).toBe(1);
    expect(fixed.out.join('\n')).toMatch(/no longer fails DSK-PAIR-PIN-CONFIRM \(now passed\): remove it from /);

    // A failure the baseline does not list: exit 1, naming it.
    const empty: Baseline = { authconfBaseline: 1, knownFailures: [] };
    const fresh = capture();
    expect(finishRun(deviating, [], fresh.io, { baseline: { file: 'empty.json', baseline: empty }, format: 'json' })).toBe(1);
    const json = JSON.parse(fresh.out.join('\n')) as { exitCode: number; baseline: { unexpected: { requirement: string }[] } };
    expect(json.exitCode).toBe(1);
    expect(json.baseline.unexpected.map((u) => u.requirement)).toContain('DSK-PAIR-PIN-CONFIRM');
    expect(checkBaseline(clean, empty).ok).toBe(true);
  }, 120_000);

  it.each([
    ['not json', 'not JSON'],
    ['[]', 'expected an object'],
    ['{"authconfBaseline":2,"knownFailures":[]}', '"authconfBaseline" must be 1'],
    ['{"authconfBaseline":1}', '"knownFailures" must be an array'],
    ['{"authconfBaseline":1,"knownFailures":[{"requirement":"DSK-PAIR-PIN-CONFRM","reason":"x"}]}', "Did you mean 'DSK-PAIR-PIN-CONFIRM'?"],
    ['{"authconfBaseline":1,"knownFailures":[{"requirement":"DSK-PAIR-PIN-CONFIRM"}]}', 'give a "reason"'],
    ['{"authconfBaseline":1,"knownFailures":[{"requirement":"DSK-PAIR-PIN-CONFIRM","reason":"a"},{"requirement":"DSK-PAIR-PIN-CONFIRM","reason":"b"}]}', 'listed twice'],
  ])('refuses %s with BASELINE_INVALID', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(expect.objectContaining({ code: 'BASELINE_INVALID', message: expect.stringContaining(message) }));
  });

  it('run --expect with a missing or bad file exits 2 before running anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authconf-baseline-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{}');
    for (const file of [join(dir, 'missing.json'), bad]) {
      const c = capture();
      expect(await main(['run', '--plan', 'desktop', '--expect', file], c.io)).toBe(2);
      expect(c.err.join('\n')).toContain('[BASELINE_INVALID]');
    }
  });
});
