/**
 * ELK (elkjs, the Eclipse Layout Kernel compiled to JavaScript) called synchronously, so the
 * report writers stay synchronous. `new ELK().layout()` returns a promise only because it posts
 * the graph to a worker; elkjs's in-process worker (`elk-worker.min.js`, the one `elk.bundled.js`
 * uses when there are no worker threads) lays the graph out in its dispatcher's `saveDispatch`,
 * which answers on the same call stack. We call that dispatcher directly.
 */
import { createRequire } from 'node:module';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

interface Dispatcher {
  saveDispatch(event: { data: { id: number; cmd: 'register'; algorithms: string[] } | { id: number; cmd: 'layout'; graph: ElkNode } }): void;
}
interface FakeWorker {
  dispatcher: Dispatcher;
  onmessage: (message: { data: { id: number; data?: ElkNode; error?: unknown } }) => void;
}

let worker: FakeWorker | undefined;

function elkWorker(): FakeWorker {
  if (!worker) {
    const { Worker } = createRequire(import.meta.url)('elkjs/lib/elk-worker.min.js') as { Worker: new () => FakeWorker };
    worker = new Worker();
    if (typeof worker.dispatcher?.saveDispatch !== 'function') throw new Error('elkjs: the in-process worker has no dispatcher (elkjs version changed?)');
    worker.onmessage = () => undefined;
    worker.dispatcher.saveDispatch({ data: { id: 0, cmd: 'register', algorithms: ['layered'] } }); // as `new ELK()` does
  }
  return worker;
}

/** Lays `graph` out in place (positions, sizes of compound nodes, edge sections) and returns it. */
export function layoutSync(graph: ElkNode): ElkNode {
  const w = elkWorker();
  let answer: { data?: ElkNode; error?: unknown } | undefined;
  w.onmessage = (message) => {
    answer = message.data;
  };
  w.dispatcher.saveDispatch({ data: { id: 0, cmd: 'layout', graph } });
  if (!answer) throw new Error('elkjs answered asynchronously: the synchronous layout is not available');
  if (answer.error !== undefined) {
    const error = answer.error as { message?: string; g?: { message?: string } };
    throw new Error(`elkjs layout failed: ${error.message ?? error.g?.message ?? String(answer.error)}`);
  }
  return answer.data!;
}
