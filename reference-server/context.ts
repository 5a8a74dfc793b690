/**
 * The shared context every part of the server (and every plugin, such as Creds under
 * `reference-server/creds/`) receives: the resolved config and the services built from it
 * once. Reach it in a route as `app.authconf`, or as the second argument of a `ServerPlugin`.
 */
import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { Rng } from '../models/runtime.ts';
import type { DeviationName } from '../models/deviations.ts';
import { deviations } from '../models/deviations.ts';
import type { ServerClock, ServerConfig } from './config.ts';
import type { Store } from './store/contract.ts';
import { FaultBox } from './domain/faults.ts';
import type { SigningKeys } from './oidc/keys.ts';

export interface ServerContext {
  config: ServerConfig;
  store: Store;
  clock: ServerClock;
  rng: Rng;
  faults: FaultBox;
  keys: SigningKeys;
  /** `push` events carry the device id whose pending requests changed (long poll and SSE). */
  events: EventEmitter;
  /**
   * True when the server was started with this deviation. The second argument must be the
   * requirement the deviation breaks (checked by the compiler), so each deviating branch
   * names the requirement at its call site.
   */
  deviates<N extends DeviationName>(name: N, breaks: (typeof deviations)[N]['breaks']): boolean;
  nowMs(): number;
}

export type ServerPlugin = (app: FastifyInstance, context: ServerContext) => Promise<void> | void;

export function createContext(config: ServerConfig, keys: SigningKeys): ServerContext {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    config,
    store: config.store,
    clock: config.clock,
    rng: config.rng,
    faults: new FaultBox(),
    keys,
    events,
    deviates: (name, breaks) => config.deviations.has(name) && deviations[name].breaks === breaks,
    nowMs: () => config.clock.now(),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    authconf: ServerContext;
  }
}
