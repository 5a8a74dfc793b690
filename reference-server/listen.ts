/**
 * Puts the reference server on a real port. `build()` needs its base URL before it listens
 * (the QR code and the OIDC issuer name the server), so port 0 is resolved to a free port first.
 */
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { build, type BuildOptions } from './app.ts';

export interface ListenOptions extends BuildOptions {
  /** 0 = any free port. Default 3000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface Listening {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  readonly code = 'PORT_IN_USE';
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function listen(options: ListenOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port === 0 ? await freePort(host) : (options.port ?? 3000);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = options.baseUrl ?? `http://${shownHost}:${port}`;
  const app = build({ ...options, baseUrl: url });
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(`port ${port} on ${host} is in use`);
    throw error;
  }
  return { app, url, close: () => app.close() };
}
