/**
 * `authconf serve`: the reference server on a real port (portal, device API, Authentication
 * API, OIDC, and test control when asked), with the real clock, strong randomness and a SQLite
 * store so that users, devices and issued Creds survive a restart.
 */
import { readFileSync } from 'node:fs';
import { deviations, isDeviationName, type DeviationName } from '../../models/deviations.ts';
import type { PolicyParameters } from '../../models/policy.ts';
import { PolicyError, resolvePolicy } from '../../models/policy.ts';
import { logLevels, type LogLevel } from '../../reference-server/config.ts';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';
import { DEFAULT_HOST, DEFAULT_SERVE_PORT } from '../defaults.ts';
import { type CommandSpec, flag, list, parseOptions, portOf, str, usageOf } from '../options.ts';
import { didYouMean } from '../../suites/runner/suggest.ts';

export const spec: CommandSpec = {
  name: 'serve',
  summary: 'Serve the reference server (portal, device API, Authentication API, OIDC) on a real port',
  description: `The portal (sign on as alice / alice-password or bob / bob-password), the device API
(/device/v1, OpenAPI at /device/v1/openapi.json), the Authentication API (/pf-ws/authn/flows),
OIDC (/.well-known/openid-configuration), and test control (/test/v1) when asked.`,
  options: [
    { name: 'port', type: 'string', value: 'N', default: String(DEFAULT_SERVE_PORT), help: 'port to listen on; 0 = any free port' },
    { name: 'host', type: 'string', value: 'HOST', default: DEFAULT_HOST, help: 'interface to bind; 0.0.0.0 for every interface' },
    { name: 'db', type: 'string', value: 'FILE|:memory:', default: 'authconf.sqlite', help: 'SQLite file for users, devices, keys, Creds' },
    { name: 'test-control', type: 'flag', help: 'serve /test/v1: advance the clock, inject faults, read state' },
    { name: 'deviate', type: 'string', value: 'NAME', multiple: true, help: "start with a server deviation (see 'authconf deviations')" },
    { name: 'policy-json', type: 'string', value: 'FILE', help: 'organisation policy overrides, e.g. {"pin":{"length":6},"locationRequired":true}' },
    { name: 'base-url', type: 'string', value: 'URL', help: 'the URL the server names itself by (QR codes, OIDC issuer); default http://HOST:PORT' },
    { name: 'log-level', type: 'string', value: 'LEVEL', choices: logLevels, default: 'info', help: 'JSON log lines to stderr from this level' },
    { name: 'quiet', type: 'flag', help: 'no log at all (tests)' },
  ],
  footer: 'Stops on Ctrl-C.',
};

export interface ServeArgs {
  port: number;
  host: string;
  db: string;
  testControl: boolean;
  deviations: DeviationName[];
  policy: PolicyParameters;
  baseUrl: string | undefined;
  logLevel: LogLevel;
  quiet: boolean;
}

export function parseServeArgs(argv: string[], readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): ServeArgs {
  const { values } = parseOptions(spec, argv);
  const out: ServeArgs = {
    port: portOf(str(values, 'port'), DEFAULT_SERVE_PORT),
    host: str(values, 'host') ?? DEFAULT_HOST,
    db: str(values, 'db') ?? 'authconf.sqlite',
    testControl: flag(values, 'test-control'),
    deviations: [],
    policy: {},
    baseUrl: undefined,
    logLevel: (str(values, 'log-level') ?? 'info') as LogLevel,
    quiet: flag(values, 'quiet'),
  };
  const serverDeviations = Object.keys(deviations).filter((name) => isDeviationName(name) && deviations[name].side === 'server');
  for (const name of list(values, 'deviate')) {
    if (!isDeviationName(name) || deviations[name].side !== 'server') {
      throw new UsageError(`'${name}' is not a server deviation; see 'authconf deviations'.${didYouMean(name, serverDeviations)}`, 'UNKNOWN_DEVIATION');
    }
    out.deviations.push(name);
  }
  const file = str(values, 'policy-json');
  if (file !== undefined) {
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      throw new UsageError(`cannot read --policy-json ${file}: ${(error as Error).message}`);
    }
    try {
      out.policy = JSON.parse(text) as PolicyParameters;
      resolvePolicy(out.policy);
    } catch (error) {
      const why = error instanceof PolicyError ? error.message : `not JSON (${(error as Error).message})`;
      throw new UsageError(`--policy-json ${file}: ${why}`, error instanceof PolicyError ? 'POLICY_INVALID' : 'USAGE');
    }
  }
  const url = str(values, 'base-url');
  if (url !== undefined) {
    if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--base-url takes an http(s) URL, not '${url}'`);
    out.baseUrl = url.replace(/\/+$/, '');
  }
  return out;
}

/**
 * Issue 10, the restart case: a store that kept devices from an earlier run pushes each sign-on to
 * those phones. Say so, and how to start clean, for the person whose apps were reset meanwhile.
 */
export function keptDevicesNote(db: string, devices: number): string | undefined {
  if (db === ':memory:' || devices === 0) return undefined;
  return `authconf serve: ${devices} paired device(s) kept from an earlier run; sign-on reaches them only if their apps kept their pairings too (authconf sims serve --state). To start clean, stop the servers and delete ${db} and the apps' state (or use --db :memory:)`;
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseServeArgs(argv);
    const [{ cryptoRng, systemClock }, { SqliteStore }, { MemoryStore }, { StoreError }, { listen, PortInUseError }] = await Promise.all([
      import('../../models/runtime.ts'),
      import('../../reference-server/store/sqlite.ts'),
      import('../../reference-server/store/memory.ts'),
      import('../../reference-server/store/contract.ts'),
      import('../../reference-server/listen.ts'),
    ]);
    let store;
    try {
      store = args.db === ':memory:' ? new MemoryStore() : new SqliteStore(args.db);
    } catch (error) {
      if (error instanceof StoreError) throw new UsageError(`${error.message}; choose another file with --db`, 'DB_UNUSABLE');
      throw error;
    }
    let server;
    try {
      server = await listen({
        port: args.port,
        host: args.host,
        store,
        clock: systemClock(),
        rng: cryptoRng(),
        testControl: args.testControl,
        deviations: args.deviations,
        policy: args.policy,
        // JSON lines to stderr (stdout keeps the lines below for people and scripts).
        logger: args.quiet ? false : { level: args.logLevel },
        ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}),
      });
    } catch (error) {
      store.close();
      if (error instanceof PortInUseError) throw new UsageError(`port ${args.port} is in use; choose another with --port`, 'PORT_IN_USE');
      throw error;
    }
    io.out(`authconf serve: ${server.url}/portal/signon`);
    io.out(`authconf serve: store ${args.db === ':memory:' ? 'in memory' : args.db}; demo users alice / alice-password, bob / bob-password`);
    const kept = keptDevicesNote(args.db, store.list('devices').length);
    if (kept) io.out(kept);
    if (args.testControl) io.out(`authconf serve: test control on at ${server.url}/test/v1`);
    if (args.deviations.length > 0) io.out(`authconf serve: DEVIATING from the documents: ${args.deviations.join(', ')}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
    store.close();
    return 0;
  },
};

export default command;
