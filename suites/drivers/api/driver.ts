/**
 * The `api` driver: the Authentication API plans (the adapter flows, seed 004) against any
 * `--target URL`, or the embedded reference server without one. Push answers, time-outs and
 * pairing errors go through the target's test-control hook (`models/test-control.ts`) when it
 * answers `GET /test/v1/faults`; otherwise the paths that need them are not-applicable, with
 * that reason. The other flows need an app or a browser: not-applicable here.
 */
import { UsageError } from '../../../models/error-codes.ts';
import type { Driver } from '../../../models/driver.ts';
import type { ResolvedRun } from '../../runner/options.ts';
import { createSimDriver } from '../sim/driver.ts';

const API_MACHINE_PREFIX = 'adapter';

/** Fails with TARGET_UNREACHABLE (exit 2) when nothing answers at the URL. */
export async function checkTargetReachable(target: string, timeoutMs = 5000): Promise<void> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`--target '${target}' is not a URL (e.g. http://localhost:3000)`, 'USAGE');
  }
  try {
    const response = await fetch(new URL('/pf-ws/authn/flows/reachability-check', url), { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
  } catch (error) {
    throw new UsageError(
      `cannot reach --target ${target} (${(error as Error).message}). Start the server (e.g. 'authconf serve --port 3000 --test-control') or check the URL, then run again.`,
      'TARGET_UNREACHABLE',
    );
  }
}

export async function createApiDriver(run: ResolvedRun): Promise<Driver> {
  if (run.target) await checkTargetReachable(run.target);
  return createSimDriver(run, {
    name: 'api',
    ...(run.target ? { target: run.target } : {}),
    machines: (machine) =>
      machine.startsWith(API_MACHINE_PREFIX)
        ? true
        : { reason: 'the api driver runs only the Authentication API flows (adapter); this flow needs an app or a browser (use --driver sim)', remedy: 'run this flow with --driver sim (the embedded apps), or run --plan adapter with the api driver' },
  });
}
