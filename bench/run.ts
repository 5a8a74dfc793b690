/**
 * `npm run bench`: the full embedded plan (`--plan all`, sim driver, default matrix) in-process,
 * timed. Prints wall time, paths, steps, states and transitions covered, and peak RSS. The
 * target: under 60 s on a 2-core machine.
 */
import { performance } from 'node:perf_hooks';
import { exitCodeOf, prepare, runPlan } from '../suites/runner/engine.ts';
import { flag } from './args.ts';

const args = process.argv.slice(2);
// property mode (issue 12): bench/property.ts
if (flag(args, '--mode') === 'property') {
  await (await import('./property.ts')).benchProperty(args);
  process.exit(0);
}
// the browser driver (issue 10): bench/browser.ts
if (flag(args, '--driver') === 'puppeteer') {
  const jobs = flag(args, '--jobs') === undefined ? undefined : Number(flag(args, '--jobs'));
  await (await import('./browser.ts')).benchBrowser(jobs);
  process.exit(0);
}
// issue 12: one Authentication API request over HTTP vs in-process (bench/transport.ts)
if (args.includes('--transport')) {
  await (await import('./transport.ts')).benchTransport();
  process.exit(0);
}
const plan = args[0] ?? 'all';
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const t0 = performance.now();
const prepared = await prepare({ plan, out: null });
const tPrepared = performance.now();
const result = await runPlan({ plan, out: 'reports/out/bench' });
const wall = performance.now() - t0;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const steps = result.paths.reduce((n, p) => n + p.steps.length - 1, 0);
const { paths, coverage, requirements } = result.summary;
const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
const lines = [
  `plan            ${plan} (sim driver, embedded reference server, seed 1)`,
  `wall time       ${(wall / 1000).toFixed(1)} s (path generation ${((tPrepared - t0) / 1000).toFixed(1)} s)`,
  `paths           ${paths.total} (${paths.passed} passed, ${paths.failed} failed, ${paths.notApplicable} n/a)`,
  `steps           ${steps}`,
  `states          ${coverage.states.covered}/${coverage.states.total} covered (${pct(coverage.states.covered, coverage.states.total)})`,
  `transitions     ${coverage.transitions.covered}/${coverage.transitions.total} covered (${pct(coverage.transitions.covered, coverage.transitions.total)})`,
  `requirements    ${requirements.passed} passed, ${requirements.failed} failed, ${requirements.notApplicable} n/a, ${requirements.notCovered} not covered`,
  `peak RSS        ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
  `verdict         exit ${exitCodeOf(result)}`,
];
for (const m of result.machines) {
  lines.push(`  ${m.id.padEnd(28)} transitions ${m.transitions.covered.length}/${m.transitions.total}, states ${m.states.covered.length}/${m.states.total}, paths ${prepared.plan.jobs.filter((j) => j.entry.id === m.id).length}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
