/**
 * The contract every `authconf` subcommand module fulfils. `cli/main.ts` loads a command
 * lazily, so a subcommand's dependencies (Fastify, Vitest, Puppeteer) load only when used.
 *
 * Exit codes (DESIGN.md "Command line"): 0 success, 1 conformance failure, 2 usage or setup
 * error. A command never throws for bad input: it prints a message that says what to do and
 * returns 2. Throw `UsageError` (models/error-codes.ts) for that; `main` turns it into the message and exit code 2.
 */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Colours for each stream (cli/color.ts); plain when absent. */
  outPalette?: Palette;
  errPalette?: Palette;
}

import type { Palette } from '../suites/runner/progress.ts';

export interface Command {
  /** One line for `authconf --help`. */
  summary: string;
  /** The full `authconf NAME --help` text. */
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** The harness's one usage error class lives beside the code registry. */
export { UsageError } from '../models/error-codes.ts';
