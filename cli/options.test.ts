import { describe, expect, it } from 'vitest';
import { ansiPalette, colorEnabled, paletteFor } from './color.ts';
import { type CommandSpec, parseOptions, synopsisOf, usageOf } from './options.ts';
import { closest, editDistance } from '../suites/runner/suggest.ts';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'A demo command',
  positionals: '[NAME]',
  maxPositionals: 1,
  options: [
    { name: 'plan', type: 'string', value: 'NAME', choices: ['mobile', 'desktop'], choiceCode: 'UNKNOWN_PLAN', default: 'mobile', help: 'the plan' },
    { name: 'variant', type: 'string', value: 'KEY=VALUE', multiple: true, help: ['first line', 'second line'] },
    { name: 'test-control', type: 'flag', help: 'a switch' },
  ],
  footer: 'Exit codes: 0.',
};

describe('option tables: parsing and help from one table', () => {
  it('parses --flag value, --flag=value, repeatable options, flags and positionals', () => {
    expect(parseOptions(spec, ['x', '--plan', 'desktop', '--variant', 'a=1', '--variant=b=2', '--test-control'])).toEqual({
      values: { plan: 'desktop', variant: ['a=1', 'b=2'], 'test-control': true },
      positionals: ['x'],
    });
  });

  it.each([
    [['--plna', 'mobile'], "unknown option '--plna'. Did you mean '--plan'?", 'USAGE'],
    [['--variants', 'a=1'], "Did you mean '--variant'?", 'USAGE'],
    [['--plan', 'mobil'], "--plan takes mobile, desktop, not 'mobil'. Did you mean 'mobile'?", 'UNKNOWN_PLAN'],
    [['--plan'], '--plan needs a value (NAME)', 'USAGE'],
    [['--test-control=yes'], '--test-control takes no value', 'USAGE'],
    [['a', 'b'], "too many arguments: 'b'", 'USAGE'],
  ])('%j is refused: %s', (argv, message, code) => {
    expect(() => parseOptions(spec, argv)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
  });

  it('generates the help from the same table: every option, its value, choices, default, repeatable', () => {
    const usage = usageOf(spec);
    expect(usage).toMatch(/^Usage: authconf demo \[NAME\] \[options\]\n\nA demo command\n/);
    expect(usage).toContain('--plan NAME');
    expect(usage).toContain('the plan (one of: mobile, desktop; default mobile)');
    expect(usage).toContain('first line (repeatable)\n');
    expect(usage).toContain('second line');
    expect(usage).toContain('--test-control');
    expect(usage).toContain('-h, --help');
    expect(usage.endsWith('Exit codes: 0.')).toBe(true);
    expect(synopsisOf(spec)).toBe('authconf demo [NAME] [--plan mobile|desktop] [--variant KEY=VALUE ...] [--test-control]');
  });
});

describe('did you mean', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('plna', 'plan')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('deviatoins', ['deviations', 'requirements'])).toBe('deviations');
    expect(closest('zzzzzz', ['deviations', 'requirements'])).toBeUndefined();
    expect(closest('5', ['4', '6'])).toBeUndefined();
  });
});

describe('colour', () => {
  it('on a TTY only, off with NO_COLOR, forced with FORCE_COLOR', () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(undefined, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
    expect(paletteFor(false, { FORCE_COLOR: '1' }).fail('x')).toBe('\u001b[31mx\u001b[39m');
    expect(paletteFor(true, { NO_COLOR: '1' }).fail('x')).toBe('x');
    expect(ansiPalette.pass('ok')).toBe('\u001b[32mok\u001b[39m');
  });
});

describe('required options', () => {
  const withRequired: CommandSpec = { name: 'x', summary: 'x', options: [{ name: 'out', type: 'string', value: 'DIR', required: true, help: 'where to write' }] };
  it('are marked in the help and the synopsis, and refused when missing', () => {
    expect(usageOf(withRequired)).toContain('where to write (required)');
    expect(synopsisOf(withRequired)).toBe('authconf x --out DIR');
    expect(() => parseOptions(withRequired, [])).toThrow(expect.objectContaining({ code: 'USAGE', message: 'give --out DIR: where to write' }));
    expect(parseOptions(withRequired, ['--out', 'd']).values.out).toBe('d');
  });
});
