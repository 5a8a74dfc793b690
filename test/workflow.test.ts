/**
 * The CI workflow is valid (GitHub's schema, through @action-validator/core, WASM, offline) and
 * keeps the rules it was written for: least privilege per job, Pages only from main and only with
 * a report, tests on every push and pull request, shards merged, Allure history kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';

const file = join(import.meta.dirname, '../.github/workflows/conformance.yml');
const text = readFileSync(file, 'utf8');

/** The job blocks under `jobs:`, by id (two-space indented keys). */
function jobs(): Map<string, string> {
  const body = text.slice(text.indexOf('\njobs:\n') + 7);
  const parts = body.split(/^ {2}(?=[\w-]+:\s*$)/m).filter((p) => p.trim());
  return new Map(parts.map((p) => [p.slice(0, p.indexOf(':')), p]));
}

describe('.github/workflows/conformance.yml', () => {
  it('is a valid GitHub Actions workflow', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it('the validator does refuse an invalid workflow (so the check above means something)', () => {
    const broken = text.replace('checks: write', 'checks: wrote');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
    expect(validateWorkflow('on: push\njobs:\n  a:\n    steps: []\n').errors.length).toBeGreaterThan(0);
  });

  it('grants only contents: read by default; checks: write to the JUnit job; pages and id-token only to publish', () => {
    const top = text.slice(0, text.indexOf('\njobs:\n'));
    expect(top).toMatch(/^permissions:\n {2}contents: read\n\n/m);
    const all = jobs();
    expect([...all.keys()]).toEqual(['test', 'conformance', 'merge', 'publish']);
    for (const [id, job] of all) {
      expect(job, id).toMatch(/\n {4}permissions:\n/);
      if (id !== 'publish') expect(job, id).not.toMatch(/pages: write|id-token/);
      expect(job.includes('checks: write'), id).toBe(job.includes('mikepenz/action-junit-report'));
    }
    const publish = all.get('publish')!;
    expect(publish).toContain('pages: write');
    expect(publish).toContain('id-token: write');
  });

  it('publishes only from main, only when a report exists, never after a cancelled build', () => {
    const publish = jobs().get('publish')!;
    const condition = /\n {4}if: \$\{\{ (.*) \}\}\n/.exec(publish)?.[1] ?? '';
    expect(condition).toContain('!cancelled()');
    expect(condition).toContain("github.ref == 'refs/heads/main'");
    expect(condition).toContain("github.event_name != 'pull_request'");
    expect(condition).toContain("needs.merge.outputs.report == 'true'");
    expect(jobs().get('merge')).toMatch(/Upload Pages artifact\n {8}if: \$\{\{ steps\.report\.outcome == 'success' && github\.ref == 'refs\/heads\/main' \}\}/);
  });

  it('runs npm test on every push and pull request, with a browser that installs on ubuntu-24.04', () => {
    expect(text).toMatch(/^on:\n {2}push:\n {2}pull_request:\n/m);
    const test = jobs().get('test')!;
    expect(test).toContain('run: npm ci');
    expect(test).toContain('run: npm test');
    expect(test).toContain('browser-actions/setup-chrome@v1');
    expect(test).toContain('AUTHCONF_CHROMIUM: ${{ steps.chrome.outputs.chrome-path }}');
    expect(text).not.toMatch(/apt-get install[^\n]*chromium/);
    expect(text).not.toMatch(/npm_config_nodedir|PUPPETEER_SKIP_DOWNLOAD/);
  });

  it('runs the conformance plan in shards and merges them; restores the Allure history before the report', () => {
    const all = jobs();
    expect(all.get('conformance')).toMatch(/shard: \[1, 2\]/);
    expect(all.get('conformance')).toContain('npx authconf run --plan all --shard ${{ matrix.shard }}/2');
    const merge = all.get('merge')!;
    expect(merge).toContain('needs: conformance');
    expect(merge).toContain('npx authconf merge reports/shards/shard-1 reports/shards/shard-2 --out reports/out');
    const restore = merge.indexOf('actions/cache/restore');
    expect(restore).toBeGreaterThan(merge.indexOf('authconf merge'));
    expect(restore).toBeLessThan(merge.indexOf('npx authconf report'));
    expect(merge.indexOf('actions/cache/save')).toBeGreaterThan(merge.indexOf('npx authconf report'));
  });
});
