/**
 * `authconf sims serve`: the simulated authenticators' web builds (sims/web), one page per sim
 * whose controls carry the testID contract's `data-testid`s, driving the same sim cores as the
 * embedded default. Point them at an organisation's server with --server (the reference server
 * from `authconf serve`, or a vendor's implementation of the device API).
 */
import { isDeviationName, deviations } from '../../models/deviations.ts';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';
import { DEFAULT_HOST, DEFAULT_SERVE_PORT, DEFAULT_SIMS_PORT } from '../defaults.ts';
import { type CommandSpec, list, parseOptions, portOf, str, usageOf } from '../options.ts';
import { didYouMean } from '../../suites/runner/suggest.ts';

export const spec: CommandSpec = {
  name: 'sims serve',
  summary: 'Serve the web builds of the simulated mobile and desktop authenticators',
  description: `  http://HOST:PORT/mobile    the mobile app (camera scan via getUserMedia + jsQR, or image upload)
  http://HOST:PORT/desktop   the desktop app (profiles, pairing key, PIN, OTP Copy/Refresh)`,
  options: [
    { name: 'port', type: 'string', value: 'N', default: String(DEFAULT_SIMS_PORT), help: 'port to listen on; 0 = any free port' },
    { name: 'host', type: 'string', value: 'HOST', default: DEFAULT_HOST, help: 'interface to bind' },
    {
      name: 'server',
      type: 'string',
      value: 'URL',
      help: [
        `the organisation's server the sims pair with (e.g. http://${DEFAULT_HOST}:${DEFAULT_SERVE_PORT},`,
        "what 'authconf serve' prints); a QR code naming its own server wins",
      ],
    },
    {
      name: 'state',
      type: 'string',
      value: 'FILE',
      default: 'authconf-sims.json',
      help: [
        "where the apps keep their pairings between restarts (beside the server's authconf.sqlite);",
        ':memory: forgets them on exit. To start clean, remove BOTH this file and the server\'s store',
        '(or use :memory: for both): an app that forgot its pairing leaves the server pushing to a phone that is gone',
      ],
    },
    { name: 'deviate', type: 'string', value: 'NAME', multiple: true, help: "a mobile-sim or desktop-sim deviation (see 'authconf deviations')" },
  ],
  footer: 'Stops on Ctrl-C.',
};

export interface SimsServeArgs {
  port: number;
  host: string;
  server: string | undefined;
  /** The state file, or ':memory:'. */
  state: string;
  deviations: string[];
}

export function parseSimsArgs(argv: string[]): SimsServeArgs {
  const [sub, ...rest] = argv;
  if (sub !== 'serve') {
    throw new UsageError(sub === undefined ? "missing subcommand: 'authconf sims serve'" : `unknown subcommand '${sub}' (only 'serve').${didYouMean(sub, ['serve'])}`);
  }
  const { values } = parseOptions(spec, rest);
  const out: SimsServeArgs = { port: portOf(str(values, 'port'), DEFAULT_SIMS_PORT), host: str(values, 'host') ?? DEFAULT_HOST, server: undefined, state: str(values, 'state') ?? 'authconf-sims.json', deviations: [] };
  const url = str(values, 'server');
  if (url !== undefined) {
    if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--server takes an http(s) URL, not '${url}'`);
    out.server = url.replace(/\/+$/, '');
  }
  const simDeviations = Object.keys(deviations).filter((name) => isDeviationName(name) && deviations[name].side !== 'server');
  for (const name of list(values, 'deviate')) {
    if (!isDeviationName(name) || deviations[name].side === 'server') {
      throw new UsageError(`'${name}' is not a sim deviation; see 'authconf deviations'.${didYouMean(name, simDeviations)}`, 'UNKNOWN_DEVIATION');
    }
    out.deviations.push(name);
  }
  return out;
}

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseSimsArgs(argv);
    const { buildSimsWeb } = await import('../../sims/web/server.ts');
    const side = (name: string): string => (isDeviationName(name) ? deviations[name].side : '');
    const stateFile = args.state === ':memory:' ? undefined : args.state;
    let app: ReturnType<typeof buildSimsWeb>;
    try {
      app = buildSimsWeb({
        ...(stateFile ? { stateFile } : {}),
        ...(args.server ? { server: args.server } : {}),
        mobileDeviations: args.deviations.filter((d) => side(d) === 'mobile-sim') as never,
        desktopDeviations: args.deviations.filter((d) => side(d) === 'desktop-sim') as never,
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}; choose another file with --state, or --state :memory:`);
    }
    try {
      await app.listen({ port: args.port, host: args.host });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${args.port} is in use; choose another with --port`, 'PORT_IN_USE');
      throw error;
    }
    const address = app.server.address();
    const origin = typeof address === 'object' && address ? `http://${args.host}:${address.port}` : `http://${args.host}:${args.port}`;
    io.out(`authconf sims: mobile  ${origin}/mobile`);
    io.out(`authconf sims: desktop ${origin}/desktop`);
    io.out(args.server ? `authconf sims: pairing with ${args.server}` : "authconf sims: no --server given; only QR codes that name their server can pair");
    io.out(
      stateFile
        ? `authconf sims: apps keep their pairings in ${stateFile} (a restart is a relaunch); to start clean, stop both servers and remove it and the server's store`
        : "authconf sims: apps live in memory (--state :memory:); restart the server with --db :memory: too, or sign-on will push to a phone that is gone",
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await app.close();
    return 0;
  },
};

export default command;
