import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceResult, StepResult } from '../../reports/schema.ts';
import { toyEntry } from '../paths/fixtures/toy-pairing.ts';
import type { ModelEntry } from '../paths/types.ts';
import { allureListener, allureStatusOf, checkedRequirements, environmentInfo, executorInfo, planOf } from './allure-results.ts';
import { exitCodeOf } from './engine.ts';
import { runWithVitest } from './vitest-run.ts';

const step = (status: StepResult['status'], requirements: string[], checks: StepResult['checks'] = []): StepResult =>
  ({ event: 'E', state: 's', status, requirements, checks, durationMs: 0 }) as StepResult;
const check = (name: string, requirements: string[], status: 'passed' | 'failed' = 'passed') => ({ name, requirements, status }) as StepResult['checks'][number];

describe('the Allure mapping', () => {
  it('labels a path with the requirements its checks answered for, not the skipped steps\' citations', () => {
    // Reached B, A, C, D, E, F; checks answered for A, B (passed) and D (failed) only.
    const path = { steps: [step('passed', ['B', 'A'], [check('ensureA', ['A']), check('ensureB', ['B'])]), step('failed', ['C', 'D'], [check('ensureD', ['D'], 'failed')]), step('skipped', ['E']), step('not-applicable', ['F'])] };
    expect(checkedRequirements(path)).toEqual(['A', 'B', 'D']);
    expect(checkedRequirements({ steps: [step('passed', ['C'])] })).toEqual([]);
  });

  it('maps a failed check to failed, an error to broken, not applicable to skipped', () => {
    expect(allureStatusOf('failed', false)).toBe('failed');
    expect(allureStatusOf('failed', true)).toBe('broken');
    expect(allureStatusOf('error', false)).toBe('broken');
    expect(allureStatusOf('not-applicable', false)).toBe('skipped');
    expect(allureStatusOf('passed', false)).toBe('passed');
  });

  it('names the plan a machine belongs to, else the run\'s plan', () => {
    expect(planOf({ ...toyEntry, id: 'mobile-pairing' } as ModelEntry, 'all')).toBe('mobile');
    expect(planOf({ ...toyEntry, id: 'adapter-authentication' } as ModelEntry, 'all')).toBe('adapter');
    expect(planOf(toyEntry, 'all')).toBe('all');
  });

  it('gives the Environment widget the run\'s coordinates', () => {
    const env = environmentInfo({ plan: 'mobile', driver: 'sim', target: 'embedded', variants: { pin: ['4', '6'] }, deviations: [], seed: 3, coverage: 'transitions', authconfVersion: '0.1.0' }, 'v20');
    expect(env).toEqual({ plan: 'mobile', driver: 'sim', target: 'embedded', seed: '3', coverage: 'transitions', variants: 'pin=4|6', deviations: '(none)', authconf: '0.1.0', node: 'v20' });
  });

  it('reads the executor from GitHub Actions variables, and none outside CI', () => {
    expect(executorInfo({})).toBeUndefined();
    expect(executorInfo({ GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '42', GITHUB_RUN_NUMBER: '7', GITHUB_REPOSITORY: 'o/r', GITHUB_WORKFLOW: 'ci', GITHUB_SERVER_URL: 'https://github.com' })).toEqual({
      name: 'GitHub Actions', type: 'github', url: 'https://github.com/o/r', buildOrder: 7, buildName: 'ci #7', buildUrl: 'https://github.com/o/r/actions/runs/42',
    });
  });

  it('lifts a not-applicable reason into the status and keeps a harness error broken', () => {
    const skipped = { status: 'skipped', statusDetails: {}, steps: [{ name: 'start', statusDetails: {} }, { name: 'not applicable: the toy cannot X', statusDetails: {} }] };
    allureListener.beforeTestResultWrite(skipped);
    expect(skipped.statusDetails).toEqual({ message: 'the toy cannot X' });
    const broken = { status: 'failed', statusDetails: { message: 'assertState threw', trace: 'HarnessError: assertState threw\n at x' }, steps: [] };
    allureListener.beforeTestResultWrite(broken);
    expect(broken.status).toBe('broken');
    const checkStep = { status: 'broken', statusDetails: { trace: 'CheckError: expected screen pin' } };
    allureListener.beforeStepStop(checkStep);
    expect(checkStep.status).toBe('failed');
  });
});

interface AllureResult {
  name: string;
  status: string;
  statusDetails: { message?: string };
  labels: { name: string; value: string }[];
  steps: { name: string; status?: string; steps?: unknown[] }[];
}

describe('a run in Allure (toy fixture: a failed check, a harness error, a not-applicable path)', () => {
  let out: string;
  let results: AllureResult[];
  let result: ConformanceResult;
  let code: number;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'authconf-allure-'));
    await runWithVitest({ plan: 'all', out, fixtureModule: resolve(import.meta.dirname, 'fixtures/allure-module.ts') }, { out: () => undefined, err: () => undefined });
    result = JSON.parse(await readFile(join(out, 'conformance.json'), 'utf8')) as ConformanceResult;
    code = exitCodeOf(result);
    const dir = join(out, 'allure-results');
    const files = (await readdir(dir)).filter((f) => f.endsWith('-result.json'));
    results = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as AllureResult));
  }, 60_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  const label = (r: AllureResult, name: string): string[] => r.labels.filter((l) => l.name === name).map((l) => l.value);

  it('reports a failed check as failed, a throw as broken, not applicable as skipped with the reason', () => {
    expect(code).toBe(1);
    const byId = new Map(result.paths.map((p) => [p.id, p]));
    const statuses = new Set(results.map((r) => r.status));
    expect(statuses).toEqual(new Set(['passed', 'failed', 'broken', 'skipped']));
    for (const r of results) {
      const path = byId.get(r.name)!;
      const expected = path.status === 'not-applicable' ? 'skipped' : path.status === 'error' ? 'broken' : path.status === 'failed' ? 'failed' : 'passed';
      expect(r.status, r.name).toBe(expected);
      if (r.status === 'skipped') expect(r.statusDetails.message).toMatch(/^DENY_LOCATION: the toy cannot DENY_LOCATION/);
      if (r.status === 'failed') expect(r.steps.some((s) => s.status === 'failed')).toBe(true);
    }
  });

  it('nests the tree plan > machine > variant and labels Behaviors flow > machine > checked requirement', () => {
    for (const r of results) {
      const path = result.paths.find((p) => p.id === r.name)!;
      expect(label(r, 'parentSuite')).toEqual(['all']); // the toy machine is in no named plan
      expect(label(r, 'suite')).toEqual(['toy-pairing']);
      expect(label(r, 'subSuite')).toEqual([r.name.split('/')[1]]);
      expect(label(r, 'epic')).toEqual(['Toy pairing (test fixture)']);
      expect(label(r, 'feature')).toEqual(['toy-pairing']);
      expect(label(r, 'story').sort()).toEqual(checkedRequirements(path));
    }
    // Not-applicable paths ran no check: no requirement label.
    expect(results.filter((r) => r.status === 'skipped').every((r) => label(r, 'story').length === 0)).toBe(true);
  });

  it('writes the environment and the categories beside the results', async () => {
    const env = await readFile(join(out, 'allure-results', 'environment.properties'), 'utf8');
    for (const key of ['plan=all', 'driver=sim', 'target=embedded', 'seed=1', 'variants=', 'deviations=(none)', 'authconf=', 'node=v']) expect(env).toContain(key);
    const categories = JSON.parse(await readFile(join(out, 'allure-results', 'categories.json'), 'utf8')) as { name: string }[];
    expect(categories.map((c) => c.name.split(':')[0])).toEqual(['FAIL', 'Errors', 'INCOMPLETE']);
  });
});
