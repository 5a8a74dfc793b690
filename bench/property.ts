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
 * after adds the preparation. At `--jobs 1` it runs twice in this process: the first run is what
 * one `authconf run --mode property` sees, V8 compiling the code as it goes (the first property
 * runs at about half the rate of the last); the second runs compiled code, the rate a longer run
 * approaches (`--runs 200` averages about the same). The 2,000 commands/s target is held against
 * the second. Then `--jobs 2` (this thread and a worker thread, which loads tsx and the modules
 * and compiles them again: its start is inside the walks' time and CPU). Wall-clock and CPU
 * figures both: on a shared machine the wall clock counts the neighbours too, so the load average
 * is printed with them.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { deviations, type DeviationName } from '../models/deviations.ts';
import { injectedRequests } from '../suites/drivers/shared/transport.ts';
import { runPropertyPlan } from '../suites/property/engine.ts';
import { prepare, runPlan } from '../suites/runner/engine.ts';

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function benchProperty(args: readonly string[]): Promise<void> {
  const plan = flag(args, '--plan') ?? 'adapter';
  const driver = flag(args, '--driver') ?? (plan === 'adapter' ? 'api' : 'sim');
  const runs = flag(args, '--runs') ? Number(flag(args, '--runs')) : undefined;
  // Property mode at each --jobs asked (default: 1, twice, then 2: this thread and one worker thread beside it).
  const jobsList = flag(args, '--jobs') ? [Number(flag(args, '--jobs'))] : [1, 1, 2];
  const base = { plan, driver, out: null } as const;

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
  const propertyOptions = { ...base, mode: 'property', values: false, ...(runs ? { runs } : {}) } as const;
  t = performance.now();
  cpu = process.cpuUsage();
  const prepared = await prepare(propertyOptions);
  const prepareMs = performance.now() - t;
  const prepareCpuMs = cpuMs(cpu);
  const perSecond = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString('en');
  // process.cpuUsage counts every thread of the process: the worker threads' CPU is in the figure.
  const propertyLines: string[] = [];
  const target = 2000;
  let steady: number | undefined;
  for (const [i, jobs] of jobsList.entries()) {
    const again = jobsList.indexOf(jobs) < i;
    t = performance.now();
    cpu = process.cpuUsage();
    const requests = injectedRequests();
    const property = await runPropertyPlan({ ...propertyOptions, jobs }, { ...prepared, run: { ...prepared.run, jobs } });
    const propertyMs = performance.now() - t;
    const propertyCpuMs = cpuMs(cpu);
    const section = property.property!;
    const rate = (section.commands / propertyMs) * 1000;
    if (jobs === 1 && (again || jobsList.filter((j) => j === 1).length === 1)) steady = rate;
    const sent = injectedRequests() - requests;
    const which = jobs === 1 ? (again ? 'second run, compiled code (the steady rate)' : jobsList.filter((j) => j === 1).length > 1 ? 'first run, V8 compiling as it goes' : 'one run') : `this thread + ${jobs - 1} worker thread(s)`;
    propertyLines.push(
      `property mode   (in-process, --jobs ${jobs}: ${which}) ${section.properties.length} properties x ${section.runs} walks (<= ${section.maxSteps} steps), ${section.commands} commands (${property.summary.paths.failed} failed)${jobs === 1 ? `, ${sent.toLocaleString('en')} requests (${(sent / section.commands).toFixed(2)} per command)` : ''}:`,
      `  walks         ${(propertyMs / 1000).toFixed(1)} s: ${perSecond(section.commands, propertyMs)} commands/s; ${perSecond(section.commands, propertyCpuMs)} commands per CPU second`,
      `  with the plan + ${(prepareMs / 1000).toFixed(1)} s preparing the plan: ${perSecond(section.commands, propertyMs + prepareMs)} commands/s; ${perSecond(section.commands, propertyCpuMs + prepareCpuMs)} per CPU second`,
    );
  }
  if (steady !== undefined) {
    propertyLines.push(`target          ${target.toLocaleString('en')} commands/s in-process (--jobs 1, ${jobsList.filter((j) => j === 1).length > 1 ? 'second run' : 'this run'}): ${Math.round(steady).toLocaleString('en')} commands/s, ${steady >= target ? 'met' : 'NOT met'}`);
  }

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
