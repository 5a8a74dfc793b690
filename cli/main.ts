import { readFileSync } from 'node:fs';
import { didYouMean } from '../suites/runner/suggest.ts';
import { paletteFor } from './color.ts';
import type { Command, Io } from './command.ts';
import { UsageError } from './command.ts';

/** Subcommands, loaded on demand. Each module's default export is a `Command`. */
export const commands: Record<string, () => Promise<{ default: Command }>> = {
  run: () => import('./commands/run.ts'),
  merge: () => import('./commands/merge.ts'),
  baseline: () => import('./commands/baseline.ts'),
  serve: () => import('./commands/serve.ts'),
  sims: () => import('./commands/sims.ts'),
  models: () => import('./commands/models.ts'),
  requirements: () => import('./commands/requirements.ts'),
  deviations: () => import('./commands/deviations.ts'),
  report: () => import('./commands/report.ts'),
  detox: () => import('./commands/detox.ts'),
};

/** package.json's version (`authconf --version`). */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  outPalette: paletteFor(process.stdout.isTTY),
  errPalette: paletteFor(process.stderr.isTTY),
};

async function load(name: string): Promise<Command | undefined> {
  const loader = Object.hasOwn(commands, name) ? commands[name] : undefined;
  return loader ? (await loader()).default : undefined;
}

async function help(io: Io): Promise<void> {
  io.out('authconf: conformance harness for authenticator pairing and MFA flows\n');
  io.out('Usage: authconf <command> [options]   (authconf <command> --help, or authconf help <command>, for details)\n');
  io.out('Commands:');
  for (const name of Object.keys(commands)) {
    const command = await load(name);
    if (command) io.out(`  ${name.padEnd(14)}${command.summary}`);
  }
  io.out('\nOptions:\n  -h, --help     this help\n  -V, --version  the version');
}

/** Codes whose fix is on the command line itself: the message ends by pointing at --help. */
const commandLineCodes = new Set(['USAGE']);

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined) return main([rest[0], '--help'], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await help(io);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.out(version());
    return 0;
  }
  const command = await load(name);
  if (!command) {
    const what = name.startsWith('-') ? 'option' : 'command';
    io.err(`authconf: unknown ${what} '${name}'.${didYouMean(name, name.startsWith('-') ? ['--help', '--version'] : Object.keys(commands))} Run 'authconf --help' for the list. [USAGE]`);
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
      if (commandLineCodes.has(error.code)) io.err(`Run 'authconf ${name} --help' for usage.`);
      return 2;
    }
    throw error;
  }
}
