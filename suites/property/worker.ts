/**
 * A property worker thread (pool.ts): prepares the plan from the run's options, then runs each
 * property id it is sent on a driver of its own and posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepare } from '../runner/engine.ts';
import { propertyJobs, runIsolated } from './plan.ts';
import type { WorkerMessage, WorkerOptions } from './pool.ts';

const port = parentPort!;
const { options } = workerData as { options: WorkerOptions };
const prepared = await prepare(options);
const byId = new Map(propertyJobs(prepared.plan, prepared.run).map((p) => [p.id, p]));
const post = (message: WorkerMessage): void => port.postMessage(message);

port.on('message', (id: string) => {
  const property = byId.get(id);
  if (!property) {
    post({ id, error: `no property ${id} in this worker's plan` });
    return;
  }
  runIsolated(property, options, prepared.run).then(
    (run) => post({ id, run }),
    (error: unknown) => post({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
post({ ready: true });
