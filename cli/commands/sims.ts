/**
 * `authconf sims serve`: the simulated authenticators' web builds (sims/web), one page per sim
 * whose controls carry the testID contract's `data-testid`s, driving the same sim cores as the
 * embedded default. Point them at an organisation's server with --server (the reference server
 * from `authconf serve`, or a vendor's implementation of the device API).
 */
import { isDeviationName, deviations } from '../../models/deviations.ts';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: authconf sims serve [--port N] [--host HOST] [--server URL] [--state FILE|:memory:] [--deviate NAME ...]

Serves the web builds of the simulated authenticators:
  http://HOST:PORT/mobile    the mobile app (camera scan via getUserMedia + jsQR, or image upload)
  http://HOST:PORT/desktop   the desktop app (profiles, pairing key, PIN, OTP Copy/Refresh)

Options:
  --port N         port to listen on (default 4200; 0 = any free port)
  --host HOST      interface to bind (default 127.0.0.1)
  --server URL     the organisation's server the sims pair with (e.g. http://127.0.0.1:4100,
                   what 'authconf serve' prints); a QR code naming its own server wins
  --state FILE     where the apps keep their pairings between restarts (default authconf-sims.json,
                   beside the server's authconf.sqlite); :memory: forgets them on exit. To start
                   clean, remove BOTH this file and the server's store (or use :memory: for both):
                   an app that forgot its pairing leaves the server pushing to a phone that is gone
  --deviate NAME   a mobile-sim or desktop-sim deviation (see 'authconf deviations')

Stops on Ctrl-C.`;

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
  if (sub !== 'serve') throw new UsageError(sub === undefined ? 'missing subcommand: serve' : `unknown subcommand '${sub}' (only 'serve')`);
  const out: SimsServeArgs = { port: 4200, host: '127.0.0.1', server: undefined, state: 'authconf-sims.json', deviations: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes 0..65535');
      out.port = port;
    } else if (flag === '--host') out.host = value();
    else if (flag === '--state') out.state = value();
    else if (flag === '--server') {
      const url = value();
      if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--server takes an http(s) URL, not '${url}'`);
      out.server = url.replace(/\/+$/, '');
    } else if (flag === '--deviate') {
      const name = value();
      if (!isDeviationName(name) || deviations[name].side === 'server') {
        throw new UsageError(`'${name}' is not a sim deviation; see 'authconf deviations'`, 'UNKNOWN_DEVIATION');
      }
      out.deviations.push(name);
    } else throw new UsageError(`unknown option '${arg}'`);
  }
  return out;
}

const command: Command = {
  summary: 'Serve the web builds of the simulated mobile and desktop authenticators',
  usage,
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
