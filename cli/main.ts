import type { Command, Io } from './command.ts';
import { UsageError } from './command.ts';

/** Subcommands, loaded on demand. Each module's default export is a `Command`. */
const commands: Record<string, () => Promise<{ default: Command }>> = {
  run: () => import('./commands/run.ts'),
  serve: () => import('./commands/serve.ts'),
  models: () => import('./commands/models.ts'),
  requirements: () => import('./commands/requirements.ts'),
  deviations: () => import('./commands/deviations.ts'),
  report: () => import('./commands/report.ts'),
  sims: () => import('./commands/sims.ts'),
  detox: () => import('./commands/detox.ts'),
};

const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function load(name: string): Promise<Command | undefined> {
  const loader = commands[name];
  if (!loader) return undefined;
  try {
    return (await loader()).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

async function help(io: Io): Promise<void> {
  io.out('authconf: conformance harness for authenticator pairing and MFA flows\n');
  io.out('Usage: authconf <command> [options]   (authconf <command> --help for details)\n');
  io.out('Commands:');
  for (const name of Object.keys(commands)) {
    const command = await load(name);
    if (command) io.out(`  ${name.padEnd(14)}${command.summary}`);
  }
}

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await help(io);
    return name === undefined ? 2 : 0;
  }
  const command = await load(name);
  if (!command) {
    io.err(`authconf: unknown command '${name}'. Run 'authconf --help' for the list.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`authconf ${name}: ${error.message} [${error.code}]`);
      io.err(`Run 'authconf ${name} --help' for usage.`);
      return 2;
    }
    throw error;
  }
}
