/**
 * Options in, resolved config out (STYLE.md example 8). `ServerOptions` is what callers pass
 * to `build()`, every field optional; `resolveConfig` fills each one once, here, with the
 * default and why. Nothing else in the server reads a default.
 */
import type { Clock, Rng } from '../models/runtime.ts';
import { ManualClock, seededRng } from '../models/runtime.ts';
import type { Policy, PolicyParameters } from '../models/policy.ts';
import { resolvePolicy } from '../models/policy.ts';
import type { DeviationName } from '../models/deviations.ts';
import { isDeviationName } from '../models/deviations.ts';
import type { Store } from './store/contract.ts';
import { MemoryStore } from './store/memory.ts';

/** A clock that test control can move forward (`ManualClock` and `SystemClock` both can). */
export type ServerClock = Clock & { advance?(ms: number): number };

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name: string;
}

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Where and how much the server logs: one JSON object per line (Fastify's logger, pino). */
export interface LoggerOptions {
  level?: LogLevel;
  /** Default: process.stderr (stdout stays for what a command prints). */
  stream?: { write(line: string): unknown };
}

export interface ServerOptions {
  clock?: ServerClock;
  rng?: Rng;
  policy?: PolicyParameters;
  store?: Store;
  testControl?: boolean;
  deviations?: readonly DeviationName[];
  baseUrl?: string;
  /** false: silent; true: info to stderr; or a level and a stream. */
  logger?: boolean | LoggerOptions;
  organization?: { id: string; name: string };
  clients?: OAuthClient[];
  demoUsers?: DemoUser[];
  /** Largest request body accepted, bytes. */
  bodyLimit?: number;
  /** Seconds a portal sign-on session lives. */
  sessionTtlSeconds?: number;
  /** Seconds the portal refuses OTPs for a user after `policy.otp.maxAttempts` wrong ones. */
  otpLockoutSeconds?: number;
  /** Longest real-time wait a device may ask for with `?waitSeconds=`. */
  maxWaitSeconds?: number;
  /** Seconds one OIDC signing key signs before a new one takes over; null: never on the clock. */
  signingKeyRotationSeconds?: number | null;
  /** Seconds a retired signing key stays in the JWKS (raised to the flow lifetime if shorter). */
  signingKeyRetiredSeconds?: number;
  /** Seconds between two purges of expired records (run on a request, read from the injected clock). */
  purgeIntervalSeconds?: number;
  /** Seconds an expired record is kept before the purge removes it. */
  purgeAfterSeconds?: number;
  /**
   * scrypt's cost N (a power of two, 2..1024) for the passwords of users created from now on.
   * Lower it only for a throw-away test target (the embedded target of `authconf run` uses 2:
   * thousands of users per run); a hash keeps the cost it was made with, so any store stays readable.
   */
  passwordHashCost?: number;
}

export interface ServerConfig {
  clock: ServerClock;
  rng: Rng;
  policy: Policy;
  store: Store;
  testControl: boolean;
  deviations: ReadonlySet<DeviationName>;
  baseUrl: string;
  logger: false | { level: LogLevel; stream: { write(line: string): unknown } };
  organization: { id: string; name: string };
  clients: OAuthClient[];
  demoUsers: DemoUser[];
  bodyLimit: number;
  sessionTtlSeconds: number;
  otpLockoutSeconds: number;
  maxWaitSeconds: number;
  signingKeyRotationSeconds: number | null;
  signingKeyRetiredSeconds: number;
  purgeIntervalSeconds: number;
  purgeAfterSeconds: number;
  passwordHashCost: number;
}

/** scrypt's N for passwords unless `passwordHashCost` says otherwise. */
export const DEFAULT_PASSWORD_HASH_COST = 1024;

/** The demo users every fresh store gets (documented in reference-server/README.md). */
export const defaultDemoUsers: DemoUser[] = [
  { username: 'alice', password: 'alice-password', displayName: 'Alice Example' },
  { username: 'bob', password: 'bob-password', displayName: 'Bob Example' },
];

export function defaultClients(baseUrl: string): OAuthClient[] {
  return [
    {
      clientId: 'authconf-app',
      clientSecret: 'authconf-app-secret',
      // The demo application that the portal's success page links back to.
      redirectUris: [`${baseUrl}/app/callback`, 'http://localhost/callback'],
      name: 'Demo Application',
    },
  ];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly code: 'UNKNOWN_DEVIATION' | 'POLICY_INVALID' | 'USAGE',
  ) {
    super(message);
  }
}

export function resolveConfig(options: ServerOptions = {}): ServerConfig {
  for (const name of options.deviations ?? []) {
    if (!isDeviationName(name)) throw new ConfigError(`unknown deviation '${String(name)}'`, 'UNKNOWN_DEVIATION');
  }
  // Without a base URL the server names itself after the documented default port of `authconf serve`.
  const baseUrl = (options.baseUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  const policy = resolvePolicy(options.policy);
  return {
    // Tests and the embedded default replay from a seed, so time stands still unless advanced.
    clock: options.clock ?? new ManualClock(),
    // Seed 0: replayable; `authconf serve` passes cryptoRng().
    rng: options.rng ?? seededRng(0),
    // models/policy.ts holds every policy default with its source.
    policy,
    // Tests: memory. `authconf serve` passes a SQLite store (default file authconf.sqlite).
    store: options.store ?? new MemoryStore(),
    // Test control is a back door: off unless asked for.
    testControl: options.testControl ?? false,
    // The documented behaviour unless a deviation is named.
    deviations: new Set(options.deviations ?? []),
    baseUrl,
    // Quiet by default: tests and `authconf run` inject thousands of requests. `authconf serve` turns it on.
    logger: resolveLogger(options.logger ?? false),
    organization: options.organization ?? { id: 'org-authconf', name: 'Authconf Demo Org' },
    clients: options.clients ?? defaultClients(baseUrl),
    demoUsers: options.demoUsers ?? defaultDemoUsers,
    // 64 KiB: every documented body is a few hundred bytes.
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    // One hour: long enough for a sign-on, short enough for a shared demo.
    sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
    // Five minutes, the same order as the pairing-key lockout.
    otpLockoutSeconds: options.otpLockoutSeconds ?? 300,
    // 30 s: under the usual proxy idle timeout.
    maxWaitSeconds: options.maxWaitSeconds ?? 30,
    // 30 days: a key signs for a month (a common provider cadence), then a new one takes over.
    signingKeyRotationSeconds: options.signingKeyRotationSeconds === undefined ? 30 * 24 * 3600 : options.signingKeyRotationSeconds,
    // A day, and never less than a flow lives: ID tokens live 300 s, SDK server payloads as long as their flow.
    signingKeyRetiredSeconds: Math.max(options.signingKeyRetiredSeconds ?? 24 * 3600, policy.flow.ttlSeconds),
    // A minute: expired records go soon, and a busy server purges once a minute, not per request.
    purgeIntervalSeconds: options.purgeIntervalSeconds ?? 60,
    // An hour: a late poll of an expired push or key still reads "expired" rather than "not found".
    purgeAfterSeconds: options.purgeAfterSeconds ?? 3600,
    // 1024 (scrypt with r=8: about 1 MiB and 1-2 ms a hash): demo passwords guard a test server.
    passwordHashCost: passwordHashCost(options.passwordHashCost),
  };
}

function passwordHashCost(cost: number | undefined): number {
  if (cost === undefined) return DEFAULT_PASSWORD_HASH_COST;
  // scrypt wants a power of two above 1; more than the default buys a test server nothing.
  if (!Number.isInteger(cost) || cost < 2 || cost > DEFAULT_PASSWORD_HASH_COST || (cost & (cost - 1)) !== 0) {
    throw new ConfigError(`passwordHashCost ${String(cost)} is not a power of two from 2 to ${DEFAULT_PASSWORD_HASH_COST}`, 'USAGE');
  }
  return cost;
}

function resolveLogger(logger: boolean | LoggerOptions): ServerConfig['logger'] {
  if (logger === false) return false;
  const { level = 'info', stream = process.stderr } = logger === true ? {} : logger;
  // A level that is not one would make pino throw at start; say which levels there are instead.
  if (!(logLevels as readonly string[]).includes(level)) throw new ConfigError(`log level '${String(level)}' is not one of ${logLevels.join(', ')}`, 'USAGE');
  return { level, stream };
}
