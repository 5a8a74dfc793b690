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

const usage = `Usage: authconf serve [--port N] [--host H] [--db FILE|:memory:] [--test-control]
                      [--deviate NAME ...] [--policy-json FILE] [--base-url URL]
                      [--log-level LEVEL | --quiet]

Serves the reference server: the portal (sign on as alice / alice-password or bob / bob-password),
the device API (/device/v1, OpenAPI at /device/v1/openapi.json), the Authentication API
(/pf-ws/authn/flows), OIDC (/.well-known/openid-configuration), and test control (/test/v1).

Options:
  --port N            port to listen on (default 3000; 0 = any free port)
  --host H            interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --db FILE|:memory:  SQLite file for users, devices, keys, Creds (default authconf.sqlite)
  --test-control      serve /test/v1: advance the clock, inject faults, read state
  --deviate NAME      start with a server deviation (repeatable; see 'authconf deviations')
  --policy-json FILE  organisation policy overrides, e.g. {"pin":{"length":6},"locationRequired":true}
  --base-url URL      the URL the server names itself by (QR codes, OIDC issuer); default http://HOST:PORT
  --log-level LEVEL   JSON log lines to stderr from this level: fatal, error, warn, info (default), debug, trace
  --quiet             no log at all (tests)

Stops on Ctrl-C.`;

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
  const out: ServeArgs = { port: 3000, host: '127.0.0.1', db: 'authconf.sqlite', testControl: false, deviations: [], policy: {}, baseUrl: undefined, logLevel: 'info', quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes 0..65535');
        out.port = port;
        break;
      }
      case '--host':
        out.host = value();
        break;
      case '--db':
        out.db = value();
        break;
      case '--test-control':
        out.testControl = true;
        break;
      case '--deviate': {
        const name = value();
        if (!isDeviationName(name) || deviations[name].side !== 'server') {
          throw new UsageError(`'${name}' is not a server deviation; see 'authconf deviations'`, 'UNKNOWN_DEVIATION');
        }
        out.deviations.push(name);
        break;
      }
      case '--policy-json': {
        const file = value();
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
        break;
      }
      case '--base-url': {
        const url = value();
        if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--base-url takes an http(s) URL, not '${url}'`);
        out.baseUrl = url.replace(/\/+$/, '');
        break;
      }
      case '--log-level': {
        const level = value();
        if (!(logLevels as readonly string[]).includes(level)) throw new UsageError(`--log-level takes ${logLevels.join(', ')}, not '${level}'`);
        out.logLevel = level as LogLevel;
        break;
      }
      case '--quiet':
        out.quiet = true;
        break;
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return out;
}

const command: Command = {
  summary: 'Serve the reference server (portal, device API, Authentication API, OIDC) on a real port',
  usage,
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
