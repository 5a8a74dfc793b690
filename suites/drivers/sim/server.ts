/**
 * The embedded target: the reference server in-process on a real port (127.0.0.1), with the
 * manual clock, a seeded random source, test control on, the variant's policy and the run's
 * server-side deviations, and cheap password hashes (`passwordHashCost`). One server per policy variant, started on first use.
 */
import type { FastifyInstance } from 'fastify';
import { type DeviationName, deviations as deviationTable } from '../../../models/deviations.ts';
import type { Policy } from '../../../models/policy.ts';
import { ManualClock, seededRng } from '../../../models/runtime.ts';
import { listen, PortInUseError } from '../../../reference-server/listen.ts';
import { routeInProcess } from '../shared/transport.ts';

export interface EmbeddedServer {
  app: FastifyInstance;
  base: string;
  clock: ManualClock;
  close(): Promise<void>;
}

export function serverDeviations(names: readonly DeviationName[]): DeviationName[] {
  return names.filter((n) => deviationTable[n].side === 'server');
}

/**
 * `inProcess` (property mode): the harness's own clients (Authentication API, portal, test
 * control, the sims) reach this server through `inject` instead of the socket, which still listens
 * (suites/drivers/shared/transport.ts).
 */
export async function startEmbeddedServer(policy: Policy, seed: number, deviations: readonly DeviationName[], options: { inProcess?: boolean } = {}): Promise<EmbeddedServer> {
  const clock = new ManualClock();
  // `listen` resolves port 0 to a free port before building, so the server knows its own base
  // URL (QR codes name it); another process may take that port in between, hence the retries.
  for (let attempt = 0; ; attempt++) {
    try {
      const running = await listen({
        port: 0, host: '127.0.0.1', clock, rng: seededRng(seed), testControl: true, policy, deviations: serverDeviations(deviations),
        // A throw-away target whose users are made by the thousand (a new one per path or walk):
        // scrypt at N=2, not the server's default 1024 (1-2 ms of CPU each). Nothing observable over HTTP changes.
        passwordHashCost: 2,
      });
      const unroute = options.inProcess ? routeInProcess(running.url, running.app) : () => undefined;
      return {
        app: running.app, base: running.url, clock,
        close: async () => {
          unroute();
          await running.close();
        },
      };
    } catch (error) {
      if (attempt >= 3 || !(error instanceof PortInUseError)) throw error;
    }
  }
}
