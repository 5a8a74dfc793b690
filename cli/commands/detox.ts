/**
 * `authconf detox init`: writes the Detox configuration and Jest config that let Detox drive a
 * native build for authconf (suites/drivers/detox/init.ts).
 */
import { relative } from 'node:path';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';
import { type CommandSpec, flag, parseOptions, str, usageOf } from '../options.ts';

export const spec: CommandSpec = {
  name: 'detox',
  summary: 'Write a Detox configuration for running plans on a native build',
  positionals: 'init',
  maxPositionals: 1,
  description: [
    'Writes DIR/.detoxrc.cjs (configurations android.emu, android.attached, ios.sim,',
    "android.genycloud, and web: authconf's Chromium-backed device) and DIR/e2e/jest.config.cjs,",
    'the Jest config Detox runs. Existing files are kept unless --force.',
  ].join('\n'),
  options: [
    { name: 'dir', type: 'string', value: 'DIR', default: 'the current directory', help: 'where to write the files' },
    { name: 'force', type: 'flag', help: 'overwrite existing files' },
  ],
};

const command: Command = {
  summary: spec.summary,
  usage: usageOf(spec),
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseOptions(spec, argv);
    if (positionals[0] !== 'init') {
      throw new UsageError(positionals[0] ? `unknown detox subcommand '${positionals[0]}'; the one subcommand is 'init'` : "missing subcommand: 'authconf detox init'");
    }
    const { detoxInit } = await import('../../suites/drivers/detox/init.ts');
    const { written } = detoxInit(str(values, 'dir') ?? process.cwd(), flag(values, 'force'));
    for (const file of written) io.out(`wrote ${relative(process.cwd(), file) || file}`);
    io.out("next: set your app's binaryPath and build in .detoxrc.cjs and build it (npx detox build -c android.emu); see README 'Native builds (Detox)'");
    return 0;
  },
};

export default command;
