/**
 * The embedded target: the reference server in-process on a real port (127.0.0.1), with the
 * manual clock, a seeded random source, test control on, the variant's policy and the run's
 * server-side deviations. One server per policy variant, started on first use.
 */
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type DeviationName, deviations as deviationTable } from '../../../models/deviations.ts';
import type { Policy } from '../../../models/policy.ts';
import { ManualClock, seededRng } from '../../../models/runtime.ts';
import { build } from '../../../reference-server/app.ts';

export interface EmbeddedServer {
  app: FastifyInstance;
  base: string;
  clock: ManualClock;
  close(): Promise<void>;
}

/** A free port, so the server can be built knowing its own base URL (QR codes name it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function serverDeviations(names: readonly DeviationName[]): DeviationName[] {
  return names.filter((n) => deviationTable[n].side === 'server');
}

export async function startEmbeddedServer(policy: Policy, seed: number, deviations: readonly DeviationName[]): Promise<EmbeddedServer> {
  const clock = new ManualClock();
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const app = build({ clock, rng: seededRng(seed), testControl: true, policy, deviations: serverDeviations(deviations), baseUrl: base });
    try {
      await app.listen({ port, host: '127.0.0.1' });
      return { app, base, clock, close: () => app.close() };
    } catch (error) {
      await app.close();
      if (attempt >= 3 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
