/**
 * `--mode property --jobs N`: the plan's properties on N lanes, this thread and N-1 worker threads
 * (node:worker_threads), each with its own embedded servers, still reached in-process (Fastify's inject, no
 * socket). Every property runs on a driver of its own wherever it runs (`runIsolated`), so its
 * result depends on the seed and the property only, not on the worker or the order; the results
 * come back in the plan's order. Options that hold functions (a test's driver factory or machine
 * fixtures) cannot cross to a worker: those runs go one property at a time in this thread.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PathHooks } from '../runner/execute.ts';
import type { ResolvedRun, RunOptions } from '../runner/options.ts';
import { type PropertyJob, type PropertyRun, runIsolated } from './plan.ts';

// Node 20 does not take `--import tsx` in a worker's execArgv: the worker loads tsx's API, then worker.ts through it.
const WORKER_URL = new URL('./worker.ts', import.meta.url).href;
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
const BOOT = `const { workerData } = require('node:worker_threads'); import(workerData.tsx).then(({ tsImport }) => tsImport(workerData.url, workerData.url)).catch((e) => { console.error(e); process.exit(1); });`;

/** What a worker is given: the run's options without the ones that are functions. */
export type WorkerOptions = Omit<RunOptions, 'onPath' | 'driverFactory' | 'machines'>;

export type WorkerMessage = { ready: true } | { id: string; run: PropertyRun } | { id: string; error: string };

/** Whether the run's properties can go to worker threads (no function-valued options, more than one job and property). */
export function usesWorkers(options: RunOptions, run: ResolvedRun, count: number): boolean {
  return run.jobs > 1 && count > 1 && !options.driverFactory && !options.machines;
}

/**
 * Starts every property: here, one after another, and on `run.jobs - 1` worker threads beside
 * when `usesWorkers`; each lane takes the next property of the plan when it is free.
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
  // This thread is a lane too (it has the plan loaded; a worker takes seconds to load tsx and the
  // modules): it takes the next property whenever it is free, the workers the same way.
  void (async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      settleWith(id, await runIsolated(byId.get(id)!, options, run, hooks).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
    }
  })();
  if (!usesWorkers(options, run, properties.length)) return results;
  const { onPath: _onPath, driverFactory: _factory, machines: _machines, ...plain } = options;
  const workerData: { options: WorkerOptions } = { options: plain };
  const fail = (error: Error): void => {
    for (const { reject } of settle.values()) reject(error);
    settle.clear();
  };
  for (let i = 1; i < Math.min(run.jobs, properties.length); i++) {
    const worker = new Worker(BOOT, { eval: true, execArgv: [], workerData: { ...workerData, url: WORKER_URL, tsx: TSX_API } });
    let done = false;
    const next = (): void => {
      const id = queue.shift();
      done = id === undefined;
      if (done) void worker.terminate();
      else worker.postMessage(id);
    };
    worker.on('message', (message: WorkerMessage) => {
      if ('id' in message) settleWith(message.id, 'run' in message ? message.run : new Error(`property ${message.id} (worker thread): ${message.error}`));
      next();
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code: number) => {
      // terminate() ends a worker with code 1: only an exit nobody asked for is a failure.
      if (!done && settle.size) fail(new Error(`a property worker thread exited with code ${code}`));
    });
  }
  return results;
}
