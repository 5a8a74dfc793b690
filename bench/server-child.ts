/**
 * The server side of `npm run bench:server`, in its own process so that the load generator
 * does not share its event loop. Modes:
 *   hello FILE      a bare Fastify hello-world (the yardstick)
 *   reference FILE  the reference server on a SQLite FILE (real clock, strong randomness,
 *                   test control on, logger off), plus the same server with its logger on
 *                   (info, JSON lines to /dev/null) for the cost of logging
 * Answers on IPC: {url, loggedUrl} once listening; `seed` → seeds users with a mobile device
 * each; `memory` → RSS and heap after a full GC (run with --expose-gc), and CPU time used so far.
 */
import { createWriteStream } from 'node:fs';
import Fastify from 'fastify';
import { cryptoRng, systemClock } from '../models/runtime.ts';
import { listen } from '../reference-server/listen.ts';
import { SqliteStore } from '../reference-server/store/sqlite.ts';
import { createUser } from '../reference-server/domain/users.ts';
import { addDevice } from '../reference-server/domain/devices.ts';
import type { ServerContext } from '../reference-server/context.ts';

type Message = { type: 'seed'; from: number; to: number } | { type: 'memory' } | { type: 'cpu' } | { type: 'stop' };

const [mode, file] = process.argv.slice(2);
const send = (message: unknown): void => void process.send!(message);
const closers: (() => Promise<void>)[] = [];

/** Users `bench<i>` (password `pw`) with one mobile device each, written straight into the store in one transaction. */
function seed(context: ServerContext, from: number, to: number): void {
  const template = context.store.find('users', 'username', 'bench-template')[0] ?? createUser(context, 'bench-template', 'pw');
  context.store.transaction(() => {
    for (let i = from; i < to; i++) {
      const user = { ...template, id: `ubench${i}`, username: `bench${i}`, displayName: `Bench ${i}` };
      context.store.put('users', user.id, user);
      addDevice(context, user, { kind: 'mobile', name: `Phone ${i}`, platform: 'ios' });
    }
  });
}

if (mode === 'hello') {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  closers.push(() => app.close());
  send({ type: 'listening', url: `http://127.0.0.1:${port}` });
} else {
  const store = new SqliteStore(file!);
  const common = { port: 0, store, clock: systemClock(), rng: cryptoRng(), testControl: true };
  const server = await listen({ ...common, logger: false });
  const logged = await listen({ ...common, logger: { level: 'info', stream: createWriteStream('/dev/null') } });
  closers.push(() => server.close(), () => logged.close(), async () => store.close());
  process.on('message', (message: Message) => {
    if (message.type === 'seed') {
      seed(server.app.authconf, message.from, message.to);
      send({ type: 'seeded' });
    }
  });
  send({ type: 'listening', url: server.url, loggedUrl: logged.url });
}

process.on('message', (message: Message) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', cpuMs: (user + system) / 1000 });
  } else if (message.type === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    send({ type: 'memory', rss, heapUsed, cpuMs: (user + system) / 1000 });
  } else if (message.type === 'stop') {
    void Promise.all(closers.map((close) => close())).then(() => process.exit(0));
  }
});
