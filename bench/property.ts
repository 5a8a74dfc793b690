/**
 * `npm run bench -- --mode property [--plan adapter] [--driver api] [--runs N] [--jobs N]`: property mode
 * beside path mode on the same plan, in-process against the embedded target (default: the
 * Authentication API plan through the api driver). Prints path mode's steps/s, property mode's
 * commands (steps) /s with the requests each made, and the time fast-check took to shrink a
 * failure (the `link-then-refuse` deviation for the adapter plan, else the plan's first
 * server-side deviation that fails). Property mode reaches the embedded server in-process
 * (Fastify's inject; path mode over a loopback socket): the last lines time one request each way
 * (bench/transport.ts).
 *
 * Property mode is timed apart from preparing its plan (models, graphs, the variant matrix: a
 * fixed cost per run): "walks" is the driver, the embedded servers and every walk; the line
 * after adds the preparation. By default it runs four times in this process: one lane twice (the
 * first run is what one `authconf run --mode property` sees, V8 compiling the code as it goes:
 * its first property runs at about half the rate of its last; the second runs compiled code),
 * then one lane and two lanes (this process and a lane process, which loads tsx and compiles the
 * code again: its start is inside the walks' time) over `--runs 200`. The 2,000 commands/s target
 * is held against the second run and the two-lane run. Wall-clock and CPU figures both: on a
 * shared machine the wall clock counts the neighbours too, so the load average is printed with
 * them.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { deviations, type DeviationName } from '../models/deviations.ts';
import { flag } from './args.ts';
import { injectedRequests } from '../suites/drivers/shared/transport.ts';
import { runPropertyPlan } from '../suites/property/engine.ts';
import { prepare, runPlan } from '../suites/runner/engine.ts';

export async function benchProperty(args: readonly string[]): Promise<void> {
  const plan = flag(args, '--plan') ?? 'adapter';
  const driver = flag(args, '--driver') ?? (plan === 'adapter' ? 'api' : 'sim');
  const runs = flag(args, '--runs') ? Number(flag(args, '--runs')) : undefined;
  const base = { plan, driver, out: null } as const;
  /**
   * The property-mode runs, in order. Default: one lane twice (the first run while V8 compiles,
   * the second on compiled code), then both cores over a longer run: one lane and two lanes at
   * --runs 200 (a lane process loads tsx and compiles the code again: its start is in the figure,
   * and a run as short as the default one is mostly that). --jobs N: one run with N lanes.
   */
  const LONG_RUNS = 200;
  const configs: { jobs: number; runs?: number; label: string; steady?: true }[] = flag(args, '--jobs')
    ? [{ jobs: Number(flag(args, '--jobs')), ...(runs ? { runs } : {}), label: 'one run' }]
    : [
        { jobs: 1, ...(runs ? { runs } : {}), label: 'first run, V8 compiling as it goes' },
        { jobs: 1, ...(runs ? { runs } : {}), label: 'second run, compiled code: the steady rate of one lane', steady: true },
        { jobs: 1, runs: LONG_RUNS, label: `one lane, --runs ${LONG_RUNS}` },
        { jobs: 2, runs: LONG_RUNS, label: `this process + 1 lane process, --runs ${LONG_RUNS}`, steady: true },
      ];

  // CPU time beside wall time: on a shared machine the wall clock measures the neighbours too.
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  let t = performance.now();
  let cpu = process.cpuUsage();
  const paths = await runPlan({ ...base });
  const pathMs = performance.now() - t;
  const pathCpuMs = cpuMs(cpu);
  const pathSteps = paths.paths.reduce((n, p) => n + p.steps.length - 1, 0);

  // The plan's preparation (models, graphs, variants) apart from the walks: a fixed cost per run.
  const propertyOptions = { ...base, mode: 'property', values: false } as const;
  const perSecond = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString('en');
  // process.cpuUsage counts this process only: a lane process's CPU is not in the per-CPU-second figure (marked).
  const propertyLines: string[] = [];
  const target = 2000;
  const verdicts: string[] = [];
  for (const config of configs) {
    const options = { ...propertyOptions, jobs: config.jobs, ...(config.runs ? { runs: config.runs } : {}) };
    t = performance.now();
    const prepared = await prepare(options);
    const prepareMs = performance.now() - t;
    t = performance.now();
    cpu = process.cpuUsage();
    const requests = injectedRequests();
    const property = await runPropertyPlan(options, prepared);
    const propertyMs = performance.now() - t;
    const propertyCpuMs = cpuMs(cpu);
    const section = property.property!;
    const rate = (section.commands / propertyMs) * 1000;
    const sent = injectedRequests() - requests;
    if (config.steady) verdicts.push(`${config.label} ${Math.round(rate).toLocaleString('en')} commands/s, ${rate >= target ? 'met' : 'NOT met'}`);
    propertyLines.push(
      `property mode   (in-process, --jobs ${config.jobs}: ${config.label}) ${section.properties.length} properties x ${section.runs} walks (<= ${section.maxSteps} steps), ${section.commands} commands (${property.summary.paths.failed} failed)${config.jobs === 1 ? `, ${sent.toLocaleString('en')} requests (${(sent / section.commands).toFixed(2)} per command)` : ''}:`,
      `  walks         ${(propertyMs / 1000).toFixed(1)} s: ${perSecond(section.commands, propertyMs)} commands/s; ${perSecond(section.commands, propertyCpuMs)} commands per CPU second${config.jobs > 1 ? ' of this process (the lane process not counted)' : ''}`,
      `  with the plan + ${(prepareMs / 1000).toFixed(1)} s preparing the plan: ${perSecond(section.commands, propertyMs + prepareMs)} commands/s`,
    );
  }
  if (verdicts.length) propertyLines.push(`target          ${target.toLocaleString('en')} commands/s in-process: ${verdicts.join('; ')}`);

  const deviation: DeviationName = plan === 'adapter' ? 'link-then-refuse' : (Object.keys(deviations) as DeviationName[]).find((d) => deviations[d].side === 'server')!;
  const faulty = await runPlan({ ...base, mode: 'property', values: false, deviations: [deviation], ...(runs ? { runs } : {}) });
  const failures = faulty.property!.properties.filter((p) => p.failure);

  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  const lines = [
    `plan            ${plan} (${driver} driver, embedded reference server, seed 1)`,
    `path mode       ${paths.paths.length} paths, ${pathSteps} steps in ${(pathMs / 1000).toFixed(1)} s: ${perSecond(pathSteps, pathMs)} steps/s; ${perSecond(pathSteps, pathCpuMs)} steps per CPU second`,
    ...propertyLines,
    ...failures.map((p) => `shrink          --deviate ${deviation}: ${p.id}: ${p.failure!.original.length} -> ${p.failure!.shrunk.length} commands, ${p.failure!.shrinks} shrinks in ${p.failure!.shrinkMs} ms`),
    ...(failures.length ? [] : [`shrink          --deviate ${deviation}: not caught in these runs`]),
    `load average    ${load} (1, 5, 15 min; ${availableParallelism()} cores: the wall-clock figures count the neighbours too)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await (await import('./transport.ts')).benchTransport();
}
