/**
 * Colour on a terminal, without a dependency. Off when NO_COLOR is set (any non-empty value,
 * https://no-color.org), on when FORCE_COLOR is set to anything but `0`/`false`, else on only
 * when the stream is a TTY. The palette shape is `suites/runner/progress.ts`'s `Palette`.
 */
import type { Palette } from '../suites/runner/progress.ts';
import { plainPalette } from '../suites/runner/progress.ts';

export function colorEnabled(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  return isTTY === true;
}

const sgr = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;

export const ansiPalette: Palette = {
  pass: sgr(32, 39),
  fail: sgr(31, 39),
  skip: sgr(33, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

export function paletteFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): Palette {
  return colorEnabled(isTTY, env) ? ansiPalette : plainPalette;
}
