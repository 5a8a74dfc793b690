/**
 * `npm run bench -- --mode property [--plan adapter] [--driver api] [--runs N]`: property mode
 * beside path mode on the same plan, in-process against the embedded target (default: the
 * Authentication API plan through the api driver). Prints path mode's steps/s, property mode's
 * commands (steps) /s, and the time fast-check took to shrink a failure (the `link-then-refuse`
 * deviation for the adapter plan, else the plan's first server-side deviation that fails).
 * Property mode reaches the embedded server in-process (Fastify's inject; path mode over a
 * loopback socket): the last lines time one request each way (bench/transport.ts).
 */
import { performance } from 'node:perf_hooks';
import { deviations, type DeviationName } from '../models/deviations.ts';
import { runPlan } from '../suites/runner/engine.ts';

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function benchProperty(args: readonly string[]): Promise<void> {
  const plan = flag(args, '--plan') ?? 'adapter';
  const driver = flag(args, '--driver') ?? (plan === 'adapter' ? 'api' : 'sim');
  const runs = flag(args, '--runs') ? Number(flag(args, '--runs')) : undefined;
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

  t = performance.now();
  cpu = process.cpuUsage();
  const property = await runPlan({ ...base, mode: 'property', values: false, ...(runs ? { runs } : {}) });
  const propertyMs = performance.now() - t;
  const propertyCpuMs = cpuMs(cpu);
  const section = property.property!;

  const deviation: DeviationName = plan === 'adapter' ? 'link-then-refuse' : (Object.keys(deviations) as DeviationName[]).find((d) => deviations[d].side === 'server')!;
  const faulty = await runPlan({ ...base, mode: 'property', values: false, deviations: [deviation], ...(runs ? { runs } : {}) });
  const failures = faulty.property!.properties.filter((p) => p.failure);

  const lines = [
    `plan            ${plan} (${driver} driver, embedded reference server, seed 1)`,
    `path mode       ${paths.paths.length} paths, ${pathSteps} steps in ${(pathMs / 1000).toFixed(1)} s: ${Math.round((pathSteps / pathMs) * 1000)} steps/s; ${Math.round((pathSteps / pathCpuMs) * 1000)} steps per CPU second`,
    `property mode   (in-process) ${section.properties.length} properties x ${section.runs} walks (<= ${section.maxSteps} steps): ${section.commands} commands in ${(propertyMs / 1000).toFixed(1)} s: ${Math.round((section.commands / propertyMs) * 1000)} commands/s; ${Math.round((section.commands / propertyCpuMs) * 1000)} commands per CPU second (${property.summary.paths.failed} failed)`,
    ...failures.map((p) => `shrink          --deviate ${deviation}: ${p.id}: ${p.failure!.original.length} -> ${p.failure!.shrunk.length} commands, ${p.failure!.shrinks} shrinks in ${p.failure!.shrinkMs} ms`),
    ...(failures.length ? [] : [`shrink          --deviate ${deviation}: not caught in these runs`]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await (await import('./transport.ts')).benchTransport();
}
