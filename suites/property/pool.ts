/**
 * `--mode property --jobs N`: the plan's properties on N lanes, this process and N-1 lane
 * processes (`child_process.fork` of lane.ts under tsx), each with its own embedded servers,
 * still reached in-process (Fastify's inject, no socket). Every property runs on a driver of its
 * own wherever it runs (`runIsolated`), so its result depends on the seed and the property only,
 * not on the lane or the order; the results come back in the plan's order. Options that hold
 * functions (a test's driver factory or machine fixtures) cannot cross to another process: those
 * runs go one property at a time here.
 *
 * Processes, not worker threads: on the 2-core VM this was measured on, two worker threads of one
 * process ran each command at about twice the CPU of one thread (1,808 commands/s for both
 * lanes, 28,395 commands), while two processes ran 2,118-2,249 commands/s against 1,764 for one
 * lane (`npm run bench -- --mode property`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PathHooks } from '../runner/execute.ts';
import type { ResolvedRun, RunOptions } from '../runner/options.ts';
import { type PropertyJob, type PropertyRun, runIsolated } from './plan.ts';

const LANE_PATH = fileURLToPath(new URL('./lane.ts', import.meta.url));
// tsx's loader by file URL: the lane process resolves it wherever it starts.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** What a worker is given: the run's options without the ones that are functions. */
export type LaneOptions = Omit<RunOptions, 'onPath' | 'driverFactory' | 'machines'>;

export type LaneMessage = { ready: true } | { id: string; run: PropertyRun } | { id: string; error: string };

/**
 * A lane process (lane.ts under tsx), given the run's options: it answers `{ ready: true }`
 * once its plan is prepared, then one `{ id, run }` (or `{ id, error }`) per property id sent.
 */
export function forkLane(options: LaneOptions): ChildProcess {
  const lane = fork(LANE_PATH, [], { execArgv: ['--import', TSX_LOADER], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  lane.send({ options });
  return lane;
}

/** Whether the run's properties can go to lane processes (no function-valued options, more than one job and property). */
export function usesLanes(options: RunOptions, run: ResolvedRun, count: number): boolean {
  return run.jobs > 1 && count > 1 && !options.driverFactory && !options.machines;
}

/**
 * Starts every property: here, one after another, and on `run.jobs - 1` lane processes beside
 * when `usesLanes`; each lane takes the next property of the plan when it is free.
 * Returns one promise per property, in the plan's order.
 */
export function startProperties(options: RunOptions, run: ResolvedRun, properties: readonly PropertyJob[], hooks?: PathHooks): Promise<PropertyRun>[] {
  const settle = new Map<string, { resolve: (r: PropertyRun) => void; reject: (e: Error) => void }>();
  const results = properties.map((p) => new Promise<PropertyRun>((resolve, reject) => settle.set(p.id, { resolve, reject })));
  // A property nobody awaits yet must not count as an unhandled rejection.
  results.forEach((r) => r.catch(() => undefined));
  const queue = properties.map((p) => p.id);
  const byId = new Map(properties.map((p) => [p.id, p]));
  const settleWith = (id: string, outcome: PropertyRun | Error): void => {
    const waiting = settle.get(id);
    settle.delete(id);
    if (outcome instanceof Error) waiting?.reject(outcome);
    else waiting?.resolve(outcome);
  };
  // This process is a lane too (it has the plan loaded; a lane process takes a second or two to load tsx and
  // the modules): it takes the next property whenever it is free, the lane processes the same way.
  void (async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      settleWith(id, await runIsolated(byId.get(id)!, options, run, hooks).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
    }
  })();
  if (!usesLanes(options, run, properties.length)) return results;
  const { onPath: _onPath, driverFactory: _factory, machines: _machines, ...plain } = options;
  const fail = (error: Error): void => {
    for (const { reject } of settle.values()) reject(error);
    settle.clear();
  };
  const lanes: ChildProcess[] = [];
  for (let i = 1; i < Math.min(run.jobs, properties.length); i++) {
    const lane = forkLane(plain);
    lanes.push(lane);
    let done = false;
    const next = (): void => {
      const id = queue.shift();
      done = id === undefined;
      if (id === undefined) lane.kill();
      else lane.send(id);
    };
    lane.on('message', (message: LaneMessage) => {
      if ('id' in message) settleWith(message.id, 'run' in message ? message.run : new Error(`property ${message.id} (lane process): ${message.error}`));
      next();
    });
    lane.on('error', (error) => fail(error));
    lane.on('exit', (code: number | null) => {
      // kill() ends a lane with a signal: only an exit nobody asked for is a failure.
      if (!done && settle.size) fail(new Error(`a property lane process exited with code ${String(code)}`));
    });
  }
  // A lane still starting when this process ran the last property is not waited for.
  void Promise.allSettled(results).then(() => lanes.forEach((lane) => lane.kill()));
  return results;
}
