/**
 * `authconf detox init`: writes the Detox configuration and Jest config that let
 * `authconf run --driver detox -c CONFIG` drive a native build (suites/drivers/detox/init.ts).
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: authconf detox init [--dir DIR] [--force]

Writes DIR/.detoxrc.cjs (configurations android.emu, android.attached, ios.sim,
android.genycloud, and web: authconf's Chromium-backed device) and DIR/e2e/jest.config.cjs,
the Jest config Detox runs. DIR defaults to the current directory; existing files are kept
unless --force. Then fill in your app's build paths and see README "Native builds (Detox)".`;

const command: Command = {
  summary: 'Write a Detox configuration for running plans on a native build',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { dir: { type: 'string' }, force: { type: 'boolean' } } });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const [sub, ...extra] = parsed.positionals;
    if (sub !== 'init' || extra.length) throw new UsageError(sub ? `unknown detox subcommand '${[sub, ...extra].join(' ')}'; the one subcommand is 'init'` : "missing subcommand: 'authconf detox init'");
    const { detoxInit } = await import('../../suites/drivers/detox/init.ts');
    const { written } = detoxInit(parsed.values.dir ?? process.cwd(), parsed.values.force ?? false);
    for (const file of written) io.out(`wrote ${relative(process.cwd(), file) || file}`);
    io.out("next: set your app's binaryPath/build in .detoxrc.cjs, build it (npx detox build -c android.emu), then 'authconf run --driver detox -c android.emu'");
    return 0;
  },
};

export default command;
