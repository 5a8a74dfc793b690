import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { parseRunArgs } from './run.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('authconf run arguments', () => {
  it('parses repeatable flags and both --flag value and --flag=value', () => {
    expect(parseRunArgs(['--plan', 'mobile', '--variant', 'pin=6', '--variant=location=required', '--seed=3', '--deviate', 'a', '--path', 'x/y/1'])).toEqual({
      plan: 'mobile', variants: ['pin=6', 'location=required'], seed: 3, deviations: ['a'], path: 'x/y/1',
    });
  });

  it.each([
    [['--plan', 'nope'], 'UNKNOWN_PLAN'],
    [['--variant', 'pin=5'], 'UNKNOWN_VARIANT'],
    [['--variant', 'colour=red'], 'UNKNOWN_VARIANT'],
    [['--deviate', 'nope'], 'UNKNOWN_DEVIATION'],
    [['--driver', 'selenium'], 'UNKNOWN_DRIVER'],
    [['--seed', 'x'], 'USAGE'],
    [['--frobnicate'], 'USAGE'],
  ])('%j exits 2 with %s', async (argv, code) => {
    const c = capture();
    expect(await main(['run', ...argv], c.io)).toBe(2);
    expect(c.err[0]).toContain(`[${code}]`);
  });
});
