import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';

function io(): { out: string[]; err: string[]; io: { out(line: string): void; err(line: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line) => out.push(line), err: (line) => err.push(line) } };
}

/** Two results in the allure-js-commons format, as allure-vitest writes them for `authconf run`. */
function allureResult(uuid: string, name: string, status: 'passed' | 'failed', start: number): object {
  return {
    uuid, historyId: `${uuid}-history`, name, fullName: `suites/mobile.test.ts#${name}`, status, stage: 'finished',
    statusDetails: status === 'failed' ? { message: "PIN '123456' was accepted", trace: 'repro: npx authconf run --plan mobile --path mobile-pairing/pin=6/4' } : {},
    start, stop: start + 120,
    labels: [
      { name: 'epic', value: 'mobile' }, { name: 'feature', value: 'mobile-pairing' }, { name: 'story', value: 'MOB-PAIR-PIN-NO-SEQUENCE' },
      { name: 'framework', value: 'vitest' }, { name: 'language', value: 'javascript' },
    ],
    links: [], parameters: [{ name: 'variant', value: 'pin=6' }], attachments: [],
    steps: [{ name: 'SET_PIN -> app.pin', status, stage: 'finished', statusDetails: {}, steps: [], attachments: [], parameters: [], start, stop: start + 100 }],
  };
}

describe('authconf report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authconf-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 with ALLURE_RESULTS_MISSING when DIR/allure-results is missing', async () => {
    const t = io();
    expect(await main(['report', '--out', join(dir, 'nothing')], t.io)).toBe(2);
    expect(t.err.join('\n')).toContain('[ALLURE_RESULTS_MISSING]');
    expect(t.err.join('\n')).toContain("run 'authconf run --out");
  });

  it('exits 2 with ALLURE_RESULTS_MISSING when DIR/allure-results holds no result', async () => {
    await mkdir(join(dir, 'empty', 'allure-results'), { recursive: true });
    await writeFile(join(dir, 'empty', 'allure-results', 'environment.properties'), 'x=1\n');
    const t = io();
    expect(await main(['report', `--out=${join(dir, 'empty')}`], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/holds no Allure result.*\[ALLURE_RESULTS_MISSING\]/);
  });

  it('exits 2 with USAGE on an unknown option or a missing --out value', async () => {
    for (const argv of [['report', '--bogus'], ['report', '--out']]) {
      const t = io();
      expect(await main(argv, t.io)).toBe(2);
      expect(t.err[0]).toContain('[USAGE]');
    }
  });

  it('builds the single-file Allure report from real result files', async () => {
    const results = join(dir, 'run', 'allure-results');
    await mkdir(results, { recursive: true });
    await writeFile(join(results, 'a1-result.json'), JSON.stringify(allureResult('a1', 'mobile-pairing/pin=6/0', 'passed', 1_735_723_800_000)));
    await writeFile(join(results, 'a2-result.json'), JSON.stringify(allureResult('a2', 'mobile-pairing/pin=6/4', 'failed', 1_735_723_801_000)));
    const t = io();
    expect(await main(['report', '--out', join(dir, 'run')], t.io)).toBe(0);
    const index = join(dir, 'run', 'allure-report', 'index.html');
    expect(t.out.join('\n')).toContain(`Allure report (2 results): ${index}`);
    const html = await readFile(index, 'utf8');
    expect(html.length).toBeGreaterThan(100_000); // the app and the data inlined: one file
    // No network: Allure's analytics tag is removed, everything else is inlined (data: URLs).
    expect(html).not.toMatch(/<(?:script|link|img)\b[^>]*\b(?:src|href)="https?:/);
    expect(html).not.toContain('googletagmanager');
    expect(html).not.toContain('gtag(');
    // A summary page linking two single-file reports: the suites tree and the Behaviors tree.
    expect(await readdir(join(dir, 'run', 'allure-report'))).toEqual(expect.arrayContaining(['awesome', 'behaviors']));
    for (const page of ['awesome/index.html', 'behaviors/index.html']) {
      const pageHtml = await readFile(join(dir, 'run', 'allure-report', page), 'utf8');
      expect(pageHtml).not.toContain('googletagmanager');
    }
    // Allure read both results: its summary counts them, under the name from allurerc.mjs.
    const summary = JSON.parse(await readFile(join(dir, 'run', 'allure-report', 'awesome', 'summary.json'), 'utf8')) as { stats: Record<string, number>; name: string; meta: { singleFile: boolean } };
    expect(summary.stats).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(summary.name).toBe('authconf conformance');
    expect(summary.meta.singleFile).toBe(true);
    // History: each report appends its run to DIR/allure-history.jsonl; a second report reads the first.
    expect(t.out.join('\n')).toContain(`history: 1 run(s) in ${join(dir, 'run', 'allure-history.jsonl')}`);
    const again = io();
    expect(await main(['report', '--out', join(dir, 'run')], again.io)).toBe(0);
    expect(again.out.join('\n')).toContain('history: 2 run(s)');
    const history = (await readFile(join(dir, 'run', 'allure-history.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { testResults: Record<string, unknown> });
    expect(history.map((h) => Object.keys(h.testResults).length)).toEqual([2, 2]);
  }, 90_000);
});
