/**
 * One option table per command: `node:util` parseArgs reads the command line from it and the
 * `--help` text is generated from it, so the two cannot drift. Unknown options get a "did you
 * mean" from the table; a value outside an option's `choices` is refused with the choices.
 */
import { parseArgs } from 'node:util';
import { UsageError, type ErrorCode } from '../models/error-codes.ts';
import { didYouMean } from '../suites/runner/suggest.ts';

export interface OptionSpec {
  /** Long name without the dashes. */
  name: string;
  short?: string;
  /** `flag` takes no value. */
  type: 'string' | 'flag';
  /** Repeatable: the values collect in an array. */
  multiple?: boolean;
  /** The value's placeholder in the help (`N`, `NAME`, `DIR`). */
  value?: string;
  /** The default as the help shows it (parsing leaves the option undefined; the command applies it). */
  default?: string;
  /** Allowed values: the help lists them and anything else is refused with a suggestion. */
  choices?: readonly string[];
  /** The code of the UsageError for a value outside `choices` (default USAGE). */
  choiceCode?: ErrorCode;
  /** The command cannot run without it (the help says so; parsing refuses its absence). */
  required?: boolean;
  /** Help text; each string is a line. */
  help: string | readonly string[];
}

export interface CommandSpec {
  /** As typed after `authconf` (`run`, `sims serve`). */
  name: string;
  /** One line for `authconf --help`. */
  summary: string;
  /** The positional part of the usage line (`[NAME]`, `DIR...`). */
  positionals?: string;
  /** How many positionals at most (default 0). */
  maxPositionals?: number;
  /** Paragraph(s) after the usage line. */
  description?: string;
  options: readonly OptionSpec[];
  /** Paragraph(s) at the end (exit codes, examples). */
  footer?: string;
}

export type ParsedValues = Record<string, string | string[] | boolean | undefined>;

export interface Parsed {
  values: ParsedValues;
  positionals: string[];
}

const helpOption: OptionSpec = { name: 'help', short: 'h', type: 'flag', help: 'show this help' };

function allOptions(spec: CommandSpec): OptionSpec[] {
  return [...spec.options, helpOption];
}

function flagText(o: OptionSpec): string {
  const long = `--${o.name}${o.type === 'string' ? ` ${o.value ?? (o.choices ? o.choices.join('|') : 'VALUE')}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : `    ${long}`;
}

function helpLines(o: OptionSpec): string[] {
  const lines = typeof o.help === 'string' ? [o.help] : [...o.help];
  const extras = [
    o.required ? 'required' : '',
    o.choices && o.value ? `one of: ${o.choices.join(', ')}` : '',
    o.default !== undefined ? `default ${o.default}` : '',
    o.multiple ? 'repeatable' : '',
  ].filter(Boolean);
  if (extras.length) lines[0] = `${lines[0]} (${extras.join('; ')})`;
  return lines;
}

/** The `--help` text, generated from the table. */
export function usageOf(spec: CommandSpec): string {
  const options = allOptions(spec);
  const width = Math.max(...options.map((o) => flagText(o).length)) + 2;
  const out = [`Usage: authconf ${spec.name}${spec.positionals ? ` ${spec.positionals}` : ''} [options]`, '', spec.summary];
  if (spec.description) out.push('', spec.description);
  out.push('', 'Options:');
  for (const o of options) {
    const [first, ...rest] = helpLines(o);
    out.push(`  ${flagText(o).padEnd(width)}${first}`);
    for (const line of rest) out.push(`  ${''.padEnd(width)}${line}`);
  }
  if (spec.footer) out.push('', spec.footer);
  return out.join('\n');
}

/** The bracketed options of the command's synopsis (`[--plan mobile|desktop]`), for the README. */
export function synopsisParts(spec: CommandSpec): string[] {
  return spec.options.map((o) => {
    const choices = o.choices?.join('|');
    const value = o.type === 'string' ? ` ${choices && choices.length <= 40 ? choices : (o.value ?? 'VALUE')}` : '';
    const text = `--${o.name}${value}${o.multiple ? ' ...' : ''}`;
    return o.required ? text : `[${text}]`;
  });
}

/** The command's synopsis on one line. */
export function synopsisOf(spec: CommandSpec): string {
  return [`authconf ${spec.name}${spec.positionals ? ` ${spec.positionals}` : ''}`, ...synopsisParts(spec)].join(' ');
}

/** Parses argv by the table. Bad input is a UsageError (exit 2) that says what to do. */
export function parseOptions(spec: CommandSpec, argv: readonly string[]): Parsed {
  const options = allOptions(spec);
  const config = Object.fromEntries(
    options.map((o) => [o.name, { type: o.type === 'flag' ? ('boolean' as const) : ('string' as const), ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  // First pass, lenient: name every unknown option with the closest known one.
  const { tokens } = parseArgs({ args: [...argv], options: config, strict: false, allowPositionals: true, tokens: true });
  const known = options.map((o) => `--${o.name}`);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options.find((o) => o.name === token.name);
    if (!option) throw new UsageError(`unknown option '${token.rawName}'.${didYouMean(token.rawName, known)}`, 'USAGE');
    if (option.type === 'flag' && token.inlineValue) throw new UsageError(`${token.rawName} takes no value`, 'USAGE');
    if (option.type === 'string' && (token.value === undefined || token.value === '')) throw new UsageError(`${token.rawName} needs a value${option.value ? ` (${option.value})` : ''}`, 'USAGE');
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('. To specify')[0]!, 'USAGE');
  }
  const max = spec.maxPositionals ?? 0;
  if (parsed.positionals.length > max) {
    const extra = parsed.positionals[max]!;
    throw new UsageError(max === 0 ? `unexpected argument '${extra}'` : `too many arguments: '${extra}'`, 'USAGE');
  }
  for (const o of options) {
    if (o.required && parsed.values[o.name] === undefined) throw new UsageError(`give --${o.name}${o.value ? ` ${o.value}` : ''}: ${typeof o.help === 'string' ? o.help : o.help[0]}`, 'USAGE');
    if (!o.choices) continue;
    const raw = parsed.values[o.name];
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      if (typeof value === 'string' && !o.choices.includes(value)) {
        throw new UsageError(`--${o.name} takes ${o.choices.join(', ')}, not '${value}'.${didYouMean(value, o.choices)}`, o.choiceCode ?? 'USAGE');
      }
    }
  }
  return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
}

/** Typed readers for parsed values. */
export const str = (values: ParsedValues, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};
export const list = (values: ParsedValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};
export const flag = (values: ParsedValues, name: string): boolean => values[name] === true;

/** A port option's value: 0..65535. */
export function portOf(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port takes 0..65535, not '${text}'`, 'USAGE');
  return port;
}
