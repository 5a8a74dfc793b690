/**
 * `npm run bench -- --driver puppeteer`: the browser plans (mobile, desktop, Creds over their
 * default variants) under the `puppeteer` driver, beside the same plans under `sim` in the same
 * run: wall time, paths, steps, paths/s and steps/s, and whether the requirement verdicts agree.
 * The target (issue 10): the browser plans within 3 minutes on a 2-core machine. `--jobs N`
 * (default: the run's, 3 lanes under puppeteer) sets how many paths run at once under puppeteer;
 * the sim driver's figures are one lane, as `npm run conformance` runs it.
 */
import { performance } from 'node:perf_hooks';
import { runPlan } from '../suites/runner/engine.ts';
import type { ConformanceResult } from '../reports/schema.ts';
import { resolveRunOptions } from '../suites/runner/options.ts';

const plans = ['mobile', 'desktop', 'creds'] as const;

interface Figures {
  wall: number;
  paths: number;
  steps: number;
  verdicts: Map<string, string>;
  verdict: string;
}

async function measure(driver: 'sim' | 'puppeteer', jobs?: number): Promise<Figures> {
  const figures: Figures = { wall: 0, paths: 0, steps: 0, verdicts: new Map(), verdict: 'PASS' };
  for (const plan of plans) {
    const t0 = performance.now();
    const result: ConformanceResult = await runPlan({ plan, driver, out: null, ...(jobs !== undefined ? { jobs } : {}) });
    figures.wall += performance.now() - t0;
    figures.paths += result.paths.length;
    figures.steps += result.paths.reduce((n, p) => n + p.steps.length - 1, 0);
    for (const r of result.requirements) figures.verdicts.set(`${plan}: ${r.id}`, r.status);
    if (result.summary.verdict !== 'PASS') figures.verdict = result.summary.verdict;
    const why = result.summary.reasons.map((r) => `${r.code}: ${r.message}`).join('; ');
    process.stderr.write(`bench: ${driver} ${plan}: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${result.paths.length} paths, ${result.summary.verdict}${why ? ` (${why.slice(0, 400)})` : ''}\n`);
  }
  return figures;
}

export async function benchBrowser(jobs?: number): Promise<void> {
  const lanes = resolveRunOptions({ driver: 'puppeteer', ...(jobs !== undefined ? { jobs } : {}) }).jobs;
  const sim = await measure('sim');
  const browser = await measure('puppeteer', lanes);
  const row = (name: string, f: Figures): string =>
    `${name.padEnd(10)} ${(f.wall / 1000).toFixed(1).padStart(7)} s ${String(f.paths).padStart(6)} ${String(f.steps).padStart(6)} ${(f.paths / (f.wall / 1000)).toFixed(2).padStart(8)} ${(f.steps / (f.wall / 1000)).toFixed(1).padStart(8)}  ${f.verdict}`;
  const differ = [...sim.verdicts].filter(([id, status]) => browser.verdicts.get(id) !== status).map(([id, status]) => `${id} (sim ${status}, puppeteer ${browser.verdicts.get(id) ?? 'absent'})`);
  const lines = [
    `plans      ${plans.join(', ')} (default variants, embedded reference server, seed 1)`,
    `driver        wall    paths  steps  paths/s  steps/s  verdict`,
    row('sim', sim),
    row(`puppeteer`, browser),
    `lanes      puppeteer: ${lanes} path(s) at once (--jobs), each with its own Chromium and embedded servers; sim: 1`,
    `verdicts   ${differ.length ? `${differ.length} requirement(s) differ: ${differ.join(', ')}` : `equal on all ${sim.verdicts.size} requirements`}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
